/// `with totals`: a 合计 row, 小计 rows per value of the first dimension when grouped by two or
/// more, and for `pivot` a 合计 column and row (margins). Every total is the same query at fewer
/// dimensions (its accumulators merged, or it run again), so a ratio's total is recomputed from
/// its sums, never summed or averaged. Totals count every report `where` keeps (`having`, `limit`
/// and `min` do not apply).
import GovqCube

extension Executor {
    /// The last steps of every result: `rank` moves to the front, totals are added, notes kept.
    func finish(_ result: ResultSet, notes: [String], _ scan: Scan) throws -> ResultSet {
        var r = result
        // The rank is the last analysis column (`with coverage` may follow it).
        if plan.analysis.mode == .rank, let at = plan.analysis.columns.map({ $0.count - 1 }), at < r.columns.count {
            r.columns.insert(r.columns.remove(at: at), at: 0)
            for i in r.rows.indices { r.rows[i].insert(r.rows[i].remove(at: at), at: 0) }
        }
        if plan.analysis.totals { r = try plan.pivot ? withMargins(r, scan) : withTotals(r, scan) }
        r.warnings += notes
        return r
    }

    /// The accumulators and selections of an answer, for its totals to roll up.
    typealias Scan = (agg: Aggregation, sels: CellSelections)

    /// The rows of this query grouped by `dims` only (change keeps its hidden year): the
    /// answer's accumulators merged when only report dimensions go, else the query run again.
    private func rerun(_ dims: [GroupDim], pivot: Bool, _ scan: Scan) throws -> ResultSet {
        var p = plan
        p.groupDims = dims
        if plan.analysis.mode == .change {
            p.groupDims.append(.report(.year))
            p.analysis.yearDim = p.groupDims.count - 1
        }
        p.pivot = pivot
        p.analysis.totals = false
        p.analysis.quiet = true
        p.analysis.minimum = nil
        p.analysis.within = []
        p.analysis.columns = nil
        p.having = nil
        p.orderBy = []
        p.pivotOrder = []
        p.limit = nil
        let executor = Executor(plan: p, view: view, ctx: ctx)
        let cellDims = { (dims: [GroupDim]) in Set(dims.filter { if case .report = $0 { false } else { true } }) }
        guard cellDims(p.groupDims) == cellDims(plan.groupDims), scan.agg.canRollUp(plan) else { return try executor.run() }
        let kept = p.groupDims.compactMap { d -> ReportDim? in if case .report(let r) = d { r } else { nil } }
        let (coarse, map) = scan.agg.groups.merged(by: kept, view: view)
        return try executor.execute(given: (scan.agg.rolledUp(coarse, map), scan.sels)).result
    }

    private var visibleDims: [GroupDim] {
        plan.analysis.mode == .change ? Array(plan.groupDims.dropLast()) : plan.groupDims
    }

    private func withTotals(_ result: ResultSet, _ scan: Scan) throws -> ResultSet {
        let dims = visibleDims
        guard !dims.isEmpty else {
            throw ctx.error("'with totals' needs 'by': without it the answer is already the total", at: nil)
        }
        let width = result.columns.count
        func totalRow(_ sub: [Value]?, _ prefix: [Value]) -> [Value] {
            var row = prefix + Array(repeating: Value.text(""), count: dims.count - prefix.count)
            let values = sub.map { Array($0.suffix(width - dims.count)) } ?? Array(repeating: .null, count: width - dims.count)
            row += values
            return row
        }
        var rows: [[Value]] = [], kinds: [RowKind] = []
        if dims.count >= 2 {
            let sub = try rerun([dims[0]], pivot: false, scan)
            var subtotal: [Value: [Value]] = [:]
            for row in sub.rows { subtotal[row[0]] = row }
            // Keep the groups of the first dimension together, in the order they first appear.
            var order: [Value] = [], members: [Value: [[Value]]] = [:]
            for row in result.rows {
                if members[row[0]] == nil { order.append(row[0]) }
                members[row[0], default: []].append(row)
            }
            for first in order {
                rows += members[first]!
                kinds += Array(repeating: .member, count: members[first]!.count)
                rows.append(totalRow(subtotal[first], [first, .text("小计")]))
                kinds.append(.subtotal)
            }
        } else {
            rows = result.rows
            kinds = Array(repeating: .member, count: rows.count)
        }
        let grand = try rerun([], pivot: false, scan)
        rows.append(totalRow(grand.rows.first, [.text("合计")]))
        kinds.append(.total)
        var out = ResultSet(columns: result.columns, rows: rows)
        out.rowKinds = kinds
        out.warnings = result.warnings
        return out
    }

    /// Pivot margins: a 合计 column (each row's total over the pivot members) and a 合计 row
    /// (each member's total over the rows), with their corner.
    private func withMargins(_ result: ResultSet, _ scan: Scan) throws -> ResultSet {
        let by = Array(plan.groupDims.dropLast()), pivotDim = plan.groupDims.last!
        let items = plan.items.count
        let rowTotals = try rerun(by, pivot: false, scan)
        var byKey: [[Value]: [Value]] = [:]
        for row in rowTotals.rows { byKey[Array(row.prefix(by.count))] = Array(row.suffix(items)) }
        var out = result
        out.columns += plan.items.map { ResultColumn(items == 1 ? "合计" : "\($0.name) 合计", $0.kind) }
        for i in out.rows.indices {
            out.rows[i] += byKey[Array(out.rows[i].prefix(by.count))] ?? Array(repeating: .null, count: items)
        }
        out.rowKinds = Array(repeating: .member, count: out.rows.count)
        guard !by.isEmpty else { return out }
        let columnTotals = try rerun([pivotDim], pivot: true, scan)
        let corner = try rerun([], pivot: false, scan)
        var total: [Value] = [.text("合计")] + Array(repeating: .text(""), count: by.count - 1)
        for column in result.columns.dropFirst(by.count) {
            let j = columnTotals.columns.firstIndex { $0.name == column.name }
            total.append(j.flatMap { columnTotals.rows.first?[$0] } ?? .null)
        }
        total += corner.rows.first.map { Array($0.suffix(items)) } ?? Array(repeating: .null, count: items)
        out.rows.append(total)
        out.rowKinds.append(.total)
        return out
    }
}
