/// A compact S-expression rendering of the AST, for tests and `.explain`-style debugging:
/// `sum denied / handled as rate by district` prints as
/// `(select (as (/ (sum denied) (sum handled)) rate) (by district))`.

extension Query {
    /// The query as an S-expression.
    public var sExpression: String {
        switch self {
        case .select(let q): return q.sExpression
        case .show(let q): return q.sExpression
        }
    }
}

extension ShowQuery {
    public var sExpression: String {
        var parts = ["show", subject.text]
        if let filter { parts.append("(where \(filter.sExpression))") }
        return "(" + parts.joined(separator: " ") + ")"
    }
}

extension SelectQuery {
    public var sExpression: String {
        var parts = ["select"]
        for item in items {
            parts.append(item.alias.map { "(as \(item.expr.sExpression) \($0.text))" } ?? item.expr.sExpression)
        }
        if let from { parts.append("(from \(from.text))") }
        if !groupBy.isEmpty { parts.append("(by " + groupBy.map(\.text).joined(separator: " ") + ")") }
        if let filter { parts.append("(where \(filter.sExpression))") }
        if let having { parts.append("(having \(having.sExpression))") }
        if let pivot { parts.append("(pivot \(pivot.text))") }
        if !orderBy.isEmpty {
            parts.append("(order " + orderBy.map { "(\($0.descending ? "desc" : "asc") \($0.expr.sExpression))" }
                .joined(separator: " ") + ")")
        }
        if let limit { parts.append("(limit \(limit))") }
        parts += analysis.sExpressionParts
        return "(" + parts.joined(separator: " ") + ")"
    }
}

extension Expr {
    /// Aggregates print as `(sum denied)`, bare names as `denied`, strings in double quotes.
    public var sExpression: String {
        switch self {
        case .aggregate(let f, let n, _): return "(\(f.rawValue) \(n.text))"
        case .name(let n): return n.text
        case .number(_, let text, _): return text
        case .string(let s, _): return "\"\(s)\""
        case .binary(let op, let l, let r): return "(\(op.rawValue) \(l.sExpression) \(r.sExpression))"
        case .negate(let e, _): return "(- \(e.sExpression))"
        }
    }
}

extension Condition {
    public var sExpression: String {
        switch self {
        case .and(let a, let b): return "(and \(a.sExpression) \(b.sExpression))"
        case .or(let a, let b): return "(or \(a.sExpression) \(b.sExpression))"
        case .not(let c): return "(not \(c.sExpression))"
        case .comparison(let l, let op, let r): return "(\(op.rawValue) \(l.sExpression) \(r.sExpression))"
        case .between(let e, let lo, let hi, let negated):
            return "(\(negated ? "not-between" : "between") \(e.sExpression) \(lo.sExpression) \(hi.sExpression))"
        case .membership(let e, let list, let negated):
            return "(\(negated ? "not-in" : "in") \(e.sExpression) " + list.map(\.sExpression).joined(separator: " ") + ")"
        }
    }
}
