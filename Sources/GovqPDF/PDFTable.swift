/// Lines of words → document lines. A label that wraps in its cell puts its pieces on lines
/// of their own above or below the row's numbers: a text-only line that overlaps a row of
/// numbers vertically is part of that row's label. A line of several words is a table row,
/// its words the cells; a line of one word a paragraph.
import GovqDocument

enum PDFTable {
    /// Vertical overlap, as a share of the shorter line's height, from which a text-only line
    /// belongs to the row of numbers beside it.
    static let wrapOverlap = 0.3

    /// Centres of numbers closer than this (points) stand in one column.
    static let columnGap = 8.0
    /// A table's rows of numbers may be this many lines of labels or headers apart.
    static let blockGap = 3

    static func render(_ lines: [PDFLayout.Line]) -> [DocumentLine] {
        fillBlankCells(lines).map { line in
            let cells = line.words.map { DocumentCell($0.text, place: .page(line.page, x: $0.x0, y: $0.y0)) }
            return cells.count > 1 ? .row(cells) : .paragraph(cells[0])
        }
    }

    static func mergeWrappedLabels(_ lines: [PDFLayout.Line]) -> [PDFLayout.Line] {
        var out: [PDFLayout.Line] = []
        var i = 0
        func extent(_ l: PDFLayout.Line) -> (Double, Double) { (l.words.map(\.y0).min() ?? 0, l.words.map(\.y1).max() ?? 0) }
        func overlaps(_ a: PDFLayout.Line, _ b: PDFLayout.Line) -> Bool {
            guard a.page == b.page else { return false }
            let (a0, a1) = extent(a), (b0, b1) = extent(b)
            return (min(a1, b1) - max(a0, b0)) >= wrapOverlap * min(a1 - a0, b1 - b0)
        }
        /// Text only, and left of the row's first number: a piece of a label.
        func isLabelPiece(_ l: PDFLayout.Line, beside row: PDFLayout.Line) -> Bool {
            guard l.numbers == 0, let firstNumber = row.words.first(where: \.isNumber) else { return false }
            return l.words.allSatisfy { $0.x1 <= firstNumber.x0 }
        }
        while i < lines.count {
            var line = lines[i]
            if line.numbers > 0 {
                // Pieces above: already emitted as lines of their own.
                var above: [PDFLayout.Word] = []
                while let prev = out.last, isLabelPiece(prev, beside: line), overlaps(prev, line) || continuesLabel(line, below: prev) {
                    above = prev.words + above
                    out.removeLast()
                }
                if !above.isEmpty { line.words = joinLabel(above, line.words) }
                while i + 1 < lines.count, isLabelPiece(lines[i + 1], beside: line),
                      overlaps(lines[i + 1], line) || continuesLabel(lines[i + 1], of: line, lastOnPage: i + 1 < lines.count && lines[i + 1].page != line.page) {
                    line.words = joinLabel(line.words, lines[i + 1].words)
                    i += 1
                }
            }
            out.append(line)
            i += 1
        }
        return out
    }

    /// A text line right under a row's label, in its cell (it overlaps the label across): the
    /// label's next line where the row's numbers stand level with its first line
    /// (`2.其他法律行` beside `1 0 0 …`, then `政法规禁止公开` 1.4 points under it), or the
    /// first line of the next page when the row was cut by the page break. The next row's label
    /// stands a cell's padding and border lower.
    static let continuationGap = 0.3

    private static func continuesLabel(_ l: PDFLayout.Line, of row: PDFLayout.Line, lastOnPage: Bool) -> Bool {
        let labels = row.words.filter { !$0.isNumber }
        guard let label = labels.last, let top = l.words.map(\.y0).min() else { return false }
        // A line that starts with numbering (`（二）…`, `2.…`) is the next row's label.
        guard inCell(l, of: label), !l.words.contains(where: { $0.x1 > label.x0 && startsWithNumbering($0.text) }) else { return false }
        if lastOnPage { return l.page == row.page + 1 }
        let h = label.y1 - label.y0
        return l.page == row.page && top >= label.y1 - 0.5 && top - label.y1 <= continuationGap * h
    }

    /// A row whose label's first line is right under a text line in its cell (the numbers
    /// level with the label's second line: `（二）部分公开（区分处理` above `的，只计这一情形，不计其 17 …`).
    private static func continuesLabel(_ row: PDFLayout.Line, below l: PDFLayout.Line) -> Bool {
        guard l.page == row.page, let label = row.words.filter({ !$0.isNumber }).first, let bottom = l.words.map(\.y1).max() else { return false }
        let h = label.y1 - label.y0
        return inCell(l, of: label) && label.y0 >= bottom - 0.5 && label.y0 - bottom <= continuationGap * h
    }

