// A text's line index in one pass: the newlines are found 32 bytes a step (AVX2, or 16 with
// SSE2), and the two first tests the loader would make of every line (may it be page
// furniture, may it be a section heading) are made here, on the line's first bytes, so that
// the Swift readers visit only the few lines that pass. Each test is the Swift one's first
// test, copied: a line it passes is read in full by the Swift code; a line it refuses, the
// Swift test would have refused too.
#include "GovqText.h"
#include "GovqCPU.h"
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GOVQ_HAVE_SIMD_LINES 1
#endif

// The line index being written: at most `capacity` lines, and each line's tests.
typedef struct {
    int64_t *ranges, *furniture, *headings;
    size_t capacity, lines, furnitureCount, headingCount;
    int formFed;
} index_t;

// PageFurniture.find's first test of a line, from its first byte that is not a blank (`k`,
// before `end`; `f` is that byte); `formFed` when the text has form feeds.
static inline __attribute__((always_inline)) int may_be_furniture(const uint8_t *b, size_t start, size_t k, size_t end, uint8_t f, int formFed) {
    static const uint8_t image[7] = {'[', 'i', 'm', 'a', 'g', 'e', ':'};
    // `[image:` counts from the line's first byte: only when no blank leads it.
    if (f == '[' && k == start && end - start >= 7 && memcmp(b + start, image, 7) == 0) return 1;
    if (end - k > 64) return 0;
    if (f >= 0xE4 && f <= 0xE9) {
        int di = f == 0xE7 && k + 2 < end && b[k + 1] == 0xAC && b[k + 2] == 0xAC;   // 第
        int gong = f == 0xE5 && k + 2 < end && b[k + 1] == 0x85 && b[k + 2] == 0xB1; // 共
        if (!di && !gong) return 0;
    } else if (f >= 0x30 && f <= 0x39) {
        size_t d = k;
        while (d < end && b[d] >= 0x30 && b[d] <= 0x39) d++;
        // Digits alone are furniture only beside a form feed.
        if (d == end) return formFed;
        if (!(b[d] == 0x2F || b[d] == 0x20 || b[d] == 0xEF)) return 0;
    } else if (f < 0x80) {
        if (!(f == 0x2D || f == 0x7E || f == 0x50 || f == 0x70)) return 0;
    } else if (f == 0xEF) {
        if (!(k + 2 < end && b[k + 1] == 0xBC && (b[k + 2] == 0x8D || (b[k + 2] >= 0x90 && b[k + 2] <= 0x99)))) return 0;
    }
    // Every marker holds a digit (ASCII, or full-width after an EF).
    for (size_t i = k; i < end; i++) if ((uint8_t)(b[i] - 0x30) <= 9 || b[i] == 0xEF) return 1;
    return 0;
}

// Headings' first test: after blanks (`k` is past them) and one U+3000, at least six bytes
// that start with 三 (E4 B8 89), 四 (E5 9B 9B), 五 (E4 BA 94) or 六 (E5 85 AD).
static inline __attribute__((always_inline)) int may_be_heading(const uint8_t *b, size_t k, size_t end) {
    size_t at = k;
    if (at + 2 < end && b[at] == 0xE3 && b[at + 1] == 0x80 && b[at + 2] == 0x80) at += 3;
    if (end < at + 6) return 0;
    uint32_t c = (uint32_t)b[at] << 16 | (uint32_t)b[at + 1] << 8 | b[at + 2];
    return c == 0xE4B889 || c == 0xE59B9B || c == 0xE4BA94 || c == 0xE585AD;
}

static inline __attribute__((always_inline)) void put(index_t *x, const uint8_t *b, size_t start, size_t end) {
    size_t line = x->lines++;
    if (line >= x->capacity) return;
    x->ranges[2 * line] = (int64_t)start;
    x->ranges[2 * line + 1] = (int64_t)end;
    // Both tests skip the blanks first (once, here), and pass no line that is blank, whose
    // first word is a Han character led by E6, E8 or E9 (the furniture test wants 第 E7 or
    // 共 E5 there, the heading test a numeral led by E4 or E5), or that is digits alone (a
    // cell, furniture only beside a form feed): most lines of prose, labels and cells end here.
    // In a text with form feeds, the line as TextLines cuts it: form feeds off its start, form
    // feeds and carriage returns off its end.
    if (x->formFed) {
        while (start < end && b[start] == 0x0C) start++;
        while (end > start && (b[end - 1] == 0x0C || b[end - 1] == 0x0D)) end--;
    }
    size_t k = start;
    while (k < end && (b[k] == 0x20 || b[k] == 0x09)) k++;
    if (k == end) return;
    uint8_t f = b[k];
    if (f == 0xE6 || f == 0xE8 || f == 0xE9) return;
    if (f >= 0x30 && f <= 0x39 && !x->formFed) {
        size_t d = k + 1;
        while (d < end && b[d] >= 0x30 && b[d] <= 0x39) d++;
        if (d == end) return;
    }
    if (may_be_furniture(b, start, k, end, f, x->formFed)) x->furniture[x->furnitureCount++] = (int64_t)line;
    // A heading starts with E3 (U+3000), E4 or E5.
    if (f >= 0xE3 && f <= 0xE5 && may_be_heading(b, k, end)) x->headings[x->headingCount++] = (int64_t)line;
}

