/// `why`: the cells behind an answer. For each result row, every cell of every report that fed
/// it, among the measures the query adds up: the non-zero ones (a zero adds nothing) and the
/// missing ones (a missing cell is why a value is NULL or a report was left out). The command
/// line then reads each cell's place and printed text back from its report file.
import GovqCube
import GovqSyntax

/// One table cell of one report behind a result row.
public struct CellReference: Sendable, Hashable {
    /// 1-based row of the result it fed.
    public var resultRow: Int
    /// The report's index in the cube.
    public var report: Int
    public var table: FactTableID
    /// `Outcome.rawValue` (applications) or `ReviewResult.rawValue` (reviews).
    public var row: Int
    /// `ApplicantType.rawValue` or `Proceeding.rawValue`.
    public var column: Int
    /// The value in the cube; nil when the report does not state the cell.
    public var value: Int32?
    /// The report was left out of the row's value: it lacks another cell the value needs (the
    /// missing-cell rule), so this cell is listed but not counted.
    public var leftOut = false
}

extension QueryEngine {
    /// The result of a select query and the cells behind its rows (only row `row`, 1-based,
    /// when given). At most `limit` cells; `truncated` says when there were more. With `zeros`,
    /// the cells that hold 0 instead (an NA marker read as 0 is one: `why` shows its note).
    public func cellsBehind(_ query: Query, text: String, source: String, row: Int? = nil,
                            limit: Int = 100_000, zeros: Bool = false) throws -> (result: ResultSet, cells: [CellReference], truncated: Bool) {
        try guarded { try cellsBehind(query, text: text, source: source, row: row, limit: limit, zeros: zeros, unguarded: ()) }
    }

    private func cellsBehind(_ query: Query, text: String, source: String, row: Int?, limit: Int, zeros: Bool,
                             unguarded: Void) throws -> (result: ResultSet, cells: [CellReference], truncated: Bool) {
        let ctx = QueryContext(text: text, source: source)
        guard case .select(let q) = query else {
            throw ctx.error("'why' explains a query that adds something up, not 'show'", at: nil)
        }
        let plan = try Planner.plan(q, view: view, ctx: ctx)
        let executor = Executor(plan: plan, view: view, ctx: ctx)
        var run = try executor.execute()
        run.result.warnings = plan.warnings + run.result.warnings
        let cells = executor.cells(run, only: row, limit: limit + 1, zeros: zeros)
        return (run.result, Array(cells.prefix(limit)), cells.count > limit)
    }
}

extension Executor {
    /// Cells behind `run`'s rows, row by row, then report, table row and column.
    func cells(_ run: Execution, only: Int?, limit: Int, zeros: Bool = false) -> [CellReference] {
        let table = view.cube.table(plan.table)
        let n = view.reportCount, nw = (n + 63) / 64
        // Result row of each long row: with a pivot, one result row per `by` key.
        var resultRow: [Int] = []
        var lastKey: Int?
        for (i, r) in run.rows.enumerated() {
            if plan.pivot {
                if r.key != lastKey { resultRow.append((resultRow.last ?? 0) + 1); lastKey = r.key } else { resultRow.append(resultRow.last!) }
            } else {
                resultRow.append(i + 1)
            }
        }
        var out: [CellReference] = []
        for (i, r) in run.rows.enumerated() where only == nil || only == resultRow[i] {
            let slice = run.agg.slices[r.k]
            var seen = Set<Int>()
            var cells: [(cell: Int, selection: Int)] = []
            for m in slice.cells.indices { for c in slice.cells[m] where seen.insert(c.cell).inserted { cells.append(c) } }
            var found: [CellReference] = []
            let excluded = leftOutReports(run, slice: r.k)
            for (c, s) in cells {
                let sel = run.sels.selections[s], column = table.counts[c], miss = table.missing[c].words
                for j in 0..<nw {
                    var w = sel.word(j, count: n) & slice.selection.word(j, count: n)
                    while w != 0 {
                        let rep = j << 6 | w.trailingZeroBitCount
                        w &= w &- 1
                        guard run.agg.groups.id(rep) == r.g else { continue }
                        let missing = j < miss.count && miss[j] >> UInt64(rep & 63) & 1 != 0
                        guard zeros ? !missing && column[rep] == 0 : missing || column[rep] != 0 else { continue }
                        found.append(CellReference(resultRow: resultRow[i], report: rep, table: plan.table,
                                                   row: c / table.columns, column: c % table.columns,
                                                   value: missing ? nil : column[rep],
                                                   leftOut: j < excluded.count && excluded[j] >> UInt64(rep & 63) & 1 != 0))
                    }
                }
            }
            if !zeros { found += completeUnitCells(run, r, resultRow: resultRow[i], skipping: Set(found.map { [$0.report, $0.row, $0.column] })) }
            found.sort { ($0.report, $0.table == .applications ? 0 : 1, $0.row, $0.column) < ($1.report, $1.table == .applications ? 0 : 1, $1.row, $1.column) }
            out += found
            if out.count >= limit { break }
        }
        return out
    }
}

