// The executor's column kernels: sums of many narrow count columns, 32 bytes a step where the
// CPU has AVX2 (chosen at run time), with a plain C path everywhere else. Swift's own loops are
// built for the baseline x86-64 target (SSE2), where widening to 64 bits costs more than the add.
#ifndef GOVQ_SCAN_H
#define GOVQ_SCAN_H
#include <stddef.h>
#include <stdint.h>

/// `v[i] += cols[0][from + i] + … + cols[n-1][from + i]` for `i < len`: `n` columns of 8-bit counts.
void govq_add_columns_u8(int64_t *v, const uint8_t *const *cols, size_t n, size_t from, size_t len);

/// The same for 16-bit counts.
void govq_add_columns_u16(int64_t *v, const uint16_t *const *cols, size_t n, size_t from, size_t len);

/// The plain paths only (what the vector paths are tested against).
void govq_add_columns_u8_scalar(int64_t *v, const uint8_t *const *cols, size_t n, size_t from, size_t len);
void govq_add_columns_u16_scalar(int64_t *v, const uint16_t *const *cols, size_t n, size_t from, size_t len);
/// `p[from] + … + p[from + len - 1]`: a column's total over a range, for a sum with no groups
/// (`sum new by applicant`), which needs no per-report values.
int64_t govq_total_u8(const uint8_t *p, size_t from, size_t len);
int64_t govq_total_u16(const uint16_t *p, size_t from, size_t len);
int64_t govq_total_i32(const int32_t *p, size_t from, size_t len);
/// The plain paths only.
int64_t govq_total_u8_plain(const uint8_t *p, size_t from, size_t len);
int64_t govq_total_u16_plain(const uint16_t *p, size_t from, size_t len);
int64_t govq_total_i32_plain(const int32_t *p, size_t from, size_t len);
#endif
