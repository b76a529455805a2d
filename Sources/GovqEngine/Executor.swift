/// Runs a plan: `where` → cell selections, `by` → report groups and slices, the aggregation
/// loop, then one row per non-empty group in group-key order, `having`, `order by`, `limit`,
/// and `pivot` (a crosstab of the rows).
import GovqCube
import GovqDiagnostics
import GovqSyntax

/// One group of the long result: report group `g` in slice `k`, its sort key and its values
/// (group dimensions, then select items).
struct LongRow {
    var g: Int
    var k: Int
    var key: Int
    var pivotRank: Int
    var values: [Value]
}

struct Executor {
    let plan: Plan
    let view: CubeView
    let ctx: QueryContext

    func run() throws -> ResultSet { try execute().result }

    /// The answer, and what `why` needs to find the cells behind it: the result's long rows
    /// (in result order; before the pivot reshapes them), the aggregation and the selections.
    struct Execution {
        var result: ResultSet
        var rows: [LongRow]
        var agg: Aggregation
        var sels: CellSelections
    }

    func execute() throws -> Execution {
        let table = view.cube.table(plan.table)
        let sels = SelectionEvaluator.cells(table, filter: plan.filter, view: view, atoms: plan.atoms)
        let reportDims = plan.groupDims.compactMap { d -> ReportDim? in if case .report(let r) = d { r } else { nil } }
        let groups = try ReportGroups.build(reportDims, view: view)
        let slices = makeSlices(table, sels)
        var agg: Aggregation
        do {
            guard groups.count.multipliedReportingOverflow(by: max(slices.count, 1)).partialValue <= maxGroupCells else {
                throw GroupLimit(cells: groups.count * slices.count)
            }
            agg = try Aggregation.run(plan, view: view, groups: groups, slices: slices, cellSelections: sels.selections)
        } catch let limit as GroupLimit {
            throw ctx.error("too many groups: this query needs \(limit.cells) accumulators, the limit is \(maxGroupCells)",
                            at: nil, help: "group by fewer or coarser dimensions, or narrow it with 'where'")
        }
        var present = PresentReports(view: view, table: table, sels: sels)
        try addCompleteCases(&agg, sels, &present)
        addDistinctCounts(&agg)
        if agg.overflow || agg.completeCases.values.contains(where: \.overflow) {
            throw ctx.error("a sum is too large for a 64-bit integer", at: nil)
        }
        if !plan.complete.isEmpty {
            agg.complete = CompleteSums.run(plan, view: view, groups: groups, slices: slices, selections: sels)
        }
        var rows = try longRows(agg, table: table)
        if plan.pivot {
            var result = try Pivot(plan: plan, view: view, ctx: ctx).reshape(rows)
            if !plan.analysis.quiet {
                result.warnings = leftOutWarnings(rows, agg, &present) + completeCaseWarnings(rows, agg) + inconsistentInputs(rows, agg)
            }
            return Execution(result: try finish(result, notes: []), rows: rows, agg: agg, sels: sels)
        }
        var notes: [String] = []
        // `change` folds two years into one row; its warnings are about the rows before that.
        let unfolded = rows
        if !plan.analysis.isEmpty { rows = try analyse(rows, agg, notes: &notes) }
        if let h = plan.having {
            rows = try rows.filter { try truth(h, $0, agg) == true }
        }
        if plan.analysis.mode == .rank {
            rows = ranked(rows)
            if plan.orderBy.isEmpty {
                rows = sortedIndices(rows.map { [$0.values.last!] }, descending: [false]).map { rows[$0] }
            }
        }
        if !plan.orderBy.isEmpty {
            let keys = try rows.map { r in try plan.orderBy.map { try eval($0.expr, r, agg) } }
            let order = sortedIndices(keys, descending: plan.orderBy.map(\.descending))
            rows = order.map { rows[$0] }
        }
        if let l = plan.limit { rows = Array(rows.prefix(l)) }
        var columns = plan.analysis.columns ?? (plan.groupDims.map(plan.dimColumn) + plan.items.map { ResultColumn($0.name, $0.kind) })
        var values = rows.map(\.values)
        if plan.withCoverage {
            columns += [ResultColumn("reports used", .integer), ResultColumn("reports left out", .integer)]
            for (i, c) in coverageColumns(rows, agg, &present).enumerated() {
                let d = completeCoverage(c, rows[i], agg)
                values[i] += [.integer(d.used), .integer(d.leftOut)]
            }
        }
        var result = ResultSet(columns: columns, rows: values)
        let told = plan.analysis.mode == .change ? unfolded : rows
        if !plan.analysis.quiet {
            result.warnings = leftOutWarnings(told, agg, &present) + completeCaseWarnings(told, agg) + inconsistentInputs(told, agg)
        }
        return Execution(result: try finish(result, notes: notes), rows: rows, agg: agg, sels: sels)
    }

    // MARK: slices

