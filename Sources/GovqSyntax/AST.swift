/// The syntax tree the parser produces and the planner binds. Every node that names something
/// carries the `SourceRange` of its text, so the planner can put a caret under it.

/// A span of the query text: UTF-8 byte offsets, plus the 1-based line and column (in Unicode
/// scalars) of its start and its length in scalars, ready for a `Diagnostic`.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var line: Int
    public var column: Int
    public var length: Int

    public init(start: Int, end: Int, line: Int, column: Int, length: Int) {
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.length = length
    }
}

/// A name as typed: `denied`, `denied.third_party`, `不予公开`, `district`.
public struct Name: Sendable, Hashable {
    public var text: String
    public var range: SourceRange

    public init(_ text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

public enum AggregateFunction: String, Sendable, CaseIterable {
    case sum, avg, min, max, count
    /// `count distinct district`: the number of different members among the reports.
    case countDistinct = "count distinct"
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum ComparisonOperator: String, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    /// `~`: the text contains the string.
    case contains = "~"
}

/// A value expression. In the select list every bare measure name is already an `aggregate`
/// (it inherits the last function written, `sum` by default); in `having` and `order by` a bare
/// name stays a `name` for the planner to resolve (an output column, a measure, a dimension).
public indirect enum Expr: Sendable, Hashable {
    case aggregate(AggregateFunction, Name, range: SourceRange)
    case name(Name)
    case number(Double, text: String, range: SourceRange)
    case string(String, range: SourceRange)
    case binary(BinaryOperator, Expr, Expr)
    case negate(Expr, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .aggregate(_, _, let r), .number(_, _, let r), .string(_, let r), .negate(_, let r): return r
        case .name(let n): return n.range
        case .binary(_, let l, let r):
            let a = l.range, b = r.range
            return SourceRange(start: a.start, end: b.end, line: a.line, column: a.column,
                               length: a.line == b.line ? b.column + b.length - a.column : a.length)
        }
    }
}

/// A boolean condition in `where` (over dimensions) or `having` (over aggregates).
public indirect enum Condition: Sendable, Hashable {
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    case comparison(Expr, ComparisonOperator, Expr)
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    case membership(Expr, [Expr], negated: Bool)
}

/// One output column of a select: `sum denied / handled as denial_rate`.
public struct SelectItem: Sendable, Hashable {
    public var expr: Expr
    public var alias: Name?

    public init(expr: Expr, alias: Name? = nil) {
        self.expr = expr
        self.alias = alias
    }
}

public struct OrderItem: Sendable, Hashable {
    public var expr: Expr
    public var descending: Bool

    public init(expr: Expr, descending: Bool) {
        self.expr = expr
        self.descending = descending
    }
}

/// `sum denied by district where year = 2019 order by denied desc limit 5`.
public struct SelectQuery: Sendable, Hashable {
    public var items: [SelectItem]
    /// `from reviews`; nil means the applications table.
    public var from: Name?
    public var groupBy: [Name]
    public var filter: Condition?
    public var having: Condition?
    public var pivot: Name?
    public var orderBy: [OrderItem]
    public var limit: Int?
    /// `share`, `change … from 2019 to 2021`, `with totals`, … (`AST+Analysis.swift`).
    public var analysis = AnalysisClauses()
    /// `with coverage`: per row, the reports used and the reports left out (missing cells).
    public var withCoverage = false

    public init(items: [SelectItem], from: Name? = nil, groupBy: [Name] = [], filter: Condition? = nil,
                having: Condition? = nil, pivot: Name? = nil, orderBy: [OrderItem] = [], limit: Int? = nil) {
        self.items = items
        self.from = from
        self.groupBy = groupBy
        self.filter = filter
        self.having = having
        self.pivot = pivot
        self.orderBy = orderBy
        self.limit = limit
    }
}

/// `show measures`, `show dimensions`, `show districts`, `show years`, `show tables`.
public struct ShowQuery: Sendable, Hashable {
    public var subject: Name
    public var filter: Condition?

    public init(subject: Name, filter: Condition? = nil) {
        self.subject = subject
        self.filter = filter
    }
}

public enum Query: Sendable, Hashable {
    case select(SelectQuery)
    case show(ShowQuery)
}
