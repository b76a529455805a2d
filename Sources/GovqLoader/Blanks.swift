/// Every kind of blank a converter leaves in a table, and the markers a template uses for "no
/// such case". Blanks: space, tab, form feed, U+00A0, U+3000, U+2000–U+200B, U+202F, U+205F,
/// U+FEFF, a literal `&nbsp;` (or `&#160;`), and control characters with the terminal escape
/// sequences they start (`\e[5m`). A blank between cells separates them; a single one that is
/// not a plain space, inside a number (`3&nbsp;04`, `3\e[5m04`), does not (see `words`).

extension CellScanner {
    /// Bytes of blank at `i` (0 when none).
    @inline(__always) static func whitespaceWidth(_ s: Bytes, _ i: Int) -> Int {
        let b = s[i]
        // Most bytes of a table (digits, Han characters) start no blank: one mask test.
        if !mayStartBlank(b) { return 0 }
        if b == space || b == tab { return 1 }
        if b >= 0x80 {
            if b == 0xE3 { return i + 2 < s.endIndex && s[i + 1] == 0x80 && s[i + 2] == 0x80 ? 3 : 0 }
            if b == 0xC2 { return i + 1 < s.endIndex && s[i + 1] == 0xA0 ? 2 : 0 }
            if b == 0xE2, i + 2 < s.endIndex {
                let b1 = s[i + 1], b2 = s[i + 2]
                // U+2000–U+200B, U+202F (E2 80 80–8B, E2 80 AF), U+205F (E2 81 9F)
                if b1 == 0x80, b2 >= 0x80 && b2 <= 0x8B || b2 == 0xAF { return 3 }
                if b1 == 0x81, b2 == 0x9F { return 3 }
                return 0
            }
            if b == 0xEF { return i + 2 < s.endIndex && s[i + 1] == 0xBB && s[i + 2] == 0xBF ? 3 : 0 }
            return 0
        }
        if b == 0x26 { return entityWidth(s, i) }
        if b < 0x20 || b == 0x7F {
            // ESC [ … final byte: one terminal escape sequence, one blank.
            if b == 0x1B, i + 1 < s.endIndex, s[i + 1] == 0x5B {
                var k = i + 2
                while k < s.endIndex, s[k] >= 0x20, s[k] <= 0x3F { k += 1 }
                return k < s.endIndex && s[k] >= 0x40 && s[k] <= 0x7E ? k + 1 - i : k - i
            }
            return 1
        }
        return 0
    }

    /// Whether a blank may start with byte `b`: a control character, a space, `&` (an entity),
    /// or the lead byte of U+00A0 (C2), U+2000–U+205F (E2), U+3000 (E3) or U+FEFF (EF). Every
    /// other byte is the start of no blank, which `whitespaceWidth` then need not look at.
    @inline(__always) static func mayStartBlank(_ b: UInt8) -> Bool {
        if b < 0x40 { return (0x0000_0041_FFFF_FFFF as UInt64) >> UInt64(b) & 1 != 0 }   // 00–1F, 20, 26
        if b < 0xC0 { return b == 0x7F }
        return (0x0000_800C_0000_0004 as UInt64) >> UInt64(b - 0xC0) & 1 != 0           // C2, E2, E3, EF
    }

    /// `&nbsp;`, `&#160;`, `&#xa0;` (any case) at `i`: their width, else 0.
    private static func entityWidth(_ s: Bytes, _ i: Int) -> Int {
        for e in entities where i + e.count <= s.endIndex {
            var k = 0
            while k < e.count, s[i + k] | (s[i + k] >= 0x41 && s[i + k] <= 0x5A ? 0x20 : 0) == e[k] { k += 1 }
            if k == e.count { return k }
        }
        return 0
    }
    private static let entities: [[UInt8]] = ["&nbsp;", "&#160;", "&#xa0;", "&ensp;", "&emsp;", "&thinsp;"].map { Array($0.utf8) }

    /// Whether the blank at `i` is a plain space, tab or U+3000: what separates cells typed by
    /// hand. Any other (a no-break space, `&nbsp;`, a control character) may sit inside a number.
    @inline(__always) static func isSeparatingBlank(_ s: Bytes, _ i: Int) -> Bool {
        s[i] == space || s[i] == tab || s[i] == 0xE3
    }

    static func trim(_ s: Bytes) -> Bytes {
        var lo = s.startIndex
        while lo < s.endIndex { let w = whitespaceWidth(s, lo); if w == 0 { break }; lo += w }
        var hi = s.endIndex
        while hi > lo { let w = trailingBlankWidth(s, lo, hi); if w == 0 { break }; hi -= w }
        return s[lo..<hi]
    }

