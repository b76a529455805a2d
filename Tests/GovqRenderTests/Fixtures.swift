/// Hand-made results in the shape the engine returns, with numbers read from the sample
/// reports (denied per district: 历城 22, 济宁 0, 临淄 0, 城阳 4, 下城 6).
import GovqEngine

enum Fixtures {
    static let deniedByDistrict = ResultSet(
        columns: [ResultColumn("district", .text), ResultColumn("denied", .integer)],
        rows: [
            [.text("济南市历城区"), .integer(22)],
            [.text("济宁经济技术开发区"), .integer(0)],
            [.text("临淄区"), .integer(0)],
            [.text("青岛市城阳区"), .integer(4)],
            [.text("下城区"), .integer(6)],
        ])

    /// 临淄 2019 has no (七)总计 cells: handled is NULL there. Rates: 历城 22/293, 城阳 4/270.
    static let rates = ResultSet(
        columns: [ResultColumn("district", .text), ResultColumn("handled", .integer),
                  ResultColumn("denial_rate", .decimal)],
        rows: [
            [.text("济南市历城区"), .integer(293), .decimal(22.0 / 293.0)],
            [.text("临淄区"), .null, .null],
            [.text("青岛市城阳区"), .integer(270), .decimal(4.0 / 270.0)],
        ])

    /// Hostile names, as an untrusted report title could carry them.
    static let hostile = ResultSet(
        columns: [ResultColumn("unit", .text), ResultColumn("n", .integer)],
        rows: [
            [.text("=HYPERLINK(\"http://x\",\"点我\")"), .integer(-3)],
            [.text("+1"), .integer(1)],
            [.text("-2"), .integer(2)],
            [.text("@SUM(A1)"), .integer(3)],
            [.text("a,b"), .integer(4)],
            [.text("say \"hi\""), .integer(5)],
            [.text("two\nlines"), .integer(6)],
            [.text("tab\there|pipe\\"), .integer(7)],
        ])

    static let empty = ResultSet(columns: [ResultColumn("district", .text), ResultColumn("denied", .integer)], rows: [])
}
