/// Placing reports from their titles, text and folders. Each expectation is read from the
/// gazetteer's source (the codes) and from what the case's own text says.
import GovqCube
import Testing
@testable import GovqGeo

struct PlaceCase: Sendable, CustomTestStringConvertible {
    var unit: String
    var district = ""
    var year = 2019
    var path = "r.txt"
    var text = TextEvidence()
    /// province, city, county, adcode, level, body kind; or nil and a phrase of the reason.
    var expected: [String]?
    var reason = ""
    var testDescription: String { unit + (text.addresses + text.areaCodes + text.postcodes + [path]).joined(separator: " ") }
}

@Suite struct PlacerTests {
    static let cases: [PlaceCase] = [
        // The title alone.
        PlaceCase(unit: "济南市历城区人民政府办公室", expected: ["山东省", "济南市", "历城区", "370112", "county", "government_office"]),
        PlaceCase(unit: "南京市鼓楼区人民政府", expected: ["江苏省", "南京市", "鼓楼区", "320106", "county", "government"]),
        PlaceCase(unit: "山东省人民政府办公厅", expected: ["山东省", "", "", "370000", "province", "government_office"]),
        PlaceCase(unit: "杭州市人民政府", expected: ["浙江省", "杭州市", "", "330100", "city", "government"]),
        // A department, placed under its county with its kind.
        PlaceCase(unit: "济南市历城区公安局", expected: ["山东省", "济南市", "历城区", "370112", "county", "department"]),
        PlaceCase(unit: "临淄区教育和体育局", expected: ["山东省", "淄博市", "临淄区", "370305", "county", "department"]),
        // 鼓楼区 is four districts: the text or the folders say which.
        PlaceCase(unit: "鼓楼区人民政府", text: TextEvidence(areaCodes: ["0591"]),
                  expected: ["福建省", "福州市", "鼓楼区", "350102", "county", "government"]),
        PlaceCase(unit: "鼓楼区人民政府", text: TextEvidence(addresses: ["南京市鼓楼区北京西路"]),
                  expected: ["江苏省", "南京市", "鼓楼区", "320106", "county", "government"]),
        PlaceCase(unit: "鼓楼区人民政府", text: TextEvidence(postcodes: ["221000"]),
                  expected: ["江苏省", "徐州市", "鼓楼区", "320302", "county", "government"]),
        // 0371 is 郑州's and 开封's; only 开封 has a 鼓楼区.
        PlaceCase(unit: "鼓楼区人民政府", text: TextEvidence(areaCodes: ["0371"]),
                  expected: ["河南省", "开封市", "鼓楼区", "410204", "county", "government"]),
        PlaceCase(unit: "鼓楼区人民政府", path: "reports/福建省/福州市/2019.txt",
                  expected: ["福建省", "福州市", "鼓楼区", "350102", "county", "government"]),
        PlaceCase(unit: "鼓楼区人民政府", expected: nil, reason: "'鼓楼区' is 4 divisions"),
        // Evidence that fits none of the candidates is left aside, not forced.
        PlaceCase(unit: "鼓楼区人民政府", text: TextEvidence(areaCodes: ["0531"]), expected: nil, reason: "says which"),
        PlaceCase(unit: "西湖区人民政府办公室", text: TextEvidence(areaCodes: ["0791"]),
                  expected: ["江西省", "南昌市", "西湖区", "360103", "county", "government_office"]),
        PlaceCase(unit: "西湖区人民政府", text: TextEvidence(postcodes: ["310013"]),
                  expected: ["浙江省", "杭州市", "西湖区", "330106", "county", "government"]),
        // A township: the title names no county, the address does.
        PlaceCase(unit: "城关镇人民政府", text: TextEvidence(addresses: ["甘肃省兰州市榆中县城关镇栖云北路"]),
                  expected: ["甘肃省", "兰州市", "榆中县", "620123", "township", "township"]),
        PlaceCase(unit: "榆中县城关镇人民政府", expected: ["甘肃省", "兰州市", "榆中县", "620123", "township", "township"]),
        PlaceCase(unit: "城关镇人民政府", expected: nil, reason: "names no division"),
        // Development zones and special areas: under their city, with their own kind.
        PlaceCase(unit: "济宁经济技术开发区", district: "济宁经济技术开发区",
                  expected: ["山东省", "济宁市", "济宁经济技术开发区", "", "county", "development_zone"]),
        PlaceCase(unit: "平潭综合实验区管委会", district: "平潭综合实验区",
                  expected: ["福建省", "福州市", "平潭综合实验区", "", "county", "development_zone"]),
        PlaceCase(unit: "长春经济技术开发区管委会", district: "长春经济技术开发区",
                  expected: ["吉林省", "长春市", "长春经济技术开发区", "220171", "county", "development_zone"]),
        // A renamed or merged county belongs to the years it existed.
        PlaceCase(unit: "下城区", year: 2019, expected: ["浙江省", "杭州市", "下城区", "330103", "county", "government"]),
        PlaceCase(unit: "下城区人民政府", year: 2022, expected: nil, reason: "'下城区' no longer existed in 2022; it became 拱墅区 on 2021-04-09"),
        PlaceCase(unit: "伊美区人民政府", year: 2018, expected: nil, reason: "did not exist yet in 2018"),
        // Nothing to go on.
        PlaceCase(unit: "某某市示范区", expected: nil, reason: "names no division"),
        PlaceCase(unit: "", expected: nil, reason: "no title"),
    ]

