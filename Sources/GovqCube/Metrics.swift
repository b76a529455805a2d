/// The standard metrics researchers publish (公开率, 不予公开率, 复议纠错率, …) as named measures.
/// Each is a ratio of two sums of measures, possibly from both tables; the engine sums the
/// numerator and the denominator over the reports where every cell the metric needs is present
/// (complete cases) and divides at every level of grouping, so a total is never an average of
/// ratios.

/// One measure in a metric's numerator or denominator.
public struct MetricTerm: Sendable, Hashable {
    /// Name of a measure of `table` (see `Schema.measures`).
    public let measure: String
    public let table: FactTableID
    /// Only these proceedings (reviews), or every column when nil.
    public let proceedings: [Proceeding]?
    /// 1, or -1 for a subtracted term (`total - pending`).
    public let sign: Int

    public init(_ measure: String, _ table: FactTableID = .applications, proceedings: [Proceeding]? = nil, sign: Int = 1) {
        self.measure = measure
        self.table = table
        self.proceedings = proceedings
        self.sign = sign
    }
}

/// A named metric: `scale` × Σ numerator / Σ denominator.
public struct Metric: Sendable {
    public let name: String
    public let aliases: [String]
    /// The definition as `show measures` prints it.
    public let formula: String
    public let numerator: [MetricTerm]
    public let denominator: [MetricTerm]
    public let scale: Int

    /// Whether the metric is a proportion (numerator ≤ denominator, counted in the same units),
    /// for which a Wilson interval makes sense.
    public var isProportion: Bool { scale == 1 }

    /// The tables the metric reads.
    public var tables: Set<FactTableID> { Set((numerator + denominator).map(\.table)) }
}

public enum Metrics {
    public static let all: [Metric] = {
        let review: [Proceeding] = [.review], litigation: [Proceeding] = [.litigationDirect, .litigationAfterReview]
        func t(_ m: String) -> MetricTerm { MetricTerm(m) }
        return [
            Metric(name: "disclosure_rate", aliases: ["公开率"], formula: "(granted + partial) / handled",
                   numerator: [t("granted"), t("partial")], denominator: [t("handled")], scale: 1),
            Metric(name: "denial_rate", aliases: ["不予公开率"], formula: "denied / handled",
                   numerator: [t("denied")], denominator: [t("handled")], scale: 1),
            Metric(name: "not_disclosed_rate", aliases: ["未获公开率"],
                   formula: "(denied + unavailable + not_processed) / handled",
                   numerator: [t("denied"), t("unavailable"), t("not_processed")], denominator: [t("handled")], scale: 1),
            Metric(name: "not_held_rate", aliases: ["本机关不掌握占比", "不掌握率"], formula: "unavailable.not_held / handled",
                   numerator: [t("unavailable.not_held")], denominator: [t("handled")], scale: 1),
            Metric(name: "backlog_rate", aliases: ["结转率"], formula: "carried_forward / (new + carried_over)",
                   numerator: [t("carried_forward")], denominator: [t("new"), t("carried_over")], scale: 1),
            Metric(name: "review_correction_rate", aliases: ["复议纠错率"],
                   formula: "corrected / (total - pending), proceeding review",
                   numerator: [MetricTerm("corrected", .reviews, proceedings: review)],
                   denominator: [MetricTerm("total", .reviews, proceedings: review),
                                 MetricTerm("pending", .reviews, proceedings: review, sign: -1)], scale: 1),
            Metric(name: "litigation_correction_rate", aliases: ["诉讼纠错率"],
                   formula: "corrected / (total - pending), proceedings litigation_direct and litigation_after_review",
                   numerator: [MetricTerm("corrected", .reviews, proceedings: litigation)],
                   denominator: [MetricTerm("total", .reviews, proceedings: litigation),
                                 MetricTerm("pending", .reviews, proceedings: litigation, sign: -1)], scale: 1),
            Metric(name: "contest_rate", aliases: ["复议诉讼发生率"],
                   formula: "100 × reviews.total (every proceeding) / handled",
                   numerator: [MetricTerm("total", .reviews)], denominator: [t("handled")], scale: 100),
        ]
    }()

    /// The metric an English name (any case) or Chinese alias names.
    public static func named(_ name: String) -> Metric? {
        let n = name.lowercased()
        return all.first { $0.name == n || $0.aliases.contains(name) }
    }

    /// Every name and alias, for suggestions and completion.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }
}
