/// Binder errors: every one points at the name it is about, with a caret under it, and suggests
/// the nearest valid name or lists the valid ones (see style.md "Errors").
import GovqCube
import GovqDiagnostics
import GovqSyntax

/// The query text and its source name, for building diagnostics with carets.
struct QueryContext {
    let text: String
    let source: String

    func error(_ message: String, at range: SourceRange?, help: String? = nil) -> Diagnostic {
        // A name is quoted in the message: a 1 MB name must not make a 1 MB message.
        let message = clipQuoted(message)
        guard let range else { return Diagnostic.error(message, source: source, help: help) }
        return Diagnostic.error(message, source: source,
                                location: SourceLocation(line: range.line, column: range.column, length: range.length),
                                sourceLine: line(range.line), help: help)
    }

    func line(_ n: Int) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard n >= 1, n <= lines.count else { return nil }
        var l = lines[n - 1]
        if l.hasSuffix("\r") { l = l.dropLast() }
        return String(l)
    }

    /// The text of a range as typed, with runs of white space collapsed (a column name).
    func slice(_ range: SourceRange) -> String {
        let u = Array(text.utf8)
        guard range.start >= 0, range.end <= u.count, range.start < range.end else { return "" }
        let s = String(decoding: u[range.start..<range.end], as: UTF8.self)
        return s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}

/// `message` with every '…'-quoted part longer than 40 characters cut to its first 32 and `…`.
func clipQuoted(_ message: String, limit: Int = 40) -> String {
    guard message.unicodeScalars.count > 200 else { return message }
    let parts = message.split(separator: "'", omittingEmptySubsequences: false)
    return parts.enumerated().map { i, part in
        i % 2 == 1 && part.unicodeScalars.count > limit
            ? String(String.UnicodeScalarView(part.unicodeScalars.prefix(32))) + "…(\(part.unicodeScalars.count) characters)"
            : String(part)
    }.joined(separator: "'")
}

/// "did you mean" over `candidates`, else the list of valid names under `what`.
func suggestion(for word: String, in candidates: [String], listing what: String, names: [String]) -> String {
    if let near = EditDistance.nearest(word, in: candidates) { return "did you mean '\(near)'?" }
    return "\(what) are: " + names.joined(separator: ", ")
}

extension FactTableID {
    /// Measures of this table by English name, then every alias (the candidates for suggestions).
    var measureNames: [String] {
        let ms = Schema.measures.filter { $0.table == self }
        return ms.map(\.name) + ms.flatMap(\.aliases)
    }

    /// The names listed when no suggestion is close: top-level measures (dotted leaves are
    /// reachable through `show measures`).
    var topMeasureNames: [String] {
        Schema.measures.filter { $0.table == self && !$0.name.contains(".") }.map(\.name)
    }

    var dimensions: [DimensionInfo] { Schema.dimensions.filter { $0.tables.contains(self) } }

    var leafDimension: String { self == .applications ? "outcome" : "result" }
    var splitDimension: String { self == .applications ? "applicant" : "proceeding" }
}

extension DimensionInfo {
    var groupDim: GroupDim {
        switch kind {
        case .split: .split
        case .leaf: .leaf
        case .report: .report(ReportDim.allCases.first { $0.name == name }!)
        }
    }
}

/// `count reports`: the names that count reports rather than a measure. An array: a `Set<String>`
/// built at run time looked `String: Hashable` up by scanning every conformance record (0.34 M
/// instructions, more than `count reports by year` spends answering).
let reportCountNames: [String] = ["reports", "report", "报告", "报告数"]
