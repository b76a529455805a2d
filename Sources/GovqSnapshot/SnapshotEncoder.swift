/// The write side of the snapshot format (the layout is in SnapshotFormat.swift): a whole cube
/// and its account encoded region by region, and the header and trailer that frame a payload.
/// `SnapshotSplice` writes the same regions from an old snapshot's bytes, and frames them here.
import GovqCube
import GovqDiagnostics
import GovqLoader

/// A snapshot file in the four parts it is written in, one after the other.
struct SnapshotParts {
    var head: [UInt8]
    var payload: [UInt8]
    var extra: [UInt8]
    var tail: [UInt8]

    var all: [[UInt8]] { [head, payload, extra, tail] }

    init(head: [UInt8], payload: [UInt8], extra: [UInt8], tail: [UInt8]) {
        self.head = head
        self.payload = payload
        self.extra = extra
        self.tail = tail
    }

    init(_ parts: (head: [UInt8], payload: [UInt8], extra: [UInt8], tail: [UInt8])) {
        self.init(head: parts.head, payload: parts.payload, extra: parts.extra, tail: parts.tail)
    }
}

extension SnapshotFormat {
    /// The whole file for `contents`.
    static func encode(_ contents: SnapshotContents) -> [UInt8] {
        let (head, payload, extra, tail) = encodeParts(contents)
        return head + payload + extra + tail
    }

    /// Header + roots, payload, trailer: written one after the other, never concatenated,
    /// so writing a snapshot needs no second copy of the payload. The regions are encoded on
    /// every core (`encodeRegions`), then laid end to end in one buffer of the right size.
    static func encodeParts(_ contents: SnapshotContents) -> (head: [UInt8], payload: [UInt8], extra: [UInt8], tail: [UInt8]) {
        let framed = frame(encodeRegions(contents), roots: contents.sources.roots, reportCount: contents.cube.reportCount)
        var payload: [UInt8] = []
        payload.reserveCapacity(framed.payload.reduce(0) { $0 + $1.count })
        for region in framed.payload { payload += region }
        return (framed.head, payload, framed.extra, framed.tail)
    }

    /// The header (with the roots) and trailer around a payload whose regions `marks` records,
    /// and the extra region; the region directory is appended to the payload here.
    static func frame(payload: ByteWriter, marks: RegionMarks, extra: ByteWriter, roots rootList: [String], reportCount: Int) -> SnapshotParts {
        var p = payload, x = extra
        let directory = marks.directory(of: p.bytes)
        p.bytes += directory
        p.align()
        x.align()
        let (head, tail) = enclosing(payloadLength: p.bytes.count, directory: directory, extra: x.bytes, roots: rootList, reportCount: reportCount)
        return SnapshotParts(head: head, payload: p.bytes, extra: x.bytes, tail: tail)
    }

    /// Where the payload starts, after the header and the roots.
    static func payloadOffset(roots: [String]) -> Int { (headerSize + rootsBytes(roots).count + 7) & ~7 }

    /// The header (with the roots) and the trailer of a file whose payload is `payloadLength`
    /// bytes (ending in `directory`, padded) and whose extra region (padded) follows it.
    static func enclosing(payloadLength: Int, directory: [UInt8], extra: [UInt8], roots rootList: [String],
                          reportCount: Int) -> (head: [UInt8], tail: [UInt8]) {
        let roots = rootsBytes(rootList)
        let rootsSum = roots.withUnsafeBytes { Checksum.of($0) }
        let payloadAt = payloadOffset(roots: rootList)
        var h = ByteWriter()
        h.bytes = magic
        h.u32(version)
        h.u32(0)
        h.u64(UInt64(reportCount))
        h.u64(UInt64(payloadAt))
        h.u64(UInt64(payloadLength))
        h.u64(directory.withUnsafeBytes { Checksum.of($0) })
        h.u64(UInt64(roots.count))
        h.u64(rootsSum)
        h.u64(UInt64(payloadAt + payloadLength))
        h.u64(UInt64(extra.count))
        h.u64(extra.withUnsafeBytes { Checksum.of($0) })
        h.u64(UInt64(directory.count))
        h.u64(h.bytes.withUnsafeBytes { Checksum.of($0) })
        h.u64(0)
        h.bytes += roots
        h.align()
        var t = ByteWriter()
        t.bytes = roots
        t.u64(UInt64(roots.count))
        t.u64(rootsSum)
        t.bytes += trailerMagic
        return (h.bytes, t.bytes)
    }

    static func rootsBytes(_ roots: [String]) -> [UInt8] {
        Array(roots.joined(separator: "\0").utf8)
    }
}

extension ByteWriter {
    /// A string table: one block of end offsets, one block of UTF-8 bytes.
    mutating func strings(_ values: [String]) {
        var ends: [UInt32] = []
        ends.reserveCapacity(values.count)
        var utf8: [UInt8] = []
        for var v in values {
            v.withUTF8 { utf8.append(contentsOf: $0) }
            ends.append(UInt32(utf8.count))
        }
        block(ends)
        block(utf8)
    }

    /// A column of integers in the narrowest width that holds all of them.
    mutating func narrow(_ values: [Int64]) {
        let lo = values.min() ?? 0, hi = values.max() ?? 0
        narrow(values, width: NarrowWidth.of(lo: lo, hi: hi))
    }

    /// The same in a width already known to hold them.
    mutating func narrow(_ values: [Int64], width: Int) {
        switch width {
        case 0: u8(0)
        case 1: u8(1); block(values.map { UInt8($0) })
        case 2: u8(2); block(values.map { UInt16($0) })
        default: u8(4); block(values.map { Int32(truncatingIfNeeded: $0) })
        }
    }

    /// Dimension codes in a width known to hold them: the bytes `narrow` writes for the same
    /// values, without widening them to `Int64` first.
    mutating func narrow(codes: [UInt32], width: Int) {
        switch width {
        case 0: u8(0)
        case 1: u8(1); block(codes.map { UInt8(truncatingIfNeeded: $0) })
        case 2: u8(2); block(codes.map { UInt16(truncatingIfNeeded: $0) })
        default: u8(4); block(codes.map { Int32(bitPattern: $0) })
        }
    }

    /// Raw bytes, copied whole (`append(contentsOf:)` of a raw buffer goes byte by byte).
    mutating func append(_ raw: UnsafeRawBufferPointer) { bytes.append(raw: raw) }

    /// A block's length, the way `block` starts one: the caller appends `length` bytes, then aligns.
    mutating func blockHeader(length: Int) {
        align()
        u64(UInt64(length))
    }
}

/// The width a stored integer column takes: 0 (all zero), 1, 2 or 4 bytes.
enum NarrowWidth {
    static func of(lo: Int64, hi: Int64) -> Int {
        if lo == 0, hi == 0 { return 0 }
        if lo >= 0, hi <= 0xFF { return 1 }
        if lo >= 0, hi <= 0xFFFF { return 2 }
        return 4
    }
}

extension Array where Element == UInt8 {
    /// Appends raw bytes with one copy.
    mutating func append(raw: UnsafeRawBufferPointer) {
        append(contentsOf: UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count))
    }
}
