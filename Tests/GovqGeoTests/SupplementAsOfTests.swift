/// `--as-of` across the changes that scripts/gazetteer-supplement.tsv adds, on whole report
/// texts: 下城's sample report (new 161) retitled for 莱芜市's two districts and for 江干区, all of
/// 2019. By 2024 莱城区 is 济南市莱芜区 (370116), 莱芜市钢城区 (371203) is 济南市钢城区 (370117), and
/// 江干区 (330104) is 上城区 (330102), each on the date its approval came into force.
import Foundation
import GovqCube
import GovqEngine
import GovqGeo
import GovqLoader
import Testing

@Suite struct SupplementAsOfTests {
    static func loaded() throws -> (LoadResult, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("govq-asof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (i, name) in ["莱芜市莱城区", "莱芜市钢城区", "杭州市江干区"].enumerated() {
            let text = ReportPlacementTests.xiacheng.replacingOccurrences(of: "下城区", with: name)
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(i).txt"))
        }
        return (ReportLoader.load(paths: [folder.path]), folder)
    }

    @Test func asFiledAndAsOf2024() throws {
        let (result, folder) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: folder) }
        let filed = try SampleGeographyTests.rows(QueryEngine(cube: result.cube), "sum new by adcode")
        #expect(filed == ["371202": 161, "371203": 161, "330104": 161])
        #expect(try SampleGeographyTests.rows(QueryEngine(cube: result.cube), "sum new by city") == ["莱芜市": 322, "杭州市": 161])

        let mapped = Gazetteer.shared.mapping(result.cube, asOf: 20241231)
        let e = QueryEngine(cube: mapped)
        #expect(try SampleGeographyTests.rows(e, "sum new by adcode") == ["370116": 161, "370117": 161, "330102": 161])
        #expect(try SampleGeographyTests.rows(e, "sum new by county") == ["莱芜区": 161, "钢城区": 161, "上城区": 161])
        #expect(try SampleGeographyTests.rows(e, "sum new by city") == ["济南市": 322, "杭州市": 161])
        let changes = mapped.placeChanges.map { "\($0.from) \($0.fromCode) → \($0.to) \($0.toCode) \($0.date)" }
        #expect(changes == ["莱城区 371202 → 莱芜区 370116 2019-01-09", "钢城区 371203 → 钢城区 370117 2019-01-09",
                            "江干区 330104 → 上城区 330102 2021-04-09"])
    }

    @Test func beforeTheChangeNothingMoves() throws {
        let (result, folder) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mapped = Gazetteer.shared.mapping(result.cube, asOf: 20190108)
        #expect(mapped.placeChanges.isEmpty)
        #expect(try SampleGeographyTests.rows(QueryEngine(cube: mapped), "sum new by adcode") == ["371202": 161, "371203": 161, "330104": 161])
    }

    @Test func theSupplementsDatesAreInTheGazetteer() throws {
        let g = Gazetteer.shared
        let laiwu = try #require(g.divisions(named: "莱芜市").first)
        #expect(g.divisions[laiwu].code == "371200" && g.divisions[laiwu].level == .city && g.divisions[laiwu].until == 20190109)
        for (name, code, since) in [("莱芜区", "370116", 20190109), ("临平区", "330113", 20210409), ("钱塘区", "330114", 20210409)] {
            let d = try #require(g.divisions(named: name).first)
            #expect(g.divisions[d].code == code && g.divisions[d].since == since, "\(name)")
        }
        #expect(g.source.contains("supplement"))
    }
}
