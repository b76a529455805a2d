// The markup readers' whole-buffer check before a one-pass read (MarkupBytes.hasOnlyPlainCharacters):
// no control byte but tab, line feed and carriage return, and no U+FFFE or U+FFFF (EF BF BE/BF),
// the characters libxml2 refuses wherever they stand. With SSE2 (every x86-64 has it): 32 bytes
// a step pass when none is under 0x20 or 0xEF; a block that has one is checked exactly in the
// vector (the bytes one and two further on loaded beside it), not byte by byte: Chinese text's
// punctuation (EF BC xx) and line ends are common. Twice as wide with AVX2 where the CPU has it.
#include <stddef.h>
#include <stdint.h>
#include "GovqCPU.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

static int plain_scalar(const uint8_t *p, size_t from, size_t to, size_t n) {
    for (size_t k = from; k < to; k++) {
        uint8_t c = p[k];
        if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) return 0;
        if (c == 0xEF && k + 2 < n && p[k + 1] == 0xBF && (p[k + 2] == 0xBE || p[k + 2] == 0xBF)) return 0;
    }
    return 1;
}

#if defined(__x86_64__)
/// Whether the 16 bytes at `q` hold a control but tab, LF and CR, or start EF BF BE or EF BF BF
/// (the two bytes after them read too: 18 bytes must be there).
static int block_refused(const uint8_t *q) {
    const __m128i below = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8(0x09), lf = _mm_set1_epi8(0x0A), cr = _mm_set1_epi8(0x0D);
    const __m128i ef = _mm_set1_epi8((char)0xEF), bf = _mm_set1_epi8((char)0xBF), one = _mm_set1_epi8(1);
    __m128i x = _mm_loadu_si128((const __m128i *)q);
    __m128i y = _mm_loadu_si128((const __m128i *)(q + 1));
    __m128i z = _mm_loadu_si128((const __m128i *)(q + 2));
    __m128i blanks = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, lf)), _mm_cmpeq_epi8(x, cr));
    __m128i control = _mm_andnot_si128(blanks, _mm_cmpeq_epi8(_mm_min_epu8(x, below), x));
    // EF BF BE or EF BF BF starting at a byte of the block (BE | 1 == BF).
    __m128i nonchar = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(x, ef), _mm_cmpeq_epi8(y, bf)), _mm_cmpeq_epi8(_mm_or_si128(z, one), bf));
    return _mm_movemask_epi8(_mm_or_si128(control, nonchar)) != 0;
}

/// Whether the 16 bytes at `q` hold a byte under 0x20 or an 0xEF: the first, cheap test.
static inline __m128i suspect(const uint8_t *q) {
    const __m128i below = _mm_set1_epi8(0x1F), ef = _mm_set1_epi8((char)0xEF);
    __m128i x = _mm_loadu_si128((const __m128i *)q);
    return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, below), x), _mm_cmpeq_epi8(x, ef));
}
#endif

int govq_plain_characters_sse2(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__x86_64__)
    // 32 bytes a step past the cheap test; a suspect pair of blocks gets the exact one.
    for (; i + 34 <= n; i += 32) {
        if (_mm_movemask_epi8(_mm_or_si128(suspect(p + i), suspect(p + i + 16))) != 0 && (block_refused(p + i) || block_refused(p + i + 16))) return 0;
    }
    for (; i + 18 <= n; i += 16) {
        if (block_refused(p + i)) return 0;
    }
#endif
    return plain_scalar(p, i, n, n);
}

#if defined(__x86_64__)
/// The same tests 32 bytes wide (AVX2): 64 bytes a step past the cheap one, a suspect pair of
/// blocks checked exactly; what is left to the SSE2 path.
__attribute__((target("avx2"))) static int plain_avx2(const uint8_t *p, size_t n) {
    const __m256i below = _mm256_set1_epi8(0x1F), ef = _mm256_set1_epi8((char)0xEF), bf = _mm256_set1_epi8((char)0xBF), one = _mm256_set1_epi8(1);
    const __m256i tab = _mm256_set1_epi8(0x09), lf = _mm256_set1_epi8(0x0A), cr = _mm256_set1_epi8(0x0D);
    size_t i = 0;
    for (; i + 66 <= n; i += 64) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(p + i)), b = _mm256_loadu_si256((const __m256i *)(p + i + 32));
        __m256i s = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(a, below), a), _mm256_cmpeq_epi8(a, ef)),
                                    _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(b, below), b), _mm256_cmpeq_epi8(b, ef)));
        if (_mm256_movemask_epi8(s) == 0) continue;
        for (size_t k = i; k < i + 64; k += 32) {
            __m256i x = _mm256_loadu_si256((const __m256i *)(p + k));
            __m256i y = _mm256_loadu_si256((const __m256i *)(p + k + 1));
            __m256i z = _mm256_loadu_si256((const __m256i *)(p + k + 2));
            __m256i blanks = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, tab), _mm256_cmpeq_epi8(x, lf)), _mm256_cmpeq_epi8(x, cr));
            __m256i control = _mm256_andnot_si256(blanks, _mm256_cmpeq_epi8(_mm256_min_epu8(x, below), x));
            __m256i nonchar = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(x, ef), _mm256_cmpeq_epi8(y, bf)), _mm256_cmpeq_epi8(_mm256_or_si256(z, one), bf));
            if (_mm256_movemask_epi8(_mm256_or_si256(control, nonchar)) != 0) return 0;
        }
    }
    return govq_plain_characters_sse2(p + i, n - i);
}

#endif

int govq_plain_characters(const uint8_t *p, size_t n) {
#if defined(__x86_64__)
    // The CPU's features as the runtime's start-up found them (a word read, no CPUID a call).
    if (n >= 66 && govq_cpu_has_avx2()) return plain_avx2(p, n);
#endif
    return govq_plain_characters_sse2(p, n);
}
