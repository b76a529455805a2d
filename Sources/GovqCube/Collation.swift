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
        let order = values.indices.sorted { less(values[$0], values[$1]) }
        var ranks = [UInt32](repeating: 0, count: values.count)
        for (rank, code) in order.enumerated() { ranks[code] = UInt32(rank) }
        return ranks
    }
}

extension Collation {
    /// The order rows are shown in: Chinese collation for Chinese text; plain byte order when
    /// every value is ASCII (file names), which gives the same order for them and avoids a
    /// locale comparison per pair. A locale comparison costs about 2 µs, so a dictionary of
    /// 10^5 units would take seconds: large dictionaries rank each distinct character once and
    /// compare names by their characters' ranks (the same order for names of Han characters,
    /// letters, digits).
    public static func displayRanks(of values: [String]) -> [UInt32] {
        func ranks(sortedBy less: (Int, Int) -> Bool) -> [UInt32] {
            var ranks = [UInt32](repeating: 0, count: values.count)
            for (rank, code) in values.indices.sorted(by: less).enumerated() { ranks[code] = UInt32(rank) }
            return ranks
        }
        if values.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return ranks { values[$0].utf8.lexicographicallyPrecedes(values[$1].utf8) }
        }
        if values.count < 2000 { return Collation.ranks(of: values) }
        var scalars = Set<UInt32>()
        for v in values { for u in v.unicodeScalars { scalars.insert(u.value) } }
        let distinct = Array(scalars)
        let scalarRanks = Collation.ranks(of: distinct.map { String(Unicode.Scalar($0)!) })
        var rankOf: [UInt32: UInt32] = [:]
        for (i, s) in distinct.enumerated() { rankOf[s] = scalarRanks[i] }
        let keys = values.map { $0.unicodeScalars.map { rankOf[$0.value]! } }
        return ranks { a, b in
            keys[a] != keys[b] ? keys[a].lexicographicallyPrecedes(keys[b])
                               : values[a].unicodeScalars.lexicographicallyPrecedes(values[b].unicodeScalars)
        }
    }
}

extension DimensionColumn {
    /// `displayRanks[code]`: the member's position in display order (stored in a snapshot, so
    /// a query over 10^5 reports does not collate 2,600 district names again).
    public var displayRanks: [UInt32] { presetRanks ?? Collation.displayRanks(of: values) }
}