    @Test(arguments: cases)
    func placesByTitleTextAndFolders(_ c: PlaceCase) {
        let p = Placer().place(PlacementInput(unit: c.unit, district: c.district, year: c.year, path: c.path)) { c.text }
        if let e = c.expected {
            #expect([p.province, p.city, p.county, p.adcode, p.level, p.bodyKind] == e, "\(p.reason)")
            #expect(!p.reason.isEmpty)
        } else {
            #expect(!p.isPlaced && p.province.isEmpty && p.county.isEmpty, "\(p)")
            #expect(p.reason.hasPrefix("unplaced: ") && p.reason.contains(c.reason), "\(p.reason)")
        }
    }

    /// The reason is data a caller can show (`why`): it names the evidence used.
    @Test func theReasonNamesTheEvidence() {
        let p = Placer().place(PlacementInput(unit: "鼓楼区人民政府", district: "鼓楼区", year: 2020, path: "x.txt")) {
            TextEvidence(areaCodes: ["0591"])
        }
        #expect(p.reason.contains("'鼓楼区' is 4 divisions") && p.reason.contains("phone area code 0591 → 福州市鼓楼区 (350102)"), "\(p.reason)")
    }

    /// The text is read only when the title leaves a choice.
    @Test func theTextIsReadOnlyWhenNeeded() {
        var read = 0
        _ = Placer().place(PlacementInput(unit: "济南市历城区人民政府", district: "济南市历城区", year: 2019, path: "x.txt")) {
            read += 1
            return TextEvidence()
        }
        #expect(read == 0)
    }
}

@Suite struct UnnamedBodyTests {
    /// A title with no place name: the address places it, at the level its first word says.
    @Test(arguments: [
        ("市财政局", ["山东省", "济南市", "", "370100", "city", "department"]),
        ("区财政局", ["山东省", "济南市", "历下区", "370102", "county", "department"]),
        ("省教育厅", ["山东省", "", "", "370000", "province", "department"]),
    ])
    func theAddressPlacesItAtItsLevel(unit: String, expected: [String]) {
        let p = Placer().place(PlacementInput(unit: unit, district: "", year: 2020, path: "x.txt")) {
            TextEvidence(addresses: ["济南市历下区龙鼎大道1号"])
        }
        #expect([p.province, p.city, p.county, p.adcode, p.level, p.bodyKind] == expected, "\(p.reason)")
    }
}

/// Changes jionlp's list lacks, from scripts/gazetteer-supplement.tsv: 莱芜市 into 济南 (莱城区 →
/// 莱芜区, 钢城区 → 济南市钢城区, 2019-01-09) and 杭州's new 临平区 and 钱塘区 (2021-04-09).
@Suite struct SupplementedChangesTests {
    @Test(arguments: [
        PlaceCase(unit: "莱芜市莱城区人民政府", year: 2018, expected: ["山东省", "莱芜市", "莱城区", "371202", "county", "government"]),
        PlaceCase(unit: "莱城区人民政府", year: 2020, expected: nil, reason: "'莱城区' no longer existed in 2020; it became 莱芜区 on 2019-01-09"),
        PlaceCase(unit: "济南市莱芜区人民政府", year: 2019, expected: ["山东省", "济南市", "莱芜区", "370116", "county", "government"]),
        PlaceCase(unit: "莱芜区人民政府", year: 2018, expected: nil, reason: "did not exist yet in 2018"),
        // 钢城区 is one name under two codes in 2019: the year ends under 济南.
        PlaceCase(unit: "钢城区人民政府", year: 2019, expected: ["山东省", "济南市", "钢城区", "370117", "county", "government"]),
        PlaceCase(unit: "钢城区人民政府", year: 2018, expected: ["山东省", "莱芜市", "钢城区", "371203", "county", "government"]),
        PlaceCase(unit: "临平区人民政府", year: 2020, expected: nil, reason: "'临平区' did not exist yet in 2020"),
        PlaceCase(unit: "临平区人民政府", year: 2021, expected: ["浙江省", "杭州市", "临平区", "330113", "county", "government"]),
        PlaceCase(unit: "钱塘区人民政府", year: 2019, expected: nil, reason: "'钱塘区' did not exist yet in 2019"),
        PlaceCase(unit: "杭州市钱塘区人民政府办公室", year: 2022, expected: ["浙江省", "杭州市", "钱塘区", "330114", "county", "government_office"]),
    ])
    func placesAcrossTheChange(_ c: PlaceCase) {
        let p = Placer().place(PlacementInput(unit: c.unit, district: c.district, year: c.year, path: c.path)) { c.text }
        if let e = c.expected {
            #expect([p.province, p.city, p.county, p.adcode, p.level, p.bodyKind] == e, "\(p.reason)")
        } else {
            #expect(!p.isPlaced && p.reason.contains(c.reason), "\(p.reason)")
        }
    }

