/// The missing-cell rule. A plain aggregate (`sum handled`) skips a report whose cells are all
/// missing, as SQL skips NULL. An expression of several measures (`sum granted / handled`) is
/// computed over complete cases: only the reports that have every measure it needs, so a
/// numerator is never summed over reports whose denominator is missing. Either way, a result
/// cell that left reports out says so (how many, which, and what is missing). The rule is
/// applied where expressions are bound, so anything written as an expression over measures
/// (a named metric too) inherits it.
import GovqCube
import GovqDiagnostics

extension Planner {
    /// `e` with every aggregate restricted to complete cases when it names two or more measures.
    mutating func requiringCompleteCases(_ e: BoundExpr) -> BoundExpr {
        // A list, not a `Set<Int>`: a set's first use in a process looks `Int: Hashable` up by
        // scanning every conformance record in the binary; an expression names a few measures.
        var used: [Int] = []
        collectMeasures(e, into: &used)
        guard used.count >= 2 else { return e }
        return restricted(e, to: used.sorted())
    }

    private func collectMeasures(_ e: BoundExpr, into set: inout [Int]) {
        switch e {
        case .aggregate(let i) where plan.aggregates[i].readsMeasure:
            let measure = plan.aggregates[i].measure
            if !set.contains(measure) { set.append(measure) }
        case .binary(_, let a, let b, _): collectMeasures(a, into: &set); collectMeasures(b, into: &set)
        case .negate(let a, _): collectMeasures(a, into: &set)
        default: break
        }
    }

    private mutating func restricted(_ e: BoundExpr, to measures: [Int]) -> BoundExpr {
        switch e {
        case .aggregate(let i) where plan.aggregates[i].readsMeasure:
            var ref = plan.aggregates[i]
            ref.complete = measures
            if let j = plan.aggregates.firstIndex(of: ref) { return .aggregate(j) }
            plan.aggregates.append(ref)
            return .aggregate(plan.aggregates.count - 1)
        case .binary(let op, let a, let b, let r): return .binary(op, restricted(a, to: measures), restricted(b, to: measures), range: r)
        case .negate(let a, let r): return .negate(restricted(a, to: measures), range: r)
        default: return e
        }
    }
}

/// Which reports of a slice state a measure: some selected cell of it is not missing.
struct PresentReports {
    let view: CubeView
    let table: FactTable
    let sels: CellSelections
    private var memo: [Int: [UInt64]] = [:]

    init(view: CubeView, table: FactTable, sels: CellSelections) {
        self.view = view
        self.table = table
        self.sels = sels
    }

    /// Bits of the reports of slice `k` (of `slices`) that have measure `m`; nil when the slice
    /// has no cell of `m` (the value is NULL for another reason, and nothing is left out).
    mutating func words(_ slices: [Slice], _ k: Int, _ m: Int) -> [UInt64]? {
        let key = k * 1024 + m
        if let w = memo[key] { return w }
        let cells = slices[k].cells[m]
        guard !cells.isEmpty else { return nil }
        let n = view.reportCount, nw = (n + 63) / 64
        var w = [UInt64](repeating: 0, count: nw)
        for (c, s) in cells {
            let sel = sels.selections[s], miss = table.missing[c].words
            for j in 0..<nw { w[j] |= sel.word(j, count: n) & ~(j < miss.count ? miss[j] : 0) }
        }
        memo[key] = w
        return w
    }
}

