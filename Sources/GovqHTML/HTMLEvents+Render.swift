/// The page's blocks → document lines. A data table gives one row per `<tr>`, its cells in
/// order: a cell spanning rows appears once, in its first row (the rows below it start after
/// it, as the page shows them), and a cell spanning columns is one cell. A layout table (one
/// holding tables) gives its cells' contents as the page's flow, in reading order.
import GovqDocument

extension HTMLEvents {
    func render() -> [DocumentLine] {
        flush()
        while let t = tables.popLast() {
            closeRow(t)
            (tables.last?.cell?.content ?? root).items.append(.table(t))
        }
        let index = LineIndex(source)
        var lines: [DocumentLine] = []
        if title.start != nil {
            lines.append(.paragraph(DocumentCell(CellText.normalize(string(title.bytes)), place: index.place(title))))
        }
        let keepLines = !hasDataTable(root.items)
        emit(root.items, into: &lines, index: index, keepLines: keepLines)
        return lines
    }

    /// The page source's lines, for a diagnostic to show.
    func sourceLines() -> [String] {
        var out: [String] = []
        var start = 0
        for i in 0..<source.count where source[i] == 0x0A {
            let end = i > start && source[i - 1] == 0x0D ? i - 1 : i
            out.append(String(decoding: source[start..<end], as: UTF8.self))
            start = i + 1
        }
        if start < source.count { out.append(String(decoding: source[start...], as: UTF8.self)) }
        return out
    }

    private func hasDataTable(_ items: [Item]) -> Bool {
        items.contains { item in
            guard case .table(let t) = item else { return false }
            return t.holdsTable ? t.rows.contains { $0.contains { hasDataTable($0.content.items) } } : t.rows.count >= 2
        }
    }

    private func emit(_ items: [Item], into lines: inout [DocumentLine], index: LineIndex, keepLines: Bool) {
        for item in items {
            switch item {
            case .text(let p):
                if keepLines {
                    // No table on the page: the text reader reads the text, its own lines kept.
                    let place = index.place(p)
                    var k = 0
                    for piece in p.bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                        let text = string(Array(piece)).replacingOccurrences(of: "\u{A0}", with: " ")
                        var at = place
                        if k > 0, case .source(let l, _, _)? = place { at = .source(line: l + k, column: 1, length: 1) }
                        k += 1
                        if text.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
                        lines.append(.paragraph(DocumentCell(text.hasSuffix("\r") ? String(text.dropLast()) : text, place: at)))
                    }
                } else {
                    let text = CellText.normalize(string(p.bytes))
                    if !text.isEmpty { lines.append(.paragraph(DocumentCell(text, place: index.place(p)))) }
                }
            case .table(let t) where t.holdsTable:
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

    private func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// Byte offsets in the page → 1-based lines and columns (columns in Unicode scalars).
struct LineIndex {
    private let source: UnsafeRawBufferPointer
    private let starts: [Int]

    init(_ source: UnsafeRawBufferPointer) {
        self.source = source
        var starts = [0]
        for i in 0..<source.count where source[i] == 0x0A { starts.append(i + 1) }
        self.starts = starts
    }

    func place(_ t: HTMLEvents.Text) -> DocumentPlace? {
        guard let offset = t.start else { return nil }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        for i in starts[lo]..<min(offset, source.count) where source[i] & 0xC0 != 0x80 { column += 1 }
        return .source(line: lo + 1, column: column, length: t.length)
    }
}
