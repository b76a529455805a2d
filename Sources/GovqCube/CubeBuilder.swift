/// One report as the loader read it, before it goes into the columns.
public struct ReportRecord: Sendable {
    public var file: String
    public var district: String
    public var unit: String
    public var year: Int
    public var template: Template
    /// Whether the report adds up (set once it is validated).
    public var status: ReportStatus = .ok
    /// `applications[outcome.rawValue * 6 + applicant.rawValue]`; nil = not in the text. Flat,
    /// so that a report is two allocations, not thirty-three.
    public var applications: [Int32?]
    /// `reviews[result.rawValue * 3 + proceeding.rawValue]`; nil = not in the text.
    public var reviews: [Int32?]
    /// Where the report belongs (filled after parsing, by the placement step).
    public var place = ReportPlace()

    public init(file: String, district: String, unit: String, year: Int, template: Template) {
        self.file = file
        self.district = district
        self.unit = unit
        self.year = year
        self.template = template
        applications = Array(repeating: nil, count: Outcome.allCases.count * ApplicantType.allCases.count)
        reviews = Array(repeating: nil, count: ReviewResult.allCases.count * Proceeding.allCases.count)
    }

    public subscript(outcome: Outcome, applicant: ApplicantType) -> Int32? {
        get { applications[outcome.rawValue * Self.applicants + applicant.rawValue] }
        set { applications[outcome.rawValue * Self.applicants + applicant.rawValue] = newValue }
    }

    public subscript(result: ReviewResult, proceeding: Proceeding) -> Int32? {
        get { reviews[result.rawValue * Self.proceedings + proceeding.rawValue] }
        set { reviews[result.rawValue * Self.proceedings + proceeding.rawValue] = newValue }
    }

    private static let applicants = ApplicantType.allCases.count, proceedings = Proceeding.allCases.count
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
        cube.status.reserveCapacity(n)
        cube.place.reserveCapacity(n)
        for i in cube.applications.counts.indices {
            cube.applications.counts[i].reserveCapacity(n)
            cube.applications.missing[i].reserveCapacity(n)
        }
        for i in cube.reviews.counts.indices {
            cube.reviews.counts[i].reserveCapacity(n)
            cube.reviews.missing[i].reserveCapacity(n)
        }
    }

    public mutating func append(_ r: ReportRecord) {
        cube.district.append(r.district)
        cube.unit.append(r.unit)
        cube.file.append(r.file)
        cube.year.append(Int16(clamping: r.year))
        cube.template.append(UInt8(r.template.rawValue))
        cube.status.append(UInt8(r.status.rawValue))
        cube.place.append(r.place)
        Self.append(r.applications, to: &cube.applications)
        Self.append(r.reviews, to: &cube.reviews)
        cube.reportCount += 1
    }

    /// Appends every report of another cube (parallel loading builds one cube per worker).
    public mutating func append(contentsOf other: Cube) {
        cube.district.append(contentsOf: other.district)
        cube.unit.append(contentsOf: other.unit)
        cube.file.append(contentsOf: other.file)
        cube.year += other.year
        cube.template += other.template
        cube.status += other.status
        cube.place.append(contentsOf: other.place)
        Self.append(other.applications, to: &cube.applications)
        Self.append(other.reviews, to: &cube.reviews)
        cube.reportCount += other.reportCount
    }

    private static func append(_ other: FactTable, to table: inout FactTable) {
        for c in other.counts.indices {
            table.counts[c] += other.counts[c]
            table.missing[c].append(contentsOf: other.missing[c])
        }
    }

    /// `cells` is row-major: the table's cell order.
    private static func append(_ cells: [Int32?], to table: inout FactTable) {
        table.counts.appendReport(cells)
        table.missing.withUnsafeMutableBufferPointer { missing in
            for c in 0..<missing.count { missing[c].append(cells[c] == nil) }
        }
    }
}
