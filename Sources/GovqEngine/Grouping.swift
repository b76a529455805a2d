/// Group ids for reports, from the codes of the report dimensions in `by`: each dimension is
/// folded in as `id * cardinality + code` and compacted to dense ids right away (an array when
/// that product is small, a hash map otherwise), so ids stay below the report count.
import GovqCube
import GovqDiagnostics

struct ReportGroups {
    /// `gid[report]`: dense group id. Unsigned, as a dimension's codes are: grouped by one
    /// dimension whose codes are already numbered by first report, the codes are the ids.
    /// Empty when there is no report dimension (every report in group 0): read it through
    /// `id(_:)` or `ids`, so that `sum new by applicant` writes no array of 0s a report.
    var gid: [UInt32]
    /// Number of groups.
    var count: Int
    /// The first report of each group: its dimension codes are the group's key.
    var representative: [Int]
    /// Number of reports grouped.
    var reports: Int

    init(gid: [UInt32], count: Int, representative: [Int]) {
        self.gid = gid
        self.count = count
        self.representative = representative
        self.reports = gid.count
    }

    /// Every report of `reports` in group 0 (which exists even with no reports).
    static func one(reports: Int) -> ReportGroups {
        var groups = ReportGroups(gid: [], count: 1, representative: [0])
        groups.reports = reports
        return groups
    }

    /// The group of report `r`.
    @inline(__always) func id(_ r: Int) -> Int { gid.isEmpty ? 0 : Int(gid[r]) }

    /// A group id for every report, made when there is no report dimension.
    var ids: [UInt32] { gid.isEmpty ? [UInt32](repeating: 0, count: reports) : gid }
}

/// The most result rows (groups × split/leaf slices) a query may build.
let maxGroupCells = 20_000_000
/// The most rows a result may have (each row is materialised as values).
let maxResultRows = 5_000_000

extension ReportGroups {
    static func build(_ dims: [ReportDim], view: CubeView) throws -> ReportGroups {
        let n = view.reportCount
        // Without report dimensions every report is in group 0 (which exists even with no reports).
        if dims.isEmpty { return .one(reports: n) }
        if let same = codesInFirstReportOrder(dims, view: view) { return same }
        if let fused = fused(dims, view: view) { return fused }
        var gid = [UInt32](repeating: 0, count: n)
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
                            g[r] = UInt32(m[raw])
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
                            g[r] = UInt32(id)
                        } else {
                            remap[raw] = Int32(next)
                            g[r] = UInt32(next)
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

    /// One text dimension (district, unit, …) whose codes are numbered in the order their first
    /// reports come, as a cube numbers a dictionary as it is built: `build`'s ids are then the
    /// codes themselves, so the code column is the id column (shared, not a second array of a
    /// code a report) and only the first report of each code is found. Nil when the codes are
    /// in another order (a merged or mapped cube), for `build` to number.
    private static func codesInFirstReportOrder(_ dims: [ReportDim], view: CubeView) -> ReportGroups? {
        guard dims.count == 1, ![.year, .template, .status].contains(dims[0]) else { return nil }
        let codes = view.textColumn(dims[0]).codes
        guard codes.count == view.reportCount else { return nil }
        var rep: [Int] = []
        let inOrder = codes.withUnsafeBufferPointer { c -> Bool in
            var next: UInt32 = 0
            for r in c.indices where c[r] >= next {
                guard c[r] == next else { return false }
                rep.append(r)
                next += 1
            }
            return true
        }
        guard inOrder else { return nil }
        return ReportGroups(gid: codes, count: rep.count, representative: rep)
    }

    /// Several dimensions whose codes together fit a small array (`district, year`: a few
    /// thousand keys): each report's key `((c1 * card2) + c2) * …` is formed column by column,
    /// then numbered in one pass, instead of one numbering pass per dimension. The same ids:
    /// both number groups by their first report.
    private static func fused(_ dims: [ReportDim], view: CubeView) -> ReportGroups? {
        let n = view.reportCount
        guard dims.count >= 2, n > 0 else { return nil }
        var product = 1
        for d in dims {
            let (p, o) = product.multipliedReportingOverflow(by: max(view.cardinality(d), 1))
            guard !o, p <= max(4 * n, 1 << 16), p <= Int(Int32.max) else { return nil }
            product = p
        }
        var raw = [Int32](repeating: 0, count: n)
        raw.withUnsafeMutableBufferPointer { k in
            for d in dims {
                let card = Int32(max(view.cardinality(d), 1))
                view.forEachCode(d) { r, code in k[r] = k[r] &* card &+ Int32(code) }
            }
        }
        var remap = [Int32](repeating: -1, count: product)
        var gid = [UInt32](repeating: 0, count: n), rep: [Int] = []
        remap.withUnsafeMutableBufferPointer { m in
            gid.withUnsafeMutableBufferPointer { g in
                raw.withUnsafeBufferPointer { k in
                    for r in 0..<n {
                        let key = Int(k[r])
                        if m[key] < 0 {
                            m[key] = Int32(rep.count)
                            rep.append(r)
                        }
                        g[r] = UInt32(m[key])
                    }
                }
            }
        }
        return ReportGroups(gid: gid, count: rep.count, representative: rep)
    }
}
