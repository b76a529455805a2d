/// The placement step inside the loader, on whole report texts: 下城's sample report retitled
/// 鼓楼区 (a name four cities have), with and without contact details that say which.
import Foundation
import GovqCube
import GovqLoader
import Testing

@Suite struct ReportPlacementTests {
    static let xiacheng = try! String(contentsOf: SampleGeographyTests.root.appendingPathComponent("Samples/reports/004_7c44efe8d794ab26.txt"), encoding: .utf8)

    /// The sample with 下城区 renamed and `contact` added after its first paragraph.
    static func report(_ name: String, contact: String) -> [UInt8] {
        var lines = xiacheng.replacingOccurrences(of: "下城区", with: name).components(separatedBy: "\n")
        lines.insert(contact, at: 3)
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test(arguments: [
        ("如对本报告有疑问，请与区政府办公室联系（地址：福州市鼓楼区八一七北路；邮编：350001；电话：0591-87000000）。", "福州市", "350102"),
        ("联系电话：（025）83000000。", "南京市", "320106"),
        ("邮政编码：475000", "开封市", "410204"),
    ])
    func contactDetailsSayWhichGulou(contact: String, city: String, adcode: String) throws {
        let parsed = ReportParser.parse(bytes: Self.report("鼓楼区", contact: contact), file: "gulou.txt")
        let place = try #require(parsed.record?.place)
        #expect(place.city == city && place.adcode == adcode && place.county == "鼓楼区", "\(place.reason)")
        #expect(parsed.summary.place == place)
    }

    @Test func withoutThemTheReportIsUnplacedWithTheCandidates() throws {
        let parsed = ReportParser.parse(bytes: Self.report("鼓楼区", contact: "本报告电子版可在门户网站查阅。"), file: "gulou.txt")
        let place = try #require(parsed.record?.place)
        #expect(!place.isPlaced && place.city.isEmpty)
        #expect(place.reason.contains("南京市鼓楼区 (320106)") && place.reason.contains("福州市鼓楼区 (350102)"), "\(place.reason)")
        // Its numbers still load: being unplaced is not an error in the report.
        #expect(parsed.record?[.new, .naturalPerson] != nil && parsed.summary.status == .ok)
    }

    @Test func theFolderNamesSayWhich() throws {
        let parsed = ReportParser.parse(bytes: Self.report("鼓楼区", contact: ""), file: "reports/江苏省/徐州市/2019.txt")
        let place = try #require(parsed.record?.place)
        #expect(place.city == "徐州市" && place.adcode == "320302", "\(place.reason)")
    }
}
