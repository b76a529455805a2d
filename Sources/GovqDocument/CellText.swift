/// A cell's text as the readers gather it, made into one field: the pieces of a cell (the
/// `<p>` and `<span>` a Word page splits a label into, the runs of a DOCX cell, the words of a
/// PDF cell) are joined, and white space is collapsed. Between two Chinese characters (or any
/// non-ASCII one) white space is a line wrap, not a word break, and is dropped: `三、本年度`
/// + `办理结果` is `三、本年度办理结果`; between ASCII words it is one space (`Page 2`).
import Foundation

public enum CellText {
    /// The joined, collapsed text of `pieces`; Word's escaped conditional comments
    /// (`<!--[if !supportLists]-->`) removed.
    ///
    /// Read as UTF-8 bytes (a Word table's every cell comes through here; appending scalar by
    /// scalar cost more than libxml2's parse of the cell): a space between two ASCII
    /// characters stays one space, every other run of spaces goes.
    public static func join(_ pieces: [String]) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for piece in pieces {
            var text = mayHoldConditional(piece) ? stripConditionals(piece) : piece
            text.withUTF8 { append($0, to: &out, pendingSpace: &pendingSpace) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `join` of the pieces `bytes[0..<ends[0]]`, `bytes[ends[0]..<ends[1]]`, …, read in place
    /// (a Word cell's paragraphs gathered in one buffer): no String for each piece.
    public static func join(_ bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) -> String {
        func piece(_ k: Int) -> UnsafeBufferPointer<UInt8> {
            let start = k == 0 ? 0 : ends[k - 1]
            return UnsafeBufferPointer(rebasing: bytes[start..<ends[k]])
        }
        // A `[` then `i` or `e` anywhere (even across pieces): the String path, which strips
        // Word's conditionals, piece by piece.
        if mayHoldConditional(bytes) {
            return join(ends.indices.map { String(decoding: piece($0), as: UTF8.self) })
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        collapse(bytes, ends: ends, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `join(_:ends:)` of bytes the caller has checked to be UTF-8 scalar by scalar (the direct
    /// Word reader checks every byte of text it reads), gathered in `scratch` (kept from call
    /// to call, no array a cell): the String is made from them without checking them again.
    /// Safe because the collapse only drops whole scalars (the spaces) and puts in ASCII spaces,
    /// so valid bytes stay valid. Conditionals go the String path, as in `join(_:ends:)`.
    public static func join(validUTF8 bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, scratch: inout [UInt8]) -> String {
        if mayHoldConditional(bytes) { return join(bytes, ends: ends) }
        scratch.removeAll(keepingCapacity: true)
        collapse(bytes, ends: ends, into: &scratch)
        return scratch.withUnsafeBufferPointer { out in
            #if compiler(>=6.2)
            var high: UInt8 = 0
            for b in out { high |= b }
            return String(copying: UTF8Span(unchecked: out.span, isKnownASCII: high < 0x80))
            #else
            // UTF8Span (Swift 6.2) is not there: checked again, as the other paths.
            return String(decoding: out, as: UTF8.self)
            #endif
        }
    }

    /// The pieces `bytes[..<ends[0]]`, `bytes[ends[0]..<ends[1]]`, … collapsed onto `out`.
    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, into out: inout [UInt8]) {
        var pendingSpace = false
        var start = 0
        for end in ends {
            append(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &out, pendingSpace: &pendingSpace)
            start = end
        }
    }

    /// One piece's bytes collapsed onto `out`: a space between two ASCII characters stays one
    /// space, every other run of spaces goes.
    @inline(__always) private static func append(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], pendingSpace: inout Bool) {
        out.reserveCapacity(out.count + b.count)
        var i = 0
        while i < b.count {
            let n = spaceLength(b, i)
            if n > 0 {
                pendingSpace = !out.isEmpty
                i += n
                continue
            }
            let c = b[i]
            if pendingSpace, let last = out.last, last < 0x80, c < 0x80 { out.append(0x20) }
            pendingSpace = false
            // Up to the next byte that may start a space, copied at once (a byte at a time cost
            // more than libxml2's parse of a Word paragraph): no other byte starts one, and a
            // continuation byte never does.
            var j = i + 1
            while j < b.count {
                let c = b[j]
                // A CJK ideograph (lead E4–E9 and two continuation bytes) at once: most of a
                // Chinese cell, never a space.
                if c &- 0xE4 < 6, j + 2 < b.count, b[j + 1] & 0xC0 == 0x80, b[j + 2] & 0xC0 == 0x80 {
                    j += 3
                    continue
                }
                if mayStartSpace(c) { break }
                j += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
            i = j
        }
        // A new piece after text is a new word; whether it joins follows the same rule.
        if !out.isEmpty { pendingSpace = true }
    }

    /// Whether `c` is the first byte of a space (`spaceLength` may be more than 0): tab to
    /// carriage return, space, and the lead bytes 0xC2, 0xE2, 0xE3, 0xEF; two words of bits.
    @inline(__always) static func mayStartSpace(_ c: UInt8) -> Bool {
        let low: UInt64 = 1 << 0x20 | 0x3E00, high: UInt64 = 1 << (0xC2 - 0xC0) | 1 << (0xE2 - 0xC0) | 1 << (0xE3 - 0xC0) | 1 << (0xEF - 0xC0)
        switch c >> 6 {
        case 0: return low >> UInt64(c & 63) & 1 != 0
        case 3: return high >> UInt64(c & 63) & 1 != 0
        default: return false
        }
    }

    /// The length in bytes of the space (`isSpace`) that starts at `b[i]`, or 0.
    @inline(__always) static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return 1
        case 0xC2: return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : 0                                   // U+00A0
        case 0xE3: return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0              // U+3000
        case 0xE2: return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x8B ? 3 : 0              // U+200B
        case 0xEF: return i + 2 < b.count && b[i + 1] == 0xBB && b[i + 2] == 0xBF ? 3 : 0              // U+FEFF
        default: return 0
        }
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

    /// The same test on bytes, by memchr: most cells have no `[`.
    static func mayHoldConditional(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        var i = 0
        while i < b.count, let hit = memchr(base + i, 0x5B, b.count - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            if k < b.count, b[k] == 0x69 || b[k] == 0x65 { return true }
            i = k
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
