/// The regions of a spliced snapshot, each written as `SnapshotFormat.encodeParts` writes it
/// for the same reports: from the old snapshot's stored bytes where a report is kept, from the
/// parsed report where it is new.
import Dispatch
import GovqCube
import GovqDiagnostics
import GovqLoader

/// One update, ready to be written.
struct Splice {
    /// A report of the new listing: kept from the old account (its index), or parsed (its index).
    enum Entry { case stored(Int), parsed(Int) }
    /// A run of the old cube's rows, or one parsed report's record.
    enum Piece { case rows(Range<Int>), record(Int) }

    static let cellCount = [FactTableID.applications, .reviews].map { FactTable(id: $0) }.map { $0.rows * $0.columns }.reduce(0, +)

    let old: SnapshotContents
    let stored: StoredSnapshot
    let account: StoredAccount
    let order: [Entry]
    let parsed: [ParsedReport]
    let listing: [Diagnostic]
    /// The root as the reports name it (the listing's diagnostics are named by it).
    let root: String
    /// The roots and folders (its `files` empty: the per-file list is `files`).
    let sources: SourceList
    let files: SourceFileSplice
    let changes: SourceChanges
    /// The new cube's rows, in order.
    private(set) var pieces: [Piece] = []
    private(set) var rows = 0
    /// Whether some old row is not in the new cube (a removed or changed report).
    private(set) var dropsRows = false

    init(old: SnapshotContents, stored: StoredSnapshot, account: StoredAccount, order: [Entry], parsed: [ParsedReport],
         listing: [Diagnostic], root: String, sources: SourceList, files: SourceFileSplice, changes: SourceChanges) {
        self.old = old
        self.stored = stored
        self.account = account
        self.order = order
        self.parsed = parsed
        self.listing = listing
        self.root = root
        self.sources = sources
        self.files = files
        self.changes = changes
        var run = 0..<0
        var keptOld = 0
        for entry in order {
            switch entry {
            case .stored(let k):
                let row = Int(account.cubeRow[k])
                guard row >= 0 else { continue }
                keptOld += 1
                if row == run.upperBound, !run.isEmpty { run = run.lowerBound..<(row + 1); continue }
                if !run.isEmpty { pieces.append(.rows(run)) }
                run = row..<(row + 1)
            case .parsed(let i):
                guard parsed[i].record != nil else { continue }
                if !run.isEmpty { pieces.append(.rows(run)) }
                run = 0..<0
                pieces.append(.record(i))
            }
        }
        if !run.isEmpty { pieces.append(.rows(run)) }
        rows = pieces.reduce(0) { n, p in if case .rows(let r) = p { return n + r.count } else { return n + 1 } }
        dropsRows = keptOld < old.cube.reportCount
    }

    func record(_ i: Int) -> ReportRecord { parsed[i].record! }

    /// The value a new report has in dimension `d` (the encoder's order: district, unit, file, places).
    func value(_ d: Int, _ r: ReportRecord) -> String {
        switch d {
        case 0: r.district
        case 1: r.unit
        case 2: r.file
        default: ReportPlace.value(r.place, PlaceColumns.columns[d - 3])
        }
    }

    private var dimensions: [DimensionColumn] { [old.cube.district, old.cube.unit, old.cube.file] + old.cube.place.all }

    /// Deduplication would change nothing: no parsed report shares its unit (or, without one,
    /// its district) and year with another report. (The old reports share none among them.)
    func checkNoRepeats() throws {
        let cube = old.cube
        let units = try StoredStrings(stored.region(Region.dictionary(1))), districts = try StoredStrings(stored.region(Region.dictionary(0)))
        let emptyUnit = units.find([])
        var keptRow = [Bool](repeating: false, count: cube.reportCount)
        for p in pieces { if case .rows(let r) = p { for i in r { keptRow[i] = true } } }
        var seen = Set<String>()
        let unitCodes = cube.unit.codes, districtCodes = cube.district.codes
        for case .record(let i) in pieces {
            let r = record(i)
            let byUnit = !r.unit.isEmpty
            guard byUnit || !r.district.isEmpty else { continue }
            let key = (byUnit ? "u" : "d") + (byUnit ? r.unit : r.district) + "\u{0}\(Int16(clamping: r.year))"
            guard seen.insert(key).inserted else { throw SnapshotSplice.Decline(reason: "a repeated report") }
            let year = Int16(clamping: r.year)
            if byUnit {
                guard let code = units.find(Array(r.unit.utf8)).map(UInt32.init) else { continue }
                for row in 0..<cube.reportCount where keptRow[row] && unitCodes[row] == code && cube.year[row] == year {
                    throw SnapshotSplice.Decline(reason: "a repeated report")
                }
            } else {
                // A report without a unit is matched by district among the others without one.
                guard let code = districts.find(Array(r.district.utf8)).map(UInt32.init), let noUnit = emptyUnit.map(UInt32.init) else { continue }
                for row in 0..<cube.reportCount where keptRow[row] && unitCodes[row] == noUnit && districtCodes[row] == code
                    && cube.year[row] == year {
                    throw SnapshotSplice.Decline(reason: "a repeated report")
                }
            }
        }
    }

