/// The page's blocks → document lines. A data table gives one row per `<tr>`, its cells in
/// order: a cell spanning rows appears once, in its first row (the rows below it start after
/// it, as the page shows them), and a cell spanning columns is one cell. A layout table (one
/// holding tables) gives its cells' contents as the page's flow, in reading order.
import GovqDocument
import GovqXML

extension HTMLEvents {
    func render() -> [DocumentLine] {
        flush()
        while let t = tables.popLast() {
            closeRow(t)
            (tables.last?.cell?.content ?? root).items.append(.table(t))
        }
        let index = LineIndex(page)
        var lines: [DocumentLine] = []
        if title.start != nil {
            lines.append(.paragraph(DocumentCell(CellText.normalize(string(title.bytes)), place: index.place(title))))
        }
        let keepLines = !hasDataTable(root.items)
        emit(root.items, into: &lines, index: index, keepLines: keepLines)
        return lines
    }

    private func hasDataTable(_ items: [Item]) -> Bool {
        items.contains { item in
            guard case .table(let t) = item else { return false }
            return isLayout(t) ? t.rows.contains { $0.contains { hasDataTable($0.content.items) } } : t.rows.count >= 2
        }
    }

    private func emit(_ items: [Item], into lines: inout [DocumentLine], index: LineIndex, keepLines: Bool) {
        for item in items {
            switch item {
            case .text(let p):
                if keepLines {
                    // No table on the page: the text reader reads the text, its own lines kept.
                    // A line's place is its own when the text is the source's bytes; else the
                    // paragraph's start.
                    let place = index.place(p)
                    var k = 0
                    let leading = p.bytes.prefix { $0 == 0x0A || $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.count(where: { $0 == 0x0A })
                    for piece in p.bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                        let text = string(Array(piece)).replacingOccurrences(of: "\u{A0}", with: " ")
                        var at = place
                        if p.contiguous, k > leading, case .source(let l, _, _)? = place { at = .source(line: l + k - leading, column: 1, length: 1) }
                        k += 1
                        if text.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
                        lines.append(.paragraph(DocumentCell(text.hasSuffix("\r") ? String(text.dropLast()) : text, place: at)))
                    }
                } else {
                    let text = CellText.normalize(string(p.bytes))
                    if !text.isEmpty { lines.append(.paragraph(DocumentCell(text, place: index.place(p)))) }
                }
            case .table(let t) where isLayout(t):
                for row in t.rows { for cell in row { emit(cell.content.items, into: &lines, index: index, keepLines: keepLines) } }
            case .table(let t):
                for row in t.rows {
                    let cells = row.map { cell -> DocumentCell in
                        var pieces: [String] = [], first: Text?
                        for case .text(let p) in cell.content.items {
                            pieces.append(string(p.bytes))
                            if first == nil { first = p }
                        }
                        return DocumentCell(CellText.join(pieces), place: first.flatMap { index.place($0) })
                    }
                    if cells.contains(where: { !$0.text.isEmpty }) { lines.append(.row(cells)) }
                }
            }
        }
    }

    /// A table that lays out the page rather than holding data: one with tables in its cells,
    /// or with a cell of prose (more than `proseCell` bytes or paragraphs), as when the article
    /// sits in a layout table and its report table is written as text.
    private func isLayout(_ t: Table) -> Bool {
        t.holdsTable || t.rows.contains { row in
            row.contains { cell in
                var paragraphs = 0, bytes = 0
                for case .text(let p) in cell.content.items { paragraphs += 1; bytes += p.bytes.count }
                return paragraphs > Self.proseCell.paragraphs || bytes > Self.proseCell.bytes
            }
        }
    }
    static let proseCell = (paragraphs: 8, bytes: 900)

    private func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// Byte offsets in the page → 1-based lines and columns (columns in Unicode scalars). Places
/// are asked in page order: the column is counted on from the last one asked on the same line,
/// so a page written on one long line costs one pass, not one per cell.
final class LineIndex {
    private let source: UnsafeRawBufferPointer
    private let starts: [Int]
    private var last = (offset: 0, column: 1)

    init(_ source: UnsafeRawBufferPointer) {
        self.source = source
        var starts = [0]
        let bytes = source.assumingMemoryBound(to: UInt8.self)
        var i = 0
        while let k = MarkupBytes.find(0x0A, in: bytes, from: i) { starts.append(k + 1); i = k + 1 }
        self.starts = starts
    }

    func place(_ t: HTMLEvents.Text) -> DocumentPlace? {
        guard let offset = t.start else { return nil }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var column = 1, from = starts[lo]
        if last.offset >= from, last.offset <= offset { (from, column) = (last.offset, last.column) }
        for i in from..<min(offset, source.count) where source[i] & 0xC0 != 0x80 { column += 1 }
        last = (offset, column)
        return .source(line: lo + 1, column: column, length: t.length)
    }
}
