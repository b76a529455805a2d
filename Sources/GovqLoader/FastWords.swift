/// Every word the one pass (`OnePassReader`, table7) reads as text, in one hash table built once
/// per process: each of the two templates' printed label forms (`FastLabels`), a group's label
/// run into its first row's (`（三）不予公开1.属于国家秘密`), section 三's header words and section
/// 四's heading and header words. A word is looked up once, at its end, by its bytes (its length
/// and first and last eight bytes hashed, then one memcmp), never by a String, and the table says
/// all it can be: which slot of each template it opens, which header word it is. A word the
/// table does not hold is one the one pass refuses.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FastWords {
    /// What one word of the table is, by template (index 0: 2019, 1: 2021); -1 where it is not.
    struct Meaning: Sendable {
        /// The slot of `FastLabels.t2019` / `t2021` whose printed form the word is.
        var slot: (Int8, Int8) = (-1, -1)
        /// The group slot whose form the word starts with, the next slot's form making the rest.
        var runIn: (Int8, Int8) = (-1, -1)
        /// Index into `FastLabels.headerWords` / `reviewWords`.
        var header: Int8 = -1
        var review: Int8 = -1

        func slot(_ t2021: Bool) -> Int { Int(t2021 ? slot.1 : slot.0) }
        func runIn(_ t2021: Bool) -> Int { Int(t2021 ? runIn.1 : runIn.0) }
    }

    /// The words' bytes end to end in memory that lives as long as the process (the table is
    /// immutable once built), their meanings, and the open-addressed buckets of their ids, all
    /// in that memory (table8): a reader holds the table with no reference to count, and a
    /// lookup reads it with no bounds to check (every id is one the build wrote).
    struct Table: @unchecked Sendable {
        let arena: UnsafePointer<UInt8>
        /// The one pass's byte classes (`ByteClass`), 256 of them, in the same lasting memory.
        let classes: UnsafePointer<UInt8>
        let starts: UnsafePointer<Int>
        let lengths: UnsafePointer<Int>
        let meanings: UnsafePointer<Meaning>
        let buckets: UnsafePointer<Int16>
        let mask: Int
        /// How many words (ids 0..<count).
        let count: Int

        /// The id of the word `p[lo..<hi]`, or -1 when the table does not hold it.
        @inline(__always) func lookup(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
            let n = hi - lo
            var i = FastWords.bucket(p, lo, hi) & mask
            while true {
                let id = Int(buckets[i])
                if id < 0 { return -1 }
                if lengths[id] == n, memcmp(arena + starts[id], p + lo, n) == 0 { return id }
                i = (i + 1) & mask
            }
        }
    }

    static let table: Table = build()

    /// The bucket of a word: its length and its first and last eight bytes (all of a shorter
    /// word), mixed. Labels differ in their last bytes, numbering in their first.
    @inline(__always) static func bucket(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        let n = hi - lo
        var a: UInt64 = 0, b: UInt64 = 0
        if n >= 8 {
            a = UnsafeRawPointer(p + lo).loadUnaligned(as: UInt64.self)
            b = UnsafeRawPointer(p + hi - 8).loadUnaligned(as: UInt64.self)
        } else {
            var k = lo
            while k < hi { a = a << 8 | UInt64(p[k]); k += 1 }
        }
        let h = a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F ^ UInt64(n) &* 0x1656_67B1_9E37_79F9
        return Int(truncatingIfNeeded: (h ^ h >> 29) >> 7)
    }

    /// The id of a section 三 word the table does not hold as written but does once normalised
    /// (`(二)部分公开(区分处理的,只计这一情形,不计其他情形)`, ASCII brackets and commas for the
    /// template's full-width ones), or -1. The careful reader reads a label, and adds a header
    /// word, only from its normalised text (`RowLabels.normalize`), so a word normalising to a
    /// form's bytes is read as that form. Forms that normalise alike but mean different things
    /// (none today) are -1. Looked up only for a word the table refused, so a dictionary will do.
    static func normalisedID(_ w: Bytes) -> Int {
        var n: [UInt8] = []
        RowLabels.normalize(UnsafeBufferPointer(rebasing: w), into: &n)
        return normalisedIDs[n] ?? -1
    }

    private static let normalisedIDs: [[UInt8]: Int] = {
        let t = table
        var out: [[UInt8]: Int] = [:]
        for id in 0..<t.count {
            let m = t.meanings[id]
            // Section 三's words only: section 四's are read by their own rules.
            guard m.slot != (-1, -1) || m.runIn != (-1, -1) || m.header >= 0 else { continue }
            var n: [UInt8] = []
            RowLabels.normalize(UnsafeBufferPointer(start: t.arena + t.starts[id], count: t.lengths[id]), into: &n)
            if let other = out[n], other != id {
                let o = t.meanings[other]
                if o.slot != m.slot || o.runIn != m.runIn || o.header != m.header || o.review != m.review { out[n] = -1 }
            } else if out[n] == nil {
                out[n] = id
            }
        }
        return out
    }()

    private static func build() -> Table {
        var keys: [[UInt8]] = []
        var meanings: [Meaning] = []
        var ids: [[UInt8]: Int] = [:]
        func id(_ w: [UInt8]) -> Int {
            if let k = ids[w] { return k }
            ids[w] = keys.count
            keys.append(w)
            meanings.append(Meaning())
            return keys.count - 1
        }
        // A form in two slots of one template (none today) would be ambiguous: -2, refused.
        func set(_ v: inout Int8, _ k: Int) { v = v == -1 || v == Int8(k) ? Int8(k) : -2 }
        for (t, slots) in [FastLabels.t2019, FastLabels.t2021].enumerated() {
            for (s, slot) in slots.enumerated() {
                for f in slot.forms {
                    let k = id(f)
                    if t == 0 { set(&meanings[k].slot.0, s) } else { set(&meanings[k].slot.1, s) }
                }
                // As `FastReader.text` takes a run-in label: a group (no outcome), then a row.
                guard slot.outcome == nil, s + 1 < slots.count, slots[s + 1].outcome != nil else { continue }
                for g in slot.forms {
                    for f in slots[s + 1].forms {
                        let k = id(g + f)
                        if t == 0 { set(&meanings[k].runIn.0, s) } else { set(&meanings[k].runIn.1, s) }
                    }
                }
            }
        }
        // The first of a word listed twice, as `FastLabels.headerWord` and `reviewWord` find it.
        for (h, w) in FastLabels.headerWords.enumerated() {
            let k = id(w.0)
            if meanings[k].header < 0 { meanings[k].header = Int8(h) }
        }
        for (r, w) in FastLabels.reviewWords.enumerated() {
            let k = id(w.0)
            if meanings[k].review < 0 { meanings[k].review = Int8(r) }
        }

        let total = keys.reduce(0) { $0 + $1.count }
        let arena = UnsafeMutablePointer<UInt8>.allocate(capacity: max(total, 1))
        var starts: [Int] = [], at = 0
        for k in keys {
            (arena + at).initialize(from: k, count: k.count)
            starts.append(at)
            at += k.count
        }
        var capacity = 64
        while capacity < keys.count * 4 { capacity *= 2 }
        var buckets = [Int16](repeating: -1, count: capacity)
        for (k, w) in keys.enumerated() {
            var i = bucket(arena, starts[k], starts[k] + w.count) & (capacity - 1)
            while buckets[i] >= 0 { i = (i + 1) & (capacity - 1) }
            buckets[i] = Int16(k)
        }
        let classes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 { classes[b] = ByteClass.of(UInt8(b)) }
        func lasting<T>(_ a: [T]) -> UnsafePointer<T> {
            let m = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
            m.initialize(from: a, count: a.count)
            return UnsafePointer(m)
        }
        return Table(arena: UnsafePointer(arena), classes: UnsafePointer(classes), starts: lasting(starts), lengths: lasting(keys.map(\.count)),
                     meanings: lasting(meanings), buckets: lasting(buckets), mask: capacity - 1, count: keys.count)
    }
}

/// What a byte may be to the one pass, as bits: most bytes of a table (Han characters, digits)
/// are none of them, and one table load and one test let them by.
enum ByteClass {
    /// May end a word: space, tab, or the lead byte of U+3000 (E3) or U+00A0 (C2).
    static let endsWord: UInt8 = 1
    static let tab: UInt8 = 2
    static let comma: UInt8 = 4
    /// Refused outright: a control character but the tab, DEL, `&`, `|` (as `FastBytes.mayRefuse`).
    static let refused: UInt8 = 8
    /// E2 or EF: refused where a blank starts there (U+2000–U+200B, U+202F, U+205F, U+FEFF).
    static let mayBeOtherBlank: UInt8 = 16

    static func of(_ b: UInt8) -> UInt8 {
        var c: UInt8 = 0
        if b == 0x20 || b == 0x09 || b == 0xE3 || b == 0xC2 { c |= endsWord }
        if b == 0x09 { c |= tab }
        if b == 0x2C { c |= comma }
        if b != 0x09, b < 0x20 || b == 0x7F || b == 0x26 || b == 0x7C { c |= refused }
        if b == 0xE2 || b == 0xEF { c |= mayBeOtherBlank }
        return c
    }
}
