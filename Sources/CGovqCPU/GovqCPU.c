#include "GovqCPU.h"

#if defined(__x86_64__) && __has_include(<sys/platform/x86.h>)
// glibc (2.33 and later) ran CPUID once as the program started and keeps the answer: read it.
#include <sys/platform/x86.h>

int govq_cpu_has_avx2(void) { return CPU_FEATURE_ACTIVE(AVX2) ? 1 : 0; }

#elif defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <stdatomic.h>

static int ask(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;   // XMM and YMM state saved by the OS
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX2) ? 1 : 0;
}

int govq_cpu_has_avx2(void) {
    static _Atomic int known = -1;
    int k = atomic_load_explicit(&known, memory_order_relaxed);
    if (k < 0) {
        k = ask();
        atomic_store_explicit(&known, k, memory_order_relaxed);
    }
    return k;
}
#else
int govq_cpu_has_avx2(void) { return 0; }
#endif
