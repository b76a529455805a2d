/// The unread subtrees `DirectDocumentReader` has read before in the same document, by their
/// bytes: LibreOffice writes the same few dozen formatting subtrees (`w:rPr`, `w:pPr`,
/// `w:tcPr`, `w:sectPr`…) over and over (历城: 1,309 of them, 26 distinct, two thirds of the
/// bytes). A subtree is remembered only after the strict scan read all of it, from its start
/// tag to its end tag, and found nothing the events read in it (no kept element, not inside a
/// `w:t`) but elements read by their `w:val` alone (a `w:tcPr`'s `w:gridSpan`, `w:vMerge`),
/// and nothing it refuses. Its reading is a function of its bytes and of the depth it starts
/// at alone, so the same bytes again, at a depth that leaves room for its own, read the same:
/// the same checks pass, and the events see nothing of it but the same `w:val` events, in the
/// same order (given again from the log; the elements they do not read they are not told of). The subtrees inside one are
/// remembered too (a `w:tcPr` that differs from the ones before in its span may still hold
/// their `w:tcBorders`).
/// Looked up by a hash of the 32 bytes from its `<` (the bytes after a short subtree are part
/// of the key: the same subtree may be kept twice, never taken for another), then compared
/// byte for byte with memcmp over its whole length.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct SubtreeMemo {
    /// Where a remembered subtree is in the document, how deep it nests (1: one element), and
    /// the events it gave (`Event`s `events ..< events + eventCount` of the reader's log).
    private struct Entry { var start: Int; var count: Int; var depth: Int; var events = 0; var eventCount = 0 }

    /// An event a remembered subtree gives: the start or end of an element read by its
    /// `w:val` alone (`DOCXEvents.readsValue`: `w:gridSpan`, `w:vMerge` in a `w:tcPr`), given
    /// again, in order, when a copy is skipped.
    struct Event { var id: Int; var value: String?; var isEnd: Bool }
    static let keyBytes = 32
    private static let slots = 256, ways = 4
    /// `slots × ways` entries, the most recently used first in each slot; count 0 is empty.
    private let entries: UnsafeMutablePointer<Entry>
    private let p: UnsafePointer<UInt8>
    private let n: Int

    init(p: UnsafePointer<UInt8>, n: Int) {
        self.p = p
        self.n = n
        entries = .allocate(capacity: Self.slots * Self.ways)
        entries.initialize(repeating: Entry(start: 0, count: 0, depth: 0), count: Self.slots * Self.ways)
    }

    func deallocate() { entries.deallocate() }

    /// The slot of the subtree starting at `lt`, or -1 when fewer than `keyBytes` bytes are left.
    @inline(__always) func slot(at lt: Int) -> Int {
        guard lt + Self.keyBytes <= n else { return -1 }
        let raw = UnsafeRawPointer(p + lt)
        var h = raw.loadUnaligned(as: UInt64.self) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 56) * Self.ways
    }

    /// The end of a remembered subtree whose bytes are those at `lt` (in slot `slot`) and that
    /// nests at most `room` deep, and its events in the log; or nil.
    @inline(__always) func match(at lt: Int, slot: Int, room: Int) -> (end: Int, depth: Int, events: Range<Int>)? {
        for w in 0..<Self.ways {
            let e = entries[slot + w]
            guard e.count > 0 else { return nil }
            guard e.depth <= room, lt + e.count <= n, memcmp(p + lt, p + e.start, e.count) == 0 else { continue }
            if w > 0 {
                // The most recently used first: consecutive cells and runs repeat one another.
                for k in stride(from: w, to: 0, by: -1) { entries[slot + k] = entries[slot + k - 1] }
                entries[slot] = e
            }
            return (lt + e.count, e.depth, e.events..<(e.events + e.eventCount))
        }
        return nil
    }

    /// Remembers the subtree `start..<end` (read whole by the strict scan, nothing in it read
    /// but the `events` of the log), nesting `depth` deep, in front of its slot.
    func remember(_ start: Int, _ end: Int, depth: Int, slot: Int, events: Range<Int> = 0..<0) {
        guard slot >= 0 else { return }
        for k in stride(from: Self.ways - 1, to: 0, by: -1) { entries[slot + k] = entries[slot + k - 1] }
        entries[slot] = Entry(start: start, count: end - start, depth: depth, events: events.lowerBound, eventCount: events.count)
    }
}
