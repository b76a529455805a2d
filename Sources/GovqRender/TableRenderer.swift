/// Box-drawn columns for the terminal. Widths are display widths (a Chinese character takes two
/// columns), numbers are right-aligned and text left-aligned, NULL is spelled out (and dimmed
/// when colour is on), and control characters from untrusted report text are made visible so
/// they cannot move the cursor or recolour the terminal.
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

    public init(color: Bool = false) {
        self.color = color
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        let header = result.columns.map { TableRenderer.visible($0.name) }
        let cells: [[String?]] = result.rows.map { row in
            row.map { ValueText.display($0).map(TableRenderer.visible) }
        }
        let rightAligned = result.columns.map { $0.kind != .text }
        var widths = header.map { DisplayWidth.of($0) }
        for row in cells {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell ?? "NULL"))
            }
        }

        func rule(_ left: String, _ mid: String, _ right: String) {
            out.write(left)
            out.write(widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid))
            out.write(right + "\n")
        }
        func line(_ texts: [String?]) {
            out.write("│")
            for (i, width) in widths.enumerated() {
                let text = i < texts.count ? texts[i] : nil
                let shown = text ?? "NULL"
                let pad = String(repeating: " ", count: width - DisplayWidth.of(shown))
                let styled = text == nil && color ? "\u{1B}[2mNULL\u{1B}[0m" : shown
                out.write(" ")
                out.write(rightAligned[i] ? pad + styled : styled + pad)
                out.write(" │")
            }
            out.write("\n")
        }

        rule("┌", "┬", "┐")
        line(header)
        rule("├", "┼", "┤")
        for row in cells { line(row) }
        rule("└", "┴", "┘")
    }

    /// Control, bidirectional and zero-width characters shown as escapes: `\n`, `\t`, `\r`,
    /// else `\u{1B}`, `\u{202E}` (`TerminalText`, shared by every human-facing output).
    static func visible(_ s: String) -> String { TerminalText.escaped(s) }
}
