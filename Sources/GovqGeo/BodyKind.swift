/// The kind of body that issued a report, from the words after the place names in its title
/// (`人民政府办公室`, `公安局`, `城关镇人民政府`, `经济技术开发区管委会`).

public enum BodyKind: String, Sendable, CaseIterable {
    case government, governmentOffice = "government_office", department, township
    case developmentZone = "development_zone"

    /// Words that make a name a development zone or special area.
    static let zoneWords = ["开发区", "高新区", "实验区", "试验区", "新区", "产业园", "工业园", "园区", "保税区", "合作区", "示范区", "度假区", "管理区"]
    static let townWords = ["镇", "乡", "街道", "办事处"]

    /// The kind named by `suffix`, the text after the last place name.
    static func classify(_ suffix: String) -> BodyKind {
        var s = suffix
        for tail in ["管理委员会", "管委会", "工作委员会", "党工委"] where s.hasSuffix(tail) { s.removeLast(tail.count) }
        if zoneWords.contains(where: { s.contains($0) }) { return .developmentZone }
        if s.isEmpty || s == "人民政府" || s == "政府" || s == "区" || s == "县" { return .government }
        if (s.hasPrefix("人民政府") || s.hasPrefix("政府")) && (s.hasSuffix("办公室") || s.hasSuffix("办公厅")) { return .governmentOffice }
        let town = ["镇", "乡", "街道", "镇人民政府", "乡人民政府", "街道办事处", "办事处", "镇政府", "乡政府"]
        if town.contains(where: { s.hasSuffix($0) }) { return .township }
        return .department
    }

    /// Whether a division's own name is a zone (长春经济技术开发区 has a code of its own).
    static func isZoneName(_ name: String) -> Bool { zoneWords.contains { name.contains($0) } }
}
