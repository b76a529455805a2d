/// Finding division names in text: every name keyed by its first two Unicode scalars, with the
/// divisions it names, so a scan costs one integer lookup per position, compares only the
/// names that could start there, and never hashes a string.

struct NameIndex: Sendable {
    struct Entry: Sendable {
        let scalars: [Unicode.Scalar]
        var divisions: [Int]
    }

    /// First two scalars → names starting with them, longest first.
    private let buckets: [UInt64: [Entry]]

    /// From (name, division) pairs in division order: a name's divisions keep that order.
    init(_ names: [([Unicode.Scalar], Int)]) {
        // Key → its bucket's place in `lists`: the buckets grow in place, one hash per name.
        var slot: [UInt64: Int] = [:]
        slot.reserveCapacity(names.count)
        var lists: [[Entry]] = []
        lists.reserveCapacity(names.count)
        for (s, division) in names where s.count >= 2 {
            let k = Self.key(s[0], s[1])
            guard let at = slot[k] else {
                slot[k] = lists.count
                lists.append([Entry(scalars: s, divisions: [division])])
                continue
            }
            // A bucket holds the few names sharing two first characters: a linear search.
            if let e = lists[at].firstIndex(where: { $0.scalars == s }) {
                lists[at][e].divisions.append(division)
            } else {
                lists[at].append(Entry(scalars: s, divisions: [division]))
            }
        }
        var b: [UInt64: [Entry]] = [:]
        b.reserveCapacity(slot.count)
        for (k, at) in slot {
            b[k] = lists[at].count == 1 ? lists[at] : lists[at].sorted { $0.scalars.count > $1.scalars.count }
        }
        buckets = b
    }

    /// The entry of exactly this name.
    func entry(_ name: [Unicode.Scalar]) -> Entry? {
        guard name.count >= 2 else { return nil }
        return buckets[Self.key(name[0], name[1])]?.first { $0.scalars == name }
    }

    private static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }

    /// The longest name starting at `i`.
    func longest(in text: [Unicode.Scalar], at i: Int) -> Entry? {
        guard i + 1 < text.count, let names = buckets[Self.key(text[i], text[i + 1])] else { return nil }
        for n in names where i + n.scalars.count <= text.count {
            var k = 2
            while k < n.scalars.count, text[i + k] == n.scalars[k] { k += 1 }
            if k == n.scalars.count { return n }
        }
        return nil
    }

    /// Names in `text`, left to right, the longest at each position, not overlapping.
    func matches(in text: [Unicode.Scalar]) -> [(range: Range<Int>, divisions: [Int])] {
        var out: [(Range<Int>, [Int])] = []
        var i = 0
        while i + 1 < text.count {
            if let n = longest(in: text, at: i) {
                out.append((i..<(i + n.scalars.count), n.divisions))
                i += n.scalars.count
            } else {
                i += 1
            }
        }
        return out
    }
}
