/// The fast path for section 四 (issue 14 item 3): the heading and header words of the template,
/// then exactly fifteen cells (plain counts, NA markers, blanks) after the last of them, split as
/// `CellScanner` splits them, in the template's result order, every total the sum of its four.
/// Anything else (another word, a number among the header, a note, a total that does not add
/// up, page furniture) gives up, and `fill` reads the table carefully.
import GovqCube
import GovqDiagnostics

extension ReviewsTable {
    /// Fills `record.reviews` from `lines[range]` by the fast path and returns true, or changes
    /// nothing and returns false where it gives up.
    static func fillFast(_ lines: TextLines, _ range: Range<Int>, _ record: inout ReportRecord, source: String,
                         diagnostics: inout [Diagnostic]) -> Bool {
        guard lines.lineMap.isEmpty, lines.bytes.baseAddress != nil else { return false }
        // The one pass alone, as for section 三 (`ApplicationsTable.readFast`).
        var one = OnePassReader(lines, reviews: true)
        guard let values = one.readReviews(range) else { return false }
        // Straight into the record's storage (`reviews[result * 3 + proceeding]`), as printed
        // (`values[proceeding * 5 + result]`).
        let results = ReviewResult.allCases.count, proceedings = Proceeding.allCases.count
        record.reviews.withUnsafeMutableBufferPointer { out in
            for p in 0..<proceedings {
                for r in 0..<results { out[r * proceedings + p] = values.values[p * results + r] }
            }
        }
        if let first = values.firstMarker {
            let n = values.markers
            diagnostics.append(Diagnostic(.note, "\(n) NA marker\(n == 1 ? "" : "s") read as 0 in the review/litigation table",
                                          source: source, location: lines.location(of: first), sourceLine: lines.sourceLine(first.line),
                                          help: "each is 0, in its column; the cells' provenance ('govq why') shows which"))
        }
        return true
    }

    /// The results a header cell's normalised text names that are not in `seen`, in the order
    /// it names them: each by the first place any of its words occurs.
    static func results(named t: [UInt8], excluding seen: [ReviewResult]) -> [ReviewResult] {
        var firsts: [(at: Int, result: ReviewResult)] = []
        for (r, words) in resultWords where !seen.contains(r) {
            var first = Int.max
            for w in words { if let at = t.offset(of: w), at < first { first = at } }
            if first != .max { firsts.append((first, r)) }
        }
        firsts.sort { $0.at < $1.at }
        return firsts.map(\.result)
    }
}