    func makeSlices(_ table: FactTable, _ sels: CellSelections) -> [Slice] {
        let byLeaf = plan.groupDims.contains(.leaf), bySplit = plan.groupDims.contains(.split)
        var relevant = Array(0..<table.rows)
        if byLeaf && !plan.measures.isEmpty { relevant = Set(plan.measures.flatMap(\.leaves)).sorted() }
        let emptyMissing = view.emptyMissing(plan.table)
        let n = view.reportCount, nw = (n + 63) / 64
        var out: [Slice] = []
        for s in bySplit ? Array(0..<table.columns).map(Optional.some) : [nil] {
            for l in byLeaf ? relevant.map(Optional.some) : [nil] {
                var cells: [(leaf: Int, cell: Int, sel: Int)] = []
                for l2 in l.map({ [$0] }) ?? relevant {
                    for s2 in s.map({ [$0] }) ?? Array(0..<table.columns) {
                        let c = table.cell(row: l2, column: s2)
                        if let sel = sels.cellSelection[c] { cells.append((l2, c, sel)) }
                    }
                }
                if cells.isEmpty { continue }
                let ids = Set(cells.map(\.sel))
                let uniform = ids.count == 1 ? ids.first : nil
                let selection: Selection
                if let u = uniform {
                    selection = sels.selections[u]
                } else if ids.contains(where: { sels.selections[$0].isAll }) {
                    selection = .all
                } else {
                    selection = .bits((0..<nw).map { j in ids.reduce(0) { $0 | sels.selections[$1].word(j, count: n) } })
                }
                let perMeasure = plan.measures.map { m in
                    let leaves = Set(m.leaves)
                    return cells.filter { leaves.contains($0.leaf) }.map { (cell: $0.cell, selection: $0.sel) }
                }
                let valued = perMeasure.map { cs in
                    cs.contains { emptyMissing[$0.cell] && ($0.selection == uniform || sels.selections[$0.selection].isAll) }
                }
                out.append(Slice(split: s, leaf: l, selection: selection, uniform: uniform, cells: perMeasure, alwaysValued: valued))
            }
        }
        if out.isEmpty && plan.groupDims.isEmpty {
            // No cell survives `where`, but a query without `by` still answers one row.
            out.append(Slice(split: nil, leaf: nil, selection: .none, uniform: nil,
                             cells: plan.measures.map { _ in [] }, alwaysValued: plan.measures.map { _ in false }))
        }
        return out
    }

    // MARK: rows

    func longRows(_ agg: Aggregation, table: FactTable) throws -> [LongRow] {
        let G = agg.groups.count
        var present = 0
        for k in agg.slices.indices { for g in 0..<G where agg.reports(k, g) > 0 { present += 1 } }
        guard present <= maxResultRows else {
            throw ctx.error("too many groups: the result would have \(present) rows, the limit is \(maxResultRows)", at: nil,
                            help: "group by fewer or coarser dimensions, or narrow it with 'where'")
        }
        let ranks: [ReportDim: [UInt32]] = Dictionary(uniqueKeysWithValues: plan.groupDims.compactMap {
            if case .report(let d) = $0 { (d, view.ranks(d)) } else { nil }
        })
        var rows: [LongRow] = []
        for (k, slice) in agg.slices.enumerated() {
            for g in 0..<G where agg.reports(k, g) > 0 || plan.groupDims.isEmpty {
                let rep = agg.groups.representative.isEmpty ? 0 : agg.groups.representative[g]
                var key = 0, pivotRank = 0, overflow = false
                var values: [Value] = []
                for (i, d) in plan.groupDims.enumerated() {
                    let card: Int, rank: Int
                    switch d {
                    case .report(let r):
                        let code = view.code(r, rep)
                        card = view.cardinality(r); rank = Int(ranks[r]![code])
                        values.append(view.value(r, code: code))
                    case .split:
                        card = table.columns; rank = slice.split!
                        values.append(.text(plan.table == .applications ? ApplicantType(rawValue: rank)!.name : Proceeding(rawValue: rank)!.name))
                    case .leaf:
                        card = table.rows; rank = slice.leaf!
                        values.append(.text(plan.table == .applications ? Outcome(rawValue: rank)!.name : ReviewResult(rawValue: rank)!.name))
                    }
                    if plan.pivot && i == plan.groupDims.count - 1 {
                        pivotRank = rank
                    } else {
                        let (m, o1) = key.multipliedReportingOverflow(by: card)
                        let (s, o2) = m.addingReportingOverflow(rank)
                        key = s
                        overflow = overflow || o1 || o2
                    }
                }
                if overflow {
                    throw ctx.error("too many groups: the group keys do not fit a 64-bit integer", at: nil,
                                    help: "group by fewer dimensions")
                }
                var row = LongRow(g: g, k: k, key: key, pivotRank: pivotRank, values: values)
                for item in plan.items { row.values.append(try eval(item.expr, row, agg)) }
                rows.append(row)
            }
        }
        rows.sort { ($0.key, $0.pivotRank) < ($1.key, $1.pivotRank) }
        return rows
    }
}

/// Indices of `keys` sorted by their columns (NULLs last either way); ties keep input order.
func sortedIndices(_ keys: [[Value]], descending: [Bool]) -> [Int] {
    keys.indices.sorted { a, b in
        for (i, desc) in descending.enumerated() {
            let x = keys[a][i], y = keys[b][i]
            switch (x, y) {
            case (.null, .null): continue
            case (.null, _): return false
            case (_, .null): return true
            default:
                guard let c = compareValues(x, y), c != 0 else { continue }
                return desc ? c > 0 : c < 0
            }
        }
        return a < b
    }
}
