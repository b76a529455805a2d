/// The reserved words of the query language. Matching is case-insensitive (`SUM`, `By`), and a
/// keyword can still be used as a name after a dot (`x.count`).

/// A keyword. `allCases` is the list completion offers.
public enum Keyword: String, Sendable, CaseIterable {
    case show, from, by, `where`, having, pivot, order, asc, desc, limit
    case and, or, not, `in`, between, `as`
    case sum, avg, min, max, count
    case share, change, yoy, rank, within, with, to

    /// The aggregate function this keyword names, if any.
    public var aggregateFunction: AggregateFunction? { AggregateFunction(rawValue: rawValue) }

    /// Keywords that start a clause of a select query.
    public var startsClause: Bool {
        switch self {
        case .from, .by, .where, .having, .pivot, .order, .limit, .within, .with, .min: return true
        default: return false
        }
    }

    /// Keyword lookup for an identifier's bytes: ASCII only, lower-cased on the fly, so the
    /// lexer never builds a String for the common case of a non-keyword name.
    static func lookup(_ bytes: ArraySlice<UInt8>) -> Keyword? {
        guard bytes.count >= 2, bytes.count <= 7 else { return nil }
        var key = 0
        for b in bytes {
            guard b < 0x80 else { return nil }
            key = key &* 131 &+ Int(b | 0x20)  // ASCII letters fold to lower case
        }
        guard let k = find(key) else { return nil }
        // The hash is only a filter: confirm the spelling.
        // By index, not `zip`: the first use of a generic Zip2Sequence type costs a
        // protocol-conformance scan of the whole binary (about 1 M instructions a process).
        var raw = k.rawValue
        return raw.withUTF8 { r in
            guard r.count == bytes.count else { return nil }
            var j = bytes.startIndex
            for a in r {
                if a != (bytes[j] | 0x20) { return nil }
                j += 1
            }
            return k
        }
    }

    /// The keywords' hashes, ascending, beside their keywords: searched by halving, not a
    /// `[Int: Keyword]`, whose first use scans every protocol conformance record in the binary.
    private static let table: (keys: [Int], keywords: [Keyword]) = {
        var pairs: [(key: Int, keyword: Keyword)] = []
        for k in Keyword.allCases {
            var key = 0
            for b in k.rawValue.utf8 { key = key &* 131 &+ Int(b) }
            pairs.append((key, k))
        }
        pairs.sort { $0.key < $1.key }
        for i in pairs.indices.dropFirst() { precondition(pairs[i - 1].key != pairs[i].key, "keyword hash collision") }
        return (pairs.map(\.key), pairs.map(\.keyword))
    }()

    private static func find(_ key: Int) -> Keyword? {
        let keys = table.keys
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < keys.count && keys[low] == key ? table.keywords[low] : nil
    }
}