extension Executor {
    /// Adds, per distinct set of measures some aggregate needs complete, the statistics over
    /// the reports of each slice that have all of them.
    func addCompleteCases(_ agg: inout Aggregation, _ sels: CellSelections, _ present: inout PresentReports) throws {
        let sets = Set(plan.aggregates.map(\.complete).filter { !$0.isEmpty })
        let n = view.reportCount, nw = (n + 63) / 64
        for set in sets {
            var derivedSels: [Selection] = []
            var derived: [Slice] = []
            for (k, slice) in agg.slices.enumerated() {
                var complete = (0..<nw).map { slice.selection.word($0, count: n) }
                for m in set {
                    guard let p = present.words(agg.slices, k, m) else { continue }
                    for j in 0..<nw { complete[j] &= p[j] }
                }
                var cells = slice.cells.map { _ in [(cell: Int, selection: Int)]() }
                var memo: [Int: Int] = [:]
                for m in set {
                    cells[m] = slice.cells[m].map { c, s in
                        if let d = memo[s] { return (c, d) }
                        derivedSels.append(.bits((0..<nw).map { sels.selections[s].word($0, count: n) & complete[$0] }))
                        memo[s] = derivedSels.count - 1
                        return (c, derivedSels.count - 1)
                    }
                }
                derived.append(Slice(split: slice.split, leaf: slice.leaf, selection: .bits(complete), uniform: nil,
                                     cells: cells, alwaysValued: slice.cells.map { _ in true }))
            }
            var cc = try Aggregation.run(plan, view: view, groups: agg.groups, slices: derived, cellSelections: derivedSels)
            cc.completeCases = [:]
            agg.completeCases[set] = cc
        }
    }

    /// One line per result cell that left reports out, at most `limit` of them.
    func leftOutWarnings(_ rows: [LongRow], _ agg: Aggregation, _ present: inout PresentReports, limit: Int = 10) -> [String] {
        var lines: [String] = [], more = 0
        let dims = plan.groupDims.count
        // Each item's first measure aggregate, found once rather than once per row.
        let firsts = plan.items.map { measureRefs($0.expr).first }
        // No row can leave a report out when every item's first measure has a value in every
        // report of every slice (`coverage` would say so row by row: 1,586 rows by district).
        let anyLeftOut = firsts.contains { first in
            guard let first else { return false }
            return !first.complete.isEmpty || agg.slices.contains { !$0.cells[first.measure].isEmpty && !$0.alwaysValued[first.measure] }
        }
        guard anyLeftOut else { return [] }
        for r in rows.indices {
            let (k, g) = (rows[r].k, rows[r].g)
            for (item, first) in zip(plan.items, firsts) {
                guard let first, let (total, used) = coverage(first, k, g, agg), total > used else { continue }
                guard lines.count < limit else { more += 1; continue }
                let (names, missing) = leftOutReports(item.expr, k, g, agg, &present)
                let label = dims == 0 ? "" : " for " + rows[r].values.prefix(dims).map(valueText).joined(separator: ", ")
                let which = names.isEmpty ? "" : " (" + names.joined(separator: ", ") + (total - used > Int64(names.count) ? ", …" : "") + ")"
                let verb = missing.count == 1 ? "is" : "are"
                lines.append("\(item.name)\(label): \(total - used) of \(total) reports left out\(which), "
                             + "\(missing.joined(separator: ", ")) \(verb) missing")
            }
        }
        if more > 0 { lines.append("\(more) more result cells left reports out; add 'with coverage' to see them all") }
        return lines
    }

    /// The aggregates of `e` that add up a measure (not counts).
    func measureRefs(_ e: BoundExpr) -> [AggregateRef] {
        aggregateRefs(e).filter { $0.readsMeasure && $0.kind != .count }
    }

    /// Reports in the row, and reports the value of an item whose first measure aggregate is
    /// `first` was computed from.
    func coverage(_ first: AggregateRef, _ k: Int, _ g: Int, _ agg: Aggregation) -> (total: Int64, used: Int64)? {
        let total = agg.reports(k, g)
        if !first.complete.isEmpty, let cc = agg.completeCases[first.complete] {
            return (total, cc.reports(k, g))
        }
        // A plain aggregate of one measure: reports with none of its cells are skipped.
        let m = first.measure
        guard !agg.slices[k].cells[m].isEmpty, !agg.slices[k].alwaysValued[m] else { return (total, total) }
        return (total, agg.stat(m, 1, k, g))
    }

