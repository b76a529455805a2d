/// The snapshot file: a loaded cube and its account, stored column by column.
///
/// ```
/// header (112 bytes) magic "GOVQSNAP", version, report count, payload offset and length, the
///                    region directory's checksum, roots length and checksum, extra offset,
///                    length and checksum, the directory's length, the header's own checksum
/// roots              the folders and files it was built from (NUL-separated), so that even a
///                    snapshot whose payload is corrupt can be rebuilt from the texts
/// payload            regions, each with its own checksum (SnapshotRegions.swift): dimension
///                    dictionaries (strings, display ranks) and codes, year, template, status,
///                    missing bitmaps, one count column per table cell in the narrowest width
///                    that holds it (0: all zero, 1: UInt8, 2: UInt16, 4: Int32), the source
///                    folders with their digests, the per-report account; then the directory
/// extra              what only `govq check` and a stale snapshot need: every source file
///                    with size, mtime and inode, and the load diagnostics (own checksum; a query
///                    run never reads these pages of the memory-mapped file)
/// trailer            the roots again, their length and checksum, magic "GOVQROOT"
/// ```
/// All integers little-endian; every block 8-byte aligned, read in place or copied whole.
import Dispatch
import GovqCube
import GovqDiagnostics
import GovqLoader

public enum SnapshotFormat {
    /// Bumped whenever the layout changes; an older or newer file is rebuilt, never misread.
    /// 4: a status column after template; 5: the place columns; 6: a checksum per region;
    /// 7: each source file's inode, each report's placement reason and cube row in the account;
    /// 8: the skipped reports in a region of their own (a query run reads it, not the account);
    /// 9: the same layout, new reading rules (a city whose name ends in 城市 before its bodies,
    /// a damaged Word file no longer read as a good one): a snapshot keeps the reading of the
    /// govq that built it, so a change in how reports are read bumps the version too;
    /// 10: each source folder's census (its report entries and other files), so that an
    /// update reads only the folders whose mtime changed; 11: the `CellSums` columns after the
    /// cells (`sum denied` reads one column, not 48).
    public static let version: UInt32 = 11
    static let magic = Array("GOVQSNAP".utf8)
    static let trailerMagic = Array("GOVQROOT".utf8)
    static let headerSize = 112
    /// The header's bytes covered by its own checksum (stored right after them).
    static let headerSummed = 96
    /// District, unit and file, and the place columns (province, city, county, adcode, level, body kind).
    static let dimensionColumns = 9

