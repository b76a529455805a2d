/// Start tags the condenser has read, by their bytes: LibreOffice and Word write the same few
/// hundred tags over and over (`<w:bidi w:val="0"/>`, `<w:top w:val="single" w:sz="2" …/>`),
/// and the strict scan of one cost about 180 instructions. A tag is looked up by its bytes up
/// to its first `>`; only a tag whose strict form ends there is kept, so bytes equal to one
/// kept read as it did (the scan reads nothing past a tag's end), and a hit is checked byte
/// for byte, not only by its hash.
struct TagMemo {
    /// A tag read before: where it is, its length, and its parse relative to its `<`.
    struct Entry {
        var at = -1
        var length = 0
        var hash: UInt64 = 0
        var nameEnd = 0, attributesStart = 0, attributesEnd = 0
        var empty = false
        var kind = KeptNames.Kind.unread
    }

    private let slots: UnsafeMutablePointer<Entry>
    private var used = 0
    private static let slotCount = 512
    /// Longer tags (the root's namespace list) are read each time.
    static let maxLength = 192

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Entry(), count: Self.slotCount)
    }

    func deallocate() { slots.deallocate() }

    /// The tag at `lt` when its bytes to `gt` (its first `>`) are those of a tag kept; else the
    /// slot to keep it in (nil when full) and its hash. `n`: the document's length.
    @inline(__always) func find(_ p: UnsafePointer<UInt8>, _ lt: Int, _ gt: Int, _ n: Int) -> (entry: Entry?, slot: Int?, hash: UInt64) {
        let length = gt + 1 - lt
        // Whole words may be read past the tag, inside the document (an earlier tag's too).
        let words = n - lt >= length + 8
        let hash = Self.hash(p + lt, length, words: words)
        var i = Int(truncatingIfNeeded: hash >> 7) & (Self.slotCount - 1)
        while slots[i].at >= 0 {
            if slots[i].hash == hash, slots[i].length == length, Self.same(p + slots[i].at, p + lt, length, words: words) { return (slots[i], nil, hash) }
            i = (i + 1) & (Self.slotCount - 1)
        }
        return (nil, used < Self.slotCount * 3 / 4 ? i : nil, hash)
    }

    mutating func keep(_ e: Entry, in slot: Int) {
        slots[slot] = e
        used += 1
    }

    /// The bytes `k ..< min(k + 8, count)` at `b` as a word, the rest zero; a whole word read
    /// and masked when `words` says the bytes after are in the document.
    @inline(__always) private static func word(_ b: UnsafePointer<UInt8>, _ k: Int, _ count: Int, words: Bool) -> UInt64 {
        let rest = count - k
        if rest >= 8 { return UnsafeRawPointer(b).loadUnaligned(fromByteOffset: k, as: UInt64.self) }
        if words { return UnsafeRawPointer(b).loadUnaligned(fromByteOffset: k, as: UInt64.self) & ((1 << (8 * UInt64(rest))) &- 1) }
        var w: UInt64 = 0
        for j in 0..<rest { w |= UInt64(b[k + j]) << (8 * UInt64(j)) }
        return w
    }

    /// FNV-1a-like, eight bytes at a time.
    @inline(__always) private static func hash(_ b: UnsafePointer<UInt8>, _ count: Int, words: Bool) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var k = 0
        while k < count {
            h = (h ^ word(b, k, count, words: words)) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            k += 8
        }
        return h ^ UInt64(count)
    }

    /// Whether the `count` bytes at `a` and `b` are the same, a word at a time.
    @inline(__always) private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int, words: Bool) -> Bool {
        var k = 0
        while k < count {
            if word(a, k, count, words: words) != word(b, k, count, words: words) { return false }
            k += 8
        }
        return true
    }
}
