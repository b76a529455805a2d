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

    /// `value(0)`, `value(1)`, … `value(width - 1)`, in that order. Through an array literal up
    /// to four, which the compiler allocates directly: growing `[]` cost 340 instructions a row
    /// of a query by district, and `Array(repeating:count:)` or
    /// `Array(unsafeUninitializedCapacity:)` 700 (the storage type looked up at run time on
    /// every call); a literal of constants is a static object, copied on its first write.
    static func values(_ width: Int, _ value: (Int) throws -> Value) rethrows -> [Value] {
        switch width {
        case 0: return []
        case 1: return [try value(0)]
        case 2:
            let a = try value(0)
            return [a, try value(1)]
        case 3:
            let a = try value(0), b = try value(1)
            return [a, b, try value(2)]
        case 4:
            let a = try value(0), b = try value(1), c = try value(2)
            return [a, b, c, try value(3)]
        default:
            var values: [Value] = []
            values.reserveCapacity(width)
            for j in 0..<width { values.append(try value(j)) }
            return values
        }
    }
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

    func execute() throws -> Execution { try execute(given: nil) }

    /// `given`: the accumulators and selections of this query, already made (totals roll
    /// them up from the answer's own; see Aggregation+Rollup.swift).
    func execute(given: (agg: Aggregation, sels: CellSelections)?) throws -> Execution {
        let table = view.cube.table(plan.table)
        let sels = given?.sels ?? SelectionEvaluator.cells(table, filter: plan.filter, view: view, atoms: plan.atoms)
        var present = PresentReports(view: view, table: table, sels: sels)
        let agg = try given?.agg ?? aggregate(table, sels, &present)
        if agg.overflow || agg.complete.overflow || agg.completeCases.values.contains(where: \.overflow) {
            throw ctx.error("a sum is too large for a 64-bit integer", at: nil)
        }
        var rows = try longRows(agg, table: table)
        if plan.pivot {
            var result = try Pivot(plan: plan, view: view, ctx: ctx).reshape(rows)
            if !plan.analysis.quiet {
                result.warnings = leftOutWarnings(rows, agg, &present) + completeCaseWarnings(rows, agg) + inconsistentInputs(rows, agg)
            }
            return Execution(result: try finish(result, notes: [], (agg, sels)), rows: rows, agg: agg, sels: sels)
        }
        var notes: [String] = []
        // `change` folds two years into one row; its warnings are about the rows before that.
        let unfolded = rows
        if !plan.analysis.isEmpty { rows = try analyse(rows, agg, notes: &notes) }
        if let h = plan.having {
            rows = try rows.filter { try truth(h, $0, agg) == true }
        }
        if plan.analysis.mode == .rank {
            // Without `order by`, rows go in rank order: the order they were ranked in.
            let (r, order) = ranked(rows)
            rows = plan.orderBy.isEmpty ? order.map { r[$0] } : r
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
        return Execution(result: try finish(result, notes: notes, (agg, sels)), rows: rows, agg: agg, sels: sels)
    }

    /// `where` → groups and slices → the aggregation loop, then complete cases, distinct
    /// counts and the complete-case units' sums.
    private func aggregate(_ table: FactTable, _ sels: CellSelections, _ present: inout PresentReports) throws -> Aggregation {
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
        try addCompleteCases(&agg, sels, &present)
        addDistinctCounts(&agg)
        if !plan.complete.isEmpty {
            agg.complete = CompleteSums.run(plan, view: view, groups: groups, slices: slices, selections: sels)
        }
        return agg
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

    /// One row per (slice, group) with reports, in key order. The keys are found and sorted
    /// first, as plain integers; then each row's values are made, a member's value once per
    /// member (a district's name is decoded from the snapshot's dictionary) rather than once
    /// per row.
    func longRows(_ agg: Aggregation, table: FactTable) throws -> [LongRow] {
        let G = agg.groups.count, D = plan.groupDims.count
        var present = 0
        for k in agg.slices.indices { for g in 0..<G where agg.reports(k, g) > 0 { present += 1 } }
        guard present <= maxResultRows else {
            throw ctx.error("too many groups: the result would have \(present) rows, the limit is \(maxResultRows)", at: nil,
                            help: "group by fewer or coarser dimensions, or narrow it with 'where'")
        }
        let yearMin = view.years.min
        let cards = plan.groupDims.map { d -> Int in
            switch d {
            case .report(let r): view.cardinality(r)
            case .split: table.columns
            case .leaf: table.rows
            }
        }
        let ranks = plan.groupDims.map { d -> [UInt32] in if case .report(let r) = d { view.ranks(r) } else { [] } }
        // Each grouped dimension's code column fetched once, not through its lock for every row.
        let codeColumns = plan.groupDims.map { d -> [UInt32] in
            guard case .report(let r) = d, ![.year, .template, .status].contains(r) else { return [] }
            return view.textColumn(r).codes
        }
        func code(_ i: Int, _ d: ReportDim, _ report: Int) -> Int {
            if !codeColumns[i].isEmpty { return Int(codeColumns[i][report]) }
            return d == .year ? Int(view.cube.year[report]) - yearMin : view.code(d, report)
        }
        // (key, pivot rank, slice, group) of every row.
        var order: [GroupPlace] = []
        order.reserveCapacity(present)
        for (k, slice) in agg.slices.enumerated() {
            for g in 0..<G where agg.reports(k, g) > 0 || plan.groupDims.isEmpty {
                let rep = agg.groups.representative.isEmpty ? 0 : agg.groups.representative[g]
                var key = 0, pivotRank = 0, overflow = false
                for (i, d) in plan.groupDims.enumerated() {
                    let rank: Int
                    switch d {
                    case .report(let r): rank = Int(ranks[i][code(i, r, rep)])
                    case .split: rank = slice.split!
                    case .leaf: rank = slice.leaf!
                    }
                    if plan.pivot && i == D - 1 {
                        pivotRank = rank
                    } else {
                        let (m, o1) = key.multipliedReportingOverflow(by: cards[i])
                        let (s, o2) = m.addingReportingOverflow(rank)
                        key = s
                        overflow = overflow || o1 || o2
                    }
                }
                if overflow {
                    throw ctx.error("too many groups: the group keys do not fit a 64-bit integer", at: nil,
                                    help: "group by fewer dimensions")
                }
                order.append(GroupPlace(key: key, pivotRank: pivotRank, k: k, g: g))
            }
        }
        let sorted = GroupPlace.sorted(order)
        // A dimension most of whose members are shown (a query by district): its dictionary
        // decoded in one pass, not one entry at a time through the column's lock.
        // Its names are then read from the decoded array, with no second array of values.
        var names = [[String]?](repeating: nil, count: plan.groupDims.count)
        for i in plan.groupDims.indices where !codeColumns[i].isEmpty && 2 * order.count >= cards[i] {
            guard case .report(let r) = plan.groupDims[i] else { continue }
            let all = view.textColumn(r).values
            guard !ranks[i].isEmpty, all.count == cards[i] else { continue }
            names[i] = all
        }
        // Any other dimension's values, made once each as rows first show them.
        var members = cards.indices.map { i in names[i] != nil || ranks[i].isEmpty ? [] : [Value?](repeating: nil, count: cards[i]) }
        var rows: [LongRow] = []
        rows.reserveCapacity(order.count)
        for p in sorted {
            let o = order[Int(p)]
            // The slice is read where a split or leaf is shown, not copied for every row (its
            // arrays retained and released each time).
            let rep = agg.groups.representative.isEmpty ? 0 : agg.groups.representative[o.g]
            var row = LongRow(g: o.g, k: o.k, key: o.key, pivotRank: o.pivotRank, values: [])
            func groupValue(_ i: Int) -> Value {
                switch plan.groupDims[i] {
                case .report(let r):
                    let c = code(i, r, rep)
                    if let all = names[i] { return .text(all[c]) }
                    if let v = members[i][c] { return v }
                    let v = view.value(r, code: c)
                    members[i][c] = v
                    return v
                case .split:
                    let split = agg.slices[o.k].split!
                    return .text(plan.table == .applications ? ApplicantType(rawValue: split)!.name : Proceeding(rawValue: split)!.name)
                case .leaf:
                    let leaf = agg.slices[o.k].leaf!
                    return .text(plan.table == .applications ? Outcome(rawValue: leaf)!.name : ReviewResult(rawValue: leaf)!.name)
                }
            }
            // An item reads the row's group and slice, never its values (`.column` is bound only
            // in `having` and `order by`), so the values are made once, from the first.
            let place = row
            func value(_ j: Int) throws -> Value { j < D ? groupValue(j) : try eval(plan.items[j - D].expr, place, agg) }
            row.values = try LongRow.values(D + plan.items.count, value)
            rows.append(row)
        }
        return rows
    }
}

/// Where group `g` of slice `k` goes in the long result. A struct, not a tuple: sorting an array
/// of labelled tuples built the tuple's type from its mangled name at run time in every process.
struct GroupPlace {
    var key: Int, pivotRank: Int, k: Int, g: Int

    /// The indices of `order` sorted by (key, pivot rank), ties in their order: an index a
    /// place, not a sorted copy of the places (a 50 KB array of fresh pages at 2×10^4 groups).
    /// By counting when the keys are dense, as they are for ranks of groups: the standard
    /// library's sort makes its `[Range<Int>]` of runs, whose type the first sort of a process
    /// builds by looking `Int: Comparable` up through every protocol conformance record of the binary.
    static func sorted(_ order: [GroupPlace]) -> [Int32] {
        var maxKey = 0, maxPivot = 0, negative = false
        for o in order {
            maxKey = max(maxKey, o.key)
            maxPivot = max(maxPivot, o.pivotRank)
            negative = negative || o.key < 0 || o.pivotRank < 0
        }
        let (span, overflow) = (maxKey + 1).multipliedReportingOverflow(by: maxPivot + 1)
        guard !negative, !overflow, span <= 4 * order.count + 4096 else {
            var indices = [Int32](unsafeUninitializedCapacity: order.count) { out, count in
                for i in order.indices { out[i] = Int32(i) }
                count = order.count
            }
            indices.sort { a, b in
                let x = order[Int(a)], y = order[Int(b)]
                return x.key != y.key ? x.key < y.key : x.pivotRank != y.pivotRank ? x.pivotRank < y.pivotRank : a < b
            }
            return indices
        }
        let pivots = maxPivot + 1
        var start = [Int](repeating: 0, count: span + 1)
        return start.withUnsafeMutableBufferPointer { start in
            order.withUnsafeBufferPointer { order in
                for o in order { start[o.key * pivots + o.pivotRank + 1] += 1 }
                for i in stride(from: 1, through: span, by: 1) { start[i] += start[i - 1] }
                return [Int32](unsafeUninitializedCapacity: order.count) { out, count in
                    for (i, o) in order.enumerated() {
                        let slot = o.key * pivots + o.pivotRank
                        out[start[slot]] = Int32(i)
                        start[slot] += 1
                    }
                    count = order.count
                }
            }
        }
    }
}

/// Indices of `keys` sorted (NULLs last either way); ties keep input order.
func sortedIndices(_ keys: [Value], descending: Bool) -> [Int] {
    keys.indices.sorted { a, b in
        switch (keys[a], keys[b]) {
        case (.null, .null): return a < b
        case (.null, _): return false
        case (_, .null): return true
        case let (x, y):
            guard let c = compareValues(x, y), c != 0 else { return a < b }
            return descending ? c > 0 : c < 0
        }
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
