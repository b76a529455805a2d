// Column sums a block at a time: the block's sum of every column is formed in 32-bit lanes held
// in L1 (a 16-bit count times at most 2^16 columns cannot carry out of them), then added to the
// 64-bit totals once, so each total is read and written once per block, not once per column.
#include "GovqScan.h"
#include "GovqCPU.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GOVQ_HAVE_AVX2_PATH 1
#endif

enum { BLOCK = 512 };

#define PLAIN(name, T)                                                                  \
    void name(int64_t *v, const T *const *cols, size_t n, size_t from, size_t len) {                 \
        uint32_t acc[BLOCK];                                                            \
        for (size_t lo = 0; lo < len; lo += BLOCK) {                                    \
            size_t m = len - lo < BLOCK ? len - lo : BLOCK;                             \
            for (size_t i = 0; i < m; i++) acc[i] = 0;                                  \
            for (size_t c = 0; c < n; c++) {                                            \
                const T *p = cols[c] + from + lo;                                              \
                for (size_t i = 0; i < m; i++) acc[i] += p[i];                          \
            }                                                                           \
            for (size_t i = 0; i < m; i++) v[lo + i] += acc[i];                         \
        }                                                                               \
    }
PLAIN(govq_add_columns_u8_scalar, uint8_t)
PLAIN(govq_add_columns_u16_scalar, uint16_t)

#ifdef GOVQ_HAVE_AVX2_PATH
// acc's 32-bit lanes widened to 64 bits and added to v[0..<m] (m a multiple of 8; the rest plainly).
__attribute__((target("avx2"))) static void flush_avx2(int64_t *v, const uint32_t *acc, size_t m) {
    size_t i = 0;
    for (; i + 8 <= m; i += 8) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(acc + i));
        __m256i lo = _mm256_cvtepu32_epi64(_mm256_castsi256_si128(a));
        __m256i hi = _mm256_cvtepu32_epi64(_mm256_extracti128_si256(a, 1));
        _mm256_storeu_si256((__m256i *)(v + i), _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(v + i)), lo));
        _mm256_storeu_si256((__m256i *)(v + i + 4), _mm256_add_epi64(_mm256_loadu_si256((const __m256i *)(v + i + 4)), hi));
    }
    for (; i < m; i++) v[i] += acc[i];
}

__attribute__((target("avx2"))) static void u16_avx2(int64_t *v, const uint16_t *const *cols, size_t n, size_t from, size_t len) {
    uint32_t acc[BLOCK] __attribute__((aligned(32)));
    for (size_t lo = 0; lo < len; lo += BLOCK) {
        size_t m = len - lo < BLOCK ? len - lo : BLOCK, whole = m & ~(size_t)15;
        for (size_t i = 0; i < m; i++) acc[i] = 0;
        for (size_t c = 0; c < n; c++) {
            const uint16_t *p = cols[c] + from + lo;
            size_t i = 0;
            for (; i < whole; i += 16) {
                __m256i x = _mm256_loadu_si256((const __m256i *)(p + i));
                __m256i a0 = _mm256_load_si256((const __m256i *)(acc + i));
                __m256i a1 = _mm256_load_si256((const __m256i *)(acc + i + 8));
                a0 = _mm256_add_epi32(a0, _mm256_cvtepu16_epi32(_mm256_castsi256_si128(x)));
                a1 = _mm256_add_epi32(a1, _mm256_cvtepu16_epi32(_mm256_extracti128_si256(x, 1)));
                _mm256_store_si256((__m256i *)(acc + i), a0);
                _mm256_store_si256((__m256i *)(acc + i + 8), a1);
            }
            for (; i < m; i++) acc[i] += p[i];
        }
        flush_avx2(v + lo, acc, m);
    }
}

__attribute__((target("avx2"))) static void u8_avx2(int64_t *v, const uint8_t *const *cols, size_t n, size_t from, size_t len) {
    uint32_t acc[BLOCK] __attribute__((aligned(32)));
    for (size_t lo = 0; lo < len; lo += BLOCK) {
        size_t m = len - lo < BLOCK ? len - lo : BLOCK, whole = m & ~(size_t)15;
        for (size_t i = 0; i < m; i++) acc[i] = 0;
        for (size_t c = 0; c < n; c++) {
            const uint8_t *p = cols[c] + from + lo;
            size_t i = 0;
            for (; i < whole; i += 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
                __m256i a0 = _mm256_load_si256((const __m256i *)(acc + i));
                __m256i a1 = _mm256_load_si256((const __m256i *)(acc + i + 8));
                a0 = _mm256_add_epi32(a0, _mm256_cvtepu8_epi32(x));
                a1 = _mm256_add_epi32(a1, _mm256_cvtepu8_epi32(_mm_srli_si128(x, 8)));
                _mm256_store_si256((__m256i *)(acc + i), a0);
                _mm256_store_si256((__m256i *)(acc + i + 8), a1);
            }
            for (; i < m; i++) acc[i] += p[i];
        }
        flush_avx2(v + lo, acc, m);
    }
}

#endif

void govq_add_columns_u8(int64_t *v, const uint8_t *const *cols, size_t n, size_t from, size_t len) {
#ifdef GOVQ_HAVE_AVX2_PATH
    if (govq_cpu_has_avx2()) { u8_avx2(v, cols, n, from, len); return; }
#endif
    govq_add_columns_u8_scalar(v, cols, n, from, len);
}

