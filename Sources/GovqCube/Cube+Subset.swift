/// A cube with some reports taken out (a duplicate, one side of a conflict), or spliced from
/// runs of its reports and reports parsed again (an incremental index keeps the reports of
/// unchanged files and puts the changed ones between them).
///
/// Codes are copied, not looked up again: a run of reports costs integer work only, and only a
/// new report's values are hashed. Dictionaries are then renumbered in the order values first
/// appear, so the result is the cube a builder fed the same reports would make, and a value
/// only removed reports had (a district that is no longer there) is gone, not a member with
/// no reports.

/// A piece of a spliced cube: a run of the source cube's reports, or one report read anew.
public enum CubePiece: Sendable {
    case rows(Range<Int>)
    case record(ReportRecord)
}

extension Cube {
    /// The reports `r` with `keep[r]`, in order, with every column (the places too).
    public func keeping(_ keep: [Bool]) -> Cube {
        precondition(keep.count == reportCount)
        var pieces: [CubePiece] = []
        var r = 0
        while r < reportCount {
            guard keep[r] else { r += 1; continue }
            let start = r
            while r < reportCount, keep[r] { r += 1 }
            pieces.append(.rows(start..<r))
        }
        return splicing(pieces)
    }

    /// `pieces`, in order: runs of this cube's reports and new reports.
    public func splicing(_ pieces: [CubePiece]) -> Cube {
        var count = 0
        for piece in pieces {
            if case .rows(let r) = piece { count += r.count } else { count += 1 }
        }
        func column(_ c: DimensionColumn, unique: Bool = false, _ value: (ReportRecord) -> String) -> DimensionColumn {
            c.splicing(pieces, count: count, unique: unique, value)
        }
        func fixed<T>(_ column: [T], _ value: (ReportRecord) -> T) -> [T] {
            var out: [T] = []
            out.reserveCapacity(count)
            for piece in pieces {
                switch piece {
                case .rows(let r): out += column[r]
                case .record(let rec): out.append(value(rec))
                }
            }
            return out
        }
        func table(_ t: FactTable, _ cells: (ReportRecord) -> [Int32?]) -> FactTable {
            var counts: [[Int32]] = [], missing: [Bitmap] = []
            for c in 0..<(t.rows * t.columns) {
                let column = t.counts[c], bits = t.missing[c]
                var out: [Int32] = [], m = Bitmap()
                out.reserveCapacity(count)
                m.reserveCapacity(count)
                for piece in pieces {
                    switch piece {
                    case .rows(let r):
                        out += column[r]
                        m.append(bits, bits: r)
                    case .record(let rec):
                        let v = cells(rec)[c]
                        out.append(v ?? 0)
                        m.append(v == nil)
                    }
                }
                counts.append(out)
                missing.append(m)
            }
            return FactTable(id: t.id, counts: counts, missing: missing)
        }
        let places = PlaceColumns.columns.map { kp in
            column(place[keyPath: kp]) { ReportPlace.value($0.place, kp) }
        }
        // A file is one report: a new report's file is never a kept report's, so it needs no lookup.
        return Cube(district: column(district) { $0.district }, unit: column(unit) { $0.unit },
                    file: column(file, unique: true) { $0.file },
                    year: fixed(year) { Int16(clamping: $0.year) }, template: fixed(template) { UInt8($0.template.rawValue) },
                    status: fixed(status) { UInt8($0.status.rawValue) },
                    applications: table(applications) { $0.applications }, reviews: table(reviews) { $0.reviews },
                    place: PlaceColumns(places))
    }
}

extension DimensionColumn {
    /// The column of a spliced cube (see `Cube.splicing`). With `unique`, a new report's value
    /// is known not to be a kept report's (a kept value it repeats is dropped as unused).
    func splicing(_ pieces: [CubePiece], count: Int, unique: Bool, _ value: (ReportRecord) -> String) -> DimensionColumn {
        var all = values
        var spliced: [UInt32] = []
        spliced.reserveCapacity(count)
        var added: [String: UInt32] = [:]
        var known: [String: UInt32]?
        let codes = codes
        for piece in pieces {
            switch piece {
            case .rows(let r):
                spliced += codes[r]
            case .record(let rec):
                let v = value(rec)
                if let c = added[v] { spliced.append(c); continue }
                if !unique {
                    if known == nil { known = Dictionary(values.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: { a, _ in a }) }
                    if let c = known?[v] { spliced.append(c); continue }
                }
                let c = UInt32(all.count)
                all.append(v)
                added[v] = c
                spliced.append(c)
            }
        }
        // Renumbered in order of first use; unused values are dropped.
        var map = [UInt32](repeating: UInt32.max, count: all.count)
        var used: [String] = []
        for i in spliced.indices {
            let old = Int(spliced[i])
            if map[old] == UInt32.max {
                map[old] = UInt32(used.count)
                used.append(all[old])
            }
            spliced[i] = map[old]
        }
        return DimensionColumn(values: used, codes: spliced)
    }
}

extension Bitmap {
    /// Appends bits `range` of `other`, 64 at a time (bits past `other.count` read as 0).
    public mutating func append(_ other: Bitmap, bits range: Range<Int>) {
        var i = range.lowerBound
        reserveCapacity(count + range.count)
        while i < range.upperBound {
            let n = min(64, range.upperBound - i)
            let w = i >> 6, s = i & 63
            var bits: UInt64 = w < other.words.count ? other.words[w] >> UInt64(s) : 0
            if s != 0, w + 1 < other.words.count { bits |= other.words[w + 1] << UInt64(64 - s) }
            if n < 64 { bits &= (1 << UInt64(n)) - 1 }
            append(word: bits, count: n)
            i += n
        }
    }
}

extension PlaceColumns {
    /// The six columns, in `all`'s order.
    public static var columns: [WritableKeyPath<PlaceColumns, DimensionColumn>] { [\.province, \.city, \.county, \.adcode, \.level, \.bodyKind] }
}

extension ReportPlace {
    /// The field of a report's place that the place column `column` holds.
    public static func value(_ p: ReportPlace, _ column: WritableKeyPath<PlaceColumns, DimensionColumn>) -> String {
        switch column {
        case \PlaceColumns.province: p.province
        case \PlaceColumns.city: p.city
        case \PlaceColumns.county: p.county
        case \PlaceColumns.adcode: p.adcode
        case \PlaceColumns.level: p.level
        default: p.bodyKind
        }
    }
}
