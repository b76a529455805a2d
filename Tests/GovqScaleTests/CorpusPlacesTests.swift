/// The generator's units and years: a million reports with no (unit, year) twice, every
/// place the gazetteer's own, and every title one that govq places.
import Foundation
@testable import GovqCorpus
import GovqCube
import GovqGeo
@testable import GovqLoader
import Testing

@Suite struct CorpusPlacesTests {
    /// Slot k's issuer is `allIssuers[(stride·k + 13) mod n]`: a permutation of the units, each
    /// unit once, so reports 0..<n·7 are n units × the 7 years, no pair twice.
    @Test func aMillionReportsHaveDistinctUnitsAndYears() {
        let n = Places.allIssuers.count
        #expect(Set(Places.allIssuers.map(\.unit)).count == n)
        #expect(CorpusGenerator.distinctReports == n * 7)
        #expect(CorpusGenerator.distinctReports >= 1_000_000)
        let stride = n % 7919 == 0 ? 7907 : 7919
        var hit = [Bool](repeating: false, count: n)
        for k in 0..<n { hit[(k * stride + 13) % n] = true }
        #expect(hit.allSatisfy { $0 })
        #expect(Places.issuer(slot: 0) == Places.allIssuers[13 % n])
        // Report index → slot: seven consecutive reports are one unit's years 2019…2025.
        let first = (0..<7).map { Places.slot($0) }
        #expect(Set(first.map(\.issuer.unit)).count == 1)
        #expect(first.map(\.year) == Array(2019...2025))
        #expect(Places.slot(7).issuer.unit != first[0].issuer.unit)
    }

    /// Only divisions that existed unchanged through 2019–2025, cities and counties, and
    /// enough of them for a million reports.
    @Test func placesAreTheGazetteersUnchangedDivisions() {
        let g = Gazetteer.shared
        #expect(Places.places.count > 3_000)
        for (name, _, i) in Places.places {
            let d = g.divisions[i]
            #expect(d.level != .province && d.since == 0 && d.until == Int.max, "\(name)")
            #expect(name.hasSuffix(d.name), "\(name) is not \(d.name)")
        }
        // A name shared by several divisions comes after its city's: 鼓楼区 is four.
        let gulou = Places.places.filter { g.divisions[$0.division].name == "鼓楼区" }.map(\.name).sorted()
        #expect(gulou == ["南京市鼓楼区", "开封市鼓楼区", "徐州市鼓楼区", "福州市鼓楼区"])
        // No department's name ends a place early (城市管理局 holds 市, 住房和城乡建设局 holds 乡).
        #expect(Places.bodies.count == Set(Places.bodies).count)
    }

    /// govq's placer puts every place's title at the division it was made from, for every
    /// year, and every kind of body at its place.
    @Test func everyTitlePlacesAtItsDivision() {
        let g = Gazetteer.shared, placer = Placer(gazetteer: g)
        var wrong: [String] = []
        func check(_ unit: String, _ district: String, _ division: Int, year: Int) {
            let p = placer.place(PlacementInput(unit: unit, district: district, year: year, path: "0000/0000001.txt"))
            let d = g.divisions[division]
            if p.adcode != d.code || (d.level == .county && p.county != d.name) {
                wrong.append("\(unit) \(year): \(p.province)\(p.city)\(p.county) \(p.adcode), not \(d.code) (\(p.reason))")
            }
        }
        for (k, (name, zone, division)) in Places.places.enumerated() {
            let bodies = zone ? Places.zoneBodies : Places.bodies
            check(name, name, division, year: Places.years[k % 7])
            check(name + bodies[k % bodies.count], name, division, year: Places.years[(k + 3) % 7])
        }
        for (k, body) in Places.bodies.enumerated() {
            for (name, zone, division) in Places.places.enumerated().filter({ $0.offset % 97 == k % 97 }).map(\.element) where !zone {
                check(name + body, name, division, year: 2019 + k % 7)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) misplaced, e.g.\n\(wrong.prefix(10).joined(separator: "\n"))")
    }

    /// The loader reads the district from the title by removing the body: for every kind of
    /// body, and every place, that gives back the place (政务服务管理局 did not: 市政 is a word).
    @Test func everyTitlesDistrictIsItsPlace() {
        var wrong: [String] = []
        for (name, zone, _) in Places.places {
            let bodies = zone ? Places.zoneBodies : Places.bodies
            // Every body after every place: one pair of 160,000 (运城市 + 综合行政执法局) was wrong.
            for body in [""] + bodies {
                let read = Metadata.district(of: name + body)
                if read != name { wrong.append("\(name + body) → \(read)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) titles, e.g. \(wrong.prefix(10))")
    }
}
