/// `count distinct DIM`: how many different members of a report dimension the reports of each
/// result row have (`count distinct district by year`). Counted after the aggregation loop, one
/// pass over the selected reports of each slice.
import GovqCube

extension Executor {
    /// `count distinct DIM`: per slice and group, the members of DIM among its reports.
    func addDistinctCounts(_ agg: inout Aggregation) {
        let dims = Set(plan.aggregates.filter { $0.kind == .countDistinct }.map(\.measure))
        let n = view.reportCount, G = agg.groups.count
        for raw in dims {
            guard let d = ReportDim(rawValue: raw) else { continue }
            let card = view.cardinality(d)
            var codes = [Int](repeating: 0, count: n)
            view.forEachCode(d) { r, c in codes[r] = c }
            var counts = [Int64](repeating: 0, count: agg.slices.count * G)
            for (k, slice) in agg.slices.enumerated() {
                var seen = Set<Int>()
                for j in 0..<((n + 63) / 64) {
                    var w = slice.selection.word(j, count: n)
                    while w != 0 {
                        let r = j << 6 | w.trailingZeroBitCount
                        w &= w &- 1
                        let g = agg.groups.id(r)
                        if seen.insert(g * card + codes[r]).inserted { counts[k * G + g] += 1 }
                    }
                }
            }
            agg.distinctCounts[raw] = counts
        }
    }
}
