/// The parser's token cursor and its error constructors.
import GovqDiagnostics

extension Parser {
    var current: Token { tokens[index] }

    var previous: Token? { index > 0 ? tokens[index - 1] : nil }

    func at(_ kind: TokenKind) -> Bool { current.kind == kind }

    func at(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    /// Consumes the current token (never past `endOfInput`) and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[index]
        if t.kind != .endOfInput { index += 1 }
        return t
    }

    /// Consumes the current token if it is of `kind`.
    mutating func eat(_ kind: TokenKind) -> Bool {
        guard at(kind) else { return false }
        advance()
        return true
    }

    /// Enters one level of nesting; throws past `maxDepth`.
    mutating func nest() throws {
        depth += 1
        if depth > Parser.maxDepth {
            throw SyntaxError(.tooDeep, "expression is nested too deeply (more than \(Parser.maxDepth) levels)",
                              range: current.range,
                              help: "each '(', 'not', unary '-' and each operator in a chain of '+', '-', '*', '/' is a level")
        }
    }

    /// The range covering `a` through `b`.
    func span(_ a: SourceRange, _ b: SourceRange) -> SourceRange {
        let length = a.line == b.line ? b.column + b.length - a.column : a.length
        return SourceRange(start: a.start, end: b.end, line: a.line, column: a.column, length: length)
    }

    /// `expected X [after 'tok'], found Y`, with the caret under the current token, or one
    /// place after the last token at end of input.
    func unexpected(_ what: String, _ expectation: SyntaxError.Expectation?, after: Token? = nil, help: String? = nil) -> SyntaxError {
        let after = after.map { " after '\(clip($0.text(in: bytes)))'" } ?? ""
        return SyntaxError(.unexpectedToken, "expected \(what)\(after), found \(found)", range: errorRange,
                           expected: expectation, help: help, atEndOfInput: current.kind == .endOfInput)
    }

    /// `expected ')' (to close '(' at 1:27), found …` (Lua's wording).
    func unclosed(_ open: Token) -> SyntaxError {
        SyntaxError(.unclosedParenthesis,
                    "expected ')' (to close '\(open.text(in: bytes))' at \(open.range.line):\(open.range.column)), found \(found)",
                    range: errorRange, expected: .token(")"), atEndOfInput: current.kind == .endOfInput)
    }

    func duplicateClause(_ k: Keyword) -> SyntaxError {
        let help: String
        switch k {
        case .where, .having: help = "combine the conditions in one '\(k.rawValue)' with 'and'"
        case .by: help = "list every dimension in one 'by': 'by district, year'"
        case .order: help = "list every column in one 'order by': 'order by year, denied desc'"
        case .to: help = "a query has at most one 'from … to' clause"
        default: help = "a query has at most one '\(k.rawValue)' clause"
        }
        let word = k == .order ? "order by" : k == .to ? "from … to" : k.rawValue
        return SyntaxError(.duplicateClause, "duplicate '\(word)' clause", range: current.range, help: help)
    }

    /// A hint for a word where a clause should start: SQL habits, a forgotten `by`.
    func clauseHelp() -> String? {
        guard current.kind == .identifier else { return nil }
        let word = current.text(in: bytes).lowercased()
        switch word {
        case "group": return "govq groups with 'by' alone: 'sum denied by district'"
        case "select": return "govq has no 'select': start with the aggregate, e.g. 'sum denied by district'"
        case _ where Self.clauseTypo(word) != nil:
            // A misspelt keyword (`wher`, `limt`) would otherwise read as a stray name.
            return "did you mean '\(Self.clauseTypo(word)!)'?"
        default:
            // Only right after the select list: elsewhere a stray word has too many readings.
            guard index == itemsEnd else { return nil }
            let w = clip(current.text(in: bytes))
            return "write ', \(w)' for another column, or 'by \(w)' to group"
        }
    }

    /// The clause keyword a word is a typo of: one edit away (two for words of six letters or more).
    static func clauseTypo(_ word: String) -> String? {
        let clauses = ["where", "having", "pivot", "order by", "limit", "from"]
        let limit = word.count >= 6 ? 2 : 1
        guard word.count >= 3 else { return nil }
        return clauses.first { EditDistance.distance(word, $0.split(separator: " ")[0].description) <= limit }
    }

    /// How the current token reads in a message: `'by'` or `end of query`.
    var found: String {
        current.kind == .endOfInput ? "end of query" : "'\(clip(current.text(in: bytes)))'"
    }

    /// At end of input the caret sits one place after the last token (comments and trailing
    /// blanks are skipped); otherwise under the whole current token.
    var errorRange: SourceRange {
        guard current.kind == .endOfInput else { return current.range }
        guard let last = previous else {
            return SourceRange(start: 0, end: 0, line: 1, column: 1, length: 1)
        }
        var line = last.range.line, column = last.range.column
        // A token may span lines (a string with a line break): walk it to find where it ends.
        var i = last.range.start
        while i < last.range.end {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceRange(start: last.range.end, end: last.range.end, line: line, column: column, length: 1)
    }

    /// Long tokens are cut in messages; the caret still covers all of them.
    func clip(_ s: String) -> String {
        let firstLine = s.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? s
        if firstLine.unicodeScalars.count <= 32 && firstLine.count == s.count { return s }
        return String(firstLine.unicodeScalars.prefix(32)) + "…"
    }
}
