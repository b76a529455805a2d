// UTF-8 validation 32 bytes a step: the lookup method of Keiser and Lemire ("Validating
// UTF-8 in less than one instruction per byte", 2021), as simdjson and simdutf use it. Each
// byte is classified by its high nibble, its predecessor's high and low nibbles, three
// 16-entry tables whose AND is nonzero exactly where a two-byte pattern is illegal; the
// third and fourth bytes of a sequence are checked by where a lead stood two or three bytes
// back. The last bytes (a sequence the vector part leaves unfinished) go to the plain path.
#include "GovqText.h"
#include "GovqCPU.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GOVQ_HAVE_AVX2_PATH 1
#endif

// The plain path: a sequence at a time (the reference the vector path is tested against).
int govq_utf8_valid_scalar(const uint8_t *b, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t c = b[i];
        if (c < 0x80) { i++; continue; }
        size_t len;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if ((c & 0xF0) == 0xE0) len = 3;
        else if (c >= 0xF0 && c <= 0xF4) len = 4;
        else return 0;
        if (n - i < len) return 0;
        for (size_t k = 1; k < len; k++) if ((b[i + k] & 0xC0) != 0x80) return 0;
        uint8_t d = b[i + 1];
        if (len == 3 && ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0))) return 0;
        if (len == 4 && ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90))) return 0;
        i += len;
    }
    return 1;
}

#ifdef GOVQ_HAVE_AVX2_PATH
// Error bits of a (previous byte, byte) pair; see the paper's table 8.
#define TOO_SHORT (1 << 0)
#define TOO_LONG (1 << 1)
#define OVERLONG_3 (1 << 2)
#define TOO_LARGE (1 << 3)
#define SURROGATE (1 << 4)
#define OVERLONG_2 (1 << 5)
#define TOO_LARGE_1000 (1 << 6)
#define OVERLONG_4 (1 << 6)
#define TWO_CONTS (1 << 7)
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

// Each 16-entry table twice (AVX2 shuffles within each 128-bit half); bytes as `char`.
#define C(x) ((char)(unsigned char)(x))
#define TABLE16(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
    _mm256_setr_epi8(C(a), C(b), C(c), C(d), C(e), C(f), C(g), C(h), C(i), C(j), C(k), C(l), C(m), C(n), C(o), C(p), \
                     C(a), C(b), C(c), C(d), C(e), C(f), C(g), C(h), C(i), C(j), C(k), C(l), C(m), C(n), C(o), C(p))

// `input` shifted by `n` bytes across the 32-byte boundary, the bytes before it from `prev`.
#define PREV(input, prev, n) _mm256_alignr_epi8((input), _mm256_permute2x128_si256((prev), (input), 0x21), 16 - (n))

__attribute__((target("avx2"))) static int valid_avx2(const uint8_t *b, size_t n) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i byte1High = TABLE16(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m256i byte1Low = TABLE16(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,
        CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000);
    const __m256i byte2High = TABLE16(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    // A lead E0–EF two bytes back or F0–F7 three back: this byte must be a continuation.
    const __m256i third = _mm256_set1_epi8((char)(0xE0 - 0x80)), fourth = _mm256_set1_epi8((char)(0xF0 - 0x80));
    const __m256i high = _mm256_set1_epi8((char)0x80);
    __m256i prev = _mm256_setzero_si256(), error = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i input = _mm256_loadu_si256((const __m256i *)(b + i));
        if (_mm256_movemask_epi8(_mm256_or_si256(input, prev)) == 0) { prev = input; continue; }   // ASCII after ASCII
        __m256i prev1 = PREV(input, prev, 1);
        __m256i special = _mm256_and_si256(
            _mm256_and_si256(_mm256_shuffle_epi8(byte1High, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble)),
                             _mm256_shuffle_epi8(byte1Low, _mm256_and_si256(prev1, nibble))),
            _mm256_shuffle_epi8(byte2High, _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble)));
        __m256i prev2 = PREV(input, prev, 2), prev3 = PREV(input, prev, 3);
        __m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, third), _mm256_subs_epu8(prev3, fourth));
        error = _mm256_or_si256(error, _mm256_xor_si256(_mm256_and_si256(must23, high), special));
        prev = input;
    }
    if (!_mm256_testz_si256(error, error)) return 0;
    if (i == 0) return govq_utf8_valid_scalar(b, n);
    // Every pair and triple inside b[0..<i] is checked; the character holding byte i-1 and
    // everything after it is read again by the plain path (backing over at most three
    // continuation bytes: a fourth in a row is an error the plain path sees as well).
    size_t p = i - 1;
    while (p > 0 && p + 3 > i - 1 && (b[p] & 0xC0) == 0x80) p--;
    return govq_utf8_valid_scalar(b + p, n - p);
}

#endif

int govq_utf8_valid(const uint8_t *b, size_t n) {
#ifdef GOVQ_HAVE_AVX2_PATH
    if (n >= 32 && govq_cpu_has_avx2()) return valid_avx2(b, n);
#endif
    return govq_utf8_valid_scalar(b, n);
}
