/// Finding division names in text: every name keyed by its first two Unicode scalars, so a
/// scan costs one integer lookup per position and compares only the names that could start there.

struct NameIndex: Sendable {
    /// First two scalars → names starting with them (as scalar arrays), longest first.
    private let buckets: [UInt64: [[Unicode.Scalar]]]

    init(_ names: some Sequence<String>) {
        var b: [UInt64: [[Unicode.Scalar]]] = [:]
        for n in names {
            let s = Array(n.unicodeScalars)
            guard s.count >= 2 else { continue }
            b[Self.key(s[0], s[1]), default: []].append(s)
        }
        buckets = b.mapValues { $0.sorted { $0.count > $1.count } }
    }

    private static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }

    /// The longest name starting at `i`, as its length in scalars.
    func longest(in text: [Unicode.Scalar], at i: Int) -> Int? {
        guard i + 1 < text.count, let names = buckets[Self.key(text[i], text[i + 1])] else { return nil }
        for n in names where i + n.count <= text.count {
            var k = 2
            while k < n.count, text[i + k] == n[k] { k += 1 }
            if k == n.count { return n.count }
        }
        return nil
    }

    /// Names in `text`, left to right, the longest at each position, not overlapping.
    func matches(in text: [Unicode.Scalar]) -> [(range: Range<Int>, name: String)] {
        var out: [(Range<Int>, String)] = []
        var i = 0
        while i + 1 < text.count {
            if let n = longest(in: text, at: i) {
                out.append((i..<(i + n), String(String.UnicodeScalarView(text[i..<(i + n)]))))
                i += n
            } else {
                i += 1
            }
        }
        return out
    }
}
