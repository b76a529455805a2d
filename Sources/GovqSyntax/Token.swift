/// Tokens: a kind plus a range into the query text (no copies of the text, as in SQLite and
/// clox). The lexer never fails; malformed input becomes an error token the parser reports
/// when it reaches it, so the first problem in reading order is the one shown.

/// What a token is. Chinese punctuation maps to the same kinds as its ASCII counterpart:
/// `（` is `lparen`, `，` and `、` are `comma`, `；` is `semicolon`, `＝` is `equal`.
public enum TokenKind: Sendable, Hashable {
    case identifier, integer, decimal, string
    case keyword(Keyword)
    case comma, semicolon, dot, lparen, rparen
    case equal, notEqual, less, lessEqual, greater, greaterEqual, tilde
    case plus, minus, star, slash
    /// A character that starts no token (`#`, `@`, `!` not followed by `=`).
    case unknownCharacter
    /// A string whose closing quote never comes; the token runs to the end of the text.
    case unterminatedString
    case endOfInput
}

/// One token: its kind and where it is (byte range, line, column and length in scalars).
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var range: SourceRange

    public init(kind: TokenKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The token's text, sliced from the query it was read from.
    public func text(in source: String) -> String {
        let utf8 = source.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: range.start)
        let b = utf8.index(a, offsetBy: range.end - range.start)
        return String(source[a..<b])
    }

    /// The token's text, sliced from the bytes of the query it was read from.
    public func text(in bytes: [UInt8]) -> String {
        String(decoding: bytes[range.start..<range.end], as: UTF8.self)
    }

    public var isError: Bool { kind == .unknownCharacter || kind == .unterminatedString }
}