    /// The new file, region by region, written to `sink` as each region is done (`PayloadStream`),
    /// then framed and committed.
    func write(to sink: SnapshotSink) throws {
        // The extra region (the per-file list, the diagnostics) shares nothing with the payload:
        // it is written on the second core meanwhile.
        let extra = ExtraSlot(), splice = UncheckedSplice(self), done = DispatchGroup()
        DispatchQueue.global().async(group: done) { extra.result = Result { try splice.value.encodeExtra() } }
        // It reads the old file's map: no return (or throw) before it is done.
        defer { done.wait() }
        var s = PayloadStream(sink)
        let dims = try dimensions.indices.map { try spliceDimension($0) }
        s.begin()
        for d in dims { s.w.u64(UInt64(d.count)) }
        try s.end()
        for d in dims {
            s.begin()
            d.strings.write(&s.w)
            s.w.block(d.ranks)
            try s.end()
            s.begin()
            s.w.narrow(codes: d.codes, width: NarrowWidth.of(lo: 0, hi: Int64(max(d.count, 1) - 1)))
            try s.end()
        }
        s.begin()
        s.w.block(fixed(old.cube.year) { Int16(clamping: $0.year) })
        s.w.block(fixed(old.cube.template) { UInt8($0.template.rawValue) })
        s.w.block(fixed(old.cube.status) { UInt8($0.status.rawValue) })
        try s.end()
        let tables: [(FactTable, (ReportRecord) -> [Int32?])] = [(old.cube.applications, { $0.applications }), (old.cube.reviews, { $0.reviews })]
        s.begin()
        for (table, cells) in tables {
            for c in 0..<(table.rows * table.columns) { writeMissing(table.missing[c], &s.w) { cells($0)[c] == nil } }
        }
        try s.end()
        for (table, cells) in tables {
            for c in 0..<(table.rows * table.columns) {
                guard let view = table.counts.storedView(c) else { throw SnapshotSplice.Decline(reason: "a count column not stored") }
                s.begin()
                writeCounts(view, &s.w) { cells($0)[c] ?? 0 }
                try s.end()
            }
        }
        for (table, cells) in tables {
            for (j, sum) in CellSums.of(table.id).enumerated() {
                guard let view = table.counts.storedSum(j) else { throw SnapshotSplice.Decline(reason: "a sum column not stored") }
                s.begin()
                writeSum(view, sum, &s.w, cells)
                try s.end()
            }
        }
        s.begin()
        sources.encodeFolders(into: &s.w)
        try s.end()
        s.begin()
        try writeAccount(fileCodes: dims[2].codes, &s.w)
        try s.end()
        // The skipped reports' own region, as a full encode writes it (a query run reads it).
        s.begin()
        var unused = ByteWriter()
        Account.encode(reports: try skippedReports(), diagnostics: [], files: old.cube.file, into: &s.w, extra: &unused)
        try s.end()
        let (length, directory) = try s.finish()
        done.wait()
        var x = try extra.result.get()
        x.align()
        let (head, tail) = SnapshotFormat.enclosing(payloadLength: length, directory: directory, extra: x.bytes, roots: sources.roots,
                                                    reportCount: rows)
        try sink.append(x.bytes)
        try sink.append(tail)
        try sink.writeHead(head)
        try sink.commit()
    }

    /// The extra region: the per-file source list, then the diagnostics.
    func encodeExtra() throws -> ByteWriter {
        var x = ByteWriter()
        x.bytes.reserveCapacity(stored.extra.count + stored.extra.count / 16 + 4096)
        files.encode(into: &x)
        try writeDiagnostics(&x)
        return x
    }

    /// A per-report column of the new cube.
    private func fixed<T>(_ column: [T], _ value: (ReportRecord) -> T) -> [T] {
        var out: [T] = []
        out.reserveCapacity(rows)
        for piece in pieces {
            switch piece {
            case .rows(let r): out += column[r]
            case .record(let i): out.append(value(record(i)))
            }
        }
        return out
    }
}

// MARK: - Count columns and missing bitmaps

extension Splice {
    /// One cell's missing bitmap (a 0 when no report misses it), as the encoder writes it.
    private func writeMissing(_ bits: Bitmap, _ p: inout ByteWriter, missing: (ReportRecord) -> Bool) {
        if bits.isEmpty, !pieces.contains(where: { if case .record(let i) = $0 { return missing(record(i)) } else { return false } }) {
            p.u8(0)
            return
        }
        var m = Bitmap()
        m.reserveCapacity(rows)
        for piece in pieces {
            switch piece {
            case .rows(let r): m.append(bits, bits: r)
            case .record(let i): m.append(missing(record(i)))
            }
        }
        if m.isEmpty { p.u8(0) } else { p.u8(1); p.block(m.words) }
    }

