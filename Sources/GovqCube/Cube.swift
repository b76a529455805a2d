/// The in-memory columnar cube: one entry per loaded report in every report-dimension column,
/// and two fact tables of counts laid out cell-major (one contiguous `[Int32]` per table cell,
/// indexed by report), so that a grouped sum scans only the cells a measure names.

/// A dictionary-encoded string column: `codes[report]` indexes `values`.
public struct DimensionColumn: Sendable {
    /// The distinct values, by code. A column read from a snapshot decodes them on first use
    /// (`dictionary`); changing the column decodes them for good.
    public var values: [String] { dictionary?.strings ?? heldValues }
    private var heldValues: [String] = []
    private var dictionary: LazyDictionary?
    /// One code per report. A column read from a snapshot reads them from it when a query first
    /// asks (`DeferredCodes`); changing the column reads them for good.
    public var codes: [UInt32] { deferredCodes?.codes ?? heldCodes }
    private var heldCodes: [UInt32] = []
    private var deferredCodes: DeferredCodes?
    /// Value → code. A column read from a snapshot builds it only when first asked (`lookup`):
    /// hashing 10^5 file names cost more than answering a query that never names a file.
    private var index: [String: UInt32] = [:]
    private var indexed = true
    private var deferredIndex = DeferredIndex()
    /// Display ranks read from a snapshot; dropped when a value is added.
    public var presetRanks: [UInt32]? { dictionary.map { $0.ranks } ?? heldRanks }
    private var heldRanks: [UInt32]?

    public init() {}

    public init(values: [String], codes: [UInt32], ranks: [UInt32]? = nil) {
        heldValues = values
        heldCodes = codes
        indexed = values.isEmpty
        heldRanks = ranks?.count == values.count ? ranks : nil
    }

    /// A column whose dictionary is decoded when first used (codes must be below its count).
    public init(dictionary: LazyDictionary, codes: [UInt32]) {
        self.dictionary = dictionary
        heldCodes = codes
        indexed = dictionary.count == 0
    }

    /// A snapshot's column: its dictionary and its codes both read when first used.
    public init(dictionary: LazyDictionary, codes: DeferredCodes) {
        self.dictionary = dictionary
        deferredCodes = codes
        indexed = dictionary.count == 0
    }

    /// How many distinct values, without decoding them.
    public var valueCount: Int { dictionary?.count ?? heldValues.count }

    /// The value of one code, decoding only that one when the dictionary is not decoded yet.
    public func value(code: Int) -> String { dictionary?.string(at: code) ?? heldValues[code] }

    /// Report `r`'s code, read alone from a snapshot while only a few are asked for.
    public func code(at r: Int) -> UInt32 { deferredCodes?.code(r) ?? heldCodes[r] }

    public mutating func append(_ value: String) {
        let c = code(for: value)
        holdCodes()
        heldCodes.append(c)
    }

    /// Appends a report whose value's code the caller has from `code(for:)` (CubeBuilder's memo).
    public mutating func append(code: UInt32) {
        precondition(Int(code) < valueCount, "code \(code) of a column of \(valueCount) values")
        holdCodes()
        heldCodes.append(code)
    }

    /// Appends another column's reports: each distinct value is looked up once.
    public mutating func append(contentsOf other: DimensionColumn) {
        let recode = other.values.map { code(for: $0) }
        let added = other.codes
        holdCodes()
        heldCodes.reserveCapacity(heldCodes.count + added.count)
        for c in added { heldCodes.append(recode[Int(c)]) }
    }

    /// The same column with every value renamed; `rename` must map distinct values to distinct ones.
    public func renamingValues(_ rename: (String) -> String) -> DimensionColumn {
        DimensionColumn(values: values.map(rename), codes: codes)
    }

    public mutating func code(for value: String) -> UInt32 {
        if !indexed {
            index = deferredIndex.map(values)
            indexed = true
        }
        if let c = index[value] { return c }
        let c = holdNewValue(value)
        index[value] = c
        return c
    }

