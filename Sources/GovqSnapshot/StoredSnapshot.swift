/// An old snapshot's stored bytes, region by region, for `SnapshotSplice` to copy from: read in
/// place from the memory map after `SnapshotFormat.decode` has verified the payload's checksums
/// (and the extra region's, verified here).
import Foundation

/// The payload's regions and the extra region of a verified snapshot.
struct StoredSnapshot {
    let payload: UnsafeRawBufferPointer
    let regions: [Range<Int>]
    let extra: UnsafeRawBufferPointer

    /// `file` must have passed `SnapshotFormat.decode` (header, directory and the payload's checksums).
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
        // The extra region's checksum (at 80): its bytes are copied too, and a decode that
        // read neither the diagnostics nor the per-file list did not verify it.
        var s = ByteReader(file, offset: 80)
        guard Checksum.of(extra) == (try s.u64()) else { throw SnapshotError.checksumMismatch }
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

    func end(_ i: Int) -> Int { Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }

    func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: utf8[(i == 0 ? 0 : end(i - 1))..<end(i)])
    }

    func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// The index of the string whose bytes are `value`, by a scan that compares lengths first.
    func find(_ value: [UInt8]) -> Int? { value.withUnsafeBytes { find($0) } }

    func find(_ v: UnsafeRawBufferPointer) -> Int? {
        var start = 0
        let base = utf8.baseAddress
        for i in 0..<count {
            let e = end(i)
            if e - start == v.count, v.count == 0 || memcmp(base! + start, v.baseAddress!, v.count) == 0 { return i }
            start = e
        }
        return nil
    }

    /// Whether two byte strings are equal (`memcmp`; `elementsEqual` goes byte by byte).
    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
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
/// Both key strings by their UTF-8 bytes, so a new string is looked up among the stored ones
/// by its bytes (through `StoredStringIndex`, built once), whatever its normal form.
struct Renumbering {
    let stored: StoredStrings
    private var index: StoredStringIndex
    private var fresh: [[UInt8]] = []
    private var known: [ByteKey: UInt32] = [:]
    private var lookups = 0
    private var map: [UInt32] = []
    private(set) var order: [UInt32] = []

    init(_ stored: StoredStrings) {
        self.stored = stored
        index = StoredStringIndex(stored)
    }

    /// The id of `s` in the stored-then-new numbering (`Account.none` for nil).
    mutating func id(_ s: String?) -> UInt32 {
        guard let s else { return Account.none }
        let key = ByteKey(s)
        if let c = known[key] { return c }
        let c: UInt32
        lookups += 1
        // A few lookups scan the table; more build the index once (one pass, then a hash each).
        let found = key.bytes.withUnsafeBytes { lookups <= 8 ? stored.find($0) : index.find($0) }
        if let i = found { c = UInt32(i) } else {
            c = UInt32(stored.count + fresh.count)
            fresh.append(key.bytes)
        }
        known[key] = c
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
        // The stored strings first met in their stored order (the usual case: an update that
        // removed nothing before them) are copied whole; the rest one by one.
        var p = 0
        while p < order.count, p < stored.count, order[p] == UInt32(p) { p += 1 }
        if p > 0 {
            t.utf8.append(raw: UnsafeRawBufferPointer(rebasing: stored.utf8[0..<stored.end(p - 1)]))
            t.ends = (0..<p).map { UInt32(stored.end($0)) }
        }
        for c in order[p...] {
            if Int(c) < stored.count { t.add(stored.bytes(Int(c))) } else { t.add(fresh[Int(c) - stored.count]) }
        }
        t.write(&w)
    }
}

/// UTF-8 bytes as a dictionary key, hashed and compared as bytes. (A `String` key compares
/// canonical equivalence: it hashes Chinese text through its normal form, and merges two
/// spellings of one text, which a byte-for-byte store should not.)
struct ByteKey: Hashable {
    let bytes: [UInt8]

    init(_ s: String) { bytes = Array(s.utf8) }

    func hash(into h: inout Hasher) { bytes.withUnsafeBytes { h.combine(bytes: $0) } }

    static func == (a: ByteKey, b: ByteKey) -> Bool { a.bytes == b.bytes }
}

/// The strings of a stored table by their bytes, indexed on first use (one pass over the
/// table): each lookup is then one hash, not a scan of every stored string.
struct StoredStringIndex {
    let strings: StoredStrings
    /// Open addressing: a string's index + 1, 0 for an empty slot.
    private var slots: [UInt32] = []
    private var mask = 0

    init(_ strings: StoredStrings) { self.strings = strings }

    /// The first string whose bytes are `bytes` (as `StoredStrings.find`), or nil.
    mutating func find(_ bytes: UnsafeRawBufferPointer) -> Int? {
        if slots.isEmpty { build() }
        var at = Self.hash(bytes) & mask
        while slots[at] != 0 {
            let i = Int(slots[at] - 1)
            if StoredStrings.same(strings.bytes(i), bytes) { return i }
            at = (at + 1) & mask
        }
        return nil
    }

    private mutating func build() {
        var size = 16
        while size < 2 * strings.count + 2 { size <<= 1 }
        mask = size - 1
        var table = [UInt32](repeating: 0, count: size)
        for i in 0..<strings.count {
            let b = strings.bytes(i)
            var at = Self.hash(b) & mask
            var present = false
            while table[at] != 0 {
                if StoredStrings.same(strings.bytes(Int(table[at] - 1)), b) { present = true; break }
                at = (at + 1) & mask
            }
            // A repeated string keeps its first index, as a scan would find it.
            if !present { table[at] = UInt32(i + 1) }
        }
        slots = table
    }


    /// The length and up to 24 bytes (the first, middle and last eight), multiply-mixed: long
    /// diagnostic texts are told apart by those, and `same` settles the rest.
    static func hash(_ b: UnsafeRawBufferPointer) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
        func mix(_ w: UInt64) {
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        let n = b.count
        if n >= 8 {
            func word(_ at: Int) -> UInt64 { UInt64(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            mix(word(0))
            mix(word((n - 8) / 2))
            mix(word(n - 8))
        } else {
            var tail: UInt64 = 0
            for i in 0..<n { tail |= UInt64(b[i]) << UInt64(8 * i) }
            mix(tail)
        }
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
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
