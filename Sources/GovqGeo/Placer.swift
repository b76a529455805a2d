/// Placing a report: its division from the place names in its title, narrowed, when a name is
/// shared (鼓楼区: 南京, 徐州, 开封, 福州), by what the text and the folders say (the contact
/// address, the postcode, the phone's area code, folder names). Nothing is guessed: a report
/// whose names leave more than one division, or none, is unplaced, and the reason says why.
import GovqCube

/// What the placement reads from one report.
public struct PlacementInput: Sendable {
    /// The issuing body as the title names it (临淄区人民政府办公室), and the place the loader read
    /// from it (临淄区).
    public var unit: String
    public var district: String
    public var year: Int?
    /// The file's path: its folder names are evidence (…/福建省/福州市/鼓楼区.txt).
    public var path: String

    public init(unit: String, district: String, year: Int?, path: String) {
        self.unit = unit
        self.district = district
        self.year = year
        self.path = path
    }
}

/// What a report's text says of where its body is.
public struct TextEvidence: Sendable {
    /// The text after each 地址 (contact address), each 邮编 / 邮政编码 and each phone area code.
    public var addresses: [String] = []
    public var postcodes: [String] = []
    public var areaCodes: [String] = []
    /// The gov.cn hosts of the text's web addresses and emails (`TextEvidence.domains(in:)`).
    public var domains: [String] = []

    public init(addresses: [String] = [], postcodes: [String] = [], areaCodes: [String] = [], domains: [String] = []) {
        self.addresses = addresses
        self.postcodes = postcodes
        self.areaCodes = areaCodes
        self.domains = domains
    }
}

