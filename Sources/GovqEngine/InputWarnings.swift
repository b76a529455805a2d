/// Warnings are about this answer: the reports that do not add up are named only when they fed
/// it (a `where`, or a `having` or `limit` that drops their rows, keeps them out of it).
import GovqCube
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Executor {
    /// "1 of 5 reports does not add up (临淄区 2019)…" over the reports behind `rows`.
    func inconsistentInputs(_ rows: [LongRow], _ agg: Aggregation) -> [String] {
        let n = view.reportCount, nw = (n + 63) / 64
        let status = view.cube.status
        let mark = UInt8(ReportStatus.inconsistent.rawValue)
        // The reports that do not add up (a few in a hundred), found by memchr (SIMD), not by a
        // test of every report's status.
        let marked = Self.positions(of: mark, in: status, below: n)
        guard !marked.isEmpty else { return [] }
        var fed = [UInt64](repeating: 0, count: nw)
        for slice in agg.slices {
            for j in 0..<nw { fed[j] |= slice.selection.word(j, count: n) }
        }
        // Groups whose rows were dropped (having, limit) did not feed the answer.
        var kept = [Bool](repeating: false, count: agg.groups.count)
        for row in rows { kept[row.g] = true }
        let filtered = kept.contains(false)
        var total = 0, bad: [Int] = []
        if filtered {
            for j in 0..<nw {
                var w = fed[j]
                while w != 0 {
                    let r = j << 6 | w.trailingZeroBitCount
                    w &= w &- 1
                    if !kept[agg.groups.id(r)] { continue }
                    total += 1
                    if status[r] == mark { bad.append(r) }
                }
            }
        } else {
            // Every fed report counts: the total is the bits set, and only the reports that do not
            // add up are looked at one by one, not every fed report.
            for w in fed { total += w.nonzeroBitCount }
            for r in marked where fed[r >> 6] & (1 << UInt64(r & 63)) != 0 { bad.append(r) }
        }
        guard !bad.isEmpty else { return [] }
        // Joined by hand: `joined(separator:)` builds its generic types at run time in every process.
        var names = ""
        for r in bad.prefix(3) {
            if !names.isEmpty { names += ", " }
            names += view.text(.district, code: view.code(.district, r)) + " " + view.text(.year, code: view.code(.year, r))
        }
        let verb = bad.count == 1 ? "does" : "do"
        return ["\(bad.count) of \(total) reports \(verb) not add up (\(names)\(bad.count > 3 ? ", …" : "")); "
                + "run 'govq check' for details"]
    }

    /// Where `byte` is in `bytes[..<limit]`, in order.
    static func positions(of byte: UInt8, in bytes: [UInt8], below limit: Int) -> [Int] {
        bytes.withUnsafeBytes { raw -> [Int] in
            guard let base = raw.baseAddress else { return [] }
            var found: [Int] = [], at = base
            let end = base + min(raw.count, limit)
            while at < end, let hit = memchr(at, Int32(byte), end - at) {
                let p = UnsafeRawPointer(hit)
                found.append(p - base)
                at = p + 1
            }
            return found
        }
    }
}
