/// Entry points of the language front end: parse a query, split a script into statements,
/// and tell the REPL whether an input is finished.
import GovqDiagnostics

public enum QueryParser {
    /// Parses one query. Errors are thrown as `Diagnostic` with the source name (`<query>`,
    /// `<repl>`, a file path), location, source line and caret length filled in.
    public static func parse(_ text: String, source: String = "<query>") throws -> Query {
        do {
            return try parseSyntax(text)
        } catch {
            throw error.diagnostic(source: source, text: text)
        }
    }

    /// Parses one statement of a script, as returned by `splitStatements`: diagnostics carry
    /// the line in the file (`firstLine` is the statement's first line).
    public static func parse(_ text: String, source: String, firstLine: Int) throws -> Query {
        do {
            return try parseSyntax(text)
        } catch {
            var d = error.diagnostic(source: source, text: text)
            d.location?.line += firstLine - 1
            throw d
        }
    }

    /// Parses one query, throwing the structured `SyntaxError`.
    public static func parseSyntax(_ text: String) throws(SyntaxError) -> Query {
        let bytes = Array(text.utf8)
        var lexer = Lexer(bytes: bytes)
        let tokens = lexer.all()
        var parser = Parser(bytes: bytes, tokens: tokens)
        do {
            return try parser.parseQuery()
        } catch let error as SyntaxError {
            // The parser never consumes an error token, so if one lies at or before where the
            // parser stopped, it is the first problem in reading order: report it instead.
            if let bad = tokens.firstIndex(where: \.isError), bad <= parser.index {
                throw lexicalError(tokens[bad], bytes: bytes)
            }
            throw error
        } catch {
            preconditionFailure("the parser throws only SyntaxError")
        }
    }

    /// The syntax error in `text`, or nil when it parses. Completion reads `expected` from it.
    public static func syntaxError(in text: String) -> SyntaxError? {
        do {
            _ = try parseSyntax(text)
            return nil
        } catch {
            return error
        }
    }

    /// Splits a script into queries at `;` (or `；`) outside strings and comments; each with
    /// the 1-based line it starts on. Empty statements are dropped. A statement that starts
    /// mid-line is padded with spaces so the columns of its diagnostics match the file.
    public static func splitStatements(_ text: String) -> [(text: String, line: Int)] {
        let bytes = Array(text.utf8)
        var lexer = Lexer(bytes: bytes)
        var out: [(text: String, line: Int)] = []
        var first: Token?
        var last: Token?
        func flush() {
            if let first, let last {
                let body = String(decoding: bytes[first.range.start..<last.range.end], as: UTF8.self)
                out.append((String(repeating: " ", count: first.range.column - 1) + body, first.range.line))
            }
            first = nil
            last = nil
        }
        while true {
            let t = lexer.next()
            switch t.kind {
            case .endOfInput:
                flush()
                return out
            case .semicolon:
                flush()
            default:
                if first == nil { first = t }
                last = t
            }
        }
    }

    /// Whether the REPL should run this input now, or ask for another line (`...>`): false
    /// when the last statement stops too early (open parenthesis or string, trailing comma,
    /// operator or keyword); true otherwise, including inputs with an error elsewhere, so the
    /// REPL can show it.
    public static func isComplete(_ text: String) -> Bool {
        let tokens = Lexer.tokens(text)
        if tokens.count >= 2, tokens[tokens.count - 2].kind == .semicolon { return true }
        guard let last = splitStatements(text).last else { return true }
        return !(syntaxError(in: last.text)?.atEndOfInput ?? false)
    }

    static func lexicalError(_ t: Token, bytes: [UInt8]) -> SyntaxError {
        let text = t.text(in: bytes)
        if t.kind == .unterminatedString {
            let open = text.unicodeScalars.first!
            let close = Lexer.closingQuote[open.value] ?? open
            return SyntaxError(.unterminatedString, "unterminated string: expected '\(close)' before end of query",
                               range: SourceRange(start: t.range.start, end: t.range.start + open.utf8.count,
                                                  line: t.range.line, column: t.range.column, length: 1),
                               expected: .token(String(close)), atEndOfInput: true)
        }
        let scalar = text.unicodeScalars.first!
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let shown = scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
            || scalar.properties.generalCategory == .format
            ? "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            : text
        let help: String?
        switch text {
        case "!": help = "did you mean '!='? to negate a condition, write 'not'"
        case "&": help = "write 'and' to combine conditions"
        case "|": help = "write 'or' to combine conditions"
        case "[", "]", "{", "}": help = "group with '(' and ')'"
        case "`": help = "quote text with '…' or \"…\"; names need no quotes"
        default:
            // Full-width forms of ASCII signs and digits (an IME left on): name the ASCII one.
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                help = "this is the full-width '\(text)'; type the ASCII '\(ascii)'"
            } else {
                help = nil
            }
        }
        return SyntaxError(.unknownCharacter, "unknown character '\(shown)'", range: t.range, help: help)
    }
}