public struct Placer: Sendable {
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .shared) { self.gazetteer = gazetteer }

    /// Places one report. `text` is read only when the title's names leave a choice.
    public func place(_ input: PlacementInput, text readText: () -> TextEvidence = { TextEvidence() }) -> ReportPlace {
        let g = gazetteer
        let name = input.unit.isEmpty ? input.district : input.unit
        guard !name.isEmpty else { return unplaced("the report has no title naming its body") }
        let text = Array(name.unicodeScalars)
        var chain = resolveChain(text, year: input.year)
        var suffix = String(scalars: text[chain.end...])
        var kind = BodyKind.classify(suffix)
        var steps: [String] = []
        var zoneName: String?

        // A zone named after its city or county (济宁经济技术开发区, 平潭综合实验区).
        if chain.candidates.isEmpty, let entry = g.shorts.longest(in: text, at: 0) {
            let n = entry.scalars.count
            let rest = String(scalars: text[n...])
            let short = String(scalars: text[..<n])
            let found = entry.divisions.filter { input.year == nil || g.divisions[$0].exists(in: input.year!) }
            if BodyKind.classify(rest) == .developmentZone, !found.isEmpty {
                chain = Chain(candidates: found, end: n, names: [short])
                suffix = rest
                kind = .developmentZone
            }
        }
        if chain.candidates.count == 1, BodyKind.isZoneName(g.divisions[chain.candidates[0]].name) { kind = .developmentZone }
        if kind == .developmentZone, !chain.candidates.contains(where: { BodyKind.isZoneName(g.divisions[$0].name) }) {
            zoneName = Self.zoneName(input.district.isEmpty ? name : input.district)
        }

        var candidates = chain.candidates
        let named = chain.names.joined(separator: " › ")
        if candidates.isEmpty {
            if let missing = chain.absent {
                return unplaced("'\(missing.name)' \(missing.why)")
            }
            steps.append("'\(name)' names no division")
        } else if candidates.count > 1 {
            steps.append("'\(named)' is \(candidates.count) divisions: " + candidates.map(describe).joined(separator: ", "))
        }

        // Evidence from the text and the folders narrows the candidates (or, when the title
        // names no division, gives them); evidence that fits none of them is left aside.
        if candidates.count > 1, let y = input.year, let later = successorInYear(candidates, y) {
            candidates = [later.unit]
            steps.append(later.why)
        }
        if candidates.count != 1 {
            for (what, found, decisive) in evidence(input, readText()) where !found.isEmpty {
                let fits = candidates.isEmpty ? raised(mostSpecific(found), to: suffix, kind: kind)
                                              : candidates.filter { c in found.contains { g.contains($0, c) || g.contains(c, $0) } }
                guard !fits.isEmpty, fits != candidates, !decisive || fits.count == 1 else { continue }
                candidates = fits
                steps.append("\(what) → " + fits.map(describe).joined(separator: ", "))
                if candidates.count == 1 { break }
            }
        }
        guard candidates.count == 1, let d = candidates.first else {
            let why = candidates.isEmpty ? "nothing in the text or the folders names it either"
                                         : "nothing in the text or the folders says which"
            return unplaced((steps + [why]).joined(separator: "; "))
        }
        if steps.isEmpty { steps.append("'\(named)' is " + describe(d)) }

        var place = ReportPlace()
        let division = g.divisions[d]
        place.province = g.divisions[g.province(of: d)].name
        // A county-level unit directly under its province (仙桃市) stands as its own city.
        place.city = g.city(of: d).map { g.divisions[$0].name } ?? (division.level == .county ? division.name : "")
        place.county = division.level == .county ? division.name : ""
        place.adcode = division.code
        // A municipality's own bodies (上海市人民政府) are province-level.
        place.level = division.level == .city && division.code == g.divisions[g.province(of: d)].code ? "province" : division.level.rawValue
        place.bodyKind = kind.rawValue
        if let zoneName, division.level != .province {
            place.county = zoneName
            place.adcode = ""
            place.level = Division.Level.county.rawValue
            steps.append("a development zone under \(place.city), without a code of its own")
        } else if kind == .township {
            place.level = "township"
            steps.append("a township or street of \(division.name)")
        }
        place.reason = steps.joined(separator: "; ")
        return place
    }

    /// One body under two codes in one year (莱芜市钢城区 became 济南市钢城区 on 2019-01-09): the
    /// report's year ends under the later one, so that is the one it reports for.
    private func successorInYear(_ candidates: [Int], _ year: Int) -> (unit: Int, why: String)? {
        let g = gazetteer
        let renamed = g.changes.filter { c in
            candidates.contains(c.old) && candidates.contains(c.new) && c.date / 10000 == year
                && g.divisions[c.old].name == g.divisions[c.new].name
        }
        guard candidates.count == 2, let c = renamed.first else { return nil }
        return (c.new, "\(describe(c.old)) became \(describe(c.new)) on \(Self.dateText(c.date)), within \(year): the later one")
    }

    private func unplaced(_ why: String) -> ReportPlace {
        var p = ReportPlace()
        p.reason = "unplaced: " + why
        return p
    }

    /// 福州市鼓楼区 (350102).
    func describe(_ i: Int) -> String {
        let d = gazetteer.divisions[i]
        let city = gazetteer.city(of: i).flatMap { $0 == i ? nil : gazetteer.divisions[$0].name } ?? ""
        let province = d.level == .province ? "" : (city.isEmpty ? gazetteer.divisions[gazetteer.province(of: i)].name : "")
        return "\(province)\(city)\(d.name) (\(d.code))"
    }

    /// The zone's name without its management body's words.
    static func zoneName(_ name: String) -> String {
        var s = name
        for tail in ["管理委员会", "管委会", "党工委", "党政办公室"] where s.hasSuffix(tail) { s.removeLast(tail.count) }
        return s
    }

    /// A body whose title names no place says its level by its first word (市财政局, 省教育厅):
    /// the address of a city's bureau is in one of its districts, but the bureau is the city's.
    private func raised(_ found: [Int], to title: String, kind: BodyKind) -> [Int] {
        guard kind != .township else { return found }
        let g = gazetteer
        let up: [Int]
        if title.hasPrefix("省") {
            up = found.map { g.province(of: $0) }
        } else if title.hasPrefix("市") {
            up = found.compactMap { g.city(of: $0) }
        } else {
            return found
        }
        return Array(Set(up)).sorted()
    }

    /// The finest divisions of a set (a county rather than the city it is in).
    private func mostSpecific(_ set: [Int]) -> [Int] {
        let unique = Array(Set(set)).sorted()
        return unique.filter { a in !unique.contains { b in b != a && gazetteer.contains(a, b) } }
    }
}
