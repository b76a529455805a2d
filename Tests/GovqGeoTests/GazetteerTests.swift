/// The gazetteer as generated from jionlp 1.5.31 and cpca 0.5.5: the expected codes, dates and
/// phone codes are read from those packages' files (china_location.txt,
/// china_location_change.txt, phone_location.txt, adcodes.csv).
import Testing
@testable import GovqGeo

@Suite struct GazetteerTests {
    let g = Gazetteer.shared

    @Test(arguments: [
        ("鼓楼区", ["320106", "320302", "350102", "410204"]),   // 南京, 徐州, 福州, 开封
        ("西湖区", ["330106", "360103"]),                       // 杭州, 南昌
        ("历城区", ["370112"]),
        ("下城区", ["330103"]),                                 // 2019, before the merge
    ])
    func namesFindEveryDivision(name: String, codes: [String]) {
        #expect(g.divisions(named: name, in: 2019).map { g.divisions[$0].code }.sorted() == codes)
    }

    @Test func aMergedCountyEndsOnItsDateAndHasItsSuccessor() throws {
        let xiacheng = try #require(g.divisions(named: "下城区").first)
        #expect(g.divisions[xiacheng].until == 20210409)
        #expect(g.divisions(named: "下城区", in: 2022).isEmpty)
        let (to, used) = g.successor(of: xiacheng, on: 20241231)
        #expect(g.divisions[to].name == "拱墅区" && g.divisions[to].code == "330105")
        #expect(used.map(\.date) == [20210409])
        // Before the merge it is itself.
        #expect(g.successor(of: xiacheng, on: 20201231).unit == xiacheng)
    }

    @Test func aNewCountyStartsOnItsDate() throws {
        let yimei = try #require(g.divisions(named: "伊美区").first)   // 伊春, 2019-06-29
        #expect(g.divisions[yimei].since == 20190629)
        #expect(g.divisions(named: "伊美区", in: 2018).isEmpty)
    }

    @Test func hierarchy() throws {
        let licheng = try #require(g.divisions(named: "历城区").first)
        #expect(g.divisions[try #require(g.city(of: licheng))].name == "济南市")
        #expect(g.divisions[g.province(of: licheng)].name == "山东省")
        // A municipality's district: the city is the municipality.
        let pudong = try #require(g.divisions(named: "浦东新区").first)
        #expect(g.divisions[try #require(g.city(of: pudong))].name == "上海市")
        // A county-level city directly under its province has no city above it.
        let xiantao = try #require(g.divisions(named: "仙桃市").first)
        #expect(g.city(of: xiantao) == nil && g.divisions[g.province(of: xiantao)].name == "湖北省")
    }

    @Test(arguments: [("0531", ["济南市"]), ("0591", ["福州市"]), ("0371", ["郑州市", "开封市"]), ("0000", [String]())])
    func areaCodesNameCities(code: String, cities: [String]) {
        #expect(Set(g.cities(areaCode: code).map { g.divisions[$0].name }) == Set(cities))
    }

    @Test(arguments: [("250100", ["济南市"]), ("266109", ["青岛市"]), ("221000", ["徐州市"]), ("999999", [String]())])
    func postcodesNameCities(code: String, cities: [String]) {
        #expect(g.cities(postcode: code).map { g.divisions[$0].name } == cities)
    }

    @Test(arguments: [("2024", 20241231), ("2024-06-30", 20240630), ("20210409", 20210409), ("24", nil), ("2024-13-01", nil), ("abc", nil)] as [(String, Int?)])
    func asOfDates(text: String, date: Int?) {
        #expect(Gazetteer.date(text) == date)
    }
}
