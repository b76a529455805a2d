/// Finding division names in text: every name keyed by its first two Unicode scalars, with the
/// divisions it names, so a scan costs one integer lookup per position, compares only the
/// names that could start there, and never hashes a string.

struct NameIndex: Sendable {
    struct Entry: Sendable {
        let scalars: [Unicode.Scalar]
        let divisions: [Int]
    }

    /// First two scalars → names starting with them, longest first.
    private let buckets: [UInt64: [Entry]]

    init(_ names: [String: [Int]]) {
        var b: [UInt64: [Entry]] = [:]
        for (n, divisions) in names {
            let s = Array(n.unicodeScalars)
            guard s.count >= 2 else { continue }
            b[Self.key(s[0], s[1]), default: []].append(Entry(scalars: s, divisions: divisions))
        }
        buckets = b.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
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
