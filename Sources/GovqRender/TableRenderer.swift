/// Box-drawn columns for the terminal. Widths are display widths (a Chinese character takes two
/// columns), numbers are right-aligned and text left-aligned, NULL is spelled out (and dimmed
/// when colour is on), and control characters from untrusted report text are made visible so
/// they cannot move the cursor or recolour the terminal. Given a `maxWidth` (the terminal's),
/// a table that would be wider has its widest columns cut, each cut cell ending in `…`.
///
///     ┌──────────────┬────────┐
///     │ district     │ denied │
///     ├──────────────┼────────┤
///     │ 济南市历城区 │     22 │
///     └──────────────┴────────┘
import GovqDiagnostics
import GovqEngine

public struct TableRenderer: ResultRenderer {
    /// Dim NULL with ANSI escapes (only when writing to a terminal).
    public var color: Bool
    public var options: RenderOptions

    public init(color: Bool = false, options: RenderOptions = RenderOptions()) {
        self.color = color
        self.options = options
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        var bytes: [UInt8] = []
        write(result, bytes: &bytes)
        out.write(String(decoding: bytes, as: UTF8.self))
    }

    /// The table as UTF-8, appended to `out`. Each cell's shown bytes and display width are
    /// found in one pass over its UTF-8 (`TableCells`) into one buffer shared by all cells, not
    /// a String per cell; a table cut to fit the terminal is drawn by `writeFitted`.
    public func write(_ result: ResultSet, bytes out: inout [UInt8]) {
        let null = TableRenderer.visible(options.nullText ?? "NULL")
        let header = result.columns.map { TableRenderer.visible($0.name) }
        let headerWidths = header.map { DisplayWidth.of($0) }
        let nullWidth = DisplayWidth.of(null)
        let cells = TableCells(result.rows, columns: header.count)
        var widths = options.header ? headerWidths : header.map { _ in 0 }
        for (i, w) in cells.widths.enumerated() where w != TableCells.absent {
            let c = i % max(1, header.count)
            widths[c] = max(widths[c], w == TableCells.null ? nullWidth : w)
        }
        if let limit = options.maxWidth, TableRenderer.fitted(widths, into: limit) != widths {
            var text = ""
            writeFitted(result, to: &text)
            out.append(contentsOf: text.utf8)
            return
        }
        let rightAligned = result.columns.map { $0.kind != .text }
        // NULL as the column shows it (a cell missing from a short row may be narrower than NULL).
        let shownNull = widths.map { TableRenderer.truncated(null, to: $0) }
        let shownNullWidths = shownNull.map { DisplayWidth.of($0) }
        let nullBytes = shownNull.map { color ? Array("\u{1B}[2m\($0)\u{1B}[0m".utf8) : Array($0.utf8) }
        out.reserveCapacity(out.count + cells.text.count + (result.rows.count + 4) * (widths.reduce(1) { $0 + $1 + 3 } + 8))
        func rule(_ left: String, _ mid: String, _ right: String) {
            out.append(contentsOf: left.utf8)
            for (i, w) in widths.enumerated() {
                if i > 0 { out.append(contentsOf: mid.utf8) }
                for _ in 0..<(w + 2) { out.append(contentsOf: TableBytes.rule) }
            }
            out.append(contentsOf: right.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        func cell(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>, width: Int) {
            let pad = max(0, widths[i] - width)
            out.append(UInt8(ascii: " "))
            if rightAligned[i] { TableBytes.spaces(pad, to: &out) }
            out.append(contentsOf: bytes)
            if !rightAligned[i] { TableBytes.spaces(pad, to: &out) }
            out.append(contentsOf: TableBytes.spaceBar)
        }
        rule("┌", "┬", "┐")
        if options.header {
            out.append(contentsOf: TableBytes.bar)
            for i in widths.indices {
                var name = header[i]
                name.withUTF8 { cell(i, $0, width: headerWidths[i]) }
            }
            out.append(UInt8(ascii: "\n"))
            rule("├", "┼", "┤")
        }
        writeRows(cells, rows: result.rows.count, widths: widths, rightAligned: rightAligned, null: nullBytes,
                  nullWidths: shownNullWidths, to: &out)
        rule("└", "┴", "┘")
    }

    /// The data rows, `│ cell │ cell │` a line, written into room measured first: the bytes are
    /// stored through a pointer, not appended piece by piece (five appends a cell were a tenth
    /// of a 1,586-row query's process).
    private func writeRows(_ cells: TableCells, rows: Int, widths: [Int], rightAligned: [Bool], null: [[UInt8]],
                           nullWidths: [Int], to out: inout [UInt8]) {
        let C = widths.count
        guard rows > 0, C > 0 else {
            for _ in 0..<rows { out.append(contentsOf: TableBytes.bar); out.append(UInt8(ascii: "\n")) }
            return
        }
        func extent(_ at: Int) -> (start: Int, end: Int) { (at == 0 ? 0 : cells.ends[at - 1], cells.ends[at]) }
        var total = rows * (TableBytes.bar.count + 1)
        for r in 0..<rows {
            for i in 0..<C {
                let at = r * C + i, w = cells.widths[at]
                let (count, width) = w < 0 ? (null[i].count, nullWidths[i]) : (extent(at).end - extent(at).start, w)
                total += 1 + max(0, widths[i] - width) + count + TableBytes.spaceBar.count
            }
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: total))
        out.withUnsafeMutableBufferPointer { buffer in
            cells.text.withUnsafeBufferPointer { text in
                var p = buffer.baseAddress! + start
                func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                    if !bytes.isEmpty { p.update(from: bytes.baseAddress!, count: bytes.count) }
                    p += bytes.count
                }
                func blanks(_ n: Int) { if n > 0 { p.update(repeating: UInt8(ascii: " "), count: n); p += n } }
                TableBytes.bar.withUnsafeBufferPointer { bar in
                    TableBytes.spaceBar.withUnsafeBufferPointer { spaceBar in
                        for r in 0..<rows {
                            put(bar)
                            for i in 0..<C {
                                let at = r * C + i, w = cells.widths[at]
                                func cell(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) {
                                    let pad = max(0, widths[i] - width)
                                    blanks(1)
                                    if rightAligned[i] { blanks(pad) }
                                    put(bytes)
                                    if !rightAligned[i] { blanks(pad) }
                                    put(spaceBar)
                                }
                                if w < 0 {
                                    null[i].withUnsafeBufferPointer { cell($0, width: nullWidths[i]) }
                                } else {
                                    let (a, b) = extent(at)
                                    cell(UnsafeBufferPointer(rebasing: text[a..<b]), width: w)
                                }
                            }
                            p.pointee = UInt8(ascii: "\n")
                            p += 1
                        }
                    }
                }
                precondition(p == buffer.baseAddress! + start + total, "the rows' bytes were measured wrong")
            }
        }
    }

