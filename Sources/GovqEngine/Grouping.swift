/// Group ids for reports, from the codes of the report dimensions in `by`: each dimension is
/// folded in as `id * cardinality + code` and compacted to dense ids right away (an array when
/// that product is small, a hash map otherwise), so ids stay below the report count.
import GovqCube
import GovqDiagnostics

struct ReportGroups {
    /// `gid[report]`: dense group id.
    var gid: [Int32]
    /// Number of groups.
    var count: Int
    /// The first report of each group: its dimension codes are the group's key.
    var representative: [Int]
}

/// The most result rows (groups × split/leaf slices) a query may build.
let maxGroupCells = 20_000_000
/// The most rows a result may have (each row is materialised as values).
let maxResultRows = 5_000_000

extension ReportGroups {
    static func build(_ dims: [ReportDim], view: CubeView) throws -> ReportGroups {
        let n = view.reportCount
        var gid = [Int32](repeating: 0, count: n)
        // Without report dimensions every report is in group 0 (which exists even with no reports).
        if dims.isEmpty { return ReportGroups(gid: gid, count: 1, representative: [0]) }
        var count = n > 0 ? 1 : 0
        var rep = n > 0 ? [0] : [Int]()
        for d in dims {
            let card = view.cardinality(d)
            let (product, overflow) = count.multipliedReportingOverflow(by: max(card, 1))
            var next = 0
            var newRep: [Int] = []
            if !overflow && product <= max(4 * n, 1 << 16) {
                var remap = [Int32](repeating: -1, count: product)
                remap.withUnsafeMutableBufferPointer { m in
                    gid.withUnsafeMutableBufferPointer { g in
                        view.forEachCode(d) { r, code in
                            let raw = Int(g[r]) * card + code
                            if m[raw] < 0 {
                                m[raw] = Int32(next)
                                next += 1
                                newRep.append(r)
                            }
                            g[r] = m[raw]
                        }
                    }
                }
            } else {
                var remap: [Int: Int32] = [:]
                remap.reserveCapacity(min(n, 1 << 20))
                gid.withUnsafeMutableBufferPointer { g in
                    view.forEachCode(d) { r, code in
                        let raw = Int(g[r]) &* card &+ code
                        if let id = remap[raw] {
                            g[r] = id
                        } else {
                            remap[raw] = Int32(next)
                            g[r] = Int32(next)
                            next += 1
                            newRep.append(r)
                        }
                    }
                }
            }
            count = next
            rep = newRep
        }
        return ReportGroups(gid: gid, count: count, representative: rep)
    }
}
