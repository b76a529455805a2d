// The markup readers' whole-buffer check before a one-pass read (MarkupBytes.hasOnlyPlainCharacters):
// no control byte but tab, line feed and carriage return, and no U+FFFE or U+FFFF (EF BF BE/BF),
// the characters libxml2 refuses wherever they stand. Sixteen bytes at a time with SSE2 (every
// x86-64 has it), both tests exact in the vector (the bytes one and two further on loaded beside
// each block): Chinese text's punctuation (EF BC xx) no longer sends a block to the byte loop.
#include <stddef.h>
#include <stdint.h>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif

static int plain_scalar(const uint8_t *p, size_t from, size_t to, size_t n) {
    for (size_t k = from; k < to; k++) {
        uint8_t c = p[k];
        if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) return 0;
        if (c == 0xEF && k + 2 < n && p[k + 1] == 0xBF && (p[k + 2] == 0xBE || p[k + 2] == 0xBF)) return 0;
    }
    return 1;
}

int govq_plain_characters(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__x86_64__)
    const __m128i below = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8(0x09), lf = _mm_set1_epi8(0x0A), cr = _mm_set1_epi8(0x0D);
    const __m128i ef = _mm_set1_epi8((char)0xEF), bf = _mm_set1_epi8((char)0xBF), one = _mm_set1_epi8(1);
    for (; i + 18 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i y = _mm_loadu_si128((const __m128i *)(p + i + 1));
        __m128i z = _mm_loadu_si128((const __m128i *)(p + i + 2));
        __m128i blanks = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, lf)), _mm_cmpeq_epi8(x, cr));
        __m128i control = _mm_andnot_si128(blanks, _mm_cmpeq_epi8(_mm_min_epu8(x, below), x));
        // EF BF BE or EF BF BF starting at a byte of the block (BE | 1 == BF).
        __m128i nonchar = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(x, ef), _mm_cmpeq_epi8(y, bf)), _mm_cmpeq_epi8(_mm_or_si128(z, one), bf));
        if (_mm_movemask_epi8(_mm_or_si128(control, nonchar)) != 0) return 0;
    }
#endif
    return plain_scalar(p, i, n, n);
}
