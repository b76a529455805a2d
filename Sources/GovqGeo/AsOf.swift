/// `--as-of DATE`: every report counted under the division its own became by that date (下城区's
/// 2019 report under 拱墅区, merged 2021-04-09). Only the place columns change; a report in a
/// development zone or an unplaced one stays as it is.
import GovqCube

extension Gazetteer {
    /// yyyymmdd for `2024` (its last day), `2024-06-30` or `20240630`; nil when it is neither.
    public static func date(_ text: String) -> Int? {
        let digits = text.filter { $0 != "-" }
        guard digits.allSatisfy(\.isASCII), let n = Int(digits) else { return nil }
        switch digits.count {
        case 4 where (1949...2100).contains(n): return n * 10000 + 1231
        case 8 where (1949_0101...2100_1231).contains(n) && (1...12).contains(n / 100 % 100) && (1...31).contains(n % 100): return n
        default: return nil
        }
    }

    /// The cube with every placed report mapped onto the divisions of `date` (yyyymmdd).
    public func mapping(_ cube: Cube, asOf date: Int) -> Cube {
        let place = cube.place
        // Each distinct (county, adcode) is looked up once; the columns are rebuilt code by
        // code, so that a report costs an array lookup, not four hashed strings.
        var keys: [UInt64: Int] = [:]
        var mapped: [(codes: [UInt32], change: PlaceChange?)] = []
        var columns = [(values: [String], index: [String: UInt32], codes: [UInt32])](repeating: ([], [:], []), count: 4)
        var moved: [Int] = []
        let countyCodes = place.county.codes, adcodeCodes = place.adcode.codes
        for r in 0..<cube.reportCount {
            let key = UInt64(countyCodes[r]) << 32 | UInt64(adcodeCodes[r])
            let k: Int
            if let known = keys[key] {
                k = known
            } else {
                let old = place[report: r]
                let new = successor(county: old.county, code: old.adcode, on: date)
                let p = new ?? old
                var codes: [UInt32] = []
                for (c, value) in [p.province, p.city, p.county, p.adcode].enumerated() {
                    if let code = columns[c].index[value] { codes.append(code); continue }
                    let code = UInt32(columns[c].values.count)
                    columns[c].values.append(value)
                    columns[c].index[value] = code
                    codes.append(code)
                }
                let change = new.map { PlaceChange(from: old.county, fromCode: old.adcode, to: $0.county, toCode: $0.adcode, date: $0.reason, reports: 0) }
                k = mapped.count
                keys[key] = k
                mapped.append((codes, change))
                moved.append(0)
            }
            for c in 0..<4 { columns[c].codes.append(mapped[k].codes[c]) }
            if mapped[k].change != nil { moved[k] += 1 }
        }
        var out = cube
        out.place = PlaceColumns(columns.map { DimensionColumn(values: $0.values, codes: $0.codes) } + [place.level, place.bodyKind])
        let changes = mapped.indices.compactMap { k in mapped[k].change.map { c -> PlaceChange in var c = c; c.reports = moved[k]; return c } }
        out.placeChanges = changes.sorted { ($0.date, $0.fromCode) < ($1.date, $1.fromCode) }
        out.placeAsOf = Placer.dateText(date)
        return out
    }

    /// The place of a county-level unit on `date`, or nil when it is unchanged (or not a unit the
    /// gazetteer has). `reason` holds the date of the last change followed.
    private func successor(county: String, code: String, on date: Int) -> ReportPlace? {
        guard !code.isEmpty, let d = countiesByCode[code]?.first(where: { divisions[$0].name == county }) else { return nil }
        let (to, used) = successor(of: d, on: date)
        guard to != d, let last = used.last else { return nil }
        var p = ReportPlace()
        p.province = divisions[province(of: to)].name
        p.city = city(of: to).map { divisions[$0].name } ?? divisions[to].name
        p.county = divisions[to].name
        p.adcode = divisions[to].code
        p.reason = Placer.dateText(last.date)
        return p
    }
}