    /// Bytes of blank that end at `hi` (not before `lo`), 0 when none.
    @inline(__always) private static func trailingBlankWidth(_ s: Bytes, _ lo: Int, _ hi: Int) -> Int {
        let b = s[hi - 1]
        if b == space || b == tab { return 1 }
        // Most words end in a digit or a Han character's last byte: no blank ends there.
        if b >= 0x30, b <= 0x39 { return 0 }
        if b < 0x20 || b == 0x7F { return 1 }
        if b >= 0x80 {
            if hi - lo >= 2, s[hi - 2] == 0xC2, b == 0xA0 { return 2 }
            if hi - lo >= 3, whitespaceWidth(s[(hi - 3)..<hi], hi - 3) == 3 { return 3 }
            return 0
        }
        if b == 0x3B {
            for n in [6, 8] where hi - lo >= n && s[hi - n] == 0x26 && entityWidth(s, hi - n) == n { return n }
            return 0
        }
        // ESC [ params final: a terminal escape at the end.
        if b >= 0x40, b <= 0x7E {
            var k = hi - 2
            while k >= lo, s[k] >= 0x20, s[k] <= 0x3F { k -= 1 }
            if k - 1 >= lo, s[k] == 0x5B, s[k - 1] == 0x1B { return hi - (k - 1) }
        }
        return 0
    }

    static func isBlank(_ s: Bytes) -> Bool { trim(s).isEmpty }

    /// Pieces separated by blanks. Two runs of digits with one blank between them that is not
    /// a plain space (`3&nbsp;04`, `3\e[5m04`), or a space before digits that start with 0
    /// (`3 04`: no count is written `04`), are one word: the blank fell inside a number. Only
    /// a pair: a row whose every cell is so separated (`5&nbsp;1&nbsp;0`) keeps its cells.
    static func words(_ s: Bytes, into out: inout [Bytes]) {
        out.removeAll(keepingCapacity: true)
        var i = s.startIndex, start = s.startIndex
        // Bit k: the blank after word k may join it to word k + 1 (the first 64 words).
        var soft: UInt64 = 0
        while i < s.endIndex {
            var w = whitespaceWidth(s, i)
            // A control character is no separator: it stays inside its word, which is then one
            // number or unreadable (`3\e[5m04`, `3\e[5mab`), never two cells.
            if w > 0, s[i] < 0x20 && s[i] != tab || s[i] == 0x7F, start < i { i += w; w = 0; continue }
            if w > 0 {
                let wordEnded = start < i
                if wordEnded { out.append(s[start..<i]) }
                // One blank, not a plain separator, between two words: a candidate join.
                if wordEnded, out.count <= 64, i + w < s.endIndex, whitespaceWidth(s, i + w) == 0,
                   !isSeparatingBlank(s, i) || (s[i] == space && startsWithZeroDigits(s[(i + w)...])) {
                    soft |= 1 << UInt64(out.count - 1)
                }
                i += w
                start = i
            } else {
                i += 1
            }
        }
        if start < s.endIndex { out.append(s[start..<s.endIndex]) }
        guard soft != 0, out.count > 1 else { return }
        func joins(_ k: Int) -> Bool { k < 64 && soft & (1 << UInt64(k)) != 0 }
        var merged: [Bytes] = []
        var k = 0
        while k < out.count {
            let pair = k + 1 < out.count && joins(k) && isDigits(out[k]) && isDigits(out[k + 1])
            let before = k > 0 && joins(k - 1) && isDigits(out[k - 1]) && isDigits(out[k])
            let after = k + 2 < out.count && joins(k + 1) && isDigits(out[k + 2])
            if pair, !before, !after {
                merged.append(s[out[k].startIndex..<out[k + 1].endIndex])
                k += 2
            } else {
                merged.append(out[k])
                k += 1
            }
        }
        out = merged
    }

    /// `words(s)` for the common line: words between runs of plain spaces, nothing else that is
    /// blank, no blank a number may straddle (`3 04`). Fills `out` as `words` would and returns
    /// true; returns false (and `out` is to be ignored) for any line it does not cover, which
    /// `words` then reads. One pass, one mask test a byte.
    static func spaceSeparatedWords(_ s: Bytes, into out: inout [Bytes]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var i = s.startIndex, start = s.startIndex
        let end = s.endIndex
        while i < end {
            let b = s[i]
            guard mayStartBlank(b) else { i += 1; continue }
            if b != space {
                // A lead byte of a character that is no blank (`、` E3 80 81, `（` EF BC 88).
                guard b >= 0x80, whitespaceWidth(s, i) == 0 else { return false }
                i += 1
                continue
            }
            if start < i { out.append(s[start..<i]) }
            var k = i + 1
            while k < end, s[k] == space { k += 1 }
            // One space before `0` and another digit: `words` may join the two (`3 04`).
            if k == i + 1, k + 1 < end, s[k] == 0x30, s[k + 1] >= 0x30, s[k + 1] <= 0x39 { return false }
            i = k
            start = k
        }
        if start < end { out.append(s[start..<end]) }
        return true
    }

