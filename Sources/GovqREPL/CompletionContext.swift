/// Where the cursor is in a query, decided from the tokens before it: the REPL's tab completion
/// offers what can be typed there (a keyword, a measure, a dimension, a member of a dimension).
/// The scan is tolerant on purpose: the text before the cursor is usually not a valid query yet.
import GovqCube

/// What kind of word fits at the cursor.
public enum CompletionContext: Sendable, Equatable {
    /// Start of a query: aggregate functions, `show`, and measures (a bare measure means `sum`).
    case queryStart
    /// A measure: after `sum`, `,` or an operator in the select list, in `having`.
    case measure(countAllowed: Bool)
    /// A dimension: after `by`, `pivot`, `where`, `and`, `or`.
    case dimension
    /// A member of the named dimension (canonical name): after `district =`, `applicant in (`.
    case member(String)
    /// A table: after `from`.
    case table
    /// What `show` can list.
    case showSubject
    /// After `order by`: a measure, a dimension or an output column.
    case orderTerm
    /// The keywords that may follow a complete term.
    case keywords([String])
    /// A dot-command name (`.mo` → `.mode`).
    case dotCommand
    /// The argument of a dot-command that takes one of a few words.
    case words([String])
    /// A file name (`.load`, `.output`): readline's own filename completion.
    case path
    /// Nothing sensible (an alias after `as`, a number after `limit`).
    case none
}

enum CompletionToken: Equatable {
    case word(String)      // identifiers, keywords, numbers, dotted names, Chinese names
    case string            // "…", '…', “…”
    case punct(String)     // ( ) , = != < <= > >= ~ + - * / ;
}

extension CompletionContext {
    static let aggregateFunctions = ["sum", "avg", "min", "max", "count"]
    static let clauseKeywords = ["by", "from", "where", "having", "order", "pivot", "limit"]
    static let comparisons: Set<String> = ["=", "!=", "<", "<=", ">", ">=", "~"]

    /// The context for the word that starts after `before` (the whole pending query up to it).
    public static func of(before: String) -> CompletionContext {
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix(".") { return dotCommandArgument(String(trimmed)) }
        var tokens = tokenize(before)
        // Only the statement under the cursor matters.
        if let semi = tokens.lastIndex(of: .punct(";")) { tokens.removeSubrange(...semi) }
        return of(tokens: tokens)
    }

    static func of(tokens: [CompletionToken]) -> CompletionContext {
        guard let last = tokens.last else { return .queryStart }
        let words = tokens.map { if case .word(let w) = $0 { w.lowercased() } else { "" } }
        // The clause the cursor is in: the last clause keyword before it.
        var clause = "select", clauseAt = -1
        for (i, w) in words.enumerated() {
            switch w {
            case "from", "where", "having", "pivot", "limit", "show": clause = w; clauseAt = i
            case "by": clause = i > 0 && words[i - 1] == "order" ? "order by" : "by"; clauseAt = i
            default: break
            }
        }
        let lastWord = words.last ?? ""
        let afterTerm = termFollowers(clause)
        switch clause {
        case "show":
            return clauseAt == tokens.count - 1 ? .showSubject : .keywords(["where"])
        case "from":
            return clauseAt == tokens.count - 1 ? .table : .keywords(afterTerm)
        case "by", "pivot":
            if clauseAt == tokens.count - 1 || last == .punct(",") { return .dimension }
            return .keywords(afterTerm)
        case "order by":
            if clauseAt == tokens.count - 1 || last == .punct(",") { return .orderTerm }
            if lastWord == "asc" || lastWord == "desc" { return .keywords(["limit"]) }
            return .keywords(["asc", "desc", "limit"])
        case "limit":
            return .none
        case "where":
            return whereContext(tokens: tokens, words: words, afterTerm: afterTerm)
        case "having":
            if case .punct(let p) = last, p != ")" { return .measure(countAllowed: false) }
            if ["having", "and", "or", "not"].contains(lastWord) { return .measure(countAllowed: false) }
            return .keywords(["and", "or"] + afterTerm)
        default: // the select list
            if lastWord == "as" { return .none }
            if aggregateFunctions.contains(lastWord) { return .measure(countAllowed: lastWord == "count") }
            if case .punct(let p) = last, p != ")" { return .measure(countAllowed: false) }
            return .keywords(["as"] + afterTerm)
        }
    }

