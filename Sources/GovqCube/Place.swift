/// Where a report belongs: its division (province → city → county-level unit), the level of the
/// body that issued it and the kind of body. The loader fills it from the gazetteer (GovqGeo);
/// an unplaced report keeps empty names and says why in `reason`.

/// One report's place, as the cube stores it (every field a dictionary-encoded column).
public struct ReportPlace: Sendable, Equatable {
    public var province = ""
    public var city = ""
    /// The county-level unit, or a development zone's own name (济宁经济技术开发区).
    public var county = ""
    /// The 6-digit code of the most specific division with a code of its own ("" when none).
    public var adcode = ""
    /// `province`, `city`, `county` or `township`: the level of the division the body serves.
    public var level = ""
    /// `government`, `government_office`, `department`, `township`, `development_zone`.
    public var bodyKind = ""
    /// How the report was placed, or why it was not (shown by `govq check` and `why`).
    public var reason = ""

    public init() {}

    public init(province: String, city: String, county: String, adcode: String, level: String,
                bodyKind: String, reason: String) {
        self.province = province
        self.city = city
        self.county = county
        self.adcode = adcode
        self.level = level
        self.bodyKind = bodyKind
        self.reason = reason
    }

    /// Whether the gazetteer placed it (a province at least).
    public var isPlaced: Bool { !province.isEmpty }
}

/// The place columns of a cube, one entry per report.
public struct PlaceColumns: Sendable {
    public internal(set) var province = DimensionColumn()
    public internal(set) var city = DimensionColumn()
    public internal(set) var county = DimensionColumn()
    public internal(set) var adcode = DimensionColumn()
    public internal(set) var level = DimensionColumn()
    public internal(set) var bodyKind = DimensionColumn()

    public init() {}

    /// Columns in the order `all` lists them (the snapshot stores them so).
    public init(_ columns: [DimensionColumn]) {
        precondition(columns.count == 6)
        (province, city, county, adcode, level, bodyKind) = (columns[0], columns[1], columns[2], columns[3], columns[4], columns[5])
    }

    public var all: [DimensionColumn] { [province, city, county, adcode, level, bodyKind] }

    public subscript(report r: Int) -> ReportPlace {
        ReportPlace(province: province[report: r], city: city[report: r], county: county[report: r],
                    adcode: adcode[report: r], level: level[report: r], bodyKind: bodyKind[report: r], reason: "")
    }

    mutating func append(_ p: ReportPlace) {
        province.append(p.province)
        city.append(p.city)
        county.append(p.county)
        adcode.append(p.adcode)
        level.append(p.level)
        bodyKind.append(p.bodyKind)
    }

    mutating func append(contentsOf other: PlaceColumns) {
        province.append(contentsOf: other.province)
        city.append(contentsOf: other.city)
        county.append(contentsOf: other.county)
        adcode.append(contentsOf: other.adcode)
        level.append(contentsOf: other.level)
        bodyKind.append(contentsOf: other.bodyKind)
    }

    mutating func reserveCapacity(_ n: Int) {
        for kp in [\PlaceColumns.province, \.city, \.county, \.adcode, \.level, \.bodyKind] as [WritableKeyPath<PlaceColumns, DimensionColumn>] {
            self[keyPath: kp].reserveCapacity(n)
        }
    }
}

/// A renaming applied by `--as-of`: reports filed under `from` counted under `to`.
public struct PlaceChange: Sendable, Equatable {
    public var from: String
    public var fromCode: String
    public var to: String
    public var toCode: String
    /// yyyy-mm-dd, as the source dates it.
    public var date: String
    public var reports: Int

    public init(from: String, fromCode: String, to: String, toCode: String, date: String, reports: Int) {
        self.from = from
        self.fromCode = fromCode
        self.to = to
        self.toCode = toCode
        self.date = date
        self.reports = reports
    }
}
