/// The recursive-descent parser. One function per production of `Grammar/govq.ebnf`, named
/// after it, with the production as its first comment (Lua's lparser.c style). Expressions
/// live in `Parser+Expressions.swift`, conditions in `Parser+Conditions.swift`.
///
/// Nesting is bounded (`maxDepth`) so that 10,000 parentheses give an error, not a stack
/// overflow; `and`/`or` chains are built as balanced trees so any number of them stays shallow.

struct Parser {
    /// Deepest nesting of parentheses, `not`, unary `-` and arithmetic operator chains.
    static let maxDepth = 256

    let bytes: [UInt8]
    let tokens: [Token]
    var index = 0
    var depth = 0
    /// How a bare name in an expression reads: an aggregate in the select list (inheriting the
    /// last function written), a plain name elsewhere.
    var namesAreAggregates = false
    var lastFunction = AggregateFunction.sum
    /// Token index just after the select list, for the "did you forget 'by'" hint.
    var itemsEnd = -1

    init(bytes: [UInt8], tokens: [Token]) {
        self.bytes = bytes
        self.tokens = tokens
    }

    // MARK: - Queries

    // query = ( show | select ) [ ";" ] ;
    mutating func parseQuery() throws -> Query {
        let query: Query
        if at(.show) {
            query = .show(try parseShow())
        } else {
            if current.kind == .endOfInput {
                throw unexpected("a measure or 'show'", .query)
            }
            query = .select(try parseSelect())
        }
        _ = eat(.semicolon)
        if current.kind != .endOfInput {
            if case .show = query {
                throw unexpected("'where' or end of query", .clause)
            }
            throw unexpected("',' or a clause (by, where, having, pivot, order by, limit, from)", .clause,
                             help: clauseHelp())
        }
        return query
    }

    // show = "show" name [ where ] ;
    mutating func parseShow() throws -> ShowQuery {
        let show = advance()
        guard current.kind == .identifier else {
            throw unexpected("what to show (measures, dimensions, tables, districts, years, …)", .showSubject,
                             after: show)
        }
        let subject = try parseName()
        var query = ShowQuery(subject: subject)
        if at(.where) {
            query.filter = try parseWhere()
        }
        return query
    }

    // select = [ mode ] item { "," item } { clause } ;
    mutating func parseSelect() throws -> SelectQuery {
        var query = SelectQuery(items: [])
        parseMode(into: &query)
        namesAreAggregates = true
        query.items = [try parseItem()]
        while at(.comma) {
            advance()
            query.items.append(try parseItem())
        }
        namesAreAggregates = false
        itemsEnd = index
        var seen: [Keyword] = []   // not a Set: see Keyword.lookup
        while case .keyword(let k) = current.kind, k.startsClause {
            // `from 2019 to 2021` is a clause of its own beside `from reviews`.
            let key = atYearSpan ? Keyword.to : k
            if seen.contains(key) {
                throw duplicateClause(key)
            }
            seen.append(key)
            try parseClause(into: &query)
        }
        return query
    }

    // item = expr [ "as" name ] ;
    mutating func parseItem() throws -> SelectItem {
        let expr = try parseExpr()
        guard at(.as) else { return SelectItem(expr: expr) }
        let asToken = advance()
        guard current.kind == .identifier else {
            throw unexpected("column name", .columnName, after: asToken)
        }
        return SelectItem(expr: expr, alias: try parseName())
    }

    // clause = "from" name | "by" name { "," name } | where | "having" condition
    //        | "pivot" name | "order" "by" order { "," order } | limit | analysis ;
    mutating func parseClause(into query: inout SelectQuery) throws {
        guard case .keyword(let k) = current.kind else { return }
        switch k {
        case .from where atYearSpan:
            _ = try parseAnalysisClause(k, into: &query)
        case .from:
            query.from = try parseNameAfterKeyword("table name", .table)
        case .by:
            let by = advance()
            query.groupBy = [try parseDimensionName(after: by)]
            while at(.comma) {
                let comma = advance()
                query.groupBy.append(try parseDimensionName(after: comma))
            }
        case .where:
            query.filter = try parseWhere()
        case .having:
            advance()
            query.having = try parseCondition()
        case .pivot:
            query.pivot = try parseNameAfterKeyword("dimension name", .dimension)
        case .order:
            let order = advance()
            guard at(.by) else {
                throw unexpected("'by'", .token("by"), after: order,
                                 help: "write 'order by' followed by a column, e.g. 'order by denied desc'")
            }
            advance()
            query.orderBy = [try parseOrder()]
            while at(.comma) {
                advance()
                query.orderBy.append(try parseOrder())
            }
        case .limit:
            query.limit = try parseLimit()
        default:
            _ = try parseAnalysisClause(k, into: &query)
        }
    }

    // where = "where" condition ;
    mutating func parseWhere() throws -> Condition {
        advance()
        return try parseCondition()
    }

    // order = expr [ "asc" | "desc" ] ;
    mutating func parseOrder() throws -> OrderItem {
        let expr = try parseExpr()
        if at(.desc) { advance(); return OrderItem(expr: expr, descending: true) }
        if at(.asc) { advance() }
        return OrderItem(expr: expr, descending: false)
    }

    // limit = "limit" integer ;
    mutating func parseLimit() throws -> Int {
        let limit = advance()
        guard current.kind == .integer else {
            throw unexpected("integer", .integer, after: limit, help: "'limit' takes a whole number of rows, e.g. 'limit 10'")
        }
        let token = advance()
        guard let n = Int(token.text(in: bytes)) else {
            throw SyntaxError(.limitOutOfRange, "limit '\(token.text(in: bytes))' is out of range", range: token.range,
                              help: "the largest limit is \(Int.max)")
        }
        return n
    }

    // name = identifier { "." ( identifier | keyword ) } ;
    mutating func parseName() throws -> Name {
        let first = advance()
        var text = first.text(in: bytes)
        var last = first
        while at(.dot) {
            let dot = advance()
            switch current.kind {
            case .identifier, .keyword: break
            default: throw unexpected("name", .name, after: dot)
            }
            last = advance()
            text += "." + last.text(in: bytes)
        }
        return Name(text, range: span(first.range, last.range))
    }

    /// A name after a clause keyword: `from reviews`, `pivot year`.
    mutating func parseNameAfterKeyword(_ what: String, _ expectation: SyntaxError.Expectation) throws -> Name {
        let keyword = advance()
        guard current.kind == .identifier else { throw unexpected(what, expectation, after: keyword) }
        return try parseName()
    }

    mutating func parseDimensionName(after token: Token) throws -> Name {
        guard current.kind == .identifier else { throw unexpected("dimension name", .dimension, after: token) }
        return try parseName()
    }
}
