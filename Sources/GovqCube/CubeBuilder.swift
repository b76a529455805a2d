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
    /// The dimension columns' codes by their values' bytes, in `append`'s order of columns.
    private var memos = [ByteMemo](repeating: ByteMemo(), count: 9)

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
        Self.append(r.district, to: &cube.district, &memos[0])
        Self.append(r.unit, to: &cube.unit, &memos[1])
        Self.append(r.file, to: &cube.file, &memos[2])
        cube.year.append(Int16(clamping: r.year))
        cube.template.append(UInt8(r.template.rawValue))
        cube.status.append(UInt8(r.status.rawValue))
        Self.append(r.place.province, to: &cube.place.province, &memos[3])
        Self.append(r.place.city, to: &cube.place.city, &memos[4])
        Self.append(r.place.county, to: &cube.place.county, &memos[5])
        Self.append(r.place.adcode, to: &cube.place.adcode, &memos[6])
        Self.append(r.place.level, to: &cube.place.level, &memos[7])
        Self.append(r.place.bodyKind, to: &cube.place.bodyKind, &memos[8])
        Self.append(r.applications, to: &cube.applications)
        Self.append(r.reviews, to: &cube.reviews)
        cube.reportCount += 1
    }

    /// Appends every report of another cube (parallel loading builds one cube per worker).
    public mutating func append(contentsOf other: Cube) {
        Self.append(contentsOf: other.district, to: &cube.district, &memos[0])
        Self.append(contentsOf: other.unit, to: &cube.unit, &memos[1])
        Self.append(contentsOf: other.file, to: &cube.file, &memos[2])
        cube.year += other.year
        cube.template += other.template
        cube.status += other.status
        Self.append(contentsOf: other.place.province, to: &cube.place.province, &memos[3])
        Self.append(contentsOf: other.place.city, to: &cube.place.city, &memos[4])
        Self.append(contentsOf: other.place.county, to: &cube.place.county, &memos[5])
        Self.append(contentsOf: other.place.adcode, to: &cube.place.adcode, &memos[6])
        Self.append(contentsOf: other.place.level, to: &cube.place.level, &memos[7])
        Self.append(contentsOf: other.place.bodyKind, to: &cube.place.bodyKind, &memos[8])
        Self.append(other.applications, to: &cube.applications)
        Self.append(other.reviews, to: &cube.reviews)
        cube.reportCount += other.reportCount
    }

    /// One report's value: its code from the memo, or from the column's index (and remembered).
    private static func append(_ value: String, to column: inout DimensionColumn, _ memo: inout ByteMemo) {
        let c = memo.code(of: value, lookUp: { column.code(for: $0) }, add: { column.appendValue($0) })
        column.append(code: c)
    }

    /// Another column's reports: each distinct value is looked up once, through the memo.
    private static func append(contentsOf other: DimensionColumn, to column: inout DimensionColumn, _ memo: inout ByteMemo) {
        let recode = other.values.map { v in memo.code(of: v, lookUp: { column.code(for: $0) }, add: { column.appendValue($0) }) }
        column.reserveCapacity(column.codes.count + other.codes.count)
        for c in other.codes { column.append(code: recode[Int(c)]) }
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
