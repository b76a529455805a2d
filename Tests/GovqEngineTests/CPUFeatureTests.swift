import CGovqCPU
import Foundation
import Testing

/// The byte kernels' AVX2 test agrees with the kernel's own reading of the CPU (the `avx2` flag
/// in /proc/cpuinfo, which Linux shows only when the OS saves the YMM state too).
@Suite struct CPUFeatureTests {
    @Test func avx2AsTheKernelReportsIt() throws {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return }
        let kernelSays = flags.split(separator: " ").contains("avx2")
        #expect((govq_cpu_has_avx2() == 1) == kernelSays)
        #expect(govq_cpu_has_avx2() == govq_cpu_has_avx2())   // asked once, answered the same
    }
}