    /// The cube and account stored in `file`, or why they cannot be trusted. The diagnostics
    /// and the per-file source list are decoded only when asked for (a query needs neither);
    /// `okReports: false` gives only the skipped reports (a query run's warnings), from their
    /// own region, and leaves the account unread; `skippedNames: false` then decodes their
    /// names only when there are at most `ReportSummary.namedInWarnings` (what the warning shows).
    /// With `mapping` (the memory-mapped file `file` lies in), count columns are read in place
    /// and dictionaries decoded when a query first reads them; without it, all of them now.
    /// `verification: .asRead` (with a mapping) leaves the checksums of those to their first
    /// read (`SnapshotRegions`); `source` names the file in that case's messages.
    static func decode(_ file: UnsafeRawBufferPointer, diagnostics: Bool = true, sourceFiles: Bool = true,
                       okReports: Bool = true, skippedNames: Bool = true, mapping: MappedFile? = nil,
                       verification: SnapshotVerification = .whole, source: String = "snapshot") throws -> SnapshotContents {
        guard file.count >= headerSize else { throw file.count >= 8 && !file.starts(with: magic) ? SnapshotError.badMagic : SnapshotError.truncated }
        guard file.starts(with: magic) else { throw SnapshotError.badMagic }
        var h = ByteReader(file, offset: 8)
        let v = try h.u32()
        guard v == version else { throw SnapshotError.unsupportedVersion(v) }
        _ = try h.u32()
        let reportCount = try h.u64()
        let offset = try h.u64(), length = try h.u64(), directorySum = try h.u64()
        let rootsLength = try h.u64(), rootsSum = try h.u64()
        let extraOffset = try h.u64(), extraLength = try h.u64(), extraSum = try h.u64()
        let directoryLength = try h.u64(), headerSum = try h.u64()
        guard Checksum.of(UnsafeRawBufferPointer(rebasing: file[0..<headerSummed])) == headerSum else { throw SnapshotError.checksumMismatch }
        let size = UInt64(file.count)
        guard rootsLength <= size, offset >= UInt64(headerSize) + rootsLength, offset <= size, length <= size - offset,
              extraOffset == offset + length, extraLength <= size - extraOffset, directoryLength <= length
        else { throw SnapshotError.truncated }
        // The trailer must be whole and repeat the header's roots: a file cut anywhere fails here.
        guard size == extraOffset + extraLength + rootsLength + 24 else { throw SnapshotError.truncated }
        var t = ByteReader(file, offset: file.count - 24)
        guard try t.u64() == rootsLength, try t.u64() == rootsSum, file.suffix(8).elementsEqual(trailerMagic),
              file[(headerSize)..<(headerSize + Int(rootsLength))].elementsEqual(file[(file.count - 24 - Int(rootsLength))..<(file.count - 24)])
        else { throw SnapshotError.checksumMismatch }
        let payload = UnsafeRawBufferPointer(rebasing: file[Int(offset)..<Int(offset + length)])
        // Every report has at least a year (2 bytes) and a template (1 byte) in the payload:
        // a damaged count cannot make the decoder allocate without bound.
        guard reportCount <= length / 3 else { throw SnapshotError.malformed("report count") }
        let n = Int(reportCount)
        // The directory sits at the end of the payload (before its alignment padding).
        let directoryAt = Int(length) - ((Int(directoryLength) + 7) & ~7)
        guard directoryAt >= 0 else { throw SnapshotError.truncated }
        let directory = UnsafeRawBufferPointer(rebasing: payload[directoryAt..<(directoryAt + Int(directoryLength))])
        guard Checksum.of(directory) == directorySum else { throw SnapshotError.checksumMismatch }
        let shapes = [FactTableID.applications, .reviews].map { FactTable(id: $0) }
        let cellCount = shapes.map { $0.rows * $0.columns }.reduce(0, +)
        let lazy = mapping != nil && verification == .asRead
        let regions = try SnapshotRegions(payload: UnsafeRawBufferPointer(rebasing: payload[0..<directoryAt]), directory: directory,
                                          cells: cellCount, mapping: mapping, source: source)
        if !lazy { guard regions.verifyAll() else { throw SnapshotError.checksumMismatch } }

        // What every query needs, now: dictionary sizes, codes, report columns, missing bitmaps.
        var shape = ByteReader(try regions.checked(Region.shape))
        let valueCounts = try (0..<dimensionColumns).map { _ in try shape.u64() }
        guard valueCounts.allSatisfy({ $0 <= length }) else { throw SnapshotError.malformed("dictionary sizes") }
        let work = DecodeSlots(dimensions: dimensionColumns)
        // A query run reads a dimension's codes when it first uses them (`DeferredCodes`): a
        // query by district reads none of the unit, file and place codes. Otherwise on every
        // core, when it is worth starting threads for (a query over 2×10^4 reports spent more
        // starting them than widening its codes).
        SnapshotRegions.forEach(lazy ? 0 : dimensionColumns, inParallel: n >= SnapshotRegions.parallelReports) { d in
            do {
                var r = ByteReader(try regions.checked(Region.codes(d)))
                let codes = try r.narrowCodes(n)
                guard allBelow(codes, Int(valueCounts[d])) else { throw SnapshotError.malformed("dimension codes") }
                work.codes[d] = codes
            } catch {
                work.errors[d] = error
            }
        }
        let dims = try (0..<dimensionColumns).map { d in
            lazy ? deferredDimension(d, count: Int(valueCounts[d]), reports: n, regions: regions)
                : try dimension(d, count: Int(valueCounts[d]), codes: work.get(d), regions: regions, decodeNow: mapping == nil)
        }
        var y = ByteReader(try regions.checked(Region.reportColumns))
        let year = try y.array(Int16.self), template = try y.array(UInt8.self), status = try y.array(UInt8.self)
        guard year.count == n, template.count == n, status.count == n else { throw SnapshotError.malformed("report columns") }
        var m = ByteReader(try regions.checked(Region.missing))
        // Most cells are never missing: they share one empty bitmap (copy-on-write) instead of
        // each zeroing its own.
        let noneMissing = Bitmap(count: n)
        let missing = try (0..<cellCount).map { _ in
            let bits = try m.u8() == 0 ? noneMissing : Bitmap(words: try m.array(UInt64.self), count: n)
            guard bits.words.count == (n + 63) / 64 else { throw SnapshotError.malformed("missing bitmap") }
            return bits
        }
        var next = 0
        let tables = try shapes.map { shape in
            let first = next, cells = shape.rows * shape.columns
            next += cells
            let own = Array(missing[first..<(first + cells)])
            guard mapping != nil else {
                let counts = try (first..<(first + cells)).map { c in
                    var r = ByteReader(try regions.checked(Region.cell(c)))
                    return try r.narrowCounts(n)
                }
                return FactTable(id: shape.id, counts: counts, missing: own)
            }
            return FactTable(id: shape.id, deferredCounts: deferredCounts(first: first, cells: cells, table: shape.id, allCells: cellCount,
                                                                          reports: n, regions: regions), missing: own)
        }
        var cube = Cube(district: dims[0], unit: dims[1], file: dims[2], year: year, template: template, status: status,
                        applications: tables[0], reviews: tables[1], place: PlaceColumns(Array(dims[3...])))
        if lazy { cube.integrity = regions.integrity }
        var a = ByteReader(try regions.checked(Region.sources(cells: cellCount)))
        var sources = try SourceList.decode(from: &a, files: nil)
        let files = dims[2]
        // A query run reads the skipped reports' own region (all its warnings name), never the
        // account; everything else reads the account, with each listed report's place.
        var r = ByteReader(try regions.checked(okReports ? Region.account(cells: cellCount) : Region.skipped(cells: cellCount)))
        let reports = try Account.decodeReports(from: &r, files: files.valueCount, file: { files.value(code: $0) },
                                                places: okReports ? cube.place : nil, names: okReports || skippedNames)
        // The extra region is checked and read only when something from it is wanted.
        var diags: [Diagnostic] = []
        if diagnostics || sourceFiles {
            let extra = UnsafeRawBufferPointer(rebasing: file[Int(extraOffset)..<Int(extraOffset + extraLength)])
            guard Checksum.of(extra) == extraSum else { throw SnapshotError.checksumMismatch }
            var x = ByteReader(extra)
            if sourceFiles {
                var again = ByteReader(try regions.checked(Region.sources(cells: cellCount)))
                sources = try SourceList.decode(from: &again, files: x)
            }
            // The diagnostics follow the file list (a string table and three columns: five blocks).
            for _ in 0..<5 { _ = try x.block() }
            if diagnostics { diags = try Account.decodeDiagnostics(from: x) }
        }
        // Nothing read lazily by now should have failed; if it did, the snapshot is not used.
        if lazy, regions.integrity.failure != nil { throw SnapshotError.checksumMismatch }
        return SnapshotContents(cube: cube, sources: sources, reports: reports, diagnostics: diags)
    }

