/// Geography on the five sample reports, end to end (loader → placement → engine). The expected
/// numbers are the (read by hand from the reports): 历城 new 315, 济宁经开区 0, 临淄 35,
/// 城阳 269, 下城 161.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqEngine
import GovqGeo
import GovqLoader
import Testing

@Suite struct SampleGeographyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let loaded = ReportLoader.load(paths: [root.appendingPathComponent("Samples/reports").path])
    static let engine = QueryEngine(cube: loaded.cube)
    static let asOf2024 = QueryEngine(cube: Gazetteer.shared.mapping(loaded.cube, asOf: 20241231))

    static func rows(_ e: QueryEngine, _ q: String) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for row in try e.run(q).rows {
            guard case .text(let k) = row[0], case .integer(let v) = row[row.count - 1] else { continue }
            out[k] = v
        }
        return out
    }

    @Test(arguments: [
        ("sum new by province", ["山东省": 619, "浙江省": 161]),
        ("sum new by 省", ["山东省": 619, "浙江省": 161]),
        ("sum new by city", ["济南市": 315, "济宁市": 0, "淄博市": 35, "青岛市": 269, "杭州市": 161]),
        ("sum new by 市 where province = 山东省", ["济南市": 315, "济宁市": 0, "淄博市": 35, "青岛市": 269]),
        ("sum new by county", ["历城区": 315, "济宁经济技术开发区": 0, "临淄区": 35, "城阳区": 269, "下城区": 161]),
        ("sum new by 区县", ["历城区": 315, "济宁经济技术开发区": 0, "临淄区": 35, "城阳区": 269, "下城区": 161]),
        ("sum new by adcode where adcode != ''", ["370112": 315, "370305": 35, "370214": 269, "330103": 161]),
        ("sum new by body_kind", ["government": 745, "government_office": 35, "development_zone": 0]),
        ("sum new by level where level = county and body_kind = government", ["county": 745]),
        ("count reports by province", ["山东省": 4, "浙江省": 1]),
    ] as [(String, [String: Int64])])
    func byGeography(query: String, expected: [String: Int64]) throws {
        #expect(try Self.rows(Self.engine, query) == expected)
    }

    @Test func asOf2024CountsXiachengUnderGongshu() throws {
        let counties = try Self.rows(Self.asOf2024, "sum new by county")
        #expect(counties == ["历城区": 315, "济宁经济技术开发区": 0, "临淄区": 35, "城阳区": 269, "拱墅区": 161])
        #expect(try Self.rows(Self.asOf2024, "sum new by adcode where city = 杭州市") == ["330105": 161])
        // Filed under: the default keeps 下城区.
        #expect(try Self.rows(Self.engine, "sum new by county where city = 杭州市") == ["下城区": 161])
    }

    @Test func showChangesListsTheMappingsUsed() throws {
        let r = try Self.asOf2024.run("show changes")
        #expect(r.rows == [[.text("下城区"), .text("330103"), .text("拱墅区"), .text("330105"), .text("2021-04-09"), .integer(1)]])
        // Before the merge nothing moves.
        let r2020 = try QueryEngine(cube: Gazetteer.shared.mapping(Self.loaded.cube, asOf: 20201231)).run("show changes")
        #expect(r2020.rows.isEmpty)
        #expect(throws: Diagnostic.self) { try Self.engine.run("show changes") }
    }

    @Test func everySampleIsPlacedWithItsReason() {
        let places = Self.loaded.reports.compactMap(\.place)
        #expect(places.count == 5 && places.allSatisfy { $0.isPlaced && !$0.reason.isEmpty })
    }

    @Test func showAndUnknownMembers() throws {
        let r = try Self.engine.run("show provinces")
        #expect(r.rows.map { $0[0] } == [.text("山东省"), .text("浙江省")])
    }
}

@Suite struct PlaceMemberAliasTests {
    @Test(arguments: [
        ("sum new where level = 县级 and body_kind = 政府", 745),
        ("sum new where body_kind = 政府办公室", 35),
        ("sum new where body_kind in (开发区, government_office)", 35),
        ("sum new where 层级 = county and 机关类型 != government", 35),
    ])
    func chineseMemberNames(query: String, expected: Int64) throws {
        #expect(try SampleGeographyTests.engine.run(query).rows == [[.integer(expected)]])
    }
}
