/// CGovqArguments keeps the argv glibc hands to .init_array functions, and a release build's
/// CommandLine.arguments reads it in place of the runtime's /proc/self/maps scan; a loader that
/// passed none would get the kernel's copy (/proc/self/cmdline). In this test process (the stdlib
/// a shared library) the runtime still finds argv its own way, so the readings of the same
/// process's command line can be compared.
import CGovqArguments
import Testing

@Suite struct StartArgumentsTests {
    enum Reading: String, CaseIterable, Sendable {
        case atStart, fromTheKernel
    }

    @Test(arguments: Reading.allCases)
    func theArgumentsAreTheProcesss(_ reading: Reading) {
        var count: Int32 = -1
        let argv = reading == .atStart ? govq_start_arguments(&count) : govq_cmdline_arguments(&count)
        let taken = (0..<Int(count)).map { String(cString: argv![$0]!) }
        #expect(count > 0)
        #expect(taken == CommandLine.arguments)
        // NULL-terminated, as C's argv is.
        #expect(argv![Int(count)] == nil)
    }
}
