/// Every example query in `Grammar/govq.ebnf` and in README.md parses: the documents and the
/// parser cannot drift apart.
///
/// Conventions the documents keep:
/// - In the grammar, an example is a line `(* example: QUERY *)`.
/// - In README.md, each non-empty line of a ```govq fenced block that does not start with `.`
///   (a REPL dot-command) or `--` (a comment) is one complete query.
import Foundation
import Testing
import GovqDiagnostics
import GovqSyntax

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func grammarExamples() -> [String] {
    guard let text = try? String(contentsOf: repositoryRoot.appendingPathComponent("Grammar/govq.ebnf"), encoding: .utf8)
    else { return ["<Grammar/govq.ebnf is missing>"] }
    return text.split(separator: "\n").compactMap { line in
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("(* example:"), t.hasSuffix("*)") else { return nil }
        return String(t.dropFirst("(* example:".count).dropLast(2)).trimmingCharacters(in: .whitespaces)
    }
}

func readmeQueries() -> [String] {
    guard let text = try? String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    else { return ["<README.md is missing>"] }
    var queries: [String] = []
    var inBlock = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let t = line.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("```") {
            inBlock = !inBlock && t == "```govq"
            continue
        }
        if inBlock, !t.isEmpty, !t.hasPrefix("."), !t.hasPrefix("--") { queries.append(t) }
    }
    return queries
}

@Test func grammarHasExamples() {
    #expect(grammarExamples().count >= 40)
}

@Test(arguments: grammarExamples())
func grammarExampleParses(_ query: String) {
    #expect(rendered(query) == "parsed")
}

@Test(arguments: readmeQueries())
func readmeQueryParses(_ query: String) {
    #expect(rendered(query) == "parsed")
}

/// A 1 MB query parses (its speed is measured by the benchmarks, not here).
@Test func megabyteQuery() throws {
    let names = (0..<40_000).map { "'济南市历城区\($0)'" }
    let measures = (0..<20_000).map { "m\($0)" }
    let query = "sum " + measures.joined(separator: ", ") + " by district where district in ("
        + names.joined(separator: ", ") + ") and (year = 2019 or " + String(repeating: "x = 1 or ", count: 20_000) + "y = 2)"
    #expect(query.utf8.count > 1_000_000)
    guard case .select(let q) = try QueryParser.parse(query) else { Issue.record("not a select"); return }
    #expect(q.items.count == 20_000)
    guard case .and(let left, .or) = q.filter, case .membership(_, let values, false) = left else {
        Issue.record("unexpected filter shape \(String(describing: q.filter).prefix(200))"); return
    }
    #expect(values.count == 40_000)
}
