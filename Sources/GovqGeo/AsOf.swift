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
        var byPair: [UInt64: ReportPlace?] = [:]
        var changes: [UInt64: PlaceChange] = [:]
        var out = cube
        var columns = [DimensionColumn](repeating: DimensionColumn(), count: 4)
        for r in 0..<cube.reportCount {
            let key = UInt64(place.county.codes[r]) << 32 | UInt64(place.adcode.codes[r])
            let mapped: ReportPlace?
            if let known = byPair[key] {
                mapped = known
            } else {
                mapped = successor(county: place.county[report: r], code: place.adcode[report: r], on: date)
                byPair[key] = mapped
            }
            let p = mapped ?? place[report: r]
            if let m = mapped {
                changes[key, default: PlaceChange(from: place.county[report: r], fromCode: place.adcode[report: r], to: m.county,
                                                  toCode: m.adcode, date: m.reason, reports: 0)].reports += 1
            }
            columns[0].append(p.province)
            columns[1].append(p.city)
            columns[2].append(p.county)
            columns[3].append(p.adcode)
        }
        out.place = PlaceColumns(columns + [place.level, place.bodyKind])
        out.placeChanges = changes.values.sorted { ($0.date, $0.fromCode) < ($1.date, $1.fromCode) }
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
