/// The analysis clauses (`AST+Analysis.swift`): a leading mode keyword and the clauses `within`,
/// `from YEAR to YEAR`, `with …` and `min MEASURE N`.

extension Parser {
    /// The mode a leading keyword names, if the current token is one.
    var analysisMode: AnalysisMode? {
        guard case .keyword(let k) = current.kind else { return nil }
        switch k {
        case .share: return .share
        case .change: return .change
        case .yoy: return .yoy
        case .rank: return .rank
        default: return nil
        }
    }

    // mode = "share" | "change" | "yoy" | "rank" ;
    mutating func parseMode(into query: inout SelectQuery) {
        guard let mode = analysisMode else { return }
        query.analysis.mode = mode
        query.analysis.modeRange = advance().range
    }

    /// Whether the clause at the current token is `from YEAR to YEAR` rather than `from TABLE`.
    var atYearSpan: Bool {
        at(.from) && index + 1 < tokens.count && tokens[index + 1].kind == .integer
    }

    /// The analysis clauses; returns false when `k` starts none of them.
    // analysis = "within" name { "," name } | "from" integer "to" integer
    //          | "with" name { "," name } | "min" name integer ;
    mutating func parseAnalysisClause(_ k: Keyword, into query: inout SelectQuery) throws -> Bool {
        switch k {
        case .within:
            let within = advance()
            query.analysis.within = [try parseDimensionName(after: within)]
            while at(.comma) {
                let comma = advance()
                query.analysis.within.append(try parseDimensionName(after: comma))
            }
        case .from:
            let from = advance()
            let first = try parseYear(after: from)
            guard at(.to) else {
                throw unexpected("'to'", .token("to"), after: previous, help: "write the years as 'from 2019 to 2021'")
            }
            let to = advance()
            let second = try parseYear(after: to)
            query.analysis.years = YearSpan(from: first.year, to: second.year, range: span(from.range, second.token.range))
        case .with:
            let with = advance()
            guard current.kind == .identifier else {
                throw unexpected("'totals', 'ci' or 'coverage'", .name, after: with)
            }
            var names = [try parseName()]
            while at(.comma) {
                let comma = advance()
                guard current.kind == .identifier else { throw unexpected("'totals', 'ci' or 'coverage'", .name, after: comma) }
                names.append(try parseName())
            }
            // `with coverage` is the trust clause's flag; the other names are analysis options.
            for name in names {
                if name.text.lowercased() == "coverage" {
                    if query.withCoverage {
                        throw SyntaxError(.duplicateClause, "duplicate 'with coverage' clause", range: name.range,
                                          help: "a query has at most one 'with coverage' clause")
                    }
                    query.withCoverage = true
                } else {
                    query.analysis.options.append(name)
                }
            }
        case .min:
            let min = advance()
            guard current.kind == .identifier else {
                throw unexpected("measure name", .measure, after: min, help: "write the guard as 'min handled 30'")
            }
            let measure = try parseName()
            guard current.kind == .integer, let n = Int(current.text(in: bytes)) else {
                throw unexpected("integer", .integer, after: previous, help: "write the guard as 'min \(measure.text) 30'")
            }
            let count = advance()
            query.analysis.minimum = MinimumSample(measure: measure, count: n, range: span(min.range, count.range))
        default:
            return false
        }
        return true
    }

    private mutating func parseYear(after token: Token) throws -> (year: Int, token: Token) {
        guard current.kind == .integer, let y = Int(current.text(in: bytes)) else {
            throw unexpected("year", .integer, after: token)
        }
        return (y, advance())
    }
}
