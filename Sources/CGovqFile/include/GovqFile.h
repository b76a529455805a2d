// File calls Swift's Glibc module does not import (they need _GNU_SOURCE).
#ifndef GOVQ_FILE_H
#define GOVQ_FILE_H
#include <stdint.h>
/// Starts writing back the dirty pages of `fd` in [offset, offset + length) without waiting
/// for them (sync_file_range with SYNC_FILE_RANGE_WRITE): a snapshot written in pieces is
/// mostly on disk by the time its fsync waits. 0, or -1 with errno set.
int govq_start_writeback(int fd, int64_t offset, int64_t length);
#endif