    /// The table with its widest columns cut to fit `options.maxWidth`, each cut cell ending in `…`.
    func writeFitted(_ result: ResultSet, to out: inout some TextOutputStream) {
        let null = TableRenderer.visible(options.nullText ?? "NULL")
        var header = result.columns.map { TableRenderer.visible($0.name) }
        var cells: [[String?]] = result.rows.map { row in
            row.map { ValueText.display($0).map(TableRenderer.visible) }
        }
        let rightAligned = result.columns.map { $0.kind != .text }
        // Each cell's display width, measured once (a result of 3,000 districts measured each
        // name twice); -1 for NULL.
        func measured(_ row: [String?]) -> [Int] { row.map { $0.map(TableBytes.width) ?? -1 } }
        var cellWidths = cells.map(measured)
        var headerWidths = header.map { DisplayWidth.of($0) }
        let nullWidth = DisplayWidth.of(null)
        var widths = options.header ? headerWidths : header.map { _ in 0 }
        for row in cellWidths {
            for (i, w) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], w < 0 ? nullWidth : w)
            }
        }
        let natural = widths
        if let limit = options.maxWidth { widths = TableRenderer.fitted(widths, into: limit) }
        let cut = zip(widths, natural).filter { $0 < $1 }.count
        if cut > 0 {
            header = zip(header, widths).map { TableRenderer.truncated($0, to: $1) }
            // A value past the last column is never drawn (`line` stops at the columns): cut to
            // the columns, so that such a row cannot index past `widths`.
            cells = cells.map { row in row.prefix(widths.count).enumerated().map { i, c in c.map { TableRenderer.truncated($0, to: widths[i]) } } }
            headerWidths = header.map { DisplayWidth.of($0) }
            cellWidths = cells.map(measured)
        }
        let shownNull = widths.map { TableRenderer.truncated(null, to: $0) }
        let shownNullWidths = shownNull.map { DisplayWidth.of($0) }

        // The whole table is built as UTF-8 bytes and written once.
        var sink = TableBytes()
        sink.bytes.reserveCapacity((result.rows.count + 4) * (widths.reduce(1) { $0 + $1 + 3 } + 8))
        func rule(_ left: String, _ mid: String, _ right: String) {
            sink.append(left)
            for (i, w) in widths.enumerated() {
                if i > 0 { sink.append(mid) }
                sink.append(String(repeating: "─", count: w + 2))
            }
            sink.append(right + "\n")
        }
        func line(_ texts: [String?], _ textWidths: [Int]) {
            sink.append(TableBytes.bar)
            for (i, width) in widths.enumerated() {
                let text = i < texts.count ? texts[i] : nil
                let shown = text ?? shownNull[i]
                let shownWidth = text == nil ? shownNullWidths[i] : textWidths[i]
                let pad = max(0, width - shownWidth)
                sink.bytes.append(UInt8(ascii: " "))
                if rightAligned[i] { sink.spaces(pad) }
                if text == nil && color { sink.append("\u{1B}[2m\(shown)\u{1B}[0m") } else { sink.append(shown) }
                if !rightAligned[i] { sink.spaces(pad) }
                sink.append(TableBytes.spaceBar)
            }
            sink.bytes.append(UInt8(ascii: "\n"))
        }

        rule("┌", "┬", "┐")
        if options.header {
            line(header, headerWidths)
            rule("├", "┼", "┤")
        }
        for (row, rowWidths) in zip(cells, cellWidths) { line(row, rowWidths) }
        rule("└", "┴", "┘")
        if cut > 0 {
            sink.append("(\(cut) column\(cut == 1 ? "" : "s") cut to fit \(options.maxWidth ?? 0) columns; "
                   + "'.mode line' or '--format line' shows every value whole)\n")
        }
        out.write(String(decoding: sink.bytes, as: UTF8.self))
    }

    /// Column widths whose table (`│ ` + cell + ` ` per column, and the last `│`) fits `limit`:
    /// the widest column loses one column at a time, none below 4 (`abc…`). A table that cannot
    /// fit even so keeps the narrowed widths.
    static func fitted(_ natural: [Int], into limit: Int) -> [Int] {
        var widths = natural
        func total() -> Int { widths.reduce(1) { $0 + $1 + 3 } }
        while total() > limit, let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > 4 {
            widths[i] -= 1
        }
        return widths
    }

    /// `s` cut to `width` display columns, ending in `…` when anything was cut.
    static func truncated(_ s: String, to width: Int) -> String {
        guard DisplayWidth.of(s) > width else { return s }
        var kept = "", used = 0
        for c in s {
            let w = DisplayWidth.of(String(c))
            if used + w > width - 1 { break }
            kept.append(c)
            used += w
        }
        return kept + "…"
    }

    /// Control, bidirectional and zero-width characters shown as escapes: `\n`, `\t`, `\r`,
    /// else `\u{1B}`, `\u{202E}` (`TerminalText`, shared by every human-facing output).
    static func visible(_ s: String) -> String { TerminalText.escaped(s) }
}

