#ifndef GOVQ_CPU_H
#define GOVQ_CPU_H

/// Whether this CPU and OS run AVX2 code (CPUID's AVX2 bit, and the OS saving the YMM state):
/// glibc's answer from its start-up (`CPU_FEATURE_ACTIVE`), else CPUID asked once, when a byte
/// kernel first wants to know. Not `__builtin_cpu_supports`: it pulls in
/// libgcc's CPU model, whose constructor runs a dozen CPUID instructions at every start, and a
/// CPUID in a virtual machine traps to the hypervisor (with libgcc_s.so's own copy, about half a
/// millisecond of a 4–5 ms query run here).
int govq_cpu_has_avx2(void);

#endif
