/// Text from reports (titles, file names, cells) shown to a person without letting it drive the
/// terminal. Report files come from anywhere: a title `\u{1B}]0;HACKED\u{7}…` would rename the
/// window, `\u{1B}[2J` clear the screen, a bidirectional override (U+202E) reverse what follows,
/// and a zero-width space hide inside a name that looks like another. Every such character is
/// shown as a visible escape instead: `\n`, `\t`, `\r`, else `\u{1B}`, `\u{202E}`.
///
/// One helper for every human-facing output (the table format, stderr warnings, `govq check`,
/// the REPL's `.check`, diagnostics, CSV/TSV/Markdown/JSON written to a terminal): a renderer
/// calls `escaped` on each piece of untrusted text, or `escapedKeepingLayout` on a whole
/// rendering whose own line breaks and tabs must stay.
public enum TerminalText {
    /// How an escaped character is spelled.
    public enum Style: Sendable {
        /// `\u{1B}`: govq's own spelling, in tables and messages.
        case swift
        /// `\u001b`: a JSON string escape, so JSON shown on a terminal stays JSON.
        case json
    }

    /// Whether `u` must not reach a terminal as itself: C0 controls, DEL, C1 controls, the
    /// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks
    /// (U+200E, U+200F, U+061C), and zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF).
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        guard v >= 0x61C else { return false }
        return v == 0x61C || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2060...0x2064).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
    }

    /// One line: every unsafe character escaped, line breaks and tabs included (a newline in a
    /// file name must not split a one-line-per-file listing).
    public static func escaped(_ s: String, style: Style = .swift) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        var out = ""
        for u in s.unicodeScalars { append(u, to: &out, style: style) }
        return out
    }

    /// Like `escaped`, but a tab is kept: for a message or a quoted source line, where a tab
    /// only moves the cursor right and the file's own layout is worth showing.
    public static func escapedKeepingTabs(_ s: String, style: Style = .swift) -> String {
        guard s.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\t" }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if u == "\t" { out.unicodeScalars.append(u) } else { append(u, to: &out, style: style) }
        }
        return out
    }

    /// A whole rendering (CSV, TSV, Markdown, JSON): its line feeds, tabs and the CR of a CRLF
    /// stay; every other unsafe character is escaped (a lone CR would let a cell overwrite the
    /// line it is on).
    public static func escapedKeepingLayout(_ s: String, style: Style = .swift) -> String {
        let scalars = Array(s.unicodeScalars)
        guard scalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" && $0 != "\r" })
            || scalars.indices.contains(where: { scalars[$0] == "\r" && ($0 + 1 == scalars.count || scalars[$0 + 1] != "\n") })
        else { return s }
        var out = ""
        for (i, u) in scalars.enumerated() {
            let keep = u == "\n" || u == "\t" || (u == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n")
            if keep { out.unicodeScalars.append(u) } else { append(u, to: &out, style: style) }
        }
        return out
    }

    private static func append(_ u: Unicode.Scalar, to out: inout String, style: Style) {
        guard isUnsafe(u) else { out.unicodeScalars.append(u); return }
        switch (u, style) {
        case ("\n", _): out += "\\n"
        case ("\t", _): out += "\\t"
        case ("\r", _): out += "\\r"
        case (_, .swift): out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
        case (_, .json):
            let hex = String(u.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}
