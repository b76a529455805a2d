/// The kind of body that issued a report, from the words after the place names in its title
/// (`人民政府办公室`, `公安局`, `城关镇人民政府`, `经济技术开发区管委会`). Compared as UTF-8 bytes:
/// Foundation's locale-aware `contains` cost more than the rest of placing a report.

public enum BodyKind: String, Sendable, CaseIterable {
    case government, governmentOffice = "government_office", department, township
    case developmentZone = "development_zone"

    /// Words that make a name a development zone or special area.
    static let zoneWords = bytes(["开发区", "高新区", "实验区", "试验区", "新区", "产业园", "工业园", "园区", "保税区", "合作区", "示范区", "度假区", "管理区"])
    /// A management body's words after a zone's name.
    static let managementWords = bytes(["管理委员会", "管委会", "工作委员会", "党工委"])
    static let governmentNames = bytes(["", "人民政府", "政府", "区", "县"])
    static let governmentPrefixes = bytes(["人民政府", "政府"]), officeSuffixes = bytes(["办公室", "办公厅"])
    static let townSuffixes = bytes(["镇", "乡", "街道", "办事处", "镇人民政府", "乡人民政府", "镇政府", "乡政府"])

    private static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    /// The kind named by `suffix`, the text after the last place name.
    static func classify(_ suffix: String) -> BodyKind {
        var s = Array(suffix.utf8)
        for tail in managementWords where s.ends(with: tail) { s.removeLast(tail.count) }
        if zoneWords.contains(where: { s.includes($0) }) { return .developmentZone }
        if governmentNames.contains(s) { return .government }
        if governmentPrefixes.contains(where: { s.starts(with: $0) }) && officeSuffixes.contains(where: { s.ends(with: $0) }) {
            return .governmentOffice
        }
        if townSuffixes.contains(where: { s.ends(with: $0) }) { return .township }
        return .department
    }

    /// Whether a division's own name is a zone (长春经济技术开发区 has a code of its own).
    static func isZoneName(_ name: String) -> Bool {
        let s = Array(name.utf8)
        return zoneWords.contains { s.includes($0) }
    }
}

extension Array where Element == UInt8 {
    func ends(with tail: [UInt8]) -> Bool { count >= tail.count && self[(count - tail.count)...].elementsEqual(tail) }

    /// Whether `needle` occurs in these bytes (valid UTF-8 in valid UTF-8: a match is whole characters).
    func includes(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        if needle.isEmpty { return true }
        for i in 0...(count - needle.count) where self[i] == needle[0] {
            var k = 1
            while k < needle.count, self[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }
}
