/// Chinese names sort the way a Chinese reader expects (by pinyin: 济南 < 临淄 < 青岛 < 下城),
/// not by code point. Ranks are computed once per dictionary, so sorting rows compares integers.
import Foundation

public enum Collation {
    static let locale = Locale(identifier: "zh_Hans_CN")

    public static func less(_ a: String, _ b: String) -> Bool {
        let r = a.compare(b, options: [], range: nil, locale: locale)
        return r == .orderedAscending || (r == .orderedSame && a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars))
    }

    /// `ranks[code]` is the position of `values[code]` in collation order.
    public static func ranks(of values: [String]) -> [UInt32] {
        let order = SortKeys().order(values) ?? values.indices.sorted { less(values[$0], values[$1]) }
        var ranks = [UInt32](repeating: 0, count: values.count)
        for (rank, code) in order.enumerated() { ranks[code] = UInt32(rank) }
        return ranks
    }
}

extension Collation {
    /// The order rows are shown in: Chinese collation for Chinese text; plain byte order when
    /// every value is ASCII (file names), which gives the same order for them and avoids a
    /// locale comparison per pair. A locale comparison costs a few µs, so a dictionary of
    /// 10^5 units would take seconds: large dictionaries rank each distinct character once and
    /// compare names by their characters' ranks (the same order for names of Han characters,
    /// letters, digits).
    public static func displayRanks(of values: [String]) -> [UInt32] {
        func ranks(_ order: [Int]) -> [UInt32] {
            var ranks = [UInt32](repeating: 0, count: values.count)
            for (rank, code) in order.enumerated() { ranks[code] = UInt32(rank) }
            return ranks
        }
        if values.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return ranks(values.indices.sorted { values[$0].utf8.lexicographicallyPrecedes(values[$1].utf8) })
        }
        // Sorted whole by the locale (sort keys: one a name), below 2,000 names; a small one
        // without keys by `less` (fewer comparisons than ranking its characters).
        if values.count < 2000, let keyed = SortKeys().order(values) { return ranks(keyed) }
        if values.count < 200 { return Collation.ranks(of: values) }
        let byCharacters = characterOrder(values)
        if values.count >= 2000 { return ranks(byCharacters) }
        return ranks(localeOrder(values, from: byCharacters))
    }

    /// The names in the order of their characters' ranks (a character's rank being its place
    /// among single characters by `less`), ties by scalars. The characters are ranked by
    /// `CharacterOrder`, once a process for all dictionaries: the order of two characters is
    /// `less`'s, whatever else is ranked with them.
    static func characterOrder(_ values: [String]) -> [Int] {
        var scalars = Set<UInt32>()
        for v in values { for u in v.unicodeScalars { scalars.insert(u.value) } }
        let rankOf = characterRanks(scalars)
        let keys = values.map { $0.unicodeScalars.map { rankOf[$0.value]! } }
        return values.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a].lexicographicallyPrecedes(keys[b])
                               : values[a].unicodeScalars.lexicographicallyPrecedes(values[b].unicodeScalars)
        }
    }

    /// Each scalar's place among `scalars` by `less` on one-character strings: by their sort
    /// keys, or without a collator by `CharacterOrder`'s comparisons.
    static func characterRanks(_ scalars: Set<UInt32>) -> [UInt32: UInt32] {
        let list = Array(scalars)
        guard let order = SortKeys().order(list.map { String(Unicode.Scalar($0)!) }) else {
            return CharacterOrder.shared.ranks(of: scalars)
        }
        var rankOf: [UInt32: UInt32] = [:]
        rankOf.reserveCapacity(list.count)
        for (rank, i) in order.enumerated() { rankOf[list[i]] = UInt32(rank) }
        return rankOf
    }

    /// The names sorted by `less` (whole names, by the locale), starting from `nearly`, an order
    /// that is mostly right already (the characters' order is, for Chinese names): each name
    /// that is not after the one before it is moved back to its place by binary search, so a
    /// dictionary costs about one comparison a name instead of n log n. Insertion sorting sorts
    /// whatever it starts from; when too many names are out of place it is not cheaper, and the
    /// names are sorted from scratch.
    static func localeOrder(_ values: [String], from nearly: [Int]) -> [Int] {
        var order = nearly
        var budget = values.count * 2 + 64
        for i in order.indices.dropFirst() {
            let x = order[i]
            budget -= 1
            guard less(values[x], values[order[i - 1]]) else { continue }
            var lo = 0, hi = i - 1          // x goes before order[hi]; find the first name after x
            while lo < hi {
                let mid = (lo + hi) / 2
                budget -= 1
                if less(values[x], values[order[mid]]) { hi = mid } else { lo = mid + 1 }
            }
            guard budget > 0 else { return values.indices.sorted { less(values[$0], values[$1]) } }
            order.remove(at: i)
            order.insert(x, at: lo)
        }
        return order
    }
}

/// Single characters in `Collation.less` order, kept for the process: the dictionaries of one
/// snapshot (district, unit, county, city, …) share most of their characters, which are then
/// compared by the locale once, not once per dictionary.
final class CharacterOrder: @unchecked Sendable {
    static let shared = CharacterOrder()
    private let lock = NSLock()
    /// Sorted by `less` on one-character strings.
    private var sorted: [UInt32] = []
    private var known = Set<UInt32>()

    /// Each scalar's place among every character ranked so far (only their order is used).
    func ranks(of scalars: Set<UInt32>) -> [UInt32: UInt32] {
        lock.lock(); defer { lock.unlock() }
        let new = scalars.subtracting(known)
        if !new.isEmpty {
            let strings = Dictionary(uniqueKeysWithValues: (new.union(sorted)).map { ($0, String(Unicode.Scalar($0)!)) })
            let less = { (a: UInt32, b: UInt32) in Collation.less(strings[a]!, strings[b]!) }
            let added = new.sorted(by: less)
            // Merged into the characters already in order: one comparison a character.
            var merged: [UInt32] = []
            merged.reserveCapacity(sorted.count + added.count)
            var i = 0, j = 0
            while i < sorted.count, j < added.count {
                if less(added[j], sorted[i]) { merged.append(added[j]); j += 1 } else { merged.append(sorted[i]); i += 1 }
            }
            merged += sorted[i...]
            merged += added[j...]
            sorted = merged
            known.formUnion(new)
        }
        var rankOf: [UInt32: UInt32] = [:]
        rankOf.reserveCapacity(scalars.count)
        for (rank, s) in sorted.enumerated() where scalars.contains(s) { rankOf[s] = UInt32(rank) }
        return rankOf
    }
}

extension DimensionColumn {
    /// `displayRanks[code]`: the member's position in display order (stored in a snapshot, so
    /// a query over 10^5 reports does not collate 2,600 district names again).
    public var displayRanks: [UInt32] { presetRanks ?? Collation.displayRanks(of: values) }
}