    /// `（二）`, `(二)`, `2.`, `2．`, `2、`, `二、` at the start of a text.
    static func startsWithNumbering(_ t: String) -> Bool {
        let u = Array(t.unicodeScalars.prefix(4))
        let numeral: (Unicode.Scalar) -> Bool = { "一二三四五六七八九十".unicodeScalars.contains($0) || ("0"..."9").contains($0) }
        guard u.count >= 2 else { return false }
        if u[0] == "（" || u[0] == "(" { return u.count >= 3 && numeral(u[1]) && (u[2] == "）" || u[2] == ")") }
        return numeral(u[0]) && ".．、".unicodeScalars.contains(u[1])
    }

    /// Whether a text line stands in a label's cell: a word overlapping it across, any other
    /// left of it (a group cell's text beside, `果` of `三、本年` / `度办理结` / `果`).
    private static func inCell(_ l: PDFLayout.Line, of label: PDFLayout.Word) -> Bool {
        let over = { (w: PDFLayout.Word) in w.x0 < label.x1 && w.x1 > label.x0 }
        return l.words.contains(where: over) && l.words.allSatisfy { over($0) || $0.x1 <= label.x0 }
    }

    /// The label words of `first` and `second` as one label word, before the numbers.
    private static func joinLabel(_ first: [PDFLayout.Word], _ second: [PDFLayout.Word]) -> [PDFLayout.Word] {
        let all = first + second
        let numbers = all.filter(\.isNumber).sorted { $0.x0 < $1.x0 }
        var label = all.filter { !$0.isNumber }
        // Pieces of one cell (same left edge) join into one; cells side by side stay apart.
        var joined: [PDFLayout.Word] = []
        for w in label.sorted(by: { $0.x0 < $1.x0 }) {
            // Centred text wraps to lines of other widths: pieces that overlap across are one cell.
            if var last = joined.last, abs(last.x0 - w.x0) < 2 || (w.x0 < last.x1 && w.x1 > last.x0) {
                last.text = CellText.join(last.y0 <= w.y0 ? [last.text, w.text] : [w.text, last.text])
                last.x1 = max(last.x1, w.x1); last.y0 = min(last.y0, w.y0); last.y1 = max(last.y1, w.y1)
                joined[joined.count - 1] = last
            } else {
                joined.append(w)
            }
        }
        label = joined
        return label + numbers
    }

    /// A blank cell of a PDF table has no word at all. Within a run of rows of numbers, the
    /// columns are where the numbers stand (their centres, clustered); a row with fewer values
    /// than columns gets an empty cell in each column it has nothing in, which the table
    /// reader reads as blank (0), as a careful reader would. Only when every value falls in
    /// one column of its own, and the run has a row filling every column; else the row stays.
    static func fillBlankCells(_ lines: [PDFLayout.Line]) -> [PDFLayout.Line] {
        var out = lines
        var i = 0
        while i < lines.count {
            guard lines[i].numbers > 0 else { i += 1; continue }
            var end = i, gap = 0, k = i
            while k < lines.count, gap <= blockGap {
                if lines[k].numbers > 0 { end = k; gap = 0 } else { gap += 1 }
                k += 1
            }
            fill(&out, i...end)
            i = end + 1
        }
        return out
    }

    private static func fill(_ lines: inout [PDFLayout.Line], _ block: ClosedRange<Int>) {
        let centres = block.flatMap { lines[$0].words.filter(\.isNumber).map(\.xCenter) }.sorted()
        var columns: [(lo: Double, hi: Double)] = []
        for c in centres {
            if let last = columns.last, c - last.hi <= columnGap { columns[columns.count - 1].hi = c } else { columns.append((c, c)) }
        }
        guard columns.count >= 2, let left = columns.first?.lo else { return }
        let spacing = zip(columns.dropFirst(), columns).map { $0.lo - $1.hi }.min() ?? columnGap
        let reach = max(spacing / 2, columnGap)
        func values(_ l: PDFLayout.Line) -> [PDFLayout.Word] { l.words.filter { $0.xCenter >= left - reach } }
        // A run mixing two tables' columns has more columns than any row has values.
        guard block.filter({ lines[$0].numbers > 0 }).map({ values(lines[$0]).count }).max() == columns.count else { return }
        for r in block where lines[r].numbers > 0 {
            let vals = values(lines[r])
            guard vals.count < columns.count else { continue }
            var slots: [PDFLayout.Word?] = Array(repeating: nil, count: columns.count)
            var placed = true
            for w in vals {
                guard let c = columns.firstIndex(where: { w.xCenter >= $0.lo - reach && w.xCenter <= $0.hi + reach }), slots[c] == nil else {
                    placed = false; break
                }
                slots[c] = w
            }
            guard placed else { continue }
            let labels = lines[r].words.filter { $0.xCenter < left - reach }
            let y0 = vals.first?.y0 ?? 0, y1 = vals.first?.y1 ?? 0
            lines[r].words = labels + slots.enumerated().map { c, w in
                w ?? PDFLayout.Word(text: "", x0: (columns[c].lo + columns[c].hi) / 2, y0: y0, x1: (columns[c].lo + columns[c].hi) / 2, y1: y1)
            }
        }
    }
}
