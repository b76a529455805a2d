/// Section 四, the review and litigation table: fifteen numbers, proceeding × result, in the
/// order the template prints them (行政复议, 未经复议直接起诉, 复议后起诉; each 结果维持, 结果纠正,
/// 其他结果, 尚未审结, 总计). The header cells come first, split over lines in any way; the data
/// cells are the value cells after the last header text.
import GovqCube
import GovqDiagnostics

enum ReviewsTable {
    static let count = Proceeding.allCases.count * ReviewResult.allCases.count

    /// The value cells of the table, or nil when the region has none. A label spanning two
    /// columns leaves an empty field after it (`行政复议,,9,1,4,1,15` in a CSV export, a grid's
    /// merged cell): when the cells do not come to fifteen with them, they are read without.
    static func dataCells(_ cells: [Cell]) -> [Cell]? {
        let data = dataCells(all: cells)
        if data?.count == count { return data }
        var cleaned: [Cell] = []
        for (i, c) in cells.enumerated() {
            if i > 0, c.kind == .blank, c.mark != .naMarker, cells[i - 1].isText, cells[i - 1].line == c.line { continue }
            cleaned.append(c)
        }
        if cleaned.count < cells.count, let d = dataCells(all: cleaned), d.count == count { return d }
        return data
    }

    private static func dataCells(all cells: [Cell]) -> [Cell]? {
        // An unreadable cell (`-5`, `abc`) stands where a number should: it counts as one.
        func isNumber(_ c: Cell) -> Bool {
            switch c.kind {
            case .number, .unreadable: true
            default: false
            }
        }
        guard let firstNumber = cells.firstIndex(where: isNumber) else {
            // An all-blank table (every cell empty) still says 0 everywhere.
            let lastText = cells.lastIndex(where: \.isText) ?? -1
            let blanks = cells[(lastText + 1)...]
            if blanks.count >= count { return Array(blanks) }
            // One proceeding a line, every cell blank or an NA marker: the value cells in order.
            let values = cells.filter(\.isValue)
            return values.count == count ? values : nil
        }
        let start = (cells[..<firstNumber].lastIndex(where: \.isText) ?? -1) + 1
        let data = cells[start...].prefix(while: \.isValue)
        if data.count >= count { return Array(data) }
        // Rows laid out one proceeding a line (`行政复议 3 0 0 1 4`, `行政复议\t3\t\t\t1\t4`): every
        // value cell from there on, the labels between them skipped; else every number in order.
        let values = cells[start...].filter(\.isValue)
        if values.count == count { return values }
        let numbers = cells.filter(isNumber)
        return numbers.count == count ? numbers : Array(data)
    }

    /// The results in the order the header prints them: some sites put 其他结果 before 结果纠正.
    /// The template's order unless the header's first five result words are all five in another.
    static func resultOrder(_ cells: [Cell], lines: TextLines) -> [ReviewResult] {
        var seen: [ReviewResult] = []
        var t: [UInt8] = []   // a header cell's normalised text, reused from cell to cell
        for c in cells {
            guard case .text(let span) = c.kind else { if !seen.isEmpty, c.isValue { break } else { continue } }
            // Compared as UTF-8 bytes, with no String or array per cell (this runs for every
            // report, on every header cell).
            if span.joined {
                lines.bytes(of: span).withUnsafeBufferPointer { RowLabels.normalize($0, into: &t) }
            } else {
                RowLabels.normalize(UnsafeBufferPointer(rebasing: lines.bytes[span.start..<span.end]), into: &t)
            }
            // The results this cell names, in the order it names them (`results(named:)`).
            seen += results(named: t, excluding: seen)
            if seen.count == 5 { break }
        }
        return seen.count == 5 ? seen : ReviewResult.allCases
    }
    static let resultWords: [(ReviewResult, [[UInt8]])] = ([
        (.upheld, ["结果维持", "维持"]), (.corrected, ["结果纠正", "纠正"]), (.other, ["其他结果"]), (.pending, ["尚未审结"]), (.total, ["总计", "合计"]),
    ] as [(ReviewResult, [String])]).map { ($0.0, $0.1.map { Array($0.utf8) }) }