    /// ASCII or full-width digits only.
    static func isDigits(_ s: Bytes) -> Bool {
        guard !s.isEmpty else { return false }
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] >= 0x30, s[i] <= 0x39 { i += 1; continue }
            if s[i] == 0xEF, i + 2 < s.endIndex, s[i + 1] == 0xBC, s[i + 2] >= 0x90, s[i + 2] <= 0x99 { i += 3; continue }
            return false
        }
        return true
    }

    /// `0` followed by more digits (`04`), which no count is.
    private static func startsWithZeroDigits(_ s: Bytes) -> Bool {
        var end = s.startIndex
        while end < s.endIndex, s[end] >= 0x30, s[end] <= 0x39 { end += 1 }
        return end - s.startIndex >= 2 && s[s.startIndex] == 0x30
    }

    /// A word with blanks inside read as the number its digits make (`3&nbsp;04` → 304), or nil.
    static func numberAcrossBlanks(_ s: Bytes) -> Int? {
        var value = 0, digits = 0, i = s.startIndex, blanks = false
        while i < s.endIndex {
            let w = whitespaceWidth(s, i)
            if w > 0 { blanks = true; i += w; continue }
            if s[i] >= 0x30, s[i] <= 0x39 { value = value * 10 + Int(s[i] - 0x30); i += 1 }
            else if s[i] == 0xEF, i + 2 < s.endIndex, s[i + 1] == 0xBC, s[i + 2] >= 0x90, s[i + 2] <= 0x99 {
                value = value * 10 + Int(s[i + 2] - 0x90); i += 3
            } else { return nil }
            digits += 1
            if digits > 9 { return nil }
        }
        return blanks && digits > 0 ? value : nil
    }

    /// Whether a word holds a control character (a terminal escape, a stray C0 byte).
    static func hasControl(_ s: Bytes) -> Bool { s.contains { $0 < 0x20 && $0 != tab || $0 == 0x7F } }

    /// Markers a template uses for "no such case": read as 0, each noted on its cell.
    static let naMarkers: [String] = ["-", "—", "——", "–", "－", "/", "／", "\\", "无", "--", "―", "不适用", "*", "＊", "×", "✕",
                                       "╳", "—-", "-—", "---", "———", "－－", "∕"]
    private static let naMarkerBytes = naMarkers.map { Array($0.utf8) }

    /// Whether a trimmed word is an NA marker.
    @inline(__always) static func isNAMarker(_ s: Bytes) -> Bool {
        guard s.count <= 9, let f = s.first else { return false }
        // - / \ * and the lead bytes of — – ― × ✕ ╳ ∕ －／＊ 无 不 (2D 2F 5C 2A C3 E2 EF E6 E4)
        guard f == 0x2D || f == 0x2F || f == 0x5C || f == 0x2A || f == 0xC3 || f == 0xE2 || f == 0xEF || f == 0xE6 || f == 0xE4
        else { return false }
        // 无 and 不适用 are the only markers led by E6 / E4: most Han words end here.
        if f == 0xE6 { return s.count == 3 && s[s.startIndex + 1] == 0x97 && s[s.startIndex + 2] == 0xA0 }
        if f == 0xE4 { return s.count == 9 && s.elementsEqual(notApplicable) }
        return naMarkerBytes.contains { $0.count == s.count && s.elementsEqual($0) }
    }
    private static let notApplicable = Array("不适用".utf8)

    /// What one word of a table is, with what the reading needs noted: an NA marker is a blank
    /// read as 0, digits split by a blank are one number, a control character that leaves no
    /// number makes the cell unreadable (it keeps its column, it is never text).
    static func classifyCell(_ s: Bytes) -> (Cell.Kind, Cell.Mark) {
        if isNAMarker(s) { return (.blank, .naMarker) }
        let kind = classify(s)
        switch kind {
        case .number, .blank: return (kind, .none)
        default:
            if let n = numberAcrossBlanks(s) { return (.number(n, note: nil), .blankInside) }
            if hasControl(s) { return (.unreadable(TextSpan(s), reason: .notANumber), .none) }
            return (kind, .none)
        }
    }
}
