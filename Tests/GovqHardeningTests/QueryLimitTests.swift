/// Limits instead of crashes (issue 6): deep nesting, huge queries, huge group counts and
/// out-of-range numbers end in an error that says what went wrong, never a stack overflow,
/// a trap or an unbounded allocation.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqEngine
import GovqLoader
import GovqSyntax
import Testing

/// The engine over the five sample reports, loaded once.
let sampleEngine: QueryEngine = QueryEngine(cube: ReportLoader.load(paths: [Hardening.root.appendingPathComponent("Samples/reports").path]).cube)

/// Runs a query and returns the error it must end in.
func queryError(_ text: String, on engine: QueryEngine = sampleEngine) -> Diagnostic? {
    do {
        _ = try engine.run(text)
        return nil
    } catch let d as Diagnostic {
        return d
    } catch {
        Issue.record("not a Diagnostic: \(error)")
        return nil
    }
}

struct LimitCase: Sendable, CustomTestStringConvertible {
    var name: String
    var query: @Sendable () -> String
    /// Text the error message must contain.
    var mentions: String
    /// Set while the engine does not yet behave as the case demands (see BadReport.knownIssue).
    var knownIssue: String? = nil
    var testDescription: String { name }
}

let n = 10_000
let limitCases: [LimitCase] = [
    LimitCase(name: "10,000 nested parentheses in where",
              query: { "sum denied where " + String(repeating: "(", count: n) + "year = 2019" + String(repeating: ")", count: n) },
              mentions: "nested too deeply"),
    LimitCase(name: "10,000 nested parentheses in an expression",
              query: { String(repeating: "(", count: n) + "sum denied" + String(repeating: ")", count: n) },
              mentions: "nested too deeply"),
    LimitCase(name: "10,000 unclosed parentheses",
              query: { "sum denied where " + String(repeating: "(", count: n) }, mentions: "nested too deeply"),
    LimitCase(name: "10,000 unary minus signs",
              // Spaced: `--` starts a comment.
              query: { String(repeating: "- ", count: n) + "sum denied" }, mentions: "nested too deeply"),
    LimitCase(name: "10,000 'not'",
              query: { "sum denied where " + String(repeating: "not ", count: n) + "year = 2019" }, mentions: "nested too deeply"),
    LimitCase(name: "limit beyond Int64", query: { "sum denied by district limit 99999999999999999999" }, mentions: "out of range"),
    LimitCase(name: "product beyond Int64", query: { "sum new * 9223372036854775807 * 9223372036854775807" }, mentions: "overflow"),
    LimitCase(name: "negation of Int64.min", query: { "-(sum new - 9223372036854775807 - 9223372036854775807)" }, mentions: "overflow"),
    LimitCase(name: "1 MB unknown name", query: { "sum " + String(repeating: "x", count: 1 << 20) }, mentions: "unknown"),
]

@Suite("query limits")
struct QueryLimitTests {
    @Test(arguments: limitCases)
    func errorNotCrash(_ c: LimitCase) throws {
        let d = try #require(queryError(c.query()), "expected an error")
        if let issue = c.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) { check(d, c) }
        } else {
            check(d, c)
        }
    }

    func check(_ d: Diagnostic, _ c: LimitCase) {
        #expect(d.severity == .error)
        #expect(d.message.contains(c.mentions), "\(d.message.prefix(300))")
        // The message stays readable: a line, not a megabyte.
        #expect(d.message.utf8.count < 1_000, "message of \(d.message.utf8.count) bytes")
        let shown = DiagnosticFormatter.format(d)
        #expect(shown.hasPrefix("error: "))
        // The source line is shown around the caret, not whole.
        #expect(shown.utf8.count < 4_000, "formatted diagnostic of \(shown.utf8.count) bytes")
    }

    /// Numbers too large for Int64 in a comparison are compared as numbers, not trapped on.
    @Test(arguments: [
        ("sum new where year < 99999999999999999999", 780 as Int64?),
        ("sum new where year > 99999999999999999999", nil),
        ("sum new where year between -99999999999999999999 and 99999999999999999999", 780),
    ])
    func hugeLiterals(_ query: String, _ expected: Int64?) throws {
        let result = try sampleEngine.run(query)
        let value = result.rows.first?.first
        #expect(value == expected.map { .integer($0) } ?? .null || (expected == nil && result.rows.isEmpty), "\(result.rows)")
    }

    /// A 1 MB query of 100,000 alternatives runs, and answers like the short one.
    @Test func oneMegabyteQuery() throws {
        let names = Array(repeating: "'济南市历城区'", count: 1 << 20 / 20)
        let long = "sum new where district in (" + names.joined(separator: ", ") + ")"
        #expect(long.utf8.count >= 1 << 20)
        let a = try sampleEngine.run(long)
        let b = try sampleEngine.run("sum new where district = '济南市历城区'")
        #expect(a == b)
        #expect(a.rows == [[.integer(315)]])
    }

    /// A 1 MB script of statements splits and checks without quadratic blow-up.
    @Test func oneMegabyteScript() {
        let script = String(repeating: "sum denied by district;\n", count: 1 << 20 / 24)
        let statements = QueryParser.splitStatements(script)
        #expect(statements.count == 1 << 20 / 24)
        #expect(QueryParser.isComplete(script))
    }

    /// 160,000 reports grouped by file × applicant × the 8 denied leaves are 7.7 million rows:
    /// an error naming the limit (5 million rows), not an out-of-memory kill. By file alone it answers.
    @Test func hugeGroupCounts() throws {
        let reports = 160_000
        var builder = CubeBuilder()
        builder.reserveCapacity(reports)
        for i in 0..<reports {
            var r = ReportRecord(file: "f\(i).txt", district: "区\(i)", unit: "单位\(i)", year: 2019 + i % 5, template: .t2019)
            for o in Outcome.allCases { for a in ApplicantType.allCases { r[o, a] = 1 } }
            builder.append(r)
        }
        let engine = QueryEngine(cube: builder.cube)
        // (The engine is not interpolated into messages: its description is the whole cube.)
        let d = queryError("sum denied by file, applicant, outcome", on: engine)
        #expect(d?.message.contains("too many") == true, "\(d?.message ?? "no error")")
        let result = try engine.run("count reports by file, district, unit, year")
        #expect(result.rows.count == reports)
        #expect(result.rows.allSatisfy { $0.last == .integer(1) })
        let total = try engine.run("sum new")
        #expect(total.rows == [[.integer(Int64(reports * ApplicantType.allCases.count))]])
    }

    /// An empty cube answers every kind of query (or errors) without trapping.
    @Test(arguments: ["sum new", "sum new by district", "count reports by year", "sum denied by district pivot year",
                      "sum new by applicant, outcome order by 1 desc limit 3", "show districts", "show years",
                      "sum upheld from reviews by proceeding", "avg new by year", "max new, min new"])
    func emptyCube(_ query: String) {
        let engine = QueryEngine(cube: Cube())
        do { _ = try engine.run(query) } catch let d as Diagnostic { #expect(d.severity == .error) } catch { Issue.record("\(error)") }
    }
}
