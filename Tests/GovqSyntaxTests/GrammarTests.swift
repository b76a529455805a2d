/// `Grammar/govq.ebnf` stays exactly true to the parser: every production written as a
/// comment on a parse function (`// expr = term { ( "+" | "-" ) term } ;`) must appear,
/// token for token, in the grammar file, and every syntactic production of the grammar file
/// must be the comment of some parse function.
import Foundation
import Testing

/// EBNF text → productions (name → body tokens). Comments `(* … *)`, nested or not, are dropped; quoted
/// terminals and `? … ?` special sequences are single tokens, so a quoted ";" is no terminator.
func productions(_ text: String) -> [String: [String]] {
    // ISO EBNF comments nest: the header's "(* example: … *)" sits inside a comment.
    var stripped = ""
    var depth = 0
    var rest = Substring(text)
    while !rest.isEmpty {
        if rest.hasPrefix("(*") { depth += 1; rest = rest.dropFirst(2); continue }
        if depth > 0, rest.hasPrefix("*)") { depth -= 1; rest = rest.dropFirst(2); continue }
        if depth == 0 { stripped.append(rest.first!) }
        rest = rest.dropFirst()
    }
    var tokens: [String] = []
    var chars = Array(stripped)[...]
    while let c = chars.first {
        if c.isWhitespace { chars = chars.dropFirst(); continue }
        if c == "\"" || c == "'" || c == "?" {
            let body = chars.dropFirst().prefix { $0 != c }
            tokens.append(String(c) + String(body) + String(c))
            chars = chars.dropFirst(body.count + 2)
            continue
        }
        if c.isLetter || c == "_" {
            let word = chars.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            tokens.append(String(word))
            chars = chars.dropFirst(word.count)
            continue
        }
        tokens.append(String(c))
        chars = chars.dropFirst()
    }
    var result: [String: [String]] = [:]
    var i = 0
    while i + 1 < tokens.count {
        guard tokens[i + 1] == "=" else { i += 1; continue }
        let name = tokens[i]
        var j = i + 2
        var body: [String] = []
        while j < tokens.count, tokens[j] != ";" { body.append(tokens[j]); j += 1 }
        result[name] = body
        i = j + 1
    }
    return result
}

/// The productions written in the `//` comments of the parser's source files.
func parserProductions() -> [String: [String]] {
    let folder = repositoryRoot.appendingPathComponent("Sources/GovqSyntax")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var text = ""
    for file in files where file.hasPrefix("Parser") && file.hasSuffix(".swift") {
        let source = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
        var inProduction = false
        for line in source.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("// ") else { inProduction = false; continue }
            let body = t.dropFirst(3).trimmingCharacters(in: .whitespaces)
            let startsProduction = body.range(of: #"^[a-z]+ = "#, options: .regularExpression) != nil
            if startsProduction || (inProduction && body.hasPrefix("|")) {
                text += body + "\n"
                inProduction = !body.hasSuffix(";")
            }
        }
    }
    return productions(text)
}

@Test func parserCommentsMatchGrammarFile() throws {
    let grammarText = try String(contentsOf: repositoryRoot.appendingPathComponent("Grammar/govq.ebnf"), encoding: .utf8)
    let grammar = productions(grammarText)
    let parser = parserProductions()
    #expect(parser.count >= 18)
    for (name, body) in parser.sorted(by: { $0.key < $1.key }) {
        #expect(grammar[name] == body, "production '\(name)' differs between the parser and Grammar/govq.ebnf")
    }
    // Lexical productions are the lexer's; every other production has a parse function.
    let lexical: Set = ["cmp", "keyword", "identifier", "letter", "digit", "number", "integer", "decimal", "string"]
    for name in grammar.keys.sorted() where !lexical.contains(name) {
        #expect(parser[name] != nil, "Grammar/govq.ebnf has '\(name)' but no parse function documents it")
    }
}