    private func aggregateRefs(_ e: BoundExpr) -> [AggregateRef] {
        switch e {
        case .aggregate(let i): [plan.aggregates[i]]
        case .binary(_, let a, let b, _): aggregateRefs(a) + aggregateRefs(b)
        case .negate(let a, _): aggregateRefs(a)
        default: []
        }
    }

    /// Up to three left-out reports of slice `k`, group `g`, named by district and year, and
    /// the measures missing from them.
    func leftOutReports(_ e: BoundExpr, _ k: Int, _ g: Int, _ agg: Aggregation,
                        _ present: inout PresentReports) -> (names: [String], missing: [String]) {
        let refs = aggregateRefs(e).filter { $0.readsMeasure && $0.kind != .count }
        guard let first = refs.first else { return ([], []) }
        let needed = first.complete.isEmpty ? [first.measure] : first.complete
        let n = view.reportCount, nw = (n + 63) / 64
        let out = (0..<nw).map { agg.slices[k].selection.word($0, count: n) }
        var missing = [UInt64](repeating: 0, count: nw)
        for m in needed {
            guard let p = present.words(agg.slices, k, m) else { continue }
            for j in 0..<nw { missing[j] |= ~p[j] }
        }
        var names: [String] = []
        var absent = Set<Int>()
        for j in 0..<nw {
            var w = out[j] & missing[j]
            while w != 0 {
                let r = j << 6 | w.trailingZeroBitCount
                w &= w &- 1
                guard agg.groups.id(r) == g else { continue }
                if names.count < 3 {
                    names.append(view.text(.district, code: view.code(.district, r)) + " " + view.text(.year, code: view.code(.year, r)))
                }
                for m in needed where present.words(agg.slices, k, m).map({ $0[j] >> UInt64(r & 63) & 1 == 0 }) == true {
                    absent.insert(m)
                }
                if names.count >= 3 && absent.count == needed.count { break }
            }
        }
        return (names, needed.filter(absent.contains).map { plan.measures[$0].name })
    }
}

/// A group key as shown in a message.
func valueText(_ v: Value) -> String {
    switch v {
    case .null: "NULL"
    case .integer(let i): String(i)
    case .decimal(let d): String(d)
    case .text(let s): s
    }
}

extension Executor {
    /// `with coverage`: per row, the reports that have every measure the select list needs,
    /// and the others of the row (left out of some item, or skipped by a plain sum).
    func coverageColumns(_ rows: [LongRow], _ agg: Aggregation, _ present: inout PresentReports) -> [(used: Int64, leftOut: Int64)] {
        var needed = Set<Int>()
        for item in plan.items {
            for ref in aggregateRefsOf(item.expr) where ref.readsMeasure && ref.kind != .count { needed.insert(ref.measure) }
        }
        let n = view.reportCount, nw = (n + 63) / 64, G = agg.groups.count
        var usedBy: [Int: [Int64]] = [:]   // slice → reports used per group
        return rows.map { row in
            let total = agg.reports(row.k, row.g)
            if usedBy[row.k] == nil {
                var complete = (0..<nw).map { agg.slices[row.k].selection.word($0, count: n) }
                for m in needed {
                    guard let p = present.words(agg.slices, row.k, m) else { continue }
                    for j in 0..<nw { complete[j] &= p[j] }
                }
                var counts = [Int64](repeating: 0, count: G)
                for j in 0..<nw {
                    var w = complete[j]
                    while w != 0 {
                        counts[agg.groups.id(j << 6 | w.trailingZeroBitCount)] += 1
                        w &= w &- 1
                    }
                }
                usedBy[row.k] = counts
            }
            let used = usedBy[row.k]![row.g]
            return (used, total - used)
        }
    }

    func aggregateRefsOf(_ e: BoundExpr) -> [AggregateRef] {
        switch e {
        case .aggregate(let i): [plan.aggregates[i]]
        case .binary(_, let a, let b, _): aggregateRefsOf(a) + aggregateRefsOf(b)
        case .negate(let a, _): aggregateRefsOf(a)
        default: []
        }
    }
}
