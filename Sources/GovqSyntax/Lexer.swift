/// The lexer: UTF-8 bytes in, tokens out. ASCII is classified byte by byte; only non-ASCII
/// scalars (Chinese names, punctuation and quotes) are decoded. Lines and columns count Unicode
/// scalars, as an editor does, so carets land under the right character.

public struct Lexer {
    let bytes: [UInt8]
    private var pos = 0
    private var line = 1
    private var column = 1

    public init(_ text: String) { bytes = Array(text.utf8) }
    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Every token of `text`, ending with `endOfInput`. Never fails: malformed input becomes
    /// `unknownCharacter` or `unterminatedString` tokens (completion wants tokens regardless).
    public static func tokens(_ text: String) -> [Token] {
        var lexer = Lexer(text)
        return lexer.all()
    }

    /// Reads the rest of the input.
    public mutating func all() -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(bytes.count / 4 + 1)
        while true {
            let t = next()
            out.append(t)
            if t.kind == .endOfInput { return out }
        }
    }

    /// Reads one token, skipping whitespace and `--` comments.
    public mutating func next() -> Token {
        skipTrivia()
        let start = pos, startLine = line, startColumn = column
        func make(_ kind: TokenKind) -> Token {
            let length = line == startLine ? column - startColumn : scalarCount(start, pos)
            return Token(kind: kind, range: SourceRange(start: start, end: pos, line: startLine,
                                                        column: startColumn, length: length))
        }
        guard pos < bytes.count else { return make(.endOfInput) }
        let b = bytes[pos]
        if b < 0x80 {
            if isIdentifierStart(b) {
                scanName()
                return make(Keyword.lookup(bytes[start..<pos]).map { .keyword($0) } ?? .identifier)
            }
            if isDigit(b) {
                while pos < bytes.count, isDigit(bytes[pos]) { advanceByte() }
                if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "."), isDigit(bytes[pos + 1]) {
                    advanceByte()
                    while pos < bytes.count, isDigit(bytes[pos]) { advanceByte() }
                    return make(.decimal)
                }
                return make(.integer)
            }
            let following: UInt8 = pos + 1 < bytes.count ? bytes[pos + 1] : 0
            advanceByte()
            switch b {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): return make(readString(close: Unicode.Scalar(b)))
            case UInt8(ascii: ","): return make(.comma)
            case UInt8(ascii: ";"): return make(.semicolon)
            case UInt8(ascii: "."): return make(.dot)
            case UInt8(ascii: "("): return make(.lparen)
            case UInt8(ascii: ")"): return make(.rparen)
            case UInt8(ascii: "="): return make(.equal)
            case UInt8(ascii: "~"): return make(.tilde)
            case UInt8(ascii: "+"): return make(.plus)
            case UInt8(ascii: "-"): return make(.minus)
            case UInt8(ascii: "*"): return make(.star)
            case UInt8(ascii: "/"): return make(.slash)
            case UInt8(ascii: "!") where following == UInt8(ascii: "="):
                advanceByte(); return make(.notEqual)
            case UInt8(ascii: "<"):
                if following == UInt8(ascii: "=") { advanceByte(); return make(.lessEqual) }
                if following == UInt8(ascii: ">") { advanceByte(); return make(.notEqual) }
                return make(.less)
            case UInt8(ascii: ">"):
                if following == UInt8(ascii: "=") { advanceByte(); return make(.greaterEqual) }
                return make(.greater)
            default: return make(.unknownCharacter)
            }
        }
        let (s, n) = scalar(at: pos)
        if Lexer.isNameScalar(s) {
            scanName()
            return make(.identifier)
        }
        advance(n)
        switch s.value {
        case 0xFF08: return make(.lparen)       // （
        case 0xFF09: return make(.rparen)       // ）
        case 0xFF0C, 0x3001: return make(.comma) // ， 、
        case 0xFF1B: return make(.semicolon)    // ；
        case 0xFF1D: return make(.equal)        // ＝
        default:
            if let close = Lexer.closingQuote[s.value] { return make(readString(close: close)) }
            return make(.unknownCharacter)
        }
    }

    /// Opening Chinese quotes and the quote that closes each.
    static let closingQuote: [UInt32: Unicode.Scalar] = [
        0x201C: "\u{201D}", 0x2018: "\u{2019}", 0x300C: "\u{300D}", 0x300E: "\u{300F}",
    ]

    /// Letters of any script (Chinese included) and combining marks may appear in names.
    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x80 && (s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark)
    }

    /// Advances over a name: ASCII letters, digits and `_`, and letters of any script.
    private mutating func scanName() {
        while pos < bytes.count {
            let c = bytes[pos]
            if c < 0x80 {
                guard isIdentifierStart(c) || isDigit(c) else { return }
                advanceByte()
            } else {
                let (s, n) = scalar(at: pos)
                guard Lexer.isNameScalar(s) else { return }
                advance(n)
            }
        }
    }

    /// Reads a string body after its opening quote. ASCII quotes are escaped by doubling
    /// (`'it''s'`, as in SQL); Chinese quotes close with their partner and need no escape.
    private mutating func readString(close: Unicode.Scalar) -> TokenKind {
        while pos < bytes.count {
            let (s, n) = scalar(at: pos)
            advance(n)
            if s == close {
                if close.isASCII, pos < bytes.count, bytes[pos] == UInt8(close.value) {
                    advanceByte()
                    continue
                }
                return .string
            }
        }
        return .unterminatedString
    }

    private mutating func skipTrivia() {
        while pos < bytes.count {
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), 0x0B, 0x0C:
                advanceByte()
            case UInt8(ascii: "-") where pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: "-"):
                while pos < bytes.count, bytes[pos] != UInt8(ascii: "\n") { advanceByte() }
            case 0x80...:
                let (s, n) = scalar(at: pos)
                // Ideographic space, no-break space, byte-order mark and other Unicode spaces.
                guard s.properties.isWhitespace || s.value == 0xFEFF else { return }
                advance(n)
            default:
                return
            }
        }
    }

    /// Advances over one ASCII byte.
    private mutating func advanceByte() {
        if bytes[pos] == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        pos += 1
    }

    /// Advances over one scalar of `n` bytes (newline handled by `advanceByte`).
    private mutating func advance(_ n: Int) {
        if n == 1 { advanceByte() } else { pos += n; column += 1 }
    }

    /// Decodes the scalar at `i`. The bytes come from a Swift String, so they are valid UTF-8;
    /// a stray byte still decodes to U+FFFD of length 1 rather than trapping.
    func scalar(at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
        guard n > 1, i + n <= bytes.count else { return ("\u{FFFD}", 1) }
        var v = UInt32(b0) & (0xFF >> (n + 1))
        for k in 1..<n {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            v = v << 6 | UInt32(c & 0x3F)
        }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", n)
    }

    private func scalarCount(_ a: Int, _ b: Int) -> Int {
        var n = 0
        for i in a..<b where bytes[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    private func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
