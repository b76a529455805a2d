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
        let null = TableRenderer.visible(options.nullText ?? "NULL")
        var header = result.columns.map { TableRenderer.visible($0.name) }
        var cells: [[String?]] = result.rows.map { row in
            row.map { ValueText.display($0).map(TableRenderer.visible) }
        }
        let rightAligned = result.columns.map { $0.kind != .text }
        var widths = options.header ? header.map { DisplayWidth.of($0) } : header.map { _ in 0 }
        for row in cells {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell ?? null))
            }
        }
        let natural = widths
        if let limit = options.maxWidth { widths = TableRenderer.fitted(widths, into: limit) }
        let cut = zip(widths, natural).filter { $0 < $1 }.count
        if cut > 0 {
            header = zip(header, widths).map { TableRenderer.truncated($0, to: $1) }
            cells = cells.map { row in row.enumerated().map { i, c in c.map { TableRenderer.truncated($0, to: widths[i]) } } }
        }
        let shownNull = widths.map { TableRenderer.truncated(null, to: $0) }

        func rule(_ left: String, _ mid: String, _ right: String) {
            out.write(left)
            out.write(widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid))
            out.write(right + "\n")
        }
        func line(_ texts: [String?]) {
            out.write("│")
            for (i, width) in widths.enumerated() {
                let text = i < texts.count ? texts[i] : nil
                let shown = text ?? shownNull[i]
                let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
                let styled = text == nil && color ? "\u{1B}[2m\(shown)\u{1B}[0m" : shown
                out.write(" ")
                out.write(rightAligned[i] ? pad + styled : styled + pad)
                out.write(" │")
            }
            out.write("\n")
        }

        rule("┌", "┬", "┐")
        if options.header {
            line(header)
            rule("├", "┼", "┤")
        }
        for row in cells { line(row) }
        rule("└", "┴", "┘")
        if cut > 0 {
            out.write("(\(cut) column\(cut == 1 ? "" : "s") cut to fit \(options.maxWidth ?? 0) columns; "
                      + "'.mode line' or '--format line' shows every value whole)\n")
        }
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
