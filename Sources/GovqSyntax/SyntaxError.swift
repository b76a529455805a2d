/// Syntax errors: what went wrong and where, as structured data, converted to the one
/// `Diagnostic` format for display. The parser stops at the first error (one error per query).
import GovqDiagnostics

/// A syntax error in a query.
public struct SyntaxError: Error, Sendable, Hashable {
    /// What the parser wanted where it failed; completion uses it to offer the right names.
    public enum Expectation: Sendable, Hashable {
        case query, measure, dimension, table, showSubject, expression, comparison, integer, columnName
        case clause, name
        /// A specific token, such as `')'` or `'by'`.
        case token(String)
    }

    public enum Kind: Sendable, Hashable {
        case unknownCharacter, unterminatedString, unexpectedToken, unclosedParenthesis
        case limitOutOfRange, tooDeep, duplicateClause
    }

    public var kind: Kind
    /// The message, in the `Diagnostic` style: lower-case, user text in single quotes.
    public var message: String
    /// Where the caret goes: the offending token, or one place after the last token.
    public var range: SourceRange
    /// What would have been accepted here, when the parser knew.
    public var expected: Expectation?
    public var help: String?
    /// Whether the query simply stops too early (open parenthesis or string, trailing operator
    /// or keyword): the REPL then asks for another line instead of reporting the error.
    public var atEndOfInput: Bool

    public init(_ kind: Kind, _ message: String, range: SourceRange, expected: Expectation? = nil,
                help: String? = nil, atEndOfInput: Bool = false) {
        self.kind = kind
        self.message = message
        self.range = range
        self.expected = expected
        self.help = help
        self.atEndOfInput = atEndOfInput
    }

    /// The error as a `Diagnostic` for `source` (`<query>`, `<repl>`, a file path), with the
    /// line of `text` it points into.
    public func diagnostic(source: String, text: String) -> Diagnostic {
        Diagnostic.error(message, source: source,
                         location: SourceLocation(line: range.line, column: range.column, length: range.length),
                         sourceLine: SyntaxError.line(range.line, of: text), help: help)
    }

    /// Line `n` (1-based) of `text`, without its line break.
    static func line(_ n: Int, of text: String) -> String {
        var current = 1
        var start = text.utf8.startIndex
        var i = start
        let utf8 = text.utf8
        while i != utf8.endIndex {
            if utf8[i] == UInt8(ascii: "\n") {
                if current == n { break }
                current += 1
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if current < n { return "" }
        var line = Substring(text[start..<i])
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }
}
