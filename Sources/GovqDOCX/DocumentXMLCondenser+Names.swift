/// The byte classes and element names `DocumentXMLCondenser` reads tags with.
import GovqXML

/// The classes of bytes the strict tag form is read with, one table lookup a byte.
enum ByteClass {
    static let nameStart: UInt8 = 1, name: UInt8 = 2, blank: UInt8 = 4, plainValue: UInt8 = 8
    /// 256 entries, made once, never written after and never freed (so shared safely).
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for c in 0..<256 {
            let b = UInt8(c)
            var k: UInt8 = 0
            if MarkupBytes.isLetter(b) || b == 0x5F { k |= nameStart | name }
            if MarkupBytes.isDigit(b) || b == 0x2E || b == 0x3A || b == 0x2D { k |= name }
            if MarkupBytes.isBlank(b) { k |= blank }
            // Any ASCII but markup and references (controls are refused before; the value's own
            // quote is looked for first).
            if b < 0x80, b != 0x3C, b != 0x26 { k |= plainValue }
            t[c] = k
        }
        return UnsafePointer(t)
    }()
}

/// The element names the reader keeps, found by length and then bytes: each name of up to
/// 16 bytes as two words, compared in registers (no memcmp, no array of arrays a tag). Also
/// the unread elements that usually hold what the reader reads (`w:r`, `w:body`): the
/// condenser does not try to cut those whole first.
struct KeptNames {
    enum Kind {
        case unread, container, kept, readsAttributes
        /// Kept, and holding text whose adjacent runs may be joined (`w:t`).
        case text
        /// An element the reader does not tell apart (a container is one too).
        var isUnread: Bool { self == .unread || self == .container }
    }
    /// `index`: the name's place in the kept names (-1 for a container).
    private struct Name { var count: Int; var low: UInt64; var high: UInt64; var kind: Kind; var index: Int }
    /// Sorted by length; `byCount[c] ..< byCount[c + 1]` are those of `c` bytes.
    private let names: [Name]
    private let byCount: [Int]

    init(_ kept: [String], readingAttributesOf read: [String], containers: [String] = [], text: String? = nil) {
        let all = kept.enumerated().map { ($1, read.contains($1) ? Kind.readsAttributes : $1 == text ? .text : .kept, $0) }
            + containers.filter { !kept.contains($0) }.map { ($0, Kind.container, -1) }
        let sorted = all.filter { $0.0.utf8.count <= 16 }.map { name, kind, index in
            let b = Array(name.utf8)
            return Name(count: b.count, low: Self.word(b, 0), high: Self.word(b, 8), kind: kind, index: index)
        }.sorted { $0.count < $1.count }
        names = sorted
        byCount = (0...17).map { c in sorted.firstIndex { $0.count >= c } ?? sorted.count }
    }

    private static func word(_ b: [UInt8], _ from: Int) -> UInt64 {
        var w: UInt64 = 0
        for k in stride(from: min(b.count, from + 8) - 1, through: from, by: -1) { w = w << 8 | UInt64(b[k]) }
        return w
    }

    /// The kind of the name of `count` bytes at `name`; `readable` bytes may be read from
    /// `name` on (16 or more: two word loads, else byte by byte).
    @inline(__always) func kind(_ name: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> Kind {
        find(name, count, readable: readable)?.kind ?? .unread
    }

    /// The index in the kept names of the name of `count` bytes at `name`, or -1 (as `kind`).
    @inline(__always) func index(_ name: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> Int {
        find(name, count, readable: readable)?.index ?? -1
    }

    /// The index (as `index`) and the kind (as `kind`) of the name of `count` bytes at `name`.
    @inline(__always) func lookup(_ name: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> (index: Int, kind: Kind) {
        guard let found = find(name, count, readable: readable) else { return (-1, .unread) }
        return (found.index, found.kind)
    }

    @inline(__always) private func find(_ name: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> Name? {
        guard count <= 16, count > 0 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0
        if readable >= 16 {
            let raw = UnsafeRawPointer(name)
            // Little-endian: the name's first byte is the word's low byte, as `word` builds it.
            low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            if count < 8 { low &= (1 << (8 * UInt64(count))) &- 1 }
            if count > 8 {
                high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                if count < 16 { high &= (1 << (8 * UInt64(count - 8))) &- 1 }
            }
        } else {
            var k = count - 1
            while k >= 8 { high = high << 8 | UInt64(name[k]); k -= 1 }
            while k >= 0 { low = low << 8 | UInt64(name[k]); k -= 1 }
        }
        return names.withUnsafeBufferPointer { all in
            byCount.withUnsafeBufferPointer { from in
                var i = from[count]
                let end = from[count + 1]
                while i < end {
                    if all[i].low == low && all[i].high == high { return all[i] }
                    i += 1
                }
                return nil
            }
        }
    }
}