    /// One `CellSums` column: as a count column when every new report's sum fits in 32 bits
    /// (the kept ones did), else not stored, as a full encode finds.
    private func writeSum(_ view: CountColumnView, _ sum: [Int], _ p: inout ByteWriter, _ cells: (ReportRecord) -> [Int32?]) {
        func total(_ r: ReportRecord) -> Int64 {
            let values = cells(r)
            return sum.reduce(0) { $0 + Int64(values[$1] ?? 0) }
        }
        for case .record(let i) in pieces where Int32(exactly: total(record(i))) == nil {
            p.u8(ByteWriter.sumNotStored)
            return
        }
        writeCounts(view, &p) { Int32(truncatingIfNeeded: total($0)) }
    }

    /// One count column in the narrowest width that holds it: the kept runs copied as stored
    /// when the width stays, widened when a new count needs more.
    private func writeCounts(_ view: CountColumnView, _ p: inout ByteWriter, value: (ReportRecord) -> Int32) {
        let stored: Int
        switch view {
        case .zeros: stored = 0
        case .u8: stored = 1
        case .u16: stored = 2
        case .i32: stored = 4
        }
        var lo: Int64 = 0, hi: Int64 = 0, any = false
        func see(_ v: Int64) {
            if !any { lo = v; hi = v; any = true } else { lo = min(lo, v); hi = max(hi, v) }
        }
        for case .record(let i) in pieces { see(Int64(value(record(i)))) }
        // Without removals every old count is still there, so the old width is still needed;
        // with them, the kept counts may fit a narrower one, as a full encode would find.
        var keptWidth = stored
        if dropsRows, stored > 0 {
            // Whether the kept counts still need the stored width, or fit a narrower one: a
            // scan that stops at the first count that needs it (usually soon).
            let runs = pieces.compactMap { if case .rows(let r) = $0 { r } else { nil } }
            func fits<T: FixedWidthInteger>(_ b: UnsafePointer<T>, _ ok: (T) -> Bool) -> Bool {
                runs.allSatisfy { r in UnsafeBufferPointer(start: b + r.lowerBound, count: r.count).allSatisfy(ok) }
            }
            switch view {
            case .zeros: break
            case .u8(let b): if fits(b, { $0 == 0 }) { keptWidth = 0 }
            case .u16(let b): if fits(b, { UInt16(littleEndian: $0) <= 0xFF }) { keptWidth = fits(b, { $0 == 0 }) ? 0 : 1 }
            case .i32(let b):
                if fits(b, { (0...0xFFFF).contains(Int32(littleEndian: $0)) }) {
                    keptWidth = fits(b, { $0 == 0 }) ? 0 : fits(b, { (0...0xFF).contains(Int32(littleEndian: $0)) }) ? 1 : 2
                }
            }
        }
        let width = max(keptWidth, any ? NarrowWidth.of(lo: lo, hi: hi) : 0)
        p.u8(UInt8(width))
        guard width > 0 else { return }
        p.blockHeader(length: rows * width)
        for piece in pieces {
            switch piece {
            case .rows(let r):
                if width == stored, let base = Self.base(view) {
                    p.append(UnsafeRawBufferPointer(start: base + r.lowerBound * width, count: r.count * width))
                } else if stored == 0 {
                    p.bytes.append(contentsOf: repeatElement(0, count: r.count * width))
                } else {
                    for i in r { Self.append(Self.load(view, i), width: width, &p) }
                }
            case .record(let i):
                Self.append(Int64(value(record(i))), width: width, &p)
            }
        }
        p.align()
    }

    private static func base(_ view: CountColumnView) -> UnsafeRawPointer? {
        switch view {
        case .zeros: nil
        case .u8(let b): UnsafeRawPointer(b)
        case .u16(let b): UnsafeRawPointer(b)
        case .i32(let b): UnsafeRawPointer(b)
        }
    }

    private static func load(_ view: CountColumnView, _ i: Int) -> Int64 {
        switch view {
        case .zeros: 0
        case .u8(let b): Int64(b[i])
        case .u16(let b): Int64(UInt16(littleEndian: b[i]))
        case .i32(let b): Int64(Int32(littleEndian: b[i]))
        }
    }

    private static func append(_ v: Int64, width: Int, _ p: inout ByteWriter) {
        switch width {
        case 1: p.u8(UInt8(truncatingIfNeeded: v))
        case 2: withUnsafeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian) { p.bytes.append(contentsOf: $0) }
        default: withUnsafeBytes(of: Int32(truncatingIfNeeded: v).littleEndian) { p.bytes.append(contentsOf: $0) }
        }
    }
}

/// The extra region written on another thread, and the update it reads (read-only there).
private final class ExtraSlot: @unchecked Sendable {
    var result: Result<ByteWriter, Error> = .failure(SnapshotSplice.Decline(reason: "not written"))
}

private struct UncheckedSplice: @unchecked Sendable {
    let value: Splice
    init(_ value: Splice) { self.value = value }
}
