/// The snapshot's payload as regions, each with its own checksum in a directory, so that a query
/// verifies what it reads and nothing else: the district dictionary and the denied columns for
/// `sum denied by district`, not the 10^5 file names or the 150 other count columns.
///
/// ```
/// region 0            shape: how many values each dimension's dictionary holds
/// 1 + 2d, 2 + 2d      dimension d: its dictionary (strings, display ranks), its codes
/// reportColumns       year, template, status
/// missing             every cell's missing bitmap (or a 0 for none)
/// cells …             one per table cell: its count column in its narrowest width
/// sums …              one per `CellSums` of either table: the cells' per-report sum, stored
///                     as a count column, or the single byte 0xFF when a sum needs more than
///                     32 bits (a scan then adds the cells themselves)
/// sources             the roots and folders with their digests (the freshness check)
/// account             the per-report account
/// skipped             the skipped reports alone, as the account stores them: all a query
///                     run's warnings need (it never reads the account)
/// directory           region count, then offset, length and checksum of each (its own
///                     checksum is in the header)
/// ```
import Dispatch
import Foundation
import GovqCube

/// How much of a snapshot is verified when it is opened.
public enum SnapshotVerification: Sendable {
    /// Every region, before anything is decoded (`govq check`, export, the REPL, tests).
    case whole
    /// The regions every query needs (shape, codes, report columns, missing bitmaps, sources,
    /// skipped files) on open; each dictionary and count column when first read. A failure there is
    /// recorded in the cube's `CubeIntegrity`, and `QueryEngine` refuses the answer that read it.
    case asRead
}

/// Where each region lies, from the writer's marks.
struct RegionMarks {
    var ranges: [(start: Int, end: Int)] = []
    private var open: Int?

    mutating func begin(_ w: inout ByteWriter) {
        w.align()
        open = w.bytes.count
    }

    mutating func end(_ w: inout ByteWriter) {
        w.align()
        ranges.append((open!, w.bytes.count))
        open = nil
    }

    /// The directory, appended at the end of the payload.
    func directory(of payload: [UInt8]) -> [UInt8] {
        payload.withUnsafeBytes { raw in
            Self.directory(ranges.map { r in
                Entry(start: r.start, length: r.end - r.start, sum: Checksum.of(UnsafeRawBufferPointer(rebasing: raw[r.start..<r.end])))
            })
        }
    }

    /// One region's directory entry: where it starts in the payload, its length, its checksum.
    struct Entry { var start: Int, length: Int, sum: UInt64 }

    /// The directory's bytes for these entries (`PayloadStream` takes the checksums as it writes).
    static func directory(_ entries: [Entry]) -> [UInt8] {
        var d = ByteWriter()
        d.u64(UInt64(entries.count))
        for e in entries {
            d.u64(UInt64(e.start))
            d.u64(UInt64(e.length))
            d.u64(e.sum)
        }
        return d.bytes
    }
}

/// The fixed order of the regions for a snapshot with `cells` table cells.
enum Region {
    static let shape = 0
    static func dictionary(_ d: Int) -> Int { 1 + 2 * d }
    static func codes(_ d: Int) -> Int { 2 + 2 * d }
    static let reportColumns = 1 + 2 * SnapshotFormat.dimensionColumns
    static let missing = reportColumns + 1
    static func cell(_ c: Int) -> Int { missing + 1 + c }
    /// How many `CellSums` both tables store: the applications table's first.
    static let sums = CellSums.stored
    static func sum(_ j: Int, cells: Int) -> Int { cell(cells) + j }
    static func sources(cells: Int) -> Int { cell(cells) + sums }
    static func account(cells: Int) -> Int { sources(cells: cells) + 1 }
    static func skipped(cells: Int) -> Int { sources(cells: cells) + 2 }
    static func count(cells: Int) -> Int { sources(cells: cells) + 3 }

    static let dimensionNames = ["district", "unit", "file", "province", "city", "county", "adcode", "level", "body kind"]

