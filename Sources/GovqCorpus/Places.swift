/// Real Chinese places and the bodies that publish reports, so that generated districts and
/// units look like the ones users will group by (济南市历城区, 临淄区人民政府办公室, …). The places
/// are the gazetteer's own (GovqGeo), never invented: every city and county-level unit that
/// existed unchanged from 2019 to 2025, each with every department kind below.
import GovqGeo

/// One issuing body: the unit as its report's title names it, and the district (the unit with
/// the body's suffix stripped).
public struct Issuer: Sendable, Hashable {
    public var unit: String
    public var district: String
}

enum Places {
    /// The years a unit reports on: each unit gives one report a year, and the loader counts a
    /// unit's year once, so the generator gives each (unit, year) one slot.
    static let years = Array(2019...2025)

    /// Department kinds a city or county has. None holds a character that ends a place name
    /// (省市州盟县区旗镇乡) except inside the words the loader knows (市场, 城乡, 乡村, 城市管理):
    /// the district is the title with the body removed, and must stay the place.
    static let bodies = [
        "人民政府", "人民政府办公室", "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局",
        "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局",
        "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局",
        "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局", "城市管理局", "体育局",
        "信访局", "机关事务管理局", "行政审批服务局", "民族宗教事务局", "国有资产监督管理委员会",
        "粮食和物资储备局", "地方金融监督管理局", "乡村振兴局", "投资促进局",
        "数据资源管理局", "住房公积金管理中心", "不动产登记中心", "公共资源交易中心", "综合行政执法局",
        "档案馆", "气象局", "残疾人联合会", "红十字会", "供销合作社联合社",
    ]

    /// A development zone with a code of its own (长春经济技术开发区) is run by a management
    /// committee.
    static let zoneBodies = ["管理委员会", "管理委员会办公室"]
    /// Words that make a division's name a zone (as the placer reads them).
    static let zoneWords = ["开发区", "高新区", "实验区", "试验区", "新区", "产业园", "工业园", "园区", "保税区",
                            "合作区", "示范区", "度假区", "管理区"]
    /// The last character of a city's or county's name.
    static let placeEndings: Set<Character> = ["市", "州", "盟", "县", "区", "旗"]

    /// The places, each named so that the name is one division: the name alone when no other
    /// division has it (for half of those, chosen by the code, also after its city's name, as
    /// titles do: 济南市历城区), else after its city's (or province's) name (福州市鼓楼区).
    static let places: [(name: String, zone: Bool, division: Int)] = {
        let g = Gazetteer.shared
        var uses: [String: Int] = [:]
        for d in g.divisions { uses[d.name, default: 0] += 1 }
        // A municipality is a province and a city of one name: one place.
        for (i, d) in g.divisions.enumerated() where d.level == .province && g.divisions.contains(where: { $0.level == .city && $0.code == d.code }) {
            uses[d.name, default: 0] -= 1
        }
        var out: [(String, Bool, Int)] = []
        for (i, d) in g.divisions.enumerated() where d.level != .province && d.since == 0 && d.until == Int.max {
            guard let last = d.name.last, placeEndings.contains(last) else { continue }
            let zone = zoneWords.contains { d.name.contains($0) }
            let parent = d.parent.map { g.divisions[$0].name } ?? ""
            let alone = uses[d.name] == 1 && (d.level == .city || "02468".contains(d.code.last ?? "1"))
            out.append((alone || parent.isEmpty ? d.name : parent + d.name, zone, i))
        }
        return out
    }()

    /// Every issuer the generator can name, each unit once, in the gazetteer's order: a place
    /// titled by its name alone (济南市历城区2019年…), then each of its bodies.
    static let allIssuers: [Issuer] = {
        var out: [Issuer] = [], seen = Set<String>()
        for (place, zone, _) in places {
            for body in [""] + (zone ? zoneBodies : bodies) where seen.insert(place + body).inserted {
                out.append(Issuer(unit: place + body, district: place))
            }
        }
        return out
    }()

    /// The issuer of unit slot `k`: distinct for the first `allIssuers.count` slots, in an
    /// order that mixes places and bodies.
    static func issuer(slot k: Int) -> Issuer {
        let n = allIssuers.count
        // A stride that is prime and does not divide n makes k ↦ stride·k + 13 (mod n) a permutation.
        let stride = n % 7919 == 0 ? 7907 : 7919
        return allIssuers[(k % n * stride + 13) % n]
    }

    /// The issuer and year of report `index`: no two reports share them while
    /// `index < allIssuers.count × years.count` (over a million).
    static func slot(_ index: Int) -> (issuer: Issuer, year: Int) {
        (issuer(slot: index / years.count), years[index % years.count])
    }
}
