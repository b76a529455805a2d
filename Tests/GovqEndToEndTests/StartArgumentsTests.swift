/// CGovqArguments keeps the argv glibc hands to .init_array functions, and a release build's
/// CommandLine.arguments reads it in place of the runtime's /proc/self/maps scan. In this test
/// process (the stdlib a shared library) the runtime still finds argv its own way, so the two
/// readings of the same process's command line can be compared.
import CGovqArguments
import Testing

@Suite struct StartArgumentsTests {
    @Test func theArgumentsTakenAtStartAreTheProcesss() {
        var count: Int32 = -1
        let argv = govq_start_arguments(&count)
        let taken = (0..<Int(count)).map { String(cString: argv![$0]!) }
        #expect(count > 0)
        #expect(taken == CommandLine.arguments)
        // NULL-terminated, as C's argv is.
        #expect(argv![Int(count)] == nil)
    }

    /// The fallback for a loader that passes .init_array functions no arguments reads the same
    /// command line from the kernel.
    @Test func theKernelsCopyIsTheSame() {
        var count: Int32 = -1
        let argv = govq_cmdline_arguments(&count)
        let read = (0..<Int(count)).map { String(cString: argv![$0]!) }
        #expect(count > 0)
        #expect(read == CommandLine.arguments)
        #expect(argv![Int(count)] == nil)
    }
}
