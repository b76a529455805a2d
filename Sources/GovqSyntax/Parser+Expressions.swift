/// Value expressions: arithmetic over aggregates, names, numbers and strings.

extension Parser {
    // expr = term { ( "+" | "-" ) term } ;
    mutating func parseExpr() throws -> Expr {
        try parseExprTail(try parseTerm())
    }

    /// The `{ ( "+" | "-" ) term }` part of `expr`, after its first term.
    mutating func parseExprTail(_ first: Expr) throws -> Expr {
        var left = first
        let outer = depth
        defer { depth = outer }
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            // A left-deep chain is as deep as it is long: each operator is a level.
            try nest()
            let opToken = advance()
            left = .binary(op, left, try parseTerm(after: opToken))
        }
    }

    // term = unary { ( "*" | "/" ) unary } ;
    mutating func parseTerm(after: Token? = nil) throws -> Expr {
        try parseTermTail(try parseUnary(after: after))
    }

    /// The `{ ( "*" | "/" ) unary }` part of `term`, after its first factor.
    mutating func parseTermTail(_ first: Expr) throws -> Expr {
        var left = first
        let outer = depth
        defer { depth = outer }
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return left
            }
            try nest()
            let opToken = advance()
            left = .binary(op, left, try parseUnary(after: opToken))
        }
    }

    // unary = "-" unary | primary ;
    mutating func parseUnary(after: Token? = nil) throws -> Expr {
        guard at(.minus) else { return try parsePrimary(after: after) }
        try nest()
        defer { depth -= 1 }
        let minus = advance()
        let operand = try parseUnary(after: minus)
        return .negate(operand, range: span(minus.range, operand.range))
    }

    // primary = number | string | "(" expr ")" | aggregate | name ;
    mutating func parsePrimary(after: Token? = nil) throws -> Expr {
        switch current.kind {
        case .integer, .decimal:
            let t = advance()
            let text = t.text(in: bytes)
            return .number(Double(text) ?? .infinity, text: text, range: t.range)
        case .string:
            let t = advance()
            return .string(stringValue(t), range: t.range)
        case .lparen:
            try nest()
            defer { depth -= 1 }
            let open = advance()
            let inner = try parseExpr()
            guard eat(.rparen) else { throw unclosed(open) }
            return inner
        case .keyword(let k) where k.aggregateFunction != nil:
            return try parseAggregate()
        case .identifier:
            let name = try parseName()
            return namesAreAggregates ? .aggregate(lastFunction, name, range: name.range) : .name(name)
        default:
            if namesAreAggregates {
                throw unexpected("a measure, a number or '('", .expression, after: after ?? previous)
            }
            throw unexpected("a name, a number, a string or '('", .expression, after: after ?? previous)
        }
    }

    // aggregate = function ( name | "(" name ")" ) ;   function = "sum" | "avg" | "min" | "max" | "count" [ "distinct" ] ;
    mutating func parseAggregate() throws -> Expr {
        let fn = advance()
        guard case .keyword(let k) = fn.kind, var function = k.aggregateFunction else {
            preconditionFailure("parseAggregate called off an aggregate keyword")
        }
        // `count distinct NAME`: `distinct` is a word only here, so it stays usable as a name.
        if function == .count, current.kind == .identifier, current.text(in: bytes).lowercased() == "distinct",
           index + 1 < tokens.count, tokens[index + 1].kind == .identifier || tokens[index + 1].kind == .lparen {
            _ = advance()
            function = .countDistinct
        }
        // In the select list the function carries over to later bare names: `sum a, b`.
        if namesAreAggregates { lastFunction = function }
        let what = function == .count ? "what to count ('reports')" : function == .countDistinct ? "a dimension" : "measure name"
        if at(.lparen) {
            let open = advance()
            guard current.kind == .identifier else { throw unexpected(what, .measure, after: open) }
            let name = try parseName()
            guard at(.rparen) else {
                var error = unclosed(open)
                let isOperator = [.plus, .minus, .star, .slash].contains(current.kind)
                if isOperator { error.help = "an aggregate takes one measure: write '\(fn.text(in: bytes)) a + b', not '\(fn.text(in: bytes)) (a + b)'" }
                throw error
            }
            let close = advance()
            return .aggregate(function, name, range: span(fn.range, close.range))
        }
        guard current.kind == .identifier else { throw unexpected(what, .measure, after: fn) }
        let name = try parseName()
        return .aggregate(function, name, range: span(fn.range, name.range))
    }

    /// A string token's value: quotes removed, doubled ASCII quotes undoubled.
    func stringValue(_ t: Token) -> String {
        let text = t.text(in: bytes)
        var body = Substring(text).unicodeScalars
        let open = body.removeFirst()
        body.removeLast()
        let inner = String(String.UnicodeScalarView(body))
        if open == "'" { return inner.replacingOccurrences("''", with: "'") }
        if open == "\"" { return inner.replacingOccurrences("\"\"", with: "\"") }
        return inner
    }
}

extension String {
    /// Foundation-free replace, enough for undoubling quotes.
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