    /// How a region is named in a warning.
    static func name(_ i: Int, cells: Int) -> String {
        switch i {
        case shape: return "dictionary sizes"
        case reportColumns: return "year, template and status columns"
        case missing: return "missing-cell bitmaps"
        case sources(cells: cells): return "source folder list"
        case account(cells: cells): return "report account"
        case skipped(cells: cells): return "skipped-file list"
        case 1..<reportColumns: return "\(dimensionNames[(i - 1) / 2]) \(i % 2 == 1 ? "dictionary" : "codes")"
        case cell(cells)..<sources(cells: cells): return "sum column \(i - cell(cells))"
        default: return "count column \(i - cell(0)) (\(i - cell(0) < cells ? "table cell" : "?"))"
        }
    }
}

/// The payload's regions, verified on first use and remembered (from any thread). Holds the
/// memory map, so pointers into it stay valid while the cube that reads them lives.
final class SnapshotRegions: @unchecked Sendable {
    let payload: UnsafeRawBufferPointer
    private let entries: [(offset: Int, length: Int, sum: UInt64)]
    let cells: Int
    let integrity: CubeIntegrity
    private let mapping: MappedFile?
    private let lock = NSLock()
    /// 0 not yet verified, 1 verified, 2 failed.
    private var state: [UInt8]

    /// Reads the directory at the end of `payload` (already checked against the header's checksum).
    init(payload: UnsafeRawBufferPointer, directory: UnsafeRawBufferPointer, cells: Int, mapping: MappedFile?, source: String) throws {
        var r = ByteReader(directory)
        let count = try r.u64()
        guard count == UInt64(Region.count(cells: cells)), directory.count == 8 + 24 * Int(count) else {
            throw SnapshotError.malformed("region directory")
        }
        var entries: [(offset: Int, length: Int, sum: UInt64)] = []
        let end = UInt64(payload.count)
        for _ in 0..<count {
            let offset = try r.u64(), length = try r.u64(), sum = try r.u64()
            guard offset <= end, length <= end - offset, offset & 7 == 0 else { throw SnapshotError.malformed("region directory") }
            entries.append((Int(offset), Int(length), sum))
        }
        self.payload = payload
        self.entries = entries
        self.cells = cells
        self.mapping = mapping
        integrity = CubeIntegrity(source: source)
        state = [UInt8](repeating: 0, count: entries.count)
    }

    func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: payload[entries[i].offset..<(entries[i].offset + entries[i].length)])
    }

    /// Whether region `i` holds its checksum (computed once).
    func verify(_ i: Int) -> Bool {
        lock.lock()
        let known = state[i]
        lock.unlock()
        if known != 0 { return known == 1 }
        // Outside the lock, so that regions verify on several cores at once.
        let ok = Checksum.of(bytes(i)) == entries[i].sum
        lock.lock()
        state[i] = ok ? 1 : 2
        lock.unlock()
        if !ok { integrity.record(Region.name(i, cells: cells)) }
        return ok
    }

    /// Region `i` for decoding now: a failed checksum is an error (the snapshot is rebuilt).
    func checked(_ i: Int) throws -> UnsafeRawBufferPointer {
        guard verify(i) else { throw SnapshotError.checksumMismatch }
        return bytes(i)
    }

    /// Region `i` for a lazy read: nil when it fails (recorded in `integrity`).
    func lazy(_ i: Int) -> UnsafeRawBufferPointer? {
        verify(i) ? bytes(i) : nil
    }

    /// A region that verified but cannot be parsed is as untrustworthy as a failed checksum.
    func malformed(_ i: Int) {
        integrity.record(Region.name(i, cells: cells) + " (malformed)")
    }

    /// Verifies every region on every core; false when any fails.
    func verifyAll() -> Bool {
        let n = entries.count
        let chunks = min(n, 16)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * n / chunks)..<((c + 1) * n / chunks) { _ = verify(i) }
        }
        lock.lock(); defer { lock.unlock() }
        return !state.contains(2)
    }

    /// From how many reports opening a snapshot decodes and checks on several threads.
    static let parallelReports = 100_000

    /// `body(0..<count)`, on every core or in order on this thread.
    static func forEach(_ count: Int, inParallel: Bool, _ body: @Sendable (Int) -> Void) {
        if inParallel { DispatchQueue.concurrentPerform(iterations: count, execute: body) } else { for i in 0..<count { body(i) } }
    }

    /// Keeps the map alive for as long as `body`'s result is used.
    func withMapping<T>(_ body: () -> T) -> T { withExtendedLifetime(mapping) { body() } }
}

