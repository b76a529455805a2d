/// The analysis clauses of a select query: a leading mode (`share`, `change`, `yoy`, `rank`),
/// `within`, `from 2019 to 2021`, `with totals, ci` and the minimum-sample guard
/// `min handled 30`. Kept apart from `SelectQuery`'s core clauses so the planner can bind them in
/// one place.

/// What a leading analysis keyword asks for.
public enum AnalysisMode: String, Sendable, Hashable {
    /// Each group's part of the grand total (or of its `within` parent).
    case share
    /// Two years side by side: both values, the difference and the change in percent.
    case change
    /// Each year against the year before.
    case yoy
    /// A rank column, highest first.
    case rank
}

/// `from 2019 to 2021` in a `change` query.
public struct YearSpan: Sendable, Hashable {
    public var from: Int
    public var to: Int
    public var range: SourceRange

    public init(from: Int, to: Int, range: SourceRange) {
        self.from = from
        self.to = to
        self.range = range
    }
}

/// `min handled 30`: groups whose sum of `measure` is below `count` are left out.
public struct MinimumSample: Sendable, Hashable {
    public var measure: Name
    public var count: Int
    public var range: SourceRange

    public init(measure: Name, count: Int, range: SourceRange) {
        self.measure = measure
        self.count = count
        self.range = range
    }
}

public struct AnalysisClauses: Sendable, Hashable {
    public var mode: AnalysisMode?
    public var modeRange: SourceRange?
    /// `within district`: shares of the parent group.
    public var within: [Name] = []
    public var years: YearSpan?
    /// `with totals, ci`: names as typed, checked by the planner.
    public var options: [Name] = []
    public var minimum: MinimumSample?

    public init() {}

    public var isEmpty: Bool { self == AnalysisClauses() }

    /// The clauses as S-expression parts, for `sExpression`.
    var sExpressionParts: [String] {
        var parts: [String] = []
        if let mode { parts.append("(mode \(mode.rawValue))") }
        if !within.isEmpty { parts.append("(within " + within.map(\.text).joined(separator: " ") + ")") }
        if let years { parts.append("(years \(years.from) \(years.to))") }
        if !options.isEmpty { parts.append("(with " + options.map(\.text).joined(separator: " ") + ")") }
        if let minimum { parts.append("(min \(minimum.measure.text) \(minimum.count))") }
        return parts
    }
}
