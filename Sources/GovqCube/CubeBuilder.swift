/// One report as the loader read it, before it goes into the columns.
public struct ReportRecord: Sendable {
    public var file: String
    public var district: String
    public var unit: String
    public var year: Int
    public var template: Template
    /// `applications[outcome.rawValue][applicant.rawValue]`; nil = not in the text.
    public var applications: [[Int32?]]
    /// `reviews[result.rawValue][proceeding.rawValue]`; nil = not in the text.
    public var reviews: [[Int32?]]

    public init(file: String, district: String, unit: String, year: Int, template: Template) {
        self.file = file
        self.district = district
        self.unit = unit
        self.year = year
        self.template = template
        applications = Array(repeating: Array(repeating: nil, count: ApplicantType.allCases.count), count: Outcome.allCases.count)
        reviews = Array(repeating: Array(repeating: nil, count: Proceeding.allCases.count), count: ReviewResult.allCases.count)
    }

    public subscript(outcome: Outcome, applicant: ApplicantType) -> Int32? {
        get { applications[outcome.rawValue][applicant.rawValue] }
        set { applications[outcome.rawValue][applicant.rawValue] = newValue }
    }

    public subscript(result: ReviewResult, proceeding: Proceeding) -> Int32? {
        get { reviews[result.rawValue][proceeding.rawValue] }
        set { reviews[result.rawValue][proceeding.rawValue] = newValue }
    }
}

/// Appends reports to a cube, column by column.
public struct CubeBuilder: Sendable {
    public private(set) var cube = Cube()

    public init() {}

    public mutating func reserveCapacity(_ n: Int) {
        cube.district.reserveCapacity(n)
        cube.unit.reserveCapacity(n)
        cube.file.reserveCapacity(n)
        cube.year.reserveCapacity(n)
        cube.template.reserveCapacity(n)
        for i in cube.applications.counts.indices { cube.applications.counts[i].reserveCapacity(n) }
        for i in cube.reviews.counts.indices { cube.reviews.counts[i].reserveCapacity(n) }
    }

    public mutating func append(_ r: ReportRecord) {
        cube.district.append(r.district)
        cube.unit.append(r.unit)
        cube.file.append(r.file)
        cube.year.append(Int16(clamping: r.year))
        cube.template.append(UInt8(r.template.rawValue))
        Self.append(r.applications, to: &cube.applications)
        Self.append(r.reviews, to: &cube.reviews)
        cube.reportCount += 1
    }

    /// Appends every report of another cube (parallel loading builds one cube per worker).
    public mutating func append(contentsOf other: Cube) {
        for i in 0..<other.reportCount {
            cube.district.append(other.district[report: i])
            cube.unit.append(other.unit[report: i])
            cube.file.append(other.file[report: i])
        }
        cube.year += other.year
        cube.template += other.template
        for (t, o) in [(\Cube.applications, other.applications), (\Cube.reviews, other.reviews)] as [(WritableKeyPath<Cube, FactTable>, FactTable)] {
            for c in o.counts.indices {
                cube[keyPath: t].counts[c] += o.counts[c]
                for i in 0..<other.reportCount { cube[keyPath: t].missing[c].append(o.missing[c][i]) }
            }
        }
        cube.reportCount += other.reportCount
    }

    private static func append(_ cells: [[Int32?]], to table: inout FactTable) {
        for row in 0..<table.rows {
            for col in 0..<table.columns {
                let v = cells[row][col]
                let c = row * table.columns + col
                table.counts[c].append(v ?? 0)
                table.missing[c].append(v == nil)
            }
        }
    }
}
