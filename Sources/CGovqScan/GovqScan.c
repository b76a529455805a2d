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
