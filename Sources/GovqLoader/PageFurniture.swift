/// Page furniture: what a PDF export leaves at every page break, in the middle of a table as
/// anywhere else. Form feeds, page numbers in any form (`- 7 -`, `— 7 —`, `-4-`, `第 4 页`,
/// `第4页 共12页`, `4/12`, `Page 4 of 12`, a bare `7` beside a form feed), however far they are
/// indented, and running headers or footers repeated at the page breaks. None of it is a cell.
///
/// A bare number is furniture only beside a form feed and only when it is the page it stands
/// on (allowing one offset for the whole file, as an unnumbered cover page gives): a table's
/// last cell before a page break is a cell.

import CGovqText

enum PageFurniture {
    static let leadingFormFeed: UInt8 = 1, trailingFormFeed: UInt8 = 2
    /// What a short line says as a page marker.
    enum Marker: Equatable {
        /// A marker whatever stands around it (`- 7 -`, `第 4 页`, `4/12`).
        case page
        /// Digits alone (`7`): a page number only beside a form feed.
        case bare(Int)
    }

    /// The furniture lines of `lines` (true = carries nothing), or `[]` when there is none.
    /// `formFeeds[i]` says whether line `i` had a form feed at its start or end (already cut
    /// off), or is empty when the text has none. `candidates`, when given, are the only lines
    /// that can pass the first test below (`govq_lines`' copy of it): the others are not visited.
    static func find(_ lines: TextLines, formFeeds: [UInt8], candidates: [Int]?) -> [Bool] {
        var marks: [Bool] = []
        func mark(_ i: Int) {
            if marks.isEmpty { marks = Array(repeating: false, count: lines.count) }
            marks[i] = true
        }
        var bare: [(line: Int, number: Int)] = []
        let formFed = !formFeeds.isEmpty
        for i in candidates ?? Array(0..<lines.count) {
            let line = lines[i]
            if line.first == 0x5B, line.starts(with: TextLines.imageMarker) { mark(i); continue }
            // Most lines are told apart by their first byte, no trimming: a Han character that is
            // not 第 or 共, or (without form feeds) a cell of digits alone.
            var k = line.startIndex
            while k < line.endIndex, line[k] == 0x20 || line[k] == 0x09 { k += 1 }
            guard k < line.endIndex, line.endIndex - k <= 64 else { continue }
            // The first byte first (no scan): a Han character that is not 第 or 共 starts no marker.
            let f = line[k]
            if f >= 0xE4, f <= 0xE9, !(f == 0xE7 && line[k...].starts(with: [0xE7, 0xAC, 0xAC])),
               !(f == 0xE5 && line[k...].starts(with: [0xE5, 0x85, 0xB1])) { continue }
            // Every marker holds a digit (ASCII, or full-width after an EF): `-`, `—`, `无` alone end here.
            if !(f >= 0x30 && f <= 0x39), !line[k...].contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0xEF }) { continue }
            if f >= 0x30, f <= 0x39 {
                var d = k, n = 0
                while d < line.endIndex, line[d] >= 0x30, line[d] <= 0x39 { if d - k < 5 { n = n * 10 + Int(line[d] - 0x30) }; d += 1 }
                // Digits alone matter only beside form feeds; else only `4/12`, `4 / 12`, `4 of 12`, `4／12`.
                if d == line.endIndex {
                    // What `marker` says of them (trimmed, they are the digits): a bare number of
                    // one to four digits not led by 0. Most candidates in a page-broken table.
                    if formFed, line.count <= 160, d - k <= 4, f != 0x30 { bare.append((i, n)) }
                    continue
                }
                if !(line[d] == 0x2F || line[d] == 0x20 || line[d] == 0xEF) { continue }
            } else if f < 0x80 {
                // `-` `~` `Page`: no other ASCII starts a marker.
                if !(f == 0x2D || f == 0x7E || f == 0x50 || f == 0x70) { continue }
            } else if f == 0xEF {
                // － and full-width digits (EF BC 8D, EF BC 90–99), not （ or other full-width forms.
                guard k + 2 < line.endIndex, line[k + 1] == 0xBC, line[k + 2] == 0x8D || (line[k + 2] >= 0x90 && line[k + 2] <= 0x99)
                else { continue }
            }
            // Another Han character than 第 共 页 (`1．属于国家秘密`, `第二十条第（一）项`): `marker`
            // says none, as it would after trimming (no blank holds a Han byte).
            if holdsHanBesidesPageWords(line[k...]) { continue }
            switch marker(line) {
            case .page?: mark(i)
            case .bare(let n)?: bare.append((i, n))
            case nil: break
            }
        }
        guard !formFeeds.isEmpty || !marks.isEmpty else { return marks }

        // Bare numbers beside a form feed, on the page they name (one offset for the file).
        var page = [Int](repeating: 1, count: lines.count)
        if !formFeeds.isEmpty {
            // A line is on the page after every form feed before its text.
            var p = 1, from = 0
            for i in 0..<lines.count {
                let start = lines.ranges[i].lowerBound
                if formFeeds[i] != 0 || (i > 0 && formFeeds[i - 1] != 0) {
                    for k in from..<start where lines.bytes[k] == 0x0C { p += 1 }
                }
                from = max(from, lines.ranges[i].upperBound)
                page[i] = p
            }
            // Keyed by the side of the form feed and the offset: a file prints its page numbers
            // all at the foot or all at the head of its pages.
            let beside = bare.map { ($0.line, $0.number, formFeedSide($0.line, lines, formFeeds)) }.filter { $0.2 != 0 }
            var offsets: [Int: Int] = [:]
            for b in beside { offsets[(b.1 - page[b.0] + 8) * 4 + b.2, default: 0] += 1 }
            // Page numbers come at (nearly) every break, all with one offset; a file that prints
            // its page numbers in another form does not print them bare too.
            let breaks = page[lines.count - 1] - 1
            if marks.isEmpty || !marks.indices.contains(where: { marks[$0] && !isImage(lines, $0) }),
               let (key, hits) = offsets.max(by: { $0.value < $1.value || ($0.value == $1.value && abs($0.key / 4 - 8) > abs($1.key / 4 - 8)) }),
               abs(key / 4 - 8) <= 2, hits * 2 >= breaks, hits >= 2 || key / 4 == 8 {
                for b in beside where (b.1 - page[b.0] + 8) * 4 + b.2 == key { mark(b.0) }
            }
        }

        // Running headers and footers: the same text next to two page breaks or more.
        var breaks: [Int] = []
        for i in 0..<lines.count where (!formFeeds.isEmpty && formFeeds[i] != 0) || (!marks.isEmpty && marks[i] && !isImage(lines, i)) {
            breaks.append(i)
        }
        var seen = RepeatedTexts()
        for b in breaks {
            for step in [-1, 1] {
                var i = b
                // The break line itself when it holds text (`\f某某区…年度报告`).
                if step == 1, !formFeeds.isEmpty, formFeeds[b] & leadingFormFeed != 0, !(marks.isEmpty ? false : marks[b]), !CellScanner.isBlank(lines[b]) {
                    i = b - 1
                }
                i += step
                while i >= 0, i < lines.count, CellScanner.isBlank(lines[i]) || (!marks.isEmpty && marks[i]) { i += step }
                // An ASCII line is never a running header (`isText`): not grouped.
                guard i >= 0, i < lines.count, lines[i].count < 300, lines[i].contains(where: { $0 >= 0x80 }) else { continue }
                seen.add(lines[i], line: i)
            }
        }
        // Beside three breaks or more it is a header even when it reads like a row label (a
        // 信访局's name is near 信访举报投诉类申请): a row is printed once, not on every page.
        for (text, at) in seen.groups(seenAtLeast: 2) where at.count >= 3 ? isText(text) : at.count >= 2 && isHeaderText(text) { for i in at { mark(i) } }
        return marks
    }

    /// Whether a text repeated at page breaks may be a running header: not a number, not a row
    /// label, at least a place's name (`拱墅区`).
    private static func isHeaderText(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard isText(text) else { return false }
        if RowLabels.group(in: bytes) != nil || RowLabels.leaf(in: bytes, rowsBegun: true, group: nil) != nil { return false }
        return true
    }

    /// How many runs of digits (ASCII or full-width) `t` holds.
    private static func digitRuns(_ t: Bytes) -> Int {
        var runs = 0, inRun = false, k = t.startIndex
        while k < t.endIndex {
            var width = 0
            if t[k] >= 0x30, t[k] <= 0x39 { width = 1 }
            else if t[k] == 0xEF, k + 2 < t.endIndex, t[k + 1] == 0xBC, t[k + 2] >= 0x90, t[k + 2] <= 0x99 { width = 3 }
            if width > 0 { if !inRun { runs += 1 }; inRun = true; k += width } else { inRun = false; k += 1 }
        }
        return runs
    }

    /// Words, not a number: three characters at least, not all ASCII.
    private static func isText(_ text: String) -> Bool {
        text.unicodeScalars.count >= 3 && !text.unicodeScalars.allSatisfy({ $0.isASCII })
    }

    private static func isImage(_ lines: TextLines, _ i: Int) -> Bool { lines[i].starts(with: TextLines.imageMarker) }

    /// Where a form feed stands next to line `i`: 1 before it (the line opens a page), 2 after
    /// it (the line ends one), 0 none; blank lines between do not count.
    private static func formFeedSide(_ i: Int, _ lines: TextLines, _ formFeeds: [UInt8]) -> Int {
        if formFeeds[i] & trailingFormFeed != 0 { return 2 }
        if formFeeds[i] & leadingFormFeed != 0 { return 1 }
        for step in [1, -1] {
            var k = i + step
            while k >= 0, k < lines.count {
                let blank = CellScanner.isBlank(lines[k])
                // After: a form feed at the start of the line below; before: at the end of the line above.
                if formFeeds[k] & (blank ? 3 : step > 0 ? leadingFormFeed : trailingFormFeed) != 0 { return step > 0 ? 2 : 1 }
                if !blank { break }
                k += step
            }
        }
        return 0
    }

    /// What a line says as a page marker, or nil. Only short lines are looked at, however far
    /// they are indented.
    static func marker(_ line: Bytes) -> Marker? {
        // Most lines are prose (long) or one cell: both are told apart on bytes, no String built.
        guard line.count <= 160 else { return nil }
        let t = CellScanner.trim(line)
        guard !t.isEmpty, t.count <= 48 else { return nil }
        let f = t[t.startIndex]
        if f >= 0x30, f <= 0x39 {
            var n = 0, k = t.startIndex
            while k < t.endIndex, t[k] >= 0x30, t[k] <= 0x39 { if n < 100_000 { n = n * 10 + Int(t[k] - 0x30) }; k += 1 }
            if k == t.endIndex { return t.count <= 4 && f != 0x30 ? .bare(n) : nil }
            // `1．属于国家秘密`: a row's numbering, never a marker (and most of the lines that get here).
            if t[k] == 0xEF, k + 2 < t.endIndex, t[k + 1] == 0xBC, t[k + 2] == 0x8E { return nil }
            // `4/12`, `4 / 12`, `4 of 12`: a digit, then a slash, a space or a full-width slash.
            guard t[k] == 0x2F || t[k] == 0x20 || t[k] == 0xEF else { return nil }
            // ASCII without a slash or an `o` (no `4 / 12`, no `4 of 12`), such as a row of counts
            // (`0 5 5 0 10`): answered on the bytes, no String.
            if isPlainASCII(t) { return plainMarker(t) }
        } else {
            let b1 = t.count > 1 ? t[t.startIndex + 1] : 0, b2 = t.count > 2 ? t[t.startIndex + 2] : 0
            // `-` `~` `P` `p`, or — – ― (E2 80 9x), ─ (E2 94 80), • (E2 80 A2), － (EF BC 8D), 第 (E7 AC AC),
            // 共 (E5 85 B1), · (C2 B7): nothing else starts a marker. An NA marker alone is none.
            let starts = f == 0x2D || f == 0x7E || ((f == 0x50 || f == 0x70) && b1 == 0x61)
                || (f == 0xE2 && ((b1 == 0x80 && ((b2 >= 0x92 && b2 <= 0x95) || b2 == 0xA2)) || (b1 == 0x94 && b2 == 0x80) || b1 == 0x88))
                || (f == 0xEF && b1 == 0xBC && (b2 == 0x8D || (b2 >= 0x90 && b2 <= 0x99)))
                || (f == 0xE7 && b1 == 0xAC && b2 == 0xAC) || (f == 0xE5 && b1 == 0x85 && b2 == 0xB1) || (f == 0xC2 && b1 == 0xB7)
            guard starts, !CellScanner.isNAMarker(t) else { return nil }
            // Every marker holds a digit.
            guard t.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) || hasFullWidthDigit(t) else { return nil }
        }
        // Every form `markerByText` knows is digits, dashes, slashes, `page` and `of`, and in Han
        // only 第 共 页: a line holding another Han character (a row label, prose numbered
        // `1 …`) is none, told on its bytes without the String.
        if holdsHanBesidesPageWords(t) { return nil }
        // A line whose normalised text is ASCII, dashes and 第 共 页 (a row of counts and
        // dashes, `- 7 -`, `— 7 —`, `第4页 共12页`, full-width digits `１２`, `Page 4 of 12`): read
        // on its bytes.
        let onBytes = scalarMarker(t)
        return onBytes.decided ? onBytes.marker : markerByText(t)
    }

    /// What `markerByText` says of a line whose normalised text holds only scalars that are
    /// one character each and case-free or ASCII (`knownScalar`: ASCII, the dashes, 第 共 页 、),
    /// read on the bytes `RowLabels.normalize` makes of it (blanks and quotes dropped,
    /// full-width forms made ASCII) as `markerByText` reads its String: digits alone are a bare
    /// number; digits framed by dashes with one run of digits as printed, a page between
    /// slashes (`4/12`, the page not past the total), `第4页`, `第4页 共12页`, `page N`,
    /// `N of M` and `page N of M` a page. Not `decided` when another scalar is left (a
    /// combining mark would join a character, a case mapping change it), or the bytes are not
    /// valid UTF-8 (which the String would repair). Building that String cost 18,000
    /// instructions a line, a fifth of the page-furniture pass.
    static func scalarMarker(_ t: Bytes) -> (decided: Bool, marker: Marker?) {
        guard t.count <= 64, t.allSatisfy({ $0 < 0x80 }) || govq_utf8_valid(t.base.baseAddress! + t.startIndex, t.count) != 0 else {
            return (false, nil)
        }
        // On the stack, no array (a page marker a page: 2,000 instructions each, most of them
        // allocating, on page-broken reports).
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &buffer) { raw in
            let out = raw.bindMemory(to: UInt8.self)
            let n = RowLabels.normalize(utf8: UnsafeBufferPointer(rebasing: t), into: out)
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { s in
                var count = 0, k = 0
                while k < n {
                    let b = out[k]
                    if b < 0x80 { s[count] = UInt32(b); count += 1; k += 1; continue }
                    guard let (v, len) = RowLabels.scalar(UnsafeBufferPointer(rebasing: out[..<n]), at: k), knownScalar(v) else {
                        return (false, nil)
                    }
                    s[count] = v
                    count += 1
                    k += len
                }
                return (true, marker(normalized: UnsafeBufferPointer(rebasing: s[..<count]), raw: t))
            }
        }
    }

    /// The scalars besides ASCII that `scalarMarker` reads: each is a character of its own
    /// (no combining mark, no joiner) and has no case.
    private static func knownScalar(_ v: UInt32) -> Bool {
        dashes.contains(Unicode.Scalar(v)!) || v == 0x7B2C || v == 0x5171 || v == 0x9875 || v == 0x3001 || v == 0xFF0C
    }

    /// `markerByText` on the normalised scalars `s` (ASCII and `knownScalar`s) of the line `t`.
    private static func marker(normalized s: UnsafeBufferPointer<UInt32>, raw t: Bytes) -> Marker? {
        guard !s.isEmpty else { return nil }
        let isDigit = { (v: UInt32) in v >= 0x30 && v <= 0x39 }
        // `markerByText`'s `digits`: one to four ASCII digits, not led by 0.
        func digits(_ a: Slice<UnsafeBufferPointer<UInt32>>) -> Int? {
            guard !a.isEmpty, a.count <= 4, a.allSatisfy(isDigit), a.first != 0x30 else { return nil }
            return a.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        if let n = digits(s[...]) { return .bare(n) }
        let dash = { (v: UInt32) in v < 0x80 ? v == 0x2D || v == 0x7E : dashes.contains(Unicode.Scalar(v)!) }
        var lo = 0, hi = s.count
        while lo < hi, dash(s[lo]) { lo += 1 }
        while hi > lo, dash(s[hi - 1]) { hi -= 1 }
        if lo > 0, hi < s.count, digits(s[lo..<hi]) != nil, digitRuns(t) == 1 { return .page }
        if let slash = s.firstIndex(of: 0x2F), let p = digits(s[..<slash]), let n = digits(s[(slash + 1)...]), p <= n { return .page }
        // `第 4 页`, `第4页 共12页`, …: 第 or 共, one to four digits, 页, with , / 、 between.
        let di = UInt32(0x7B2C), gong = UInt32(0x5171), ye = UInt32(0x9875)
        if s.contains(ye) {
            var r = 0, found = false
            while r < s.count {
                if s[r] == di || s[r] == gong {
                    var e = r + 1
                    while e < s.count, isDigit(s[e]) { e += 1 }
                    guard e > r + 1, e - r - 1 <= 4, e < s.count, s[e] == ye else { return nil }
                    found = found || s[r] == di
                    r = e + 1
                } else if s[r] == 0x2C || s[r] == 0xFF0C || s[r] == 0x2F || s[r] == 0x3001 {
                    r += 1
                } else {
                    return nil
                }
            }
            return found ? .page : nil
        }
        // Lowercased, `page` taken off the front, the rest split at each `of` (as
        // `components(separatedBy:)` splits, left to right): one part or two, each digits.
        // Lowercasing changes no digit, so each part is read as printed.
        let lower = { (i: Int) -> UInt32 in s[i] >= 0x41 && s[i] <= 0x5A ? s[i] | 0x20 : s[i] }
        let page = s.count >= 4 && lower(0) == 0x70 && lower(1) == 0x61 && lower(2) == 0x67 && lower(3) == 0x65
        var parts = 0, allDigits = true, from = page ? 4 : 0, k = from
        while k + 1 < s.count {
            if lower(k) == 0x6F, lower(k + 1) == 0x66 {
                parts += 1
                allDigits = allDigits && digits(s[from..<k]) != nil
                k += 2
                from = k
            } else {
                k += 1
            }
        }
        parts += 1
        allDigits = allDigits && digits(s[from...]) != nil
        if parts <= 2, allDigits, page || parts == 2 { return .page }
        return nil
    }

    /// Whether a trimmed line is ASCII with no slash and no `o` or `O`: no `4 / 12`, no `4 of 12`.
    static func isPlainASCII(_ t: Bytes) -> Bool { t.allSatisfy { $0 < 0x80 && $0 != 0x2F && $0 | 0x20 != 0x6F } }

    /// What `markerByText` says of a plain ASCII line (`isPlainASCII`) that starts with a digit:
    /// a bare page number when the line is four digits or fewer once the blanks are out (`1 2`
    /// reads as 12, as the normalised text does), else nothing: no dash frames it, no slash or
    /// `of` divides it, no 页 names it.
    static func plainMarker(_ t: Bytes) -> Marker? {
        var n = 0, digits = 0, first: UInt8 = 0
        for b in t where !RowLabels.isDroppedASCII(b) {
            guard b >= 0x30, b <= 0x39, digits < 4 else { return nil }
            if digits == 0 { first = b }
            digits += 1
            n = n * 10 + Int(b - 0x30)
        }
        return digits > 0 && first != 0x30 ? .bare(n) : nil
    }

    /// What a trimmed line that may be a marker says, read from its normalised text.
    static func markerByText(_ t: Bytes) -> Marker? {
        let s = Array(RowLabels.normalize(String(decoding: t, as: UTF8.self)).unicodeScalars)
        guard !s.isEmpty else { return nil }
        func digits(_ a: ArraySlice<Unicode.Scalar>) -> Int? {
            guard !a.isEmpty, a.count <= 4, a.allSatisfy({ ("0"..."9").contains($0) }), a.first != "0" else { return nil }
            return Int(String(String.UnicodeScalarView(a)))
        }
        // Digits alone.
        if let n = digits(s[...]) { return .bare(n) }
        // `- 7 -`, `— 7 —`, `~7~`, `·7·`, `(7)` is no marker (a note, a numbering).
        var lo = 0, hi = s.count
        while lo < hi, dashes.contains(s[lo]) { lo += 1 }
        while hi > lo, dashes.contains(s[hi - 1]) { hi -= 1 }
        // One number between the dashes as printed: `-	-	6	4	10	-` is a row of cells whose
        // blanks normalising took out, not page 6410.
        if lo > 0, hi < s.count, digits(s[lo..<hi]) != nil, digitRuns(t) == 1 { return .page }
        let text = String(String.UnicodeScalarView(s))
        // `4/12`, `4 / 12`, `4／12`: a page of a total, the page not past the total.
        if let slash = s.firstIndex(of: "/"), let p = digits(s[..<slash]), let n = digits(s[(slash + 1)...]), p <= n { return .page }
        // `第 4 页`, `第4页 共12页`, `第4页/共12页`, `第 4 页，共 12 页`, `共12页 第4页`.
        if text.includes("页") {
            var rest = Substring(text)
            var found = false
            while !rest.isEmpty {
                if rest.hasPrefix("第") || rest.hasPrefix("共") {
                    let body = rest.dropFirst()
                    let num = body.prefix(while: { $0.isASCII && $0.isNumber })
                    guard !num.isEmpty, num.count <= 4, body.dropFirst(num.count).hasPrefix("页") else { return nil }
                    found = found || rest.hasPrefix("第")
                    rest = body.dropFirst(num.count + 1)
                } else if let c = rest.first, ",，/、".contains(c) {
                    rest = rest.dropFirst()
                } else {
                    return nil
                }
            }
            return found ? .page : nil
        }
        // `Page 4`, `Page 4 of 12`, `4 of 12`.
        let lower = text.lowercased()
        let body = lower.hasPrefix("page") ? lower.dropFirst(4) : Substring(lower)
        let parts = body.components(separatedBy: "of")
        if parts.count <= 2, parts.allSatisfy({ digits(Array($0.unicodeScalars)[...]) != nil }), lower.hasPrefix("page") || parts.count == 2 {
            return .page
        }
        return nil
    }

    /// Whether `t` holds a Han character (a lead byte E4–E9 and two continuation bytes: one
    /// scalar however the bytes around it decode) other than 第 (E7 AC AC), 共 (E5 85 B1) and
    /// 页 (E9 A1 B5). Normalising copies such a character as it is.
    static func holdsHanBesidesPageWords(_ t: Bytes) -> Bool {
        var k = t.startIndex
        while k + 2 < t.endIndex {
            let f = t[k]
            if f >= 0xE4, f <= 0xE9, t[k + 1] & 0xC0 == 0x80, t[k + 2] & 0xC0 == 0x80 {
                let c = UInt32(f) << 16 | UInt32(t[k + 1]) << 8 | UInt32(t[k + 2])
                if c != 0xE7ACAC, c != 0xE585B1, c != 0xE9A1B5 { return true }
                k += 3
            } else {
                k += 1
            }
        }
        return false
    }

    /// Whether a full-width digit (EF BC 90–99) occurs.
    private static func hasFullWidthDigit(_ t: Bytes) -> Bool {
        var k = t.startIndex
        while k + 2 < t.endIndex {
            if t[k] == 0xEF, t[k + 1] == 0xBC, t[k + 2] >= 0x90, t[k + 2] <= 0x99 { return true }
            k += 1
        }
        return false
    }

    /// Dashes and dots that frame a page number: - — – ― ~ · • ─.
    private static let dashes: Set<Unicode.Scalar> = ["-", "\u{2014}", "\u{2013}", "\u{2015}", "~", "\u{00B7}", "\u{2022}", "\u{2500}",
                                                     "\u{2012}", "\u{2212}"]
}