    /// Inside `where`: a dimension, a member of the dimension being compared, or a connective.
    private static func whereContext(tokens: [CompletionToken], words: [String], afterTerm: [String]) -> CompletionContext {
        let n = tokens.count
        let last = tokens[n - 1], lastWord = words[n - 1]
        // `dim = `, `dim != `, `dim ~ `…
        if case .punct(let p) = last, comparisons.contains(p), n >= 2, case .word(let dim) = tokens[n - 2] {
            return memberOrNone(dim)
        }
        // `dim between `, `dim not between `
        if lastWord == "between", let dim = word(before: n - 1, skippingNot: true, in: tokens) { return memberOrNone(dim) }
        // `dim between x and `
        if lastWord == "and", n >= 4, words[n - 3] == "between",
           let dim = word(before: n - 3, skippingNot: true, in: tokens) { return memberOrNone(dim) }
        // Inside `dim in (…`: after `(` or `,` of an unclosed list.
        if last == .punct("(") || last == .punct(",") {
            var i = n - 1, depth = 0
            while i >= 0 {
                if tokens[i] == .punct(")") { depth += 1 }
                if tokens[i] == .punct("(") {
                    if depth == 0 { break }
                    depth -= 1
                }
                i -= 1
            }
            if i >= 1, words[i - 1] == "in", let dim = word(before: i - 1, skippingNot: true, in: tokens) {
                return memberOrNone(dim)
            }
            if last == .punct("(") { return .dimension }
        }
        if ["where", "and", "or", "not"].contains(lastWord) { return .dimension }
        // Right after a dimension: an operator comes next.
        if case .word(let w) = last, Schema.dimension(named: w) != nil, n >= 2,
           !comparisons.contains(punctText(tokens[n - 2])), words[n - 2] != "between" {
            return .keywords(["in", "not", "between"])
        }
        return .keywords(["and", "or"] + afterTerm)
    }

    private static func punctText(_ t: CompletionToken) -> String {
        if case .punct(let p) = t { return p }
        return ""
    }

    /// The word at `index - 1` (or `index - 2` past a `not`).
    private static func word(before index: Int, skippingNot: Bool, in tokens: [CompletionToken]) -> String? {
        var i = index - 1
        if skippingNot, i >= 0, case .word(let w) = tokens[i], w.lowercased() == "not" { i -= 1 }
        guard i >= 0, case .word(let w) = tokens[i] else { return nil }
        return w
    }

    private static func memberOrNone(_ name: String) -> CompletionContext {
        guard let dim = Schema.dimension(named: name) else { return .none }
        return .member(dim.name)
    }

    /// The clause keywords that may still follow a term of `clause`.
    private static func termFollowers(_ clause: String) -> [String] {
        switch clause {
        case "select": return clauseKeywords
        case "from": return ["by", "where", "having", "order", "pivot", "limit"]
        case "by": return ["where", "having", "order", "pivot", "limit"]
        case "where": return ["by", "having", "order", "pivot", "limit"]
        case "having": return ["order", "pivot", "limit"]
        case "pivot": return ["where", "order", "limit"]
        default: return []
        }
    }

    /// `.mode `, `.timer `, `.load `…: what the dot-command's argument can be.
    private static func dotCommandArgument(_ line: String) -> CompletionContext {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let name = parts.first.map({ String($0).lowercased() }) else { return .dotCommand }
        switch name {
        case ".mode": return parts.count == 1 ? .words(OutputFormatNames.all) : .none
        case ".timer", ".headers", ".header", ".echo": return parts.count == 1 ? .words(["on", "off"]) : .none
        case ".output", ".once", ".export", ".load", ".read": return .path
        default: return .none
        }
    }

    /// Tokens of `text`; an unterminated string or a comment swallows the rest.
    static func tokenize(_ text: String) -> [CompletionToken] {
        var tokens: [CompletionToken] = []
        let s = Array(text.unicodeScalars)
        var i = 0
        func isWordScalar(_ u: Unicode.Scalar) -> Bool {
            !(u == " " || u == "\t" || u == "\n" || u == "\r" || "(),=!<>~+-*/;\"'\u{201C}\u{201D}".unicodeScalars.contains(u))
        }
        while i < s.count {
            let u = s[i]
            if u == " " || u == "\t" || u == "\n" || u == "\r" { i += 1; continue }
            if u == "-", i + 1 < s.count, s[i + 1] == "-" {
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            }
            if u == "\"" || u == "'" || u == "\u{201C}" {
                let close: Unicode.Scalar = u == "\u{201C}" ? "\u{201D}" : u
                i += 1
                while i < s.count, s[i] != close { i += 1 }
                i += 1
                tokens.append(.string)
                continue
            }
            if i + 1 < s.count, s[i + 1] == "=", u == "!" || u == "<" || u == ">" {
                tokens.append(.punct(String(u) + "="))
                i += 2
                continue
            }
            if !isWordScalar(u) {
                tokens.append(.punct(String(u)))
                i += 1
                continue
            }
            var w = String.UnicodeScalarView()
            while i < s.count, isWordScalar(s[i]) { w.append(s[i]); i += 1 }
            tokens.append(.word(String(w)))
        }
        return tokens
    }
}

/// Output format names for `.mode` (kept here so this file needs nothing from GovqRender).
enum OutputFormatNames {
    static let all = ["table", "csv", "tsv", "json", "jsonl", "markdown", "line", "xlsx", "bar"]
}