/// A dimension's dictionary region, parsed in place once it has verified: strings are decoded
/// from it one at a time or all at once. A region that fails gives empty strings, and the
/// failure is recorded in the cube's `CubeIntegrity`, so no answer that read them is used.
final class StoredDictionary: @unchecked Sendable {
    let region: Int, count: Int
    let regions: SnapshotRegions
    private let lock = NSLock()
    private var parsed: (ends: UnsafeRawBufferPointer, utf8: UnsafeRawBufferPointer, ranks: UnsafeRawBufferPointer, valid: Bool)??

    init(region: Int, count: Int, regions: SnapshotRegions) {
        self.region = region
        self.count = count
        self.regions = regions
    }

    private var table: (ends: UnsafeRawBufferPointer, utf8: UnsafeRawBufferPointer, ranks: UnsafeRawBufferPointer, valid: Bool)? {
        lock.lock(); defer { lock.unlock() }
        if let parsed { return parsed }
        var result: (ends: UnsafeRawBufferPointer, utf8: UnsafeRawBufferPointer, ranks: UnsafeRawBufferPointer, valid: Bool)?
        if let bytes = regions.lazy(region) {
            var r = ByteReader(bytes)
            if let ends = try? r.block(), let utf8 = try? r.block(), let ranks = try? r.block(),
               ends.count == 4 * count, ranks.count == 4 * count, Self.endsAreSound(ends, limit: utf8.count) {
                // `valid`: the whole string area is UTF-8 (`StoredText`, checked once).
                result = (ends, utf8, ranks, StoredText.isValid(utf8))
            } else {
                regions.malformed(region)
            }
        }
        parsed = .some(result)
        return result
    }

    private static func endsAreSound(_ ends: UnsafeRawBufferPointer, limit: Int) -> Bool {
        var last: UInt32 = 0
        for i in 0..<(ends.count / 4) {
            let e = UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
            guard e >= last, Int(e) <= limit else { return false }
            last = e
        }
        return true
    }

    func one(_ i: Int) -> String {
        regions.withMapping {
            guard let t = table else { return "" }
            let start = i == 0 ? 0 : Int(UInt32(littleEndian: t.ends.loadUnaligned(fromByteOffset: 4 * (i - 1), as: UInt32.self)))
            let end = Int(UInt32(littleEndian: t.ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            return StoredText.string(t.utf8, start, end, valid: t.valid)
        }
    }

    /// Every entry, the table found once (not through its lock for each of 10^3 names).
    func all() -> [String] {
        regions.withMapping {
            guard let t = table else { return [String](repeating: "", count: count) }
            var out: [String] = []
            out.reserveCapacity(count)
            var start = 0
            for i in 0..<count {
                let end = Int(UInt32(littleEndian: t.ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                out.append(StoredText.string(t.utf8, start, end, valid: t.valid))
                start = end
            }
            return out
        }
    }

    func ranks() -> [UInt32]? {
        regions.withMapping {
            guard let t = table else { return (0..<count).map { UInt32($0) } }
            let ranks = (0..<count).map { UInt32(littleEndian: t.ranks.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)) }
            guard allBelow(ranks, count) else { regions.malformed(region); return (0..<count).map { UInt32($0) } }
            return ranks
        }
    }
}