    /// Appends a value the column does not hold to its own (decoded, unranked) values.
    private mutating func holdNewValue(_ value: String) -> UInt32 {
        if let d = dictionary {
            heldValues = d.strings
            dictionary = nil
        }
        heldRanks = nil
        let c = UInt32(heldValues.count)
        heldValues.append(value)
        return c
    }

    /// Adds a value the caller knows the column does not hold (`CubeBuilder`'s memo): a column
    /// built from nothing leaves its index to be made from the values when first asked, so the
    /// 10^5 file names of a load are not hashed as Strings (an index already made is kept up).
    mutating func appendValue(_ value: String) -> UInt32 {
        let c = holdNewValue(value)
        if indexed, !index.isEmpty {
            index[value] = c
        } else {
            // The values changed: a map made of them before (by `lookup`, or by a copy of the
            // column, which shares it) is not this column's any more.
            indexed = false
            if !isKnownUniquelyReferenced(&deferredIndex) || deferredIndex.isBuilt { deferredIndex = DeferredIndex() }
        }
        return c
    }

    public func lookup(_ value: String) -> UInt32? { indexed ? index[value] : deferredIndex.map(values)[value] }
    public subscript(report report: Int) -> String { value(code: Int(codes[report])) }
    public mutating func reserveCapacity(_ n: Int) {
        holdCodes()
        heldCodes.reserveCapacity(n)
    }

    /// Before a change: the deferred codes read into the column's own array.
    private mutating func holdCodes() {
        guard let d = deferredCodes else { return }
        heldCodes = d.codes
        deferredCodes = nil
    }
}

/// A set of report indices, one bit each.
public struct Bitmap: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public private(set) var count: Int

    public init(count: Int = 0) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    public init(words: [UInt64], count: Int) {
        self.words = words
        self.count = count
    }

    public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        if bit { self[count - 1] = true }
    }

    public mutating func reserveCapacity(_ n: Int) { words.reserveCapacity((n + 63) / 64) }

    /// Appends the low `n` bits of `word` (1...64; the bits above `n` must be 0).
    mutating func append(word: UInt64, count n: Int) {
        let shift = count & 63
        if shift == 0 {
            words.append(word)
        } else {
            words[words.count - 1] |= word << UInt64(shift)
            if shift + n > 64 { words.append(word >> UInt64(64 - shift)) }
        }
        count += n
    }

    /// Appends another bitmap's bits, a word at a time.
    public mutating func append(contentsOf other: Bitmap) {
        let shift = UInt64(count & 63)
        if shift == 0 {
            words += other.words
        } else {
            // Bits past `count` are always 0, so the last word can take the first bits of each.
            for w in other.words {
                words[words.count - 1] |= w << shift
                words.append(w >> (64 - shift))
            }
        }
        count += other.count
        words.removeLast(words.count - (count + 63) / 64)
    }

    /// The words OR-ed together without an early exit, which the compiler vectorises: a query
    /// asks this of every cell's bitmap (156 of 313 words each at 2×10^4 reports), and
    /// `allSatisfy` took five instructions a word.
    public var isEmpty: Bool {
        words.withUnsafeBufferPointer { w in
            var any: UInt64 = 0
            for x in w { any |= x }
            return any == 0
        }
    }
}

/// A fact table: `rows` leaves of its measure dimension (outcome, or review result) ×
/// `columns` members of its split dimension (applicant, or proceeding), per report.
public struct FactTable: Sendable {
    public let id: FactTableID
    public let rows: Int
    public let columns: Int
    /// `counts[cell][report]`, cell = row * columns + column. A missing cell holds 0.
    public internal(set) var counts: CountColumns
    /// `missing[cell][report]` is set when the report's text does not contain that cell.
    public internal(set) var missing: [Bitmap]

