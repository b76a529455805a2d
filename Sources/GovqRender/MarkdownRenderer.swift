/// A GitHub-flavoured Markdown table, for pasting results into issues and reports: numeric
/// columns right-aligned (`---:`), `|` and `\` escaped, line breaks as `<br>`, NULL as an empty
/// cell. Columns are padded to equal display width so the source reads as a table too.
import GovqDiagnostics
import GovqEngine

public struct MarkdownRenderer: ResultRenderer {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        let header = result.columns.map { MarkdownRenderer.escaped($0.name) }
        let cells = result.rows.map { row in row.map { (ValueText.display($0) ?? options.nullText).map(MarkdownRenderer.escaped) ?? "" } }
        let right = result.columns.map { $0.kind != .text }
        var widths = header.map { max(DisplayWidth.of($0), 3) }
        for row in cells {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(c)) }
        }
        func line(_ texts: [String]) {
            var s = "|"
            for (i, w) in widths.enumerated() {
                let t = i < texts.count ? texts[i] : ""
                let pad = String(repeating: " ", count: w - DisplayWidth.of(t))
                s += " " + (right[i] ? pad + t : t + pad) + " |"
            }
            out.write(s + "\n")
        }
        line(header)
        line(widths.enumerated().map { i, w in
            right[i] ? String(repeating: "-", count: w - 1) + ":" : String(repeating: "-", count: w)
        })
        for row in cells { line(row) }
    }

    static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "|" || $0 == "\\" || $0 == "\n" || $0 == "\r" }) else { return s }
        var r = ""
        for u in s.unicodeScalars {
            switch u {
            case "|": r += "\\|"
            case "\\": r += "\\\\"
            case "\n": r += "<br>"
            case "\r": break
            default: r.unicodeScalars.append(u)
            }
        }
        return r
    }
}
