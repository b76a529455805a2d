/// Renders a `Diagnostic` in the one format govq uses everywhere:
///
///     error: unknown measure 'denid'
///      --> <query>:1:5
///       |
///     1 | sum denid by district
///       |     ^^^^^
///       = help: did you mean 'denied'?
public enum DiagnosticFormatter {
    /// Every piece of text that came from a file or a query (message, path, source line,
    /// notes, help) goes through `TerminalText`, so a report cannot drive the terminal; the
    /// carets are measured on what is shown.
    public static func format(_ d: Diagnostic, color: Bool = false) -> String {
        let safe = { (s: String) in TerminalText.escapedKeepingTabs(s) }
        let (on, off) = color ? (d.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m", "\u{1B}[0m") : ("", "")
        var out = "\(on)\(d.severity.rawValue)\(off): \(safe(d.message))\n"
        if let loc = d.location {
            out += d.place.map { " --> \(safe(d.source)): \(safe($0))\n" } ?? " --> \(safe(d.source)):\(loc.line):\(loc.column)\n"
            if let text = d.sourceLine {
                // A document's row has no line number of its own: the gutter stays empty.
                let gutter = d.place == nil ? String(loc.line) : ""
                let pad = String(repeating: " ", count: gutter.count)
                let (text, column, length) = window(text, column: loc.column, length: loc.length)
                // Carets sit under display columns: a Chinese character is two columns wide.
                let prefix = safe(String(text.unicodeScalars.prefix(max(column - 1, 0))))
                let token = safe(String(text.unicodeScalars.dropFirst(max(column - 1, 0)).prefix(length)))
                let carets = max(DisplayWidth.of(token), 1)
                out += "\(pad) |\n"
                out += "\(gutter) | \(safe(text))\n"
                out += "\(pad) | \(String(repeating: " ", count: DisplayWidth.of(prefix)))\(String(repeating: "^", count: carets))\n"
            }
        } else if d.source != "" {
            out += " --> \(safe(d.source))\n"
        }
        for note in d.notes { out += "  = note: \(safe(note))\n" }
        if let help = d.help { out += "  = help: \(safe(help))\n" }
        return out
    }

    /// A long line (a 1 MB query, a report line without breaks) is shown as the part around the
    /// caret, with `…` where it was cut; the caret's column and length follow the cut.
    static func window(_ text: String, column: Int, length: Int, context: Int = 40, maxToken: Int = 80)
        -> (text: String, column: Int, length: Int) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 2 * context + maxToken else { return (text, column, length) }
        let start = max(0, column - 1 - context)
        let tokenEnd = min(scalars.count, column - 1 + min(length, maxToken))
        let end = min(scalars.count, tokenEnd + context)
        var shown = String(String.UnicodeScalarView(scalars[start..<end]))
        var newColumn = column - start
        if start > 0 { shown = "…" + shown; newColumn += 1 }
        if end < scalars.count { shown += "…" }
        return (shown, newColumn, min(length, maxToken))
    }

    /// Several diagnostics, then a count line when there is more than one error.
    public static func format(_ ds: [Diagnostic], color: Bool = false) -> String {
        ds.map { format($0, color: color) }.joined()
    }
}

/// Terminal display width: East Asian wide and full-width characters take two columns.
public enum DisplayWidth {
    public static func of(_ s: some StringProtocol) -> Int {
        var w = 0
        for u in s.unicodeScalars { w += of(u) }
        return w
    }

    public static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0 { return 0 }
        if v < 0x300 { return 1 }
        if (0x300...0x36F).contains(v) || v == 0x200B || (0xFE00...0xFE0F).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) || v == 0x3000 {
            return 2
        }
        return 1
    }
}
