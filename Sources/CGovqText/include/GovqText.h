// Byte kernels of the text loader that want vector instructions Swift does not reach on the
// baseline x86-64 target: chosen at run time (AVX2 where the CPU has it), with a plain C
// path everywhere else.
#ifndef GOVQ_TEXT_H
#define GOVQ_TEXT_H
#include <stddef.h>
#include <stdint.h>

/// 1 when the `count` bytes at `bytes` are valid UTF-8 (RFC 3629: no overlong form, no
/// surrogate, nothing past U+10FFFF, no sequence cut short), else 0.
int govq_utf8_valid(const uint8_t *bytes, size_t count);

/// The same, by the plain path only (what the vector path is tested against).
int govq_utf8_valid_scalar(const uint8_t *bytes, size_t count);

/// The line index of a text, as TextLines splits it: line i is bytes `ranges[2i] ..<
/// ranges[2i+1]` (without its newline, or a carriage return before it or at the very end).
/// `furniture` and `headings` get, in order, the lines that pass the first test of page
/// furniture and of a section heading (GovqLines.c), and their counts. With `formFed` (the text
/// holds form feeds), the tests see each line without the form feeds TextLines cuts off its
/// ends (and carriage returns at its end), and digits alone may be furniture. Fills at most
/// `capacity` lines (each list has room for as many) and returns how many the text has: call
/// again with more room when that is more.
size_t govq_lines(const uint8_t *bytes, size_t count, int formFed, int64_t *ranges, size_t capacity,
                  int64_t *furniture, size_t *furnitureCount, int64_t *headings, size_t *headingCount);

/// The first `i` at or after `from` with `bytes[i] == x` and `bytes[i + 1] == y`, or `count`
/// when there is none (32 bytes a step where the CPU has AVX2).
size_t govq_find_pair(const uint8_t *bytes, size_t count, size_t from, uint8_t x, uint8_t y);
#endif
