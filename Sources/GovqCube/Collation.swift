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

extension DimensionColumn {
    /// Collation ranks of this column's dictionary (see `Collation`).
    public var collationRanks: [UInt32] { Collation.ranks(of: values) }
}
