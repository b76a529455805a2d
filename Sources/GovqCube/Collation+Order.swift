/// The comparison `Collation.displayRanks` sorts a dictionary by, for one pair of names, so
/// that a dictionary that gains a few names can rank them among the stored ranks without
/// sorting every name again (the incremental index): each kind of order is a strict total
/// order that does not depend on the other names in the dictionary.

extension Collation {
    /// Which order `displayRanks` uses for a dictionary: byte order when every name is ASCII,
    /// the locale's for fewer than 2,000 names, else the names' characters ranked one by one.
    public enum DisplayOrder: Sendable, Equatable {
        case bytes, locale, characters

        /// The order `displayRanks(of:)` uses for `count` names, all of them ASCII or not.
        public init(count: Int, allASCII: Bool) {
            self = allASCII ? .bytes : count < 2000 ? .locale : .characters
        }
    }

    /// Whether `a` is shown before `b` in `order`, as `displayRanks` sorts them.
    public static func precedes(_ a: String, _ b: String, in order: DisplayOrder) -> Bool {
        switch order {
        case .bytes:
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        case .locale:
            return less(a, b)
        case .characters:
            // `displayRanks` compares the names' per-character ranks, a character's rank being
            // its place among single characters by `less`: the first character that differs
            // decides, and a name that is a prefix of the other comes first.
            var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
            while true {
                switch (i.next(), j.next()) {
                case (nil, nil): return false
                case (nil, _): return true
                case (_, nil): return false
                case let (x?, y?) where x != y: return less(String(x), String(y))
                default: continue
                }
            }
        }
    }
}