    /// Fills `record.reviews` and reports cells that are missing, extra or do not add up.
    static func fill(_ cells: [Cell], _ record: inout ReportRecord, headingLine: Int?, source: String, lines: TextLines,
                     diagnostics: inout [Diagnostic], sources: inout [CellSource]?) {
        func at(_ line: Int) -> (SourceLocation, String) {
            (SourceLocation(line: lines.originalLine(line) + 1, column: 1, length: max(CellScanner.scalarCount(lines[line]), 1)), lines.sourceLine(line))
        }
        guard var data = dataCells(cells), !data.isEmpty else {
            var loc: SourceLocation?, text: String?
            if let h = headingLine { (loc, text) = at(h) }
            diagnostics.append(Diagnostic(.warning, "no review/litigation numbers (section 四) found", source: source,
                                          location: loc, sourceLine: text))
            return
        }
        // `\t1\t0\t0\t1\t2\t0…` with fifteen numbers: the tab before them was indentation.
        if data.count == count + 1, data[0].leadingTab { data.removeFirst() }
        // Where the table's diagnostics point: worked out only when there is one.
        let firstLine = data[0].line
        var loc: SourceLocation { at(firstLine).0 }
        var text: String { at(firstLine).1 }
        if data.count > count {
            if data[count...].contains(where: { $0.kind != .blank }) {
                diagnostics.append(Diagnostic(.error, "the review/litigation table has \(data.count) cells, expected \(count)",
                                              source: source, location: loc, sourceLine: text,
                                              expected: Int64(count), found: Int64(data.count)))
            }
            data = Array(data[..<count])
        } else if data.count < count {
            if data.allSatisfy({ $0.kind == .blank }) {
                diagnostics.append(Diagnostic(.warning, "the review/litigation table has only \(data.count) of \(count) cells, all blank: read as 0",
                                              source: source, location: loc, sourceLine: text, expected: Int64(count), found: Int64(data.count)))
                data += Array(repeating: lines.blankCell(line: data[0].line), count: count - data.count)
            } else {
                diagnostics.append(Diagnostic(.error, "the review/litigation table has only \(data.count) of \(count) cells; the rest are missing",
                                              source: source, location: loc, sourceLine: text, expected: Int64(count), found: Int64(data.count)))
            }
        }
        let results = ReviewResult.allCases.count
        let marked = data.count(where: { $0.mark == .naMarker })
        if marked > 0, sources == nil, let first = data.first(where: { $0.mark == .naMarker }) {
            diagnostics.append(Diagnostic(.note, "\(marked) NA marker\(marked == 1 ? "" : "s") read as 0 in the review/litigation table",
                                          source: source, location: lines.location(of: first), sourceLine: lines.sourceLine(first.line),
                                          help: "each is 0, in its column; the cells' provenance ('govq why') shows which"))
        }
        let order = resultOrder(cells, lines: lines)
        if order != ReviewResult.allCases {
            diagnostics.append(Diagnostic(.note, "the review/litigation header prints its results in the order \(order.map(\.label).joined(separator: " ")); each column is read as its header says",
                                          source: source, location: loc, sourceLine: text))
        }
        for (i, cell) in data.enumerated() {
            let p = Proceeding.allCases[i / results], r = order[i % results]
            if sources != nil {
                sources!.append(lines.source(of: cell, table: .reviews, row: r.rawValue, column: p.rawValue,
                                             rowLabel: "\(p.label) \(r.label)"))
            }
            switch cell.kind {
            case .number(let n, _):
                // The scanner only reads numbers that fit (anything larger is unreadable).
                if let v = Int32(exactly: n) { record[r, p] = v }
            case .blank:
                record[r, p] = 0
                if cell.mark == .naMarker, sources != nil {
                    diagnostics.append(NAMarkers.note(cell, table: .reviews, row: r.name, column: p.name, source: source, lines: lines))
                }
            case .unreadable(let span, let reason):
                diagnostics.append(Diagnostic(.error, "\(p.name), \(r.name): '\(lines.text(of: span))' \(reason.reason)", source: source,
                                              location: lines.location(of: cell),
                                              sourceLine: lines.sourceLine(cell.line),
                                              help: "this cell is missing (NULL); the table's other cells are read as printed",
                                              row: r.name, column: p.name))
            case .text: break
            }
        }
        // Each total is the sum of its four results.
        for p in Proceeding.allCases {
            guard let total = record[.total, p] else { continue }
            let parts = [ReviewResult.upheld, .corrected, .other, .pending].map { record[$0, p] }
            guard parts.allSatisfy({ $0 != nil }) else { continue }
            let sum = parts.reduce(0) { $0 + Int($1!) }
            if sum != Int(total) {
                let cell = data[p.rawValue * results + (order.firstIndex(of: .total) ?? ReviewResult.total.rawValue)]
                diagnostics.append(Diagnostic(.error, "\(p.name): total (\(total)) ≠ upheld + corrected + other + pending (\(sum))",
                                              source: source,
                                              location: lines.location(of: cell),
                                              sourceLine: lines.sourceLine(cell.line), row: "total", column: p.name,
                                              expected: Int64(sum), found: Int64(total)))
            }
        }
    }
}
