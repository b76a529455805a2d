/// A cube with some reports taken out (a duplicate, one side of a conflict, a file that was
/// removed), and runs of one cube's reports appended to another (an incremental index keeps
/// the reports of unchanged files and appends the ones parsed again between them).
///
/// Dictionaries are rebuilt in the order values first appear among the reports kept, so the
/// result is the cube a builder fed the same reports would make: a value only removed reports
/// had (a district that is no longer there) is gone, not a member with no reports.
extension Cube {
    /// The reports `r` with `keep[r]`, in order, with every column (the places too).
    public func keeping(_ keep: [Bool]) -> Cube {
        precondition(keep.count == reportCount)
        var out = CubeBuilder()
        var recoding = CubeRecoding(self)
        var r = 0
        while r < reportCount {
            guard keep[r] else { r += 1; continue }
            let start = r
            while r < reportCount, keep[r] { r += 1 }
            out.append(rows: start..<r, of: self, recoding: &recoding)
        }
        return out.cube
    }
}

/// Which code each value of one source cube has in the cube being built, found the first time
/// a report that uses it is appended (one per value, never one string hash per report).
public struct CubeRecoding: Sendable {
    /// District, unit, file, then the six place columns; `unassigned` until first used.
    var maps: [[UInt32]]
    static let unassigned = UInt32.max

    public init(_ source: Cube) {
        maps = source.dimensionColumns.map { [UInt32](repeating: Self.unassigned, count: $0.values.count) }
    }
}

extension Cube {
    /// The dictionary-encoded columns, in `CubeRecoding`'s order.
    var dimensionColumns: [DimensionColumn] { [district, unit, file] + place.all }
}

extension DimensionColumn {
    /// Appends the values of `other`'s reports `rows`, through `map` (other's code → ours).
    mutating func append(codesOf other: DimensionColumn, rows: Range<Int>, map: inout [UInt32]) {
        reserveCapacity(codes.count + rows.count)
        for r in rows {
            let c = Int(other.codes[r])
            var mine = map[c]
            if mine == CubeRecoding.unassigned {
                mine = code(for: other.values[c])
                map[c] = mine
            }
            appendCode(mine)
        }
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
    static var columns: [WritableKeyPath<PlaceColumns, DimensionColumn>] { [\.province, \.city, \.county, \.adcode, \.level, \.bodyKind] }
}