extension Executor {
    /// Bits of the reports of slice `k` that an expression's complete cases left out (they lack
    /// a measure of the expression); empty when no item needs complete cases.
    func leftOutReports(_ run: Execution, slice k: Int) -> [UInt64] {
        let sets = Set(plan.aggregates.map(\.complete).filter { !$0.isEmpty })
        guard !sets.isEmpty else { return [] }
        let n = view.reportCount, nw = (n + 63) / 64
        var present = PresentReports(view: view, table: view.cube.table(plan.table), sels: run.sels)
        var out = [UInt64](repeating: 0, count: nw)
        for set in sets {
            for m in set {
                guard let p = present.words(run.agg.slices, k, m) else { continue }
                for j in 0..<nw { out[j] |= run.agg.slices[k].selection.word(j, count: n) & ~p[j] }
            }
        }
        return out
    }

    /// The cells a named metric or a both-table expression (a complete-case unit) read in
    /// result row `row`: per report of the row, every term's non-zero or missing cells; a report
    /// that lacks a term is marked left out.
    func completeUnitCells(_ run: Execution, _ row: LongRow, resultRow: Int, skipping: Set<[Int]>) -> [CellReference] {
        let units = plan.items.compactMap { item -> Int? in if case .complete(let u) = item.expr { u } else { nil } }
        guard !units.isEmpty else { return [] }
        let n = view.reportCount
        let slice = run.agg.slices[row.k]
        let foreign = CompleteSums.foreignSelections(plan, view: view)
        var out: [CellReference] = []
        var seen = Set<[Int]>()
        for u in units {
            let cells = CompleteSums.termCells(plan.complete[u], plan: plan, view: view, slice: slice, selections: run.sels, foreign: foreign)
            for rep in 0..<n where run.agg.groups.id(rep) == row.g
                && slice.selection.word(rep >> 6, count: n) >> UInt64(rep & 63) & 1 != 0 {
                let complete = CompleteSums.isComplete(rep, cells, reports: n)
                for cell in cells.joined() where cell.selection.word(rep >> 6, count: n) >> UInt64(rep & 63) & 1 != 0 {
                    let missing = rep < cell.missing.count && cell.missing[rep]
                    guard missing || cell.counts[rep] != 0 else { continue }
                    let columns = view.cube.table(cell.table).columns
                    let key = [rep, cell.table == .applications ? 0 : 1, cell.cell]
                    guard seen.insert(key).inserted,
                          cell.table != plan.table || !skipping.contains([rep, cell.cell / columns, cell.cell % columns]) else { continue }
                    out.append(CellReference(resultRow: resultRow, report: rep, table: cell.table,
                                             row: cell.cell / columns, column: cell.cell % columns,
                                             value: missing ? nil : cell.counts[rep], leftOut: !complete))
                }
            }
        }
        return out
    }
}
