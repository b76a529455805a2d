/// A full build's regions, encoded on every core. Each region is one job that writes its own
/// buffer and takes its own checksum: a region starts 8-aligned and aligns only relative to
/// that start, so its bytes do not depend on where in the payload it lands, and the regions
/// laid end to end are the bytes one writer would have written. Only the directory and the
/// header (a few hundred bytes) are left to one thread.
import Dispatch
import GovqCube
import GovqLoader

/// The regions of one snapshot, in file order, with their checksums, and the extra region.
struct EncodedRegions {
    var regions: [[UInt8]]
    var checksums: [UInt64]
    var extra: [UInt8]
}

extension SnapshotFormat {
    /// One region: its payload bytes into `p`, its piece of the extra region (the per-file
    /// list, the diagnostics: none for most) into `x`, both starting empty.
    typealias RegionJob = @Sendable (_ p: inout ByteWriter, _ x: inout ByteWriter) -> Void

    /// Every region of `contents`, in the order `SnapshotRegions` lists them.
    static func regionJobs(_ contents: SnapshotContents) -> [RegionJob] {
        let cube = contents.cube
        // District, unit, file, then the six place columns (geography, version 4).
        let dims = [cube.district, cube.unit, cube.file] + cube.place.all
        var jobs: [RegionJob] = []
        func add(_ job: @escaping RegionJob) { jobs.append(job) }
        add { p, _ in for column in dims { p.u64(UInt64(column.valueCount)) } }
        for column in dims {
            add { p, _ in
                p.strings(column.values)
                p.block(column.displayRanks)
            }
            add { p, _ in p.narrow(codes: column.codes) }
        }
        add { p, _ in
            p.block(cube.year)
            p.block(cube.template)
            p.block(cube.status)
        }
        let tables = [cube.applications, cube.reviews]
        add { p, _ in
            for table in tables {
                for cell in 0..<(table.rows * table.columns) {
                    if table.missing[cell].isEmpty { p.u8(0) } else { p.u8(1); p.block(table.missing[cell].words) }
                }
            }
        }
        for table in tables {
            for cell in 0..<(table.rows * table.columns) {
                add { p, _ in p.narrow(counts: table.counts[cell]) }
            }
        }
        for table in tables {
            for cells in CellSums.of(table.id) {
                add { p, _ in p.sum(of: cells.map { table.counts[$0] }) }
            }
        }
        let sources = contents.sources, reports = contents.reports, diagnostics = contents.diagnostics
        add { p, x in sources.encode(into: &p, files: &x) }
        add { p, x in
            Account.encode(reports: reports, diagnostics: diagnostics, files: cube.file, into: &p, extra: &x)
        }
        // What a query run warns about, apart from the account (whose 10^5 lines it never reads).
        add { p, _ in
            var unused = ByteWriter()
            Account.encode(reports: reports.filter { $0.status == .skipped }, diagnostics: [], files: cube.file,
                           into: &p, extra: &unused)
        }
        return jobs
    }

    /// The regions encoded by `jobs`, on every core when `inParallel`: the costly ones (the
    /// account, the source list, the dictionaries, each a fraction of the whole) are started
    /// first, so that the many small count columns fill in around them and no core waits alone.
    static func encodeRegions(_ contents: SnapshotContents, inParallel: Bool = true) -> EncodedRegions {
        let jobs = regionJobs(contents)
        let n = jobs.count
        let costly = [n - 2, n - 3, n - 1] + (0..<SnapshotFormat.dimensionColumns).map { Region.dictionary($0) }
        let rest = (0..<n).filter { !costly.contains($0) }
        let order = costly + rest
        var slots = [(p: [UInt8], x: [UInt8], sum: UInt64)](repeating: ([], [], 0), count: n)
        slots.withUnsafeMutableBufferPointer { out in
            let base = RegionSlots(base: out.baseAddress!)
            SnapshotRegions.forEach(n, inParallel: inParallel) { i in
                let job = order[i]
                var p = ByteWriter(), x = ByteWriter()
                jobs[job](&p, &x)
                p.align()
                let sum = p.bytes.withUnsafeBytes { Checksum.of($0) }
                base.base[job] = (p.bytes, x.bytes, sum)
            }
        }
        var extra: [UInt8] = []
        extra.reserveCapacity(slots.reduce(0) { $0 + $1.x.count })
        for s in slots where !s.x.isEmpty { extra += s.x }
        return EncodedRegions(regions: slots.map(\.p), checksums: slots.map(\.sum), extra: extra)
    }