void govq_add_columns_u16(int64_t *v, const uint16_t *const *cols, size_t n, size_t from, size_t len) {
#ifdef GOVQ_HAVE_AVX2_PATH
    if (govq_cpu_has_avx2()) { u16_avx2(v, cols, n, from, len); return; }
#endif
    govq_add_columns_u16_scalar(v, cols, n, from, len);
}

// Blocks summed in 32-bit lanes (no carry out: 2^16 counts of 16 bits fit), then widened once,
// so that the baseline target's vector adds stay 32 bits wide.
#define TOTAL(name, T)                                                                  \
    static int64_t name(const T *p, size_t len) {                                       \
        uint64_t total = 0;                                                             \
        for (size_t lo = 0; lo < len; lo += 65536) {                                    \
            size_t m = len - lo < 65536 ? len - lo : 65536;                             \
            uint32_t block = 0;                                                         \
            for (size_t i = 0; i < m; i++) block += p[lo + i];                          \
            total += block;                                                             \
        }                                                                               \
        return (int64_t)total;                                                          \
    }
TOTAL(total_u8_plain, uint8_t)
TOTAL(total_u16_plain, uint16_t)

static int64_t total_i32_plain(const int32_t *p, size_t len) {
    int64_t total = 0;
    for (size_t i = 0; i < len; i++) total += p[i];
    return total;
}

#ifdef GOVQ_HAVE_AVX2_PATH
__attribute__((target("avx2"))) static int64_t lanes_sum(__m256i x) {
    int64_t l[4];
    _mm256_storeu_si256((__m256i *)l, x);
    return l[0] + l[1] + l[2] + l[3];
}

// 32 bytes a step: each 8 bytes summed into a 64-bit lane by `vpsadbw` against zero.
__attribute__((target("avx2"))) static int64_t total_u8_avx2(const uint8_t *p, size_t len) {
    __m256i acc = _mm256_setzero_si256(), zero = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= len; i += 32) acc = _mm256_add_epi64(acc, _mm256_sad_epu8(_mm256_loadu_si256((const __m256i *)(p + i)), zero));
    return lanes_sum(acc) + total_u8_plain(p + i, len - i);
}

// 16 counts a step, widened to 32-bit lanes; the lanes widened to 64 bits every 2^15 steps.
__attribute__((target("avx2"))) static int64_t total_u16_avx2(const uint16_t *p, size_t len) {
    __m256i wide = _mm256_setzero_si256();
    size_t i = 0;
    while (i + 16 <= len) {
        __m256i acc = _mm256_setzero_si256();
        size_t end = len - i > (size_t)16 << 15 ? i + ((size_t)16 << 15) : len;
        for (; i + 16 <= end; i += 16) {
            __m256i x = _mm256_loadu_si256((const __m256i *)(p + i));
            acc = _mm256_add_epi32(acc, _mm256_cvtepu16_epi32(_mm256_castsi256_si128(x)));
            acc = _mm256_add_epi32(acc, _mm256_cvtepu16_epi32(_mm256_extracti128_si256(x, 1)));
        }
        wide = _mm256_add_epi64(wide, _mm256_cvtepu32_epi64(_mm256_castsi256_si128(acc)));
        wide = _mm256_add_epi64(wide, _mm256_cvtepu32_epi64(_mm256_extracti128_si256(acc, 1)));
    }
    return lanes_sum(wide) + total_u16_plain(p + i, len - i);
}

// 8 counts a step, sign-extended to 64-bit lanes.
__attribute__((target("avx2"))) static int64_t total_i32_avx2(const int32_t *p, size_t len) {
    __m256i a = _mm256_setzero_si256(), b = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(p + i));
        a = _mm256_add_epi64(a, _mm256_cvtepi32_epi64(_mm256_castsi256_si128(x)));
        b = _mm256_add_epi64(b, _mm256_cvtepi32_epi64(_mm256_extracti128_si256(x, 1)));
    }
    return lanes_sum(_mm256_add_epi64(a, b)) + total_i32_plain(p + i, len - i);
}
#endif

int64_t govq_total_u8(const uint8_t *p, size_t from, size_t len) {
#ifdef GOVQ_HAVE_AVX2_PATH
    if (govq_cpu_has_avx2()) return total_u8_avx2(p + from, len);
#endif
    return total_u8_plain(p + from, len);
}

int64_t govq_total_u16(const uint16_t *p, size_t from, size_t len) {
#ifdef GOVQ_HAVE_AVX2_PATH
    if (govq_cpu_has_avx2()) return total_u16_avx2(p + from, len);
#endif
    return total_u16_plain(p + from, len);
}

int64_t govq_total_i32(const int32_t *p, size_t from, size_t len) {
#ifdef GOVQ_HAVE_AVX2_PATH
    if (govq_cpu_has_avx2()) return total_i32_avx2(p + from, len);
#endif
    return total_i32_plain(p + from, len);
}

int64_t govq_total_u8_plain(const uint8_t *p, size_t from, size_t len) { return total_u8_plain(p + from, len); }
int64_t govq_total_u16_plain(const uint16_t *p, size_t from, size_t len) { return total_u16_plain(p + from, len); }
int64_t govq_total_i32_plain(const int32_t *p, size_t from, size_t len) { return total_i32_plain(p + from, len); }