    /// Dimension `d`: its codes (decoded), its dictionary decoded now (no mapping to read it
    /// from later) or on first use, verified then.
    private static func dimension(_ d: Int, count: Int, codes: [UInt32], regions: SnapshotRegions, decodeNow: Bool) throws -> DimensionColumn {
        let region = Region.dictionary(d)
        if decodeNow {
            var r = ByteReader(try regions.checked(region))
            let values = try r.strings()
            let ranks = try r.array(UInt32.self)
            guard values.count == count, ranks.count == count, ranks.allSatisfy({ Int($0) < count }) else {
                throw SnapshotError.malformed("dimension dictionary")
            }
            return DimensionColumn(values: values, codes: codes, ranks: ranks)
        }
        let table = StoredDictionary(region: region, count: count, regions: regions)
        return DimensionColumn(dictionary: LazyDictionary(count: count, all: { table.all() }, ranks: { table.ranks() },
                                                          one: { table.one($0) }), codes: codes)
    }

    /// Dimension `d` of a query run: its dictionary and its codes both read, and verified, when
    /// first used. Codes that fail their checksum or are out of range read as zeros and are
    /// recorded in the cube's integrity, so that no answer that read them is used.
    private static func deferredDimension(_ d: Int, count: Int, reports n: Int, regions: SnapshotRegions) -> DimensionColumn {
        let region = Region.codes(d)
        let codes = DeferredCodes {
            regions.withMapping {
                if let bytes = regions.lazy(region) {
                    var r = ByteReader(bytes)
                    if let codes = try? r.narrowCodes(n), allBelow(codes, count) { return codes }
                    regions.malformed(region)
                }
                return [UInt32](repeating: 0, count: n)
            }
        } one: { report in
            // The region verified whole first, as the column would be; only this code is read.
            regions.withMapping {
                if let bytes = regions.lazy(region) {
                    var r = ByteReader(bytes)
                    if let code = try? r.narrowCode(report, of: n), Int(code) < count { return code }
                    regions.malformed(region)
                }
                return 0
            }
        }
        let table = StoredDictionary(region: Region.dictionary(d), count: count, regions: regions)
        return DimensionColumn(dictionary: LazyDictionary(count: count, all: { table.all() }, ranks: { table.ranks() },
                                                          one: { table.one($0) }), codes: codes)
    }