    /// The file's parts around `encoded`, the payload still in its regions (written one after
    /// the other, never concatenated: no second copy of the payload).
    static func frame(_ encoded: EncodedRegions, roots: [String], reportCount: Int) -> (head: [UInt8], payload: [[UInt8]], extra: [UInt8], tail: [UInt8]) {
        var d = ByteWriter()
        d.u64(UInt64(encoded.regions.count))
        var at = 0
        for (region, sum) in zip(encoded.regions, encoded.checksums) {
            d.u64(UInt64(at))
            d.u64(UInt64(region.count))
            d.u64(sum)
            at += region.count
        }
        var x = ByteWriter()
        x.bytes = encoded.extra
        x.align()
        let parts = enclosing(payloadLength: at + d.bytes.count, directory: d.bytes, extra: x.bytes, roots: roots, reportCount: reportCount)
        return (parts.head, encoded.regions + [d.bytes], x.bytes, parts.tail)
    }
}

extension ByteWriter {
    /// A count column: the bytes `narrow` writes for the same values widened to `Int64`,
    /// without the widened copy.
    mutating func narrow(counts: [Int32]) {
        var lo: Int32 = 0, hi: Int32 = 0
        if let first = counts.first {
            lo = first; hi = first
            for v in counts { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        }
        switch NarrowWidth.of(lo: Int64(lo), hi: Int64(hi)) {
        case 0: u8(0)
        case 1: u8(1); block(counts.map { UInt8(truncatingIfNeeded: $0) })
        case 2: u8(2); block(counts.map { UInt16(truncatingIfNeeded: $0) })
        default: u8(4); block(counts)
        }
    }

    /// The per-report sum of some count columns (`CellSums`), as a count column; the byte 0xFF
    /// when a sum does not fit in 32 bits.
    mutating func sum(of columns: [[Int32]]) {
        let n = columns.first?.count ?? 0
        var total = [Int64](repeating: 0, count: n)
        total.withUnsafeMutableBufferPointer { t in
            guard let out = t.baseAddress else { return }
            for column in columns {
                column.withUnsafeBufferPointer { c in
                    guard let v = c.baseAddress else { return }
                    for i in 0..<min(n, c.count) { out[i] &+= Int64(v[i]) }   // 2^8 cells × 2^31 fit in 64 bits
                }
            }
        }
        guard let sum = Int32SumColumn(total) else { u8(Self.sumNotStored); return }
        narrow(counts: sum.values)
    }

    /// The width byte of a sum column that is not stored.
    static let sumNotStored: UInt8 = 0xFF

    /// Dimension codes in the narrowest width that holds them (as `narrow` of them widened).
    mutating func narrow(codes: [UInt32]) {
        let lo = codes.min() ?? 0, hi = codes.max() ?? 0
        narrow(codes: codes, width: NarrowWidth.of(lo: Int64(lo), hi: Int64(hi)))
    }
}

/// A column of 64-bit sums narrowed to 32 bits, when every one fits.
struct Int32SumColumn {
    let values: [Int32]

    init?(_ sums: [Int64]) {
        var out: [Int32] = []
        out.reserveCapacity(sums.count)
        for s in sums {
            guard let v = Int32(exactly: s) else { return nil }
            out.append(v)
        }
        values = out
    }
}

/// Lets the region jobs fill disjoint slots of one buffer.
private struct RegionSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<(p: [UInt8], x: [UInt8], sum: UInt64)>
}