    @Test func theReasonSaysWhichOfTheTwoCodes() {
        let p = Placer().place(PlacementInput(unit: "钢城区人民政府", district: "钢城区", year: 2019, path: "x.txt"))
        #expect(p.reason.contains("莱芜市钢城区 (371203) became 济南市钢城区 (370117) on 2019-01-09"), "\(p.reason)")
    }
}

/// Townships and streets: the gazetteer stops at counties, so such a body is placed at its
/// county (from its title's county name, or the text), with level and body kind township.
@Suite struct TownshipPlacementTests {
    @Test(arguments: [
        PlaceCase(unit: "历城区王舍人街道办事处", expected: ["山东省", "济南市", "历城区", "370112", "township", "township"]),
        PlaceCase(unit: "济南市历城区王舍人街道办事处", expected: ["山东省", "济南市", "历城区", "370112", "township", "township"]),
        PlaceCase(unit: "王舍人街道办事处", text: TextEvidence(addresses: ["济南市历城区王舍人街道工业北路"]),
                  expected: ["山东省", "济南市", "历城区", "370112", "township", "township"]),
        PlaceCase(unit: "城阳区夏庄街道办事处", expected: ["山东省", "青岛市", "城阳区", "370214", "township", "township"]),
        PlaceCase(unit: "王舍人街道办事处", expected: nil, reason: "names no division"),
    ])
    func aTownshipIsPlacedAtItsCounty(_ c: PlaceCase) {
        let p = Placer().place(PlacementInput(unit: c.unit, district: c.district, year: c.year, path: c.path)) { c.text }
        if let e = c.expected {
            #expect([p.province, p.city, p.county, p.adcode, p.level, p.bodyKind] == e, "\(p.reason)")
            #expect(p.reason.contains("a township or street of"), "\(p.reason)")
        } else {
            #expect(!p.isPlaced && p.reason.contains(c.reason), "\(p.reason)")
        }
    }
}

/// Web and email domains: a gov.cn site's own name spelt in pinyin narrows a choice, but only
/// to one place.
@Suite struct DomainPlacementTests {
    @Test(arguments: [
        ("网址：http://www.hangzhou.gov.cn/art/2020/1/1.html", ["www.hangzhou.gov.cn"]),
        ("电子邮箱：xxgk@QingDao.gov.cn。", ["qingdao.gov.cn"]),
        ("见 jnlc.gov.cn.", ["jnlc.gov.cn"]),
        ("www.gov.cn.example.com 与 www.example.gov.cnx", [String]()),
        ("没有网址", [String]()),
    ])
    func domainsInText(line: String, hosts: [String]) {
        #expect(TextEvidence.domains(in: Array(line.unicodeScalars)) == hosts)
    }

    @Test(arguments: [
        ("www.hangzhou.gov.cn", ["330100"]),
        ("qingdao.gov.cn", ["370200"]),
        ("jnlc.gov.cn", ["370112"]),                  // 济南 › 历城, by initials
        ("www.jinanlicheng.gov.cn", ["370112"]),
        ("www.fuzhou.gov.cn", ["350100", "361000"]),  // 福州 and 抚州
        ("www.example.com", [String]()),
        ("www.gov.cn", [String]()),
    ])
    func spellings(host: String, codes: [String]) {
        let g = Gazetteer.shared
        #expect(g.divisions(domain: host).map { g.divisions[$0].code }.sorted() == codes)
    }

    @Test(arguments: [
        // fuzhou is 福州 and 抚州, but only 福州 has a 鼓楼区.
        PlaceCase(unit: "鼓楼区人民政府", text: TextEvidence(domains: ["www.fuzhou.gov.cn"]),
                  expected: ["福建省", "福州市", "鼓楼区", "350102", "county", "government"]),
        PlaceCase(unit: "区财政局", year: 2020, text: TextEvidence(domains: ["czj.jnlc.gov.cn"]),
                  expected: ["山东省", "济南市", "历城区", "370112", "county", "department"]),
        // licheng is 历城区 and 黎城县: a domain alone never picks one of several.
        PlaceCase(unit: "城关镇人民政府", text: TextEvidence(domains: ["www.licheng.gov.cn"]), expected: nil, reason: "names no division"),
        // A domain that fits no candidate is left aside.
        PlaceCase(unit: "鼓楼区人民政府", text: TextEvidence(domains: ["www.qingdao.gov.cn"]), expected: nil, reason: "is 4 divisions"),
    ])
    func aDomainNarrowsToOnePlace(_ c: PlaceCase) {
        let p = Placer().place(PlacementInput(unit: c.unit, district: c.district, year: c.year, path: c.path)) { c.text }
        if let e = c.expected {
            #expect([p.province, p.city, p.county, p.adcode, p.level, p.bodyKind] == e, "\(p.reason)")
            #expect(p.reason.contains("web domain"), "\(p.reason)")
        } else {
            #expect(!p.isPlaced && p.reason.contains(c.reason), "\(p.reason)")
        }
    }
}