    public init(id: FactTableID) {
        self.id = id
        rows = id == .applications ? Outcome.allCases.count : ReviewResult.allCases.count
        columns = id == .applications ? ApplicantType.allCases.count : Proceeding.allCases.count
        counts = CountColumns(Array(repeating: [], count: rows * columns))
        missing = Array(repeating: Bitmap(), count: rows * columns)
    }

    public init(id: FactTableID, counts: [[Int32]], missing: [Bitmap]) {
        self.init(id: id)
        precondition(counts.count == rows * columns && missing.count == rows * columns)
        self.counts = CountColumns(counts)
        self.missing = missing
    }

    /// A table whose count columns are produced on first use (a snapshot widens only the
    /// cells a query reads).
    public init(id: FactTableID, deferredCounts: DeferredCounts, missing: [Bitmap]) {
        self.init(id: id)
        precondition(deferredCounts.count == rows * columns && missing.count == rows * columns)
        self.counts = CountColumns(deferred: deferredCounts)
        self.missing = missing
    }

    public func cell(row: Int, column: Int) -> Int { row * columns + column }

    /// The value of one cell of one report, nil when missing.
    public func value(report: Int, row: Int, column: Int) -> Int32? {
        let c = cell(row: row, column: column)
        return missing[c][report] ? nil : counts[c][report]
    }
}

/// Every loaded report's dimensions and both fact tables.
public struct Cube: Sendable {
    public internal(set) var reportCount = 0
    public internal(set) var district = DimensionColumn()
    public internal(set) var unit = DimensionColumn()
    public internal(set) var file = DimensionColumn()
    public internal(set) var year: [Int16] = []
    public internal(set) var template: [UInt8] = []
    /// `ReportStatus.rawValue` per report.
    public internal(set) var status: [UInt8] = []
    public internal(set) var applications = FactTable(id: .applications)
    public internal(set) var reviews = FactTable(id: .reviews)
    /// Province, city, county, adcode, level and body kind (geography, GovqGeo).
    public var place = PlaceColumns()
    /// The renamings `--as-of` applied (empty: every report keeps the division it was filed under).
    public var placeChanges: [PlaceChange] = []
    /// The date `--as-of` mapped the places onto (nil: as filed).
    public var placeAsOf: String?
    /// For a cube read lazily from a snapshot: the first stored region that failed its
    /// checksum when read (an answer that read it is refused). Shared by copies.
    public var integrity: CubeIntegrity?

    public init() {}

    /// Reassembles a cube from stored columns (the snapshot reader uses this).
    public init(district: DimensionColumn, unit: DimensionColumn, file: DimensionColumn, year: [Int16],
                template: [UInt8], status: [UInt8]? = nil, applications: FactTable, reviews: FactTable, place: PlaceColumns? = nil) {
        reportCount = year.count
        self.status = status ?? Array(repeating: 0, count: year.count)
        self.district = district
        self.unit = unit
        self.file = file
        self.year = year
        self.template = template
        self.applications = applications
        self.reviews = reviews
        // A snapshot without place columns (an older layout) has every report unplaced.
        if let place { self.place = place } else {
            var p = PlaceColumns()
            for _ in 0..<reportCount { p.append(ReportPlace()) }
            self.place = p
        }
    }

    public func table(_ id: FactTableID) -> FactTable { id == .applications ? applications : reviews }

    /// Renames the files reports came from (how they are shown), keeping every code.
    public mutating func renameFiles(_ rename: (String) -> String) {
        file = file.renamingValues(rename)
    }

    /// Distinct years, ascending.
    public var years: [Int] {
        // One flag a year between the first and the last: a Set of 10^5 years hashed every one
        // of them (a fifth of a query with `where year = 2021`).
        guard let lo = year.min().map(Int.init), let hi = year.max().map(Int.init) else { return [] }
        var seen = [Bool](repeating: false, count: hi - lo + 1)
        seen.withUnsafeMutableBufferPointer { s in
            year.withUnsafeBufferPointer { y in for v in y { s[Int(v) - lo] = true } }
        }
        return seen.indices.filter { seen[$0] }.map { $0 + lo }
    }
}
