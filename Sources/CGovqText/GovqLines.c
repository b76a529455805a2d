// A text's line index in one pass: sixteen bytes a step find the newlines, and the two first tests the
// loader would make of every line (may it be page furniture, may it be a section heading) are
// made here, on the line's first bytes, so that the Swift readers visit only the few lines
// that pass. Each test is the Swift one's first test, copied: a line it passes is read in full
// by the Swift code; a line it refuses, the Swift test would have refused too.
#include "GovqText.h"
#include <string.h>

// PageFurniture.find's first test of a line, for a text without form feeds.
static int may_be_furniture(const uint8_t *b, size_t start, size_t end) {
    static const uint8_t image[7] = {'[', 'i', 'm', 'a', 'g', 'e', ':'};
    if (end - start >= 7 && memcmp(b + start, image, 7) == 0) return 1;
    size_t k = start;
    while (k < end && (b[k] == 0x20 || b[k] == 0x09)) k++;
    if (k >= end || end - k > 64) return 0;
    uint8_t f = b[k];
    if (f >= 0xE4 && f <= 0xE9) {
        int di = f == 0xE7 && k + 2 < end && b[k + 1] == 0xAC && b[k + 2] == 0xAC;   // 第
        int gong = f == 0xE5 && k + 2 < end && b[k + 1] == 0x85 && b[k + 2] == 0xB1; // 共
        if (!di && !gong) return 0;
    } else if (f >= 0x30 && f <= 0x39) {
        size_t d = k;
        while (d < end && b[d] >= 0x30 && b[d] <= 0x39) d++;
        // Digits alone are furniture only beside a form feed.
        if (d == end) return 0;
        if (!(b[d] == 0x2F || b[d] == 0x20 || b[d] == 0xEF)) return 0;
    } else if (f < 0x80) {
        if (!(f == 0x2D || f == 0x7E || f == 0x50 || f == 0x70)) return 0;
    } else if (f == 0xEF) {
        if (!(k + 2 < end && b[k + 1] == 0xBC && (b[k + 2] == 0x8D || (b[k + 2] >= 0x90 && b[k + 2] <= 0x99)))) return 0;
    }
    // Every marker holds a digit (ASCII, or full-width after an EF).
    for (size_t i = k; i < end; i++) if ((b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0xEF) return 1;
    return 0;
}

// Headings' first test: after blanks and one U+3000, at least six bytes that start with
// 三 (E4 B8 89), 四 (E5 9B 9B), 五 (E4 BA 94) or 六 (E5 85 AD).
static int may_be_heading(const uint8_t *b, size_t start, size_t end) {
    size_t at = start;
    while (at < end && (b[at] == 0x20 || b[at] == 0x09)) at++;
    if (at + 2 < end && b[at] == 0xE3 && b[at + 1] == 0x80 && b[at + 2] == 0x80) at += 3;
    if (end < at + 6) return 0;
    uint32_t c = (uint32_t)b[at] << 16 | (uint32_t)b[at + 1] << 8 | b[at + 2];
    return c == 0xE4B889 || c == 0xE59B9B || c == 0xE4BA94 || c == 0xE585AD;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define GOVQ_HAVE_SSE2_LINES 1
#endif

// The line index being written: at most `capacity` lines, and each line's tests.
typedef struct {
    int64_t *ranges, *furniture, *headings;
    size_t capacity, lines, furnitureCount, headingCount;
} index_t;

static inline void put(index_t *x, const uint8_t *b, size_t start, size_t end) {
    size_t line = x->lines++;
    if (line >= x->capacity) return;
    x->ranges[2 * line] = (int64_t)start;
    x->ranges[2 * line + 1] = (int64_t)end;
    // Both tests skip the blanks first, and pass no line that is blank, whose first word is a
    // Han character led by E6, E8 or E9 (the furniture test wants 第 E7 or 共 E5 there, the
    // heading test a numeral led by E4 or E5), or that is digits alone (a cell, furniture only
    // beside a form feed): most lines of prose, labels and cells end here.
    size_t k = start;
    while (k < end && (b[k] == 0x20 || b[k] == 0x09)) k++;
    if (k == end) return;
    uint8_t f = b[k];
    if (f == 0xE6 || f == 0xE8 || f == 0xE9) return;
    if (f >= 0x30 && f <= 0x39) {
        size_t d = k + 1;
        while (d < end && b[d] >= 0x30 && b[d] <= 0x39) d++;
        if (d == end) return;
    }
    if (may_be_furniture(b, start, end)) x->furniture[x->furnitureCount++] = (int64_t)line;
    if (may_be_heading(b, start, end)) x->headings[x->headingCount++] = (int64_t)line;
}

size_t govq_lines(const uint8_t *b, size_t n, int64_t *ranges, size_t capacity,
                  int64_t *furniture, size_t *furnitureCount, int64_t *headings, size_t *headingCount) {
    index_t x = {ranges, furniture, headings, capacity, 0, 0, 0};
    size_t start = 0;
    if (b != NULL) {
        size_t i = 0;
#ifdef GOVQ_HAVE_SSE2_LINES
        // Sixteen bytes a step: a bit per newline, each taken in turn (SSE2 is every x86-64's).
        const __m128i newline = _mm_set1_epi8(0x0A);
        for (; i + 16 <= n; i += 16) {
            unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(b + i)), newline));
            while (mask) {
                size_t at = i + (size_t)__builtin_ctz(mask);
                mask &= mask - 1;
                put(&x, b, start, at > start && b[at - 1] == 0x0D ? at - 1 : at);
                start = at + 1;
            }
        }
#endif
        for (; i < n; i++) {
            if (b[i] != 0x0A) continue;
            put(&x, b, start, i > start && b[i - 1] == 0x0D ? i - 1 : i);
            start = i + 1;
        }
        if (start < n) {
            size_t end = b[n - 1] == 0x0D ? n - 1 : n;
            put(&x, b, start, end > start ? end : start);
        }
    }
    *furnitureCount = x.furnitureCount;
    *headingCount = x.headingCount;
    return x.lines;
}