// The line ending at the newline at `at`: without a carriage return before it.
#define PUT_AT(at) do { size_t at_ = (at); put(&x, b, start, at_ > start && b[at_ - 1] == 0x0D ? at_ - 1 : at_); start = at_ + 1; } while (0)

// The lines after `start` from byte `i` on, a byte at a time, and the last line's end.
static inline __attribute__((always_inline)) void finish(index_t *xp, const uint8_t *b, size_t n, size_t i, size_t start) {
    index_t x = *xp;
    for (; i < n; i++) if (b[i] == 0x0A) PUT_AT(i);
    if (start < n) {
        size_t end = b[n - 1] == 0x0D ? n - 1 : n;
        put(&x, b, start, end > start ? end : start);
    }
    *xp = x;
}

#ifdef GOVQ_HAVE_SIMD_LINES
// Thirty-two bytes a step: a bit per newline, each taken in turn.
__attribute__((target("avx2"))) static void lines_avx2(index_t *xp, const uint8_t *b, size_t n) {
    index_t x = *xp;
    size_t start = 0, i = 0;
    const __m256i newline = _mm256_set1_epi8(0x0A);
    for (; i + 32 <= n; i += 32) {
        unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + i)), newline));
        while (mask) {
            size_t at = i + (size_t)__builtin_ctz(mask);
            mask &= mask - 1;
            PUT_AT(at);
        }
    }
    finish(&x, b, n, i, start);
    *xp = x;
}

// Sixteen bytes a step (SSE2 is every x86-64's).
static void lines_sse2(index_t *xp, const uint8_t *b, size_t n) {
    index_t x = *xp;
    size_t start = 0, i = 0;
    const __m128i newline = _mm_set1_epi8(0x0A);
    for (; i + 16 <= n; i += 16) {
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(b + i)), newline));
        while (mask) {
            size_t at = i + (size_t)__builtin_ctz(mask);
            mask &= mask - 1;
            PUT_AT(at);
        }
    }
    finish(&x, b, n, i, start);
    *xp = x;
}

#endif

size_t govq_lines(const uint8_t *b, size_t n, int formFed, int64_t *ranges, size_t capacity,
                  int64_t *furniture, size_t *furnitureCount, int64_t *headings, size_t *headingCount) {
    index_t x = {ranges, furniture, headings, capacity, 0, 0, 0, formFed};
    if (b != NULL) {
#ifdef GOVQ_HAVE_SIMD_LINES
        if (govq_cpu_has_avx2()) lines_avx2(&x, b, n); else lines_sse2(&x, b, n);
#else
        finish(&x, b, n, 0, 0);
#endif
    }
    *furnitureCount = x.furnitureCount;
    *headingCount = x.headingCount;
    return x.lines;
}

// The first `i` from `from` on with b[i] == x and b[i + 1] == y, or `n` when there is none: a
// word's search anchored on two of its bytes, where memchr on one stops at every character
// that ends in it.
#ifdef GOVQ_HAVE_SIMD_LINES
__attribute__((target("avx2"))) static size_t find_pair_avx2(const uint8_t *b, size_t n, size_t i, uint8_t x, uint8_t y) {
    const __m256i vx = _mm256_set1_epi8((char)x), vy = _mm256_set1_epi8((char)y);
    // Sixty-four bytes a step while they last (one test of both halves), then thirty-two.
    for (; i + 65 <= n; i += 64) {
        __m256i low = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + i)), vx),
                                       _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + i + 1)), vy));
        __m256i high = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + i + 32)), vx),
                                        _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + i + 33)), vy));
        if (!_mm256_testz_si256(_mm256_or_si256(low, high), _mm256_or_si256(low, high))) {
            unsigned lowMask = (unsigned)_mm256_movemask_epi8(low);
            if (lowMask) return i + (size_t)__builtin_ctz(lowMask);
            return i + 32 + (size_t)__builtin_ctz((unsigned)_mm256_movemask_epi8(high));
        }
    }
    for (; i + 33 <= n; i += 32) {
        __m256i first = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + i)), vx);
        __m256i second = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + i + 1)), vy);
        unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(first, second));
        if (mask) return i + (size_t)__builtin_ctz(mask);
    }
    for (; i + 1 < n; i++) if (b[i] == x && b[i + 1] == y) return i;
    return n;
}
#endif

size_t govq_find_pair(const uint8_t *b, size_t n, size_t from, uint8_t x, uint8_t y) {
    if (b == NULL || n < 2) return n;
#ifdef GOVQ_HAVE_SIMD_LINES
    if (govq_cpu_has_avx2()) return find_pair_avx2(b, n, from, x, y);
#endif
    for (size_t i = from; i + 1 < n; i++) if (b[i] == x && b[i + 1] == y) return i;
    return n;
}
