/// Bounded cost (issue 13, item 7): a 100,000-term `and` chain is answered in linear time (it
/// was quadratic: the evaluator copied its atom cache once per atom, and re-evaluated the whole
/// filter once per cell), and a script too large to hold is refused with a clear error before
/// memory runs out. No time is measured here (see README, Hardening, for the measurements):
/// the `timeout` only turns a quadratic run (minutes) into a failure instead of a hang.
import Foundation
import Testing

@Suite("Bounded cost")
struct CostTests {
    /// Every sample report has a year > 0, so the chain keeps them all: new = 780
    /// (natural_person 735 + business 36 + legal_service 3 + other_org 6, from the reports).
    @Test(arguments: ["and", "or"]) func hundredThousandTermChains(_ join: String) throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let terms = join == "and" ? Array(repeating: "year > 0", count: 100_000)
            : Array(repeating: "year = 1", count: 99_999) + ["year > 0"]
        try Data(("sum new where " + terms.joined(separator: " \(join) ")).utf8).write(to: folder.appendingPathComponent("chain.govq"))
        let r = try Shell.run("timeout 300 \"$GOVQ\" --data \"$SAMPLES\" --format csv -f chain.govq", in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "new\r\n780\r\n")
    }

    /// A 100 MB script of 4 million statements, and an endless one on stdin, are refused at
    /// once: the limit (64 MiB) is checked before the script is held in memory.
    @Test func scriptsPastTheLimitAreRefused() throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let statement = Array("sum denied by district;\n".utf8)   // 24 bytes
        var script = [UInt8]()
        script.reserveCapacity(statement.count * 4_200_000)
        for _ in 0..<4_200_000 { script += statement }
        try Data(script).write(to: folder.appendingPathComponent("big.govq"))
        let help = "  = help: split it into several scripts and run each with -f\n"
        var r = try Shell.run("timeout 120 \"$GOVQ\" --data \"$SAMPLES\" -f big.govq", in: folder)
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(r.err == "error: script 'big.govq' is larger than 64 MiB, the most govq reads\n" + help)
        r = try Shell.run("yes 'count reports;' | timeout 120 \"$GOVQ\" --data \"$SAMPLES\"", in: folder)
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(r.err == "error: script '<stdin>' is larger than 64 MiB, the most govq reads\n" + help)
    }
}