/// A table's output as it is built: UTF-8 bytes, appended without forming a String per piece.
struct TableBytes {
    var bytes: [UInt8] = []
    static let bar = Array("│".utf8), spaceBar = Array(" │".utf8), rule = Array("─".utf8)

    static func spaces(_ n: Int, to out: inout [UInt8]) {
        // Copied from a row of blanks (a byte at a time, or from `repeatElement`, was 3–4% of a
        // 1,586-row query's process).
        var n = n
        while n > 0 {
            let k = min(n, blanks.count)
            blanks.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<k])) }
            n -= k
        }
    }

    private static let blanks = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
    mutating func append(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    mutating func spaces(_ n: Int) { TableBytes.spaces(n, to: &bytes) }

    /// `DisplayWidth.of(s)`, reading the scalars from the UTF-8 bytes (ASCII at one a byte)
    /// rather than through the generic `unicodeScalars` view.
    static func width(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { u in
            var w = 0, i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    w += b == 0 ? 0 : 1
                    i += 1
                    continue
                }
                // A String's bytes are valid UTF-8: the lead byte gives the length.
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var v = UInt32(b) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
                for k in 1..<n { v = v << 6 | UInt32(u[i + k] & 0x3F) }
                w += Unicode.Scalar(v).map { DisplayWidth.of($0) } ?? 1
                i += n
            }
            return w
        }
    }
}
