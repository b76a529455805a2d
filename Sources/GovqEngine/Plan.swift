/// What the planner makes of a select query, with every name resolved: the executor only reads
/// this. A fact table is a virtual long table report × split × leaf (applications: applicant ×
/// outcome; reviews: proceeding × result); a measure is a set of leaves.
import GovqCube
import GovqSyntax

/// A grouping dimension: one of the report's, the table's split (applicant / proceeding), or its
/// leaf dimension (outcome / result), which breaks each measure into its leaves.
enum GroupDim: Hashable {
    case report(ReportDim)
    case split
    case leaf
}

/// One aggregate the query needs, over report-level values of a measure.
struct AggregateRef: Hashable {
    enum Kind: Hashable { case sum, avg, min, max, count, countReports, countDistinct }
    var kind: Kind
    /// Index into `Plan.measures`; unused for `countReports`; `ReportDim.rawValue` for `countDistinct`.
    var measure: Int
    /// Whether it adds up a measure (not a count of reports or of members).
    var readsMeasure: Bool { kind != .countReports && kind != .countDistinct }
    /// Complete cases: the measures (indices into `Plan.measures`, sorted) every report it
    /// adds up must have; empty for a plain aggregate, which skips a report's missing cells.
    var complete: [Int] = []
}

/// A value expression over one result row.
indirect enum BoundExpr {
    case aggregate(Int)
    /// An output column of the (long, unpivoted) row: group dimensions first, then select items.
    case column(Int)
    case integer(Int64)
    case decimal(Double)
    case text(String)
    case binary(BinaryOperator, BoundExpr, BoundExpr, range: SourceRange)
    case negate(BoundExpr, range: SourceRange)
    /// A complete-case unit: index into `Plan.complete`.
    case complete(Int)
}

/// A `having` condition, evaluated with SQL's three-valued logic.
indirect enum BoundCondition {
    case and(BoundCondition, BoundCondition)
    case or(BoundCondition, BoundCondition)
    case not(BoundCondition)
    case comparison(BoundExpr, ComparisonOperator, BoundExpr)
    case between(BoundExpr, low: BoundExpr, high: BoundExpr, negated: Bool)
    case membership(BoundExpr, [BoundExpr], negated: Bool)
}

/// One output column of the select list.
struct PlanItem {
    var name: String
    var expr: BoundExpr
    var kind: ResultColumn.Kind
}

struct Plan {
    var table: FactTableID
    /// The `by` dimensions, then the pivot dimension when there is one.
    var groupDims: [GroupDim] = []
    var pivot = false
    var measures: [Measure] = []
    var aggregates: [AggregateRef] = []
    var items: [PlanItem] = []
    var filter: Predicate?
    var atoms: [ReportAtom] = []
    var having: BoundCondition?
    /// Bound before execution when there is no pivot.
    var orderBy: [(expr: BoundExpr, descending: Bool)] = []
    /// With a pivot, order items name output columns that exist only after execution.
    var pivotOrder: [(name: Name, descending: Bool)] = []
    var limit: Int?
    /// Named metrics and expressions across the two tables (`Plan+Analysis.swift`).
    var complete: [CompleteCase] = []
    /// `where` bound for the other fact table, for complete-case terms that read it.
    var foreignFilter: (filter: Predicate?, atoms: [ReportAtom])?
    var analysis = AnalysisPlan()
    /// `with coverage`: two more columns, the reports each row used and left out.
    var withCoverage = false
    /// Said on stderr with the answer (a `~` that matches nothing).
    var warnings: [String] = []

    init(table: FactTableID) { self.table = table }

    var byDims: ArraySlice<GroupDim> { pivot ? groupDims.dropLast() : groupDims[...] }

    /// Column names and kinds of the long rows: group dimensions, then items.
    func dimColumn(_ d: GroupDim) -> ResultColumn {
        switch d {
        case .report(let r): ResultColumn(r.name, r == .year ? .integer : .text)
        case .split: ResultColumn(table == .applications ? "applicant" : "proceeding", .text)
        case .leaf: ResultColumn(table == .applications ? "outcome" : "result", .text)
        }
    }
}