    /// The count columns of one table, read where they are stored, each verified on first read.
    /// Its `CellSums` likewise (the applications table's first, then the reviews').
    private static func deferredCounts(first: Int, cells: Int, table: FactTableID, allCells: Int, reports n: Int,
                                       regions: SnapshotRegions) -> DeferredCounts {
        @Sendable func column(_ cell: Int) -> ByteReader? {
            let region = Region.cell(first + cell)
            guard let bytes = regions.lazy(region) else { return nil }
            var r = ByteReader(bytes)
            guard (try? r.checkNarrow(n)) != nil else { regions.malformed(region); return nil }
            return ByteReader(bytes)
        }
        return DeferredCounts(count: cells, decode: { cell in
            regions.withMapping {
                guard var r = column(cell), let counts = try? r.narrowCounts(n) else { return [Int32](repeating: 0, count: n) }
                return counts
            }
        }, stored: { cell in
            // The mapping lives as long as this closure, which the cube holds.
            regions.withMapping {
                guard var r = column(cell) else { return .zeros }
                return (try? r.storedCounts()) ?? .zeros
            }
        }, sums: { j in
            // A sum that fails its checksum reads as zeros, recorded: the answer is refused.
            regions.withMapping {
                let region = Region.sum((table == .applications ? 0 : CellSums.of(.applications).count) + j, cells: allCells)
                guard let bytes = regions.lazy(region) else { return .zeros }
                var r = ByteReader(bytes)
                do { return try r.storedSum(n) } catch { regions.malformed(region); return .zeros }
            }
        })
    }

    /// The folders a damaged snapshot was built from: from the header if its checksum holds,
    /// else from the trailer (a truncated file still has its header; a file whose start was
    /// overwritten may still have its trailer).
    static func recoverRoots(_ file: UnsafeRawBufferPointer) -> [String]? {
        func parse(_ bytes: UnsafeRawBufferPointer, _ sum: UInt64) -> [String]? {
            guard Checksum.of(bytes) == sum else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            return text.isEmpty ? [] : text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        }
        if file.count >= headerSize {
            var h = ByteReader(file, offset: 48)
            if let n = try? h.u64(), let sum = try? h.u64(), n <= UInt64(file.count - headerSize),
               let roots = parse(UnsafeRawBufferPointer(rebasing: file[headerSize..<headerSize + Int(n)]), sum) {
                return roots
            }
        }
        if file.count >= 24, file.suffix(8).elementsEqual(trailerMagic) {
            var t = ByteReader(file, offset: file.count - 24)
            if let n = try? t.u64(), let sum = try? t.u64(), n <= UInt64(file.count - 24),
               let roots = parse(UnsafeRawBufferPointer(rebasing: file[(file.count - 24 - Int(n))..<(file.count - 24)]), sum) {
                return roots
            }
        }
        return nil
    }
}

/// Results of the parallel decoding tasks (each task writes only its own slot, through the
/// pointer, so that parallel writes to different slots are not one exclusive access to an array).
/// (Codes and errors apart, not a `Result` each: the first use of `Result<_, Error>` costs a
/// protocol-conformance scan of the whole binary, about 0.25 M instructions.)
private final class DecodeSlots: @unchecked Sendable {
    let codes: UnsafeMutableBufferPointer<[UInt32]>
    let errors: UnsafeMutableBufferPointer<(any Error)?>
    init(dimensions: Int) {
        codes = .allocate(capacity: dimensions)
        codes.initialize(repeating: [])
        errors = .allocate(capacity: dimensions)
        errors.initialize(repeating: nil)
    }
    /// Dimension `d`'s codes, or the error that stopped their decoding.
    func get(_ d: Int) throws -> [UInt32] {
        if let e = errors[d] { throw e }
        return codes[d]
    }
    deinit {
        codes.deinitialize()
        codes.deallocate()
        errors.deinitialize()
        errors.deallocate()
    }
}

/// A string table read in place: each string is decoded when asked for.
struct StringTable {
    let ends: [UInt32]
    let utf8: UnsafeRawBufferPointer
    /// `utf8` is valid UTF-8 as a whole (`StoredText`).
    let valid: Bool

    var count: Int { ends.count }

    func string(_ i: Int) throws -> String {
        guard i >= 0, i < ends.count else { throw SnapshotError.malformed("string index") }
        let start = i == 0 ? 0 : Int(ends[i - 1]), end = Int(ends[i])
        guard start <= end, end <= utf8.count else { throw SnapshotError.malformed("string table") }
        return StoredText.string(utf8, start, end, valid: valid)
    }
}

