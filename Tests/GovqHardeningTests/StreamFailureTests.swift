/// Failed writes to stdout and stderr are errors, not crashes (issue 13, item 4): closed and
/// full streams (a full device made with mknod in a scratch folder), and a reader that leaves
/// while SIGPIPE is ignored. The run on the samples prints a table on stdout and one warning
/// (临淄区 does not add up) on stderr, so both streams are written.
import Foundation
import Testing

@Suite("Standard streams that fail")
struct StreamFailureTests {
    static let table = "┌───────────────┐\n│ count reports │\n├───────────────┤\n│             5 │\n└───────────────┘\n"

    /// (redirections, stdout, the end of stderr); every case exits 1.
    static let cases: [(String, String, String)] = [
        (">&-", "", "error: cannot write to standard output: bad file descriptor\n"),
        ("> full", "", "error: cannot write to standard output: no space left on device\n"),
        ("2>&-", table, ""),
        ("2> full", table, ""),
        (">&- 2>&-", "", ""),
    ]

    @Test(arguments: cases) func closedAndFullStreams(_ redirect: String, _ stdout: String, _ stderrEnd: String) throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mknod(folder.appendingPathComponent("full").path, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0)
        let r = try Shell.run("\"$GOVQ\" --data \"$SAMPLES\" -e 'count reports' \(redirect)", in: folder)
        #expect(r.status == 1, "\(redirect): \(r.err)")
        #expect(r.out == stdout, "\(redirect)")
        #expect(r.err.hasSuffix(stderrEnd), "\(redirect): \(r.err)")
        #expect(!r.err.contains("Fatal error"), "\(redirect)")
    }

    /// `govq export | head -c 10` with SIGPIPE ignored: the export (106 KB, more than a pipe
    /// holds) ends with status 1 and says nothing about it; so do 1,000 query results (140 KB).
    @Test func brokenPipeEndsQuietly() throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["export", "export --format jsonl", String(repeating: "-e 'count reports' ", count: 1000)] {
            let r = try Shell.run("""
                trap '' PIPE
                ("$GOVQ" --data "$SAMPLES" \(command) 2> err; echo $? > status) | head -c 10 | wc -c
                """, in: folder)
            #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "10", "\(command.prefix(40))")
            let status = try String(contentsOf: folder.appendingPathComponent("status"), encoding: .utf8)
            let err = try String(contentsOf: folder.appendingPathComponent("err"), encoding: .utf8)
            #expect(status == "1\n", "\(command.prefix(40))")
            #expect(!err.contains("error"), "\(command.prefix(40)): \(err)")
        }
    }
}
