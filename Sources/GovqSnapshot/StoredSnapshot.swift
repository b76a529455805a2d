/// An old snapshot's stored bytes, region by region, for `SnapshotSplice` to copy from: read in
/// place from the memory map after `SnapshotFormat.decode` has verified every checksum.
import Foundation

/// The payload's regions and the extra region of a verified snapshot.
struct StoredSnapshot {
    let payload: UnsafeRawBufferPointer
    let regions: [Range<Int>]
    let extra: UnsafeRawBufferPointer

    /// `file` must have passed `SnapshotFormat.decode` (header, directory and checksums).
    init(_ file: UnsafeRawBufferPointer, cells: Int) throws {
        // The header's fields (SnapshotFormat): payload offset and length at 24, the extra
        // region's offset and length at 64, the directory's length at 88.
        var h = ByteReader(file, offset: 24)
        let offset = Int(try h.u64()), length = Int(try h.u64())
        var x = ByteReader(file, offset: 64)
        let extraOffset = Int(try x.u64()), extraLength = Int(try x.u64())
        var d = ByteReader(file, offset: 88)
        let directoryLength = Int(try d.u64())
        guard offset + length <= file.count, extraOffset + extraLength <= file.count, directoryLength <= length else {
            throw SnapshotError.truncated
        }
        payload = UnsafeRawBufferPointer(rebasing: file[offset..<(offset + length)])
        extra = UnsafeRawBufferPointer(rebasing: file[extraOffset..<(extraOffset + extraLength)])
        let directoryAt = length - ((directoryLength + 7) & ~7)
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: payload[directoryAt..<(directoryAt + directoryLength)]))
        let count = Int(try r.u64())
        guard count == Region.count(cells: cells) else { throw SnapshotError.malformed("region directory") }
        regions = try (0..<count).map { _ in
            let o = Int(try r.u64()), l = Int(try r.u64())
            _ = try r.u64()
            guard o + l <= directoryAt else { throw SnapshotError.malformed("region directory") }
            return o..<(o + l)
        }
    }

    func region(_ i: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: payload[regions[i]]) }
}

/// A stored string table (`ByteWriter.strings`), read in place.
struct StoredStrings {
    let ends: UnsafeRawBufferPointer
    let utf8: UnsafeRawBufferPointer
    let count: Int

    init(_ r: inout ByteReader) throws {
        ends = try r.block()
        utf8 = try r.block()
        count = ends.count / 4
        var last = 0
        for i in 0..<count {
            let e = Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            guard e >= last, e <= utf8.count else { throw SnapshotError.malformed("string table") }
            last = e
        }
    }

    /// A region that starts with a string table.
    init(_ region: UnsafeRawBufferPointer) throws {
        var r = ByteReader(region)
        try self.init(&r)
    }

    private func end(_ i: Int) -> Int { Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }

    func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: utf8[(i == 0 ? 0 : end(i - 1))..<end(i)])
    }

    func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// The index of the string whose bytes are `value`, by a scan that compares lengths first.
    func find(_ value: [UInt8]) -> Int? {
        var start = 0
        for i in 0..<count {
            let e = end(i)
            if e - start == value.count, value.withUnsafeBytes({ $0.elementsEqual(UnsafeRawBufferPointer(rebasing: utf8[start..<e])) }) {
                return i
            }
            start = e
        }
        return nil
    }
}

/// A string table being written: end offsets and bytes.
struct StringTableWriter {
    var ends: [UInt32] = []
    var utf8: [UInt8] = []

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        utf8.append(raw: bytes)
        ends.append(UInt32(utf8.count))
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    func write(_ w: inout ByteWriter) {
        w.block(ends)
        w.block(utf8)
    }
}

/// Strings of a stored table and new ones, numbered again in the order a fresh encoder meets
/// them (`Account`'s interner), so that the spliced table is the one a full encode writes.
/// New strings are looked up among the stored ones by their bytes: `NFCText` makes sure that
/// is the same as comparing them as `String`s, as the interner does.
struct Renumbering {
    let stored: StoredStrings
    private var fresh: [[UInt8]] = []
    private var known: [String: UInt32] = [:]
    private var map: [UInt32] = []
    private(set) var order: [UInt32] = []
    /// A new string whose bytes may compare otherwise than its `String` (not plain NFC text).
    private(set) var unsafeText = false

