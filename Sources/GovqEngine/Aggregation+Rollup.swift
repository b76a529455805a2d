/// Totals from the answer's own accumulators. A 合计 row, a 小计 row or a pivot margin is the
/// query at fewer report dimensions. When only report dimensions are dropped the slices stay
/// the same, and each coarser group holds exactly the reports of the groups it merges, so its
/// statistics are theirs added up (min and max folded) rather than the reports summed again: the
/// same numbers a re-run gives. A count of distinct members does not add up; that query re-runs.
import GovqCube

extension ReportGroups {
    /// These groups merged by their codes in `dims` (some of the report dimensions they were
    /// built from): the coarser groups, and `map[g]`, the coarser group of group `g`.
    func merged(by dims: [ReportDim], view: CubeView) -> (groups: ReportGroups, map: [Int32]) {
        var ids: [[Int]: Int32] = [:]
        var map = [Int32](repeating: 0, count: count), rep: [Int] = []
        // `build` numbers groups by their first report, so the first group of a coarser one
        // holds its first report: the coarser groups get the ids and representatives that
        // `build(dims)` would give them.
        for g in 0..<count {
            let key = dims.map { view.code($0, representative[g]) }
            if let id = ids[key] {
                map[g] = id
            } else {
                map[g] = Int32(rep.count)
                ids[key] = map[g]
                rep.append(representative[g])
            }
        }
        // One group (no report dimension) merges into itself.
        if gid.isEmpty { return (.one(reports: reports), map) }
        let coarse = map.withUnsafeBufferPointer { m in gid.map { UInt32(m[Int($0)]) } }
        return (ReportGroups(gid: coarse, count: rep.count, representative: rep), map)
    }
}

extension Aggregation {
    /// Whether `rolledUp` gives what a re-run would: there are reports and slices, and no
    /// statistic that does not add up (a count of distinct members).
    func canRollUp(_ plan: Plan) -> Bool {
        groups.reports > 0 && !slices.isEmpty && groups.count > 0 && !plan.aggregates.contains { $0.kind == .countDistinct }
    }

    /// The statistics of the coarser groups of `merged(by:view:)`.
    func rolledUp(_ coarse: ReportGroups, _ map: [Int32]) -> Aggregation {
        let G = groups.count, H = coarse.count, K = slices.count, kg = K * G, kh = K * H
        // Blocks of `kg` accumulators: report counts, then per measure its sum and non-NULL
        // count, and its min and max when the query needs them.
        let blocks = acc.count / kg
        var role = [Int](repeating: 0, count: blocks)   // 2: a min block, 3: a max block
        for (m, at) in offsets.enumerated() {
            let end = m + 1 < offsets.count ? offsets[m + 1] : acc.count
            for which in 2..<max(2, (end - at) / kg) { role[at / kg + which] = which }
        }
        var out = [Int64](repeating: 0, count: blocks * kh)
        var overflowed = overflow
        for b in 0..<blocks {
            let src = b * kg, dst = b * kh
            if role[b] == 2 { for i in 0..<kh { out[dst + i] = .max } }
            if role[b] == 3 { for i in 0..<kh { out[dst + i] = .min } }
            for k in 0..<K {
                for g in 0..<G {
                    let x = acc[src + k * G + g], to = dst + k * H + Int(map[g])
                    switch role[b] {
                    case 2: out[to] = Swift.min(out[to], x)
                    case 3: out[to] = Swift.max(out[to], x)
                    default:
                        let (s, o) = out[to].addingReportingOverflow(x)
                        out[to] = s
                        if o { overflowed = true }
                    }
                }
            }
        }
        var r = Aggregation(groups: coarse, slices: slices, acc: out, offsets: offsets.map { $0 / kg * kh }, cellsPerStat: kh)
        r.overflow = overflowed
        r.complete = complete.rolledUp(map, groups: H, slices: K)
        r.completeCases = completeCases.mapValues { $0.rolledUp(coarse, map) }
        return r
    }
}

extension CompleteSums {
    /// The complete-case sums of the coarser groups; of the reports left out, the first three.
    func rolledUp(_ map: [Int32], groups H: Int, slices K: Int) -> CompleteSums {
        let G = groupCount
        var out = CompleteSums(groupCount: H)
        out.overflow = overflow
        for u in sums.indices {
            let T = K * G == 0 ? 0 : sums[u].count / (K * G)
            var s = [Int64](repeating: 0, count: K * H * T), n = [Int64](repeating: 0, count: K * H)
            for k in 0..<K {
                for g in 0..<G {
                    let from = k * G + g, to = k * H + Int(map[g])
                    n[to] += used[u][from]
                    for t in 0..<T {
                        let (x, o) = s[to * T + t].addingReportingOverflow(sums[u][from * T + t])
                        s[to * T + t] = x
                        if o { out.overflow = true }
                    }
                }
            }
            var left: [Int: [Int]] = [:]
            for (at, reports) in leftOut[u] { left[at / G * H + Int(map[at % G]), default: []] += reports }
            out.sums.append(s)
            out.used.append(n)
            out.leftOut.append(left.mapValues { Array($0.sorted().prefix(3)) })
        }
        return out
    }
}
