/// A cell's text as the readers gather it, made into one field: the pieces of a cell (the
/// `<p>` and `<span>` a Word page splits a label into, the runs of a DOCX cell, the words of a
/// PDF cell) are joined, and white space is collapsed. Between two Chinese characters (or any
/// non-ASCII one) white space is a line wrap, not a word break, and is dropped: `三、本年度`
/// + `办理结果` is `三、本年度办理结果`; between ASCII words it is one space (`Page 2`).
import Foundation

public enum CellText {
    /// The joined, collapsed text of `pieces`; Word's escaped conditional comments
    /// (`<!--[if !supportLists]-->`) removed.
    public static func join(_ pieces: [String]) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for piece in pieces {
            let text = mayHoldConditional(piece) ? stripConditionals(piece) : piece
            for u in text.unicodeScalars {
                if isSpace(u) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace, let last = out.last, last.isASCII, u.isASCII { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
            // A new piece after text is a new word; whether it joins follows the same rule.
            if !out.isEmpty { pendingSpace = true }
        }
        return String(out)
    }

    /// Whether `s` has a `[` followed by `if ` or `endif]`: a byte scan, most pieces have no `[`.
    static func mayHoldConditional(_ s: String) -> Bool {
        var u = s.utf8.makeIterator()
        while let b = u.next() {
            guard b == 0x5B else { continue }
            let next = u.next()
            if next == 0x69 || next == 0x65 { return true }
        }
        return false
    }

    /// One piece alone.
    public static func normalize(_ text: String) -> String { join([text]) }

    /// Space, tab, line breaks, no-break space (`&nbsp;`), ideographic space, zero-width space.
    @inline(__always) static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0x200B, 0xFEFF: return true
        default: return false
        }
    }

    /// Word's conditional comments, pasted into a page as text: `<!--[if …]-->`, `<![endif]-->`
    /// and their bare `[if …]` / `[endif]` forms.
    static func stripConditionals(_ s: String) -> String {
        var t = s
        for open in ["<!--[if", "<![if", "[if "] {
            while let r = t.range(of: open) {
                guard let close = t.range(of: "]", range: r.upperBound..<t.endIndex) else { break }
                var end = close.upperBound
                if t[end...].hasPrefix("-->") { end = t.index(end, offsetBy: 3) } else if t[end...].hasPrefix(">") { end = t.index(after: end) }
                t.removeSubrange(r.lowerBound..<end)
            }
        }
        for marker in ["<![endif]-->", "<!--[endif]-->", "<![endif]>", "[endif]-->", "[endif]"] {
            t = t.replacingOccurrences(of: marker, with: "")
        }
        return t
    }
}