extension ByteReader {
    /// The string table at this place, without decoding its strings. The bytes stay in the
    /// buffer the reader reads, which must outlive the table.
    mutating func stringTable() throws -> StringTable {
        let ends = try array(UInt32.self), utf8 = try block()
        return StringTable(ends: ends, utf8: utf8, valid: StoredText.isValid(utf8))
    }

    mutating func strings() throws -> [String] {
        let ends = try array(UInt32.self)
        let utf8 = try block(), valid = StoredText.isValid(utf8)
        var start = 0
        var out: [String] = []
        out.reserveCapacity(ends.count)
        for e in ends {
            let end = Int(e)
            guard end >= start, end <= utf8.count else { throw SnapshotError.malformed("string table") }
            out.append(StoredText.string(utf8, start, end, valid: valid))
            start = end
        }
        return out
    }

    /// Widens a stored column to `T` (a tight loop the compiler vectorises).
    private mutating func widen<T: FixedWidthInteger>(_ count: Int, as _: T.Type) throws -> [T] {
        let width = try u8()
        if width == 0 { return [T](repeating: 0, count: count) }
        let raw = try block()
        guard [1, 2, 4].contains(width), raw.count == count * Int(width) else { throw SnapshotError.malformed("count column") }
        return [T](unsafeUninitializedCapacity: count) { out, n in
            // Through bare pointers, so that the loops vectorise (8 instructions a value through
            // the buffers' subscripts, a column of 2×10^4 district codes widened in 160 K).
            guard count > 0, let o = out.baseAddress, let base = raw.baseAddress else { n = 0; return }
            switch width {
            case 1: let src = base.assumingMemoryBound(to: UInt8.self); for i in 0..<count { o[i] = T(truncatingIfNeeded: src[i]) }
            case 2: let src = base.assumingMemoryBound(to: UInt16.self); for i in 0..<count { o[i] = T(truncatingIfNeeded: UInt16(littleEndian: src[i])) }
            default: let src = base.assumingMemoryBound(to: Int32.self); for i in 0..<count { o[i] = T(truncatingIfNeeded: Int32(littleEndian: src[i])) }
            }
            n = count
        }
    }

    mutating func narrowCounts(_ count: Int) throws -> [Int32] { try widen(count, as: Int32.self) }

    /// A stored count column where it lies (blocks are aligned; its length was checked on open).
    /// The file is little-endian: a big-endian machine widens the column instead.
    mutating func storedCounts() throws -> CountColumnView? {
        #if _endian(big)
        return nil
        #endif
        let width = try u8()
        if width == 0 { return .zeros }
        guard let p = try block().baseAddress else { return .zeros }
        switch width {
        case 1: return .u8(p.assumingMemoryBound(to: UInt8.self))
        case 2: return .u16(p.assumingMemoryBound(to: UInt16.self))
        default: return .i32(p.assumingMemoryBound(to: Int32.self))
        }
    }

    /// A stored `CellSums` column where it lies: nil when it is not stored (a sum too large).
    mutating func storedSum(_ count: Int) throws -> CountColumnView? {
        var probe = self
        if try probe.u8() == ByteWriter.sumNotStored { return nil }
        var check = self
        try check.checkNarrow(count)
        return try storedCounts()
    }

    mutating func narrowCodes(_ count: Int) throws -> [UInt32] { try widen(count, as: UInt32.self) }

    /// Value `i` of a stored column of `count` (what `narrowCodes(count)[i]` would be).
    mutating func narrowCode(_ i: Int, of count: Int) throws -> UInt32 {
        let width = try u8()
        if width == 0 { return 0 }
        let raw = try block()
        guard [1, 2, 4].contains(width), raw.count == count * Int(width), i >= 0, i < count else {
            throw SnapshotError.malformed("code column")
        }
        switch width {
        case 1: return UInt32(raw[i])
        case 2: return UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
        default: return UInt32(truncatingIfNeeded: Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
        }
    }

    mutating func skipStrings() throws { _ = try block(); _ = try block() }

    mutating func skipNarrow() throws { if try u8() != 0 { _ = try block() } }

    /// Skips a stored column after checking that it holds `count` values of a known width.
    mutating func checkNarrow(_ count: Int) throws {
        let width = try u8()
        guard width != 0 else { return }
        guard [1, 2, 4].contains(width), try block().count == count * Int(width) else { throw SnapshotError.malformed("count column") }
    }
}