    init(_ stored: StoredStrings) { self.stored = stored }

    /// The id of `s` in the stored-then-new numbering (`Account.none` for nil).
    mutating func id(_ s: String?) -> UInt32 {
        guard let s else { return Account.none }
        if let c = known[s] { return c }
        let bytes = Array(s.utf8)
        if !NFCText.isPlain(bytes) { unsafeText = true }
        let c: UInt32
        if let i = stored.find(bytes) { c = UInt32(i) } else {
            c = UInt32(stored.count + fresh.count)
            fresh.append(bytes)
        }
        known[s] = c
        return c
    }

    /// The id an encoder that met the strings in this order would give (call in that order).
    mutating func final(_ c: UInt32) -> UInt32 {
        if c == Account.none { return c }
        if Int(c) >= map.count { map += repeatElement(UInt32.max, count: max(stored.count + fresh.count, Int(c) + 1) - map.count) }
        if map[Int(c)] == UInt32.max {
            map[Int(c)] = UInt32(order.count)
            order.append(c)
        }
        return map[Int(c)]
    }

    /// The table of the strings met, in the order met.
    func write(_ w: inout ByteWriter) {
        var t = StringTableWriter()
        t.utf8.reserveCapacity(stored.utf8.count)
        for c in order {
            if Int(c) < stored.count { t.add(stored.bytes(Int(c))) } else { t.add(fresh[Int(c) - stored.count]) }
        }
        t.write(&w)
    }
}

/// Text whose bytes are equal exactly when the strings are (`String` compares canonical
/// equivalence): text in Unicode normal form C. Most of it is told by its characters alone
/// (ASCII, Latin-1, punctuation, CJK symbols and ideographs, kana, full-width forms: characters
/// normalisation leaves as they are and that combine with nothing); the rest is normalised to see.
enum NFCText {
    static func isPlain(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { isPlain($0) }
    }

    static func isPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        ascii(bytes) || known(utf8: bytes) || isPlain(String(decoding: bytes, as: UTF8.self))
    }

    /// Every string of a stored table (whose bytes are checked once, as one text, when they can be).
    static func isPlain(_ table: StoredStrings) -> Bool {
        if ascii(table.utf8) || known(utf8: table.utf8) { return true }
        return (0..<table.count).allSatisfy { isPlain(table.bytes($0)) }
    }

    /// `known` on UTF-8 bytes, without making a `String` (tables of diagnostics run to megabytes).
    /// Sequences of four bytes, and anything not well formed, are left to the `String` check.
    private static func known(utf8 b: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c < 0xC2 { return false }
            if c < 0xE0 {
                // Two bytes: U+0080…U+07FF; below U+0300 (lead bytes C2…CB) is known.
                guard i + 1 < n, b[i + 1] & 0xC0 == 0x80, c <= 0xCB else { return false }
                i += 2
                continue
            }
            guard c < 0xF0, i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 else { return false }
            let u = UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
            guard u >= 0x800, known(u) else { return false }
            i += 3
        }
        return true
    }

    /// Eight bytes at a time: most stored text (file names) is ASCII.
    private static func ascii(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < bytes.count { if bytes[i] >= 0x80 { return false }; i += 1 }
        return true
    }

    private static func isPlain(_ s: String) -> Bool {
        known(s) || s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars)
    }

    /// Whether every character is one normalisation leaves alone and that combines with nothing.
    private static func known(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { known($0.value) }
    }

    private static func known(_ u: UInt32) -> Bool {
            switch u {
            // Ranges without a character that normalisation changes or that combines.
            case 0..<0x300, 0x2002...0x205E, 0x2070...0x20CF, 0x2100...0x2125, 0x2127...0x2129, 0x212C...0x214F,
                 0x2150...0x2199, 0x2300...0x2328, 0x232B...0x23FF, 0x2460...0x27BF, 0x3000...0x3029, 0x3030...0x303F,
                 0x3041...0x3096, 0x309B...0x30FF, 0x3105...0x312F, 0x3200...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                 0xFE30...0xFE6F, 0xFF01...0xFFEF:
                return true
            default:
                return false
            }
    }
}
