/// The lexer maps text to (kind, text) pairs: names in any script, numbers, strings in every
/// quote style, ASCII and Chinese punctuation, comments, and error tokens.
import Testing
@testable import GovqSyntax

/// A short, readable spelling of a token kind for the tables below.
func spell(_ kind: TokenKind) -> String {
    switch kind {
    case .identifier: return "id"
    case .integer: return "int"
    case .decimal: return "dec"
    case .string: return "str"
    case .keyword: return "kw"
    case .comma: return ","
    case .semicolon: return ";"
    case .dot: return "."
    case .lparen: return "("
    case .rparen: return ")"
    case .equal: return "="
    case .notEqual: return "!="
    case .less: return "<"
    case .lessEqual: return "<="
    case .greater: return ">"
    case .greaterEqual: return ">="
    case .tilde: return "~"
    case .plus: return "+"
    case .minus: return "-"
    case .star: return "*"
    case .slash: return "/"
    case .unknownCharacter: return "unknown"
    case .unterminatedString: return "unterminated"
    case .endOfInput: return "eof"
    }
}

/// "kind text" for every token but the final end of input.
func lex(_ text: String) -> [String] {
    Lexer.tokens(text).dropLast().map { "\(spell($0.kind)) \($0.text(in: text))" }
}

struct LexerCase: Sendable, CustomTestStringConvertible {
    let input: String
    let tokens: [String]
    var testDescription: String { input }
    init(_ input: String, _ tokens: [String]) { self.input = input; self.tokens = tokens }
}

let lexerCases: [LexerCase] = [
    LexerCase("sum denied by district", ["kw sum", "id denied", "kw by", "id district"]),
    LexerCase("SUM Denied By DISTRICT", ["kw SUM", "id Denied", "kw By", "id DISTRICT"]),
    LexerCase("show where having pivot order asc desc limit and or not in between as avg min max count from",
              ["kw show", "kw where", "kw having", "kw pivot", "kw order", "kw asc", "kw desc", "kw limit", "kw and",
               "kw or", "kw not", "kw in", "kw between", "kw as", "kw avg", "kw min", "kw max", "kw count", "kw from"]),
    // Words that merely start like keywords are names.
    LexerCase("summary byway order_id sums", ["id summary", "id byway", "id order_id", "id sums"]),
    LexerCase("denied.third_party", ["id denied", ". .", "id third_party"]),
    LexerCase("_x1 a_2b", ["id _x1", "id a_2b"]),
    LexerCase("不予公开 济南市历城区 地区", ["id 不予公开", "id 济南市历城区", "id 地区"]),
    LexerCase("不予公开2 abc中文_9", ["id 不予公开2", "id abc中文_9"]),
    LexerCase("2019 0 2.5 2019. .5", ["int 2019", "int 0", "dec 2.5", "int 2019", ". .", ". .", "int 5"]),
    LexerCase("'历城' \"x y\" 'it''s'", ["str '历城'", "str \"x y\"", "str 'it''s'"]),
    LexerCase("“历城” ‘城阳’ 「济南」 『下城』", ["str “历城”", "str ‘城阳’", "str 「济南」", "str 『下城』"]),
    LexerCase("“a\"b”", ["str “a\"b”"]),
    LexerCase("= != <> < <= > >= ~ + - * /", ["= =", "!= !=", "!= <>", "< <", "<= <=", "> >", ">= >=", "~ ~",
                                              "+ +", "- -", "* *", "/ /"]),
    LexerCase("( ) , . ;", ["( (", ") )", ", ,", ". .", "; ;"]),
    LexerCase("（a，b、c）；＝", ["( （", "id a", ", ，", "id b", ", 、", "id c", ") ）", "; ；", "= ＝"]),
    LexerCase("a<=b>=c<>d!=e", ["id a", "<= <=", "id b", ">= >=", "id c", "!= <>", "id d", "!= !=", "id e"]),
    LexerCase("sum denied -- the total\nby district", ["kw sum", "id denied", "kw by", "id district"]),
    LexerCase("a--b\n-c", ["id a", "- -", "id c"]),
    LexerCase("sum\u{3000}denied\tby\r\ndistrict\u{FEFF}", ["kw sum", "id denied", "kw by", "id district"]),
    LexerCase("a # b", ["id a", "unknown #", "id b"]),
    LexerCase("a ! b", ["id a", "unknown !", "id b"]),
    LexerCase("x = 'abc", ["id x", "= =", "unterminated 'abc"]),
    LexerCase("x = “abc\" d", ["id x", "= =", "unterminated “abc\" d"]),
    LexerCase("", []),
    LexerCase("  -- only a comment", []),
]

@Test(arguments: lexerCases)
func lexes(_ c: LexerCase) {
    #expect(lex(c.input) == c.tokens)
}

@Test func keywordsListed() {
    #expect(Keyword.allCases.map(\.rawValue) == [
        "show", "from", "by", "where", "having", "pivot", "order", "asc", "desc", "limit",
        "and", "or", "not", "in", "between", "as", "sum", "avg", "min", "max", "count",
        "share", "change", "yoy", "rank", "within", "with", "to",
    ])
}

/// Lines and columns count Unicode scalars; a Chinese character is one column.
@Test func positionsCountScalars() {
    let tokens = Lexer.tokens("sum 不予公开\n  by 地区")
    let places = tokens.map { [$0.range.line, $0.range.column, $0.range.length] }
    #expect(places == [[1, 1, 3], [1, 5, 4], [2, 3, 2], [2, 6, 2], [2, 8, 0]])
    // Byte ranges: 不予公开 is 12 bytes of UTF-8 starting at byte 4.
    #expect(tokens[1].range.start == 4 && tokens[1].range.end == 16)
}
