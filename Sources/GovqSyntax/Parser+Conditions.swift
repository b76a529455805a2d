/// Conditions for `where` and `having`. A `(` at the start of a predicate may open a condition,
/// `(year = 2019 or year = 2020)`, or an expression, `(granted + partial) > 10`. Rather than
/// backtrack (exponential for nested parentheses) the parser reads the parenthesised text as a
/// condition that may also be a bare expression, then decides by what follows the `)`.

extension Parser {
    /// A condition, or an expression standing alone inside parentheses.
    enum ConditionOrExpr {
        case condition(Condition)
        case expr(Expr)
    }

    // condition = conjunction { "or" conjunction } ;
    mutating func parseCondition() throws -> Condition {
        guard case .condition(let c) = try parseCondition(allowBare: false) else {
            preconditionFailure("a bare expression was accepted outside parentheses")
        }
        return c
    }

    mutating func parseCondition(allowBare: Bool) throws -> ConditionOrExpr {
        let first = try parseConjunction(allowBare: allowBare)
        guard case .condition(let c) = first, at(.or) else { return first }
        var terms = [c]
        while at(.or) {
            advance()
            terms.append(try parseConjunction())
        }
        return .condition(balanced(terms, Condition.or))
    }

    // conjunction = negation { "and" negation } ;
    mutating func parseConjunction() throws -> Condition {
        guard case .condition(let c) = try parseConjunction(allowBare: false) else {
            preconditionFailure("a bare expression was accepted outside parentheses")
        }
        return c
    }

    mutating func parseConjunction(allowBare: Bool) throws -> ConditionOrExpr {
        let first = try parseNegation(allowBare: allowBare)
        guard case .condition(let c) = first, at(.and) else { return first }
        var terms = [c]
        while at(.and) {
            advance()
            guard case .condition(let next) = try parseNegation(allowBare: false) else { continue }
            terms.append(next)
        }
        return .condition(balanced(terms, Condition.and))
    }

    // negation = "not" negation | predicate ;
    mutating func parseNegation(allowBare: Bool) throws -> ConditionOrExpr {
        guard at(.not) else { return try parsePredicate(allowBare: allowBare) }
        try nest()
        defer { depth -= 1 }
        advance()
        guard case .condition(let c) = try parseNegation(allowBare: false) else {
            preconditionFailure("a bare expression was accepted after 'not'")
        }
        return .condition(.not(c))
    }

    // predicate = "(" condition ")" | expr [ "not" ] ( cmp expr | "between" expr "and" expr | "in" "(" expr { "," expr } ")" ) ;
    mutating func parsePredicate(allowBare: Bool) throws -> ConditionOrExpr {
        var left: Expr
        if at(.lparen) {
            try nest()
            let open = advance()
            let inner = try parseCondition(allowBare: true)
            guard at(.rparen) else { throw unclosed(open) }
            advance()
            depth -= 1
            switch inner {
            case .condition(let c):
                return .condition(c)
            case .expr(let e):
                // `(a + b) * 2 > 3`: the parentheses held an expression; carry on with it.
                left = try parseExprTail(try parseTermTail(e))
            }
        } else {
            left = try parseExpr()
        }
        // Inside parentheses an expression may stand alone: the caller continues it.
        if allowBare && at(.rparen) { return .expr(left) }
        return .condition(try parsePredicateTail(left))
    }

    /// `[ "not" ] ( cmp expr | "between" expr "and" expr | "in" "(" expr { "," expr } ")" )`
    mutating func parsePredicateTail(_ left: Expr) throws -> Condition {
        var negated = false
        var notToken: Token?
        if at(.not) {
            notToken = advance()
            negated = true
        }
        if let op = comparisonOperator(current.kind) {
            let opToken = advance()
            let right = try parseExpr(after: opToken)
            let c = Condition.comparison(left, op, right)
            return negated ? .not(c) : c
        }
        if at(.between) {
            let between = advance()
            let low = try parseExpr(after: between)
            guard at(.and) else { throw unexpected("'and'", .token("and"), after: previous) }
            let and = advance()
            let high = try parseExpr(after: and)
            return .between(left, low: low, high: high, negated: negated)
        }
        if at(.in) {
            let inToken = advance()
            guard at(.lparen) else { throw unexpected("'('", .token("("), after: inToken) }
            let open = advance()
            var values = [try parseExpr(after: open)]
            while at(.comma) {
                let comma = advance()
                values.append(try parseExpr(after: comma))
            }
            guard eat(.rparen) else { throw unclosed(open) }
            return .membership(left, values, negated: negated)
        }
        if let notToken {
            throw unexpected("'in', 'between' or a comparison", .comparison, after: notToken)
        }
        throw unexpected("a comparison (=, !=, <, <=, >, >=, ~, between, in)", .comparison, after: previous)
    }

    mutating func parseExpr(after: Token) throws -> Expr {
        try parseExprTail(try parseTerm(after: after))
    }

    func comparisonOperator(_ kind: TokenKind) -> ComparisonOperator? {
        switch kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .tilde: return .contains
        default: return nil
        }
    }

    /// Joins `terms` with an associative operator as a balanced tree, so a thousand `or`s are
    /// ten levels deep and nothing downstream recurses a thousand times.
    func balanced(_ terms: [Condition], _ join: (Condition, Condition) -> Condition) -> Condition {
        var level = terms
        while level.count > 1 {
            var next: [Condition] = []
            next.reserveCapacity(level.count / 2 + 1)
            var i = 0
            while i + 1 < level.count {
                next.append(join(level[i], level[i + 1]))
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0]
    }
}
