/// What one word of a table region is: a count (ASCII or full-width digits, perhaps with a
/// note or a unit after it), a blank marker, text, or a cell that should hold a count and does
/// not (`-5`, `3000000000`, `5x`, `NA`), which is then missing with an error, never guessed.

extension CellScanner {
    /// Blank markers a report uses for an empty cell.
    static let blankMarkers: [String] = ["-", "—", "——", "–", "－", "/", "／", "\\", "无", "--", "―"]

    /// What one trimmed piece of text is: a number (full-width digits allowed, an optional
    /// bracketed note or a unit such as 件 after it), a blank marker, text, or `.unreadable`:
    /// digits that are no count (too large for one, signed, a fraction, digits run into ASCII
    /// letters or symbols) and short ASCII words (`abc`, `NA`). Nothing is capped or guessed.
    static func classify(_ s: Bytes) -> Cell.Kind {
        if s.isEmpty { return .blank }
        // Fast paths for what most words are: a count in ASCII digits, and a word that starts
        // with a Han character (U+4E00–U+9FFF: lead byte E4–E9) and so is text, unless it is 无.
        if s.count <= 9, s.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .number(s.reduce(0) { $0 * 10 + Int($1 - 0x30) }, note: nil)
        }
        if let f = s.first, f >= 0xE4, f <= 0xE9, !isNone(s) { return .text(TextSpan(s)) }
        // A label: `（三）不予公开`, `(1)…`, or numbering before a Han character (`1.属于国家秘密`,
        // `2、…`, `3．…`). A count never starts with a bracket.
        if s.first == 0x28 || startsWithFullWidthParen(s) || isNumberedLabel(s) { return .text(TextSpan(s)) }
        // Compared as bytes: a String hash (with its Unicode normalisation) per word cost more.
        if s.count <= 6, blankMarkerBytes.contains(where: { s.elementsEqual($0) }) { return .blank }
        let str = String(decoding: s, as: UTF8.self)
        var scalars = Substring(str).unicodeScalars[...]
        // `-5`, `－5`, `−5`, `+5`: a count has no sign.
        var sign: Unicode.Scalar?
        if let f = scalars.first, signs.contains(f), let d = scalars.dropFirst().first, digit(d) != nil {
            sign = f
            scalars = scalars.dropFirst()
        }
        var value = 0, digits = 0, group = 0, grouped = false
        while let u = scalars.first {
            if let d = digit(u) {
                // No capping: past Int32.max the value is only known to be too large.
                if value <= Int(Int32.max) { value = value * 10 + Int(d) }
                digits += 1
                group += 1
            } else if u == "," || u == "，", digits > 0, group <= 3, !grouped || group == 3,
                      thousandsGroup(scalars.dropFirst()) {
                // thousands separators: 1,234 and 12,345,678 (a comma followed by three digits)
                grouped = true
                group = 0
            } else {
                break
            }
            scalars = scalars.dropFirst()
        }
        guard digits > 0 else {
            if let reason = wordReason(str) { return .unreadable(TextSpan(s), reason: reason) }
            return .text(TextSpan(s))
        }
        let rest = String(String.UnicodeScalarView(scalars)).trimmingSpaces
        var note: TextSpan?
        // `304.0` is how a spreadsheet export writes 304; units such as 件 say nothing more.
        let plain = rest.isEmpty || [".0", ".00", "件", "个", "次", "项", "人", "起", "人次", "件次"].contains(rest)
        if !plain {
            if rest.hasPrefix("（") || rest.hasPrefix("(") {
                // The note is what follows the digits; brackets and spaces go when it is shown.
                let offset = str.utf8.distance(from: str.startIndex, to: scalars.startIndex)
                note = TextSpan(start: s.startIndex + offset, end: s.endIndex)
            } else if let reason = restReason(rest) {
                return .unreadable(TextSpan(s), reason: reason)
            } else {
                // `1.属于国家秘密`, `2019年`: a label or prose.
                return .text(TextSpan(s))
            }
        }
        if let sign {
            return .unreadable(TextSpan(s), reason: "-－−–﹣".unicodeScalars.contains(sign) && value != 0 ? .negative : .signed)
        }
        if value > Int(Int32.max) { return .unreadable(TextSpan(s), reason: .tooLarge) }
        return .number(value, note: note)
    }

    static let signs = Set("-－−–﹣+＋".unicodeScalars)
    private static let blankMarkerBytes = blankMarkers.map { Array($0.utf8) }
    // Byte literals rather than static arrays: a static is a `swift_once` check at every use,
    // and these run for every word.
    /// 无 (E6 97 A0), a blank marker that starts like a Han word.
    private static func isNone(_ s: Bytes) -> Bool {
        s.count == 3 && s[s.startIndex] == 0xE6 && s[s.startIndex + 1] == 0x97 && s[s.startIndex + 2] == 0xA0
    }

    /// `（` (EF BC 88) at the start.
    static func startsWithFullWidthParen(_ s: Bytes) -> Bool {
        s.count >= 3 && s[s.startIndex] == 0xEF && s[s.startIndex + 1] == 0xBC && s[s.startIndex + 2] == 0x88
    }

    /// ASCII digits, then `.` `、` or `．`, then a Han character.
    fileprivate static func isNumberedLabel(_ s: Bytes) -> Bool {
        var i = s.startIndex
        while i < s.endIndex, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
        guard i > s.startIndex, i < s.endIndex else { return false }
        let sep: Int
        if s[i] == 0x2E { sep = 1 }
        else if s[i...].starts(with: [0xE3, 0x80, 0x81]) || s[i...].starts(with: [0xEF, 0xBC, 0x8E]) { sep = 3 }
        else { return false }
        let next = i + sep
        return next < s.endIndex && s[next] >= 0xE4 && s[next] <= 0xE9
    }

    /// The value of an ASCII or full-width digit.
    fileprivate static func digit(_ u: Unicode.Scalar) -> Int? {
        let v = u.value
        return (0x30...0x39).contains(v) ? Int(v - 0x30) : (0xFF10...0xFF19).contains(v) ? Int(v - 0xFF10) : nil
    }

    /// Whether `s` starts with exactly three digits (not four): what follows a thousands comma.
    fileprivate static func thousandsGroup(_ s: Substring.UnicodeScalarView.SubSequence) -> Bool {
        var n = 0
        for u in s.prefix(4) { if digit(u) != nil { n += 1 } else { break } }
        return n == 3
    }

    /// Full-width ASCII (`ｘ`, `％`) folded to ASCII.
    fileprivate static func halfWidth(_ u: Unicode.Scalar) -> Unicode.Scalar {
        (0xFF01...0xFF5E).contains(u.value) ? Unicode.Scalar(u.value - 0xFEE0)! : u
    }

    /// Why digits followed by `rest` are not a count, or nil when they may be text (a label's
    /// numbering `1.` `1、` `1)`, a year `2019年`). `304.5` is not a whole number; `5x`, `5%`,
    /// `12,34` (digits, then ASCII letters or symbols only) are not numbers.
    fileprivate static func restReason(_ rest: String) -> Unreadable? {
        let u = rest.unicodeScalars.map(halfWidth)
        guard let first = u.first, u.allSatisfy({ $0.isASCII && $0.value > 0x20 }) else { return nil }
        if first == ".", u.count > 1, u.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) { return .notWhole }
        if first == "." || first == ")" { return nil }
        return .notANumber
    }

    /// Why a short word of ASCII letters (`abc`, `NA`, `N/A`, `n.a.`) in a cell is not a number:
    /// no label or header of the two tables is one, so where it stands a number should be.
    fileprivate static func wordReason(_ s: String) -> Unreadable? {
        isLetterWord(s) ? .notANumber : nil
    }

    /// Up to eight ASCII (or full-width) letters, perhaps with `/` or `.` after the first.
    static func isLetterWord(_ s: String) -> Bool {
        guard let f = s.utf8.first, f < 0x80 || f == 0xEF, s.utf8.count <= 64 else { return false }
        let u = s.unicodeScalars.map(halfWidth)
        func letter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        let letters = u.filter(letter).count
        return letters > 0 && letters <= 8 && letter(u[0]) && u.allSatisfy { letter($0) || $0 == "/" || $0 == "." }
    }

    static func stripBrackets(_ s: String) -> String {
        var t = Substring(s)
        if t.hasPrefix("（") || t.hasPrefix("(") { t = t.dropFirst() }
        if t.hasSuffix("）") || t.hasSuffix(")") { t = t.dropLast() }
        return String(t)
    }
}
