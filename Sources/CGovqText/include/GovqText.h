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
#endif
