// The markup readers' whole-buffer check before a one-pass read (MarkupBytes.hasOnlyPlainCharacters):
// no control byte but tab, line feed and carriage return, and no U+FFFE or U+FFFF (EF BF BE/BF),
// the characters libxml2 refuses wherever they stand. Sixteen bytes at a time with SSE2 (every
// x86-64 has it): a block with neither a byte under 0x20 nor an 0xEF is passed at once.
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
    const __m128i below = _mm_set1_epi8(0x1F), ef = _mm_set1_epi8((char)0xEF);
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, below), x);
        if (_mm_movemask_epi8(_mm_or_si128(control, _mm_cmpeq_epi8(x, ef))) != 0 && !plain_scalar(p, i, i + 16, n)) return 0;
    }
#endif
    return plain_scalar(p, i, n, n);
}
