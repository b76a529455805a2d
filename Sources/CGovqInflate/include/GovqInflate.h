// zlib's inflate in one call, for the one zip entry GovqDOCX reads by hand (`ZipEntry`):
// a `.docx`'s `word/document.xml` inflated straight into one buffer of its declared size.
#ifndef GOVQ_INFLATE_H
#define GOVQ_INFLATE_H
#include <stddef.h>
#include <stdint.h>

/// Inflates the raw deflate stream (no zlib or gzip wrapper: windowBits -15, as a zip entry's
/// method 8) at `in` into `out` in one call. Returns how many bytes it wrote when the stream
/// ends within the `inCount` bytes given and fits the `outCapacity` bytes of `out`, and sets
/// `*inUsed` to the bytes of the stream; -1 when it does not (damaged, cut short, longer than
/// `out`, or either size past 4 GB).
int64_t govq_inflate_raw(const uint8_t *in, size_t inCount, uint8_t *out, size_t outCapacity, size_t *inUsed);
#endif
