/// The parts of a plan that the analysis constructs add: complete-case units (named metrics and
/// expressions across the two tables) and the post-processing of rows (share, change, yoy, rank,
/// the minimum-sample guard, Wilson intervals, totals).
import GovqCube
import GovqSyntax

/// One measure read per report for a complete-case unit: its leaves, in `table`, restricted to
/// some split columns (a metric's fixed proceedings) or to the row's slice when nil.
struct BoundTerm: Hashable {
    var table: FactTableID
    var leaves: [Int]
    var columns: [Int]?
}

/// An expression whose measures are summed only over the reports where every one of them is
/// present: `disclosure_rate`, `sum reviews.total / sum handled`. In `expr`, `.aggregate(j)`
/// stands for the sum of `terms[j]`.
struct CompleteCase {
    var terms: [BoundTerm] = []
    var expr: BoundExpr = .integer(0)
    /// For a bare proportion metric: numerator and denominator, for `with ci`.
    var proportion: (numerator: BoundExpr, denominator: BoundExpr)?
    var kind: ResultColumn.Kind = .decimal
}

struct AnalysisPlan {
    var mode: AnalysisMode?
    /// Indices into `Plan.groupDims` of the `within` dimensions (share of the parent group).
    var within: [Int] = []
    var years: (from: Int, to: Int)?
    /// Index into `Plan.groupDims` of the year (yoy) or of the hidden year dimension (change).
    var yearDim: Int?
    var totals = false
    /// Items that get a Wilson interval.
    var ci: [Int] = []
    /// `min handled 30`: the aggregate and the threshold, and the measure's name for the note.
    var minimum: (aggregate: BoundExpr, count: Int, measure: String)?
    /// The columns of rows after analysis, when they differ from group dimensions + items.
    var columns: [ResultColumn]?
    /// A totals re-run: its warnings would repeat the answer's, so none are computed.
    var quiet = false

    var isEmpty: Bool { mode == nil && !totals && ci.isEmpty && minimum == nil }
}
