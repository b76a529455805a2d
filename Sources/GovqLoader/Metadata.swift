/// Report metadata: the year reported on, the issuing body (unit) and the place (district).
/// The title names both, though titles are split over lines (`济南市历城区2019年` /
/// `政府信息公开工作年度报告`, `2019年下城区政府信息公开` / `年度工作报告`) and web pages put
/// navigation before them. The publication date at the end is never the year.

import CGovqText

struct ReportMetadata: Sendable, Equatable {
    var unit: String?
    var district: String?
    var year: Int?
    /// 0-based line of the title, when one was found.
    var titleLine: Int?
    /// Where the unit came from when no title named it (`the contact sentence on line 80`).
    var unitSource: String?
}

enum Metadata {
    /// Reads the metadata from the lines before the applications table.
    static func read(_ lines: TextLines, before limit: Int) -> ReportMetadata {
        var meta = ReportMetadata()
        // The nearest non-empty line before this one, normalised only when a title needs it:
        // most lines before the table are prose that cannot be a title.
        var previous: Int?
        for i in 0..<min(limit, lines.count) where !lines.isImage(i) {
            let line = lines[i]
            // A title ends with 报告 or 年报, or holds 年度报告: all hold 报.
            guard meta.unit == nil, line.offset(of: bao) != nil else {
                if !isBlankWhenNormalized(line) { previous = i }
                continue
            }
            var s = normalizedText(lines, i).withoutTitleMarks
            // A crawler's header line: `标题: 某某区…年度报告`.
            if mayStartCrawlerHeader(s) {
                for prefix in ["标题:", "标题：", "文章标题:", "title:", "Title:"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
            }
            if s.isEmpty { continue }
            defer { previous = i }
            // A title run into the text after it (a crawler joins a page's paragraphs:
            // `临淄区人民政府办公室 2019年政府信息公开工作年度报告 一、总体情况 2019年，…`): the
            // blank-separated words that end in 报告.
            if !s.endsWith("报告"), s.includes("。") || s.includes("，"), case let parts = FlattenedTable.titleApart(Array(line)), parts.count > 1,
               let title = parts.first(where: { p in String(decoding: p, as: UTF8.self).trimmingSpaces.hasSuffix("报告") }) {
                s = RowLabels.normalize(String(decoding: title, as: UTF8.self)).withoutTitleMarks
            }
            guard s.endsWith("报告") || s.endsWith("年报") || s.includes("年度报告") else { continue }
            // A sentence that mentions a report (`本报告根据…《关于政府信息公开工作年度报告有关事项的通知》…。`)
            // is not a title.
            if s.includes("。") || s.includes("；") { continue }
            // The unit is before the year or before 政府信息公开; when this line names no unit
            // (`2021年度政府信息公开工作报告`, `年度工作报告`), it is on the line above, blank
            // lines apart.
            var parsed = s.includes("信息公开") ? parseTitle(s) : nil
            if parsed == nil, let p = previous.map({ normalizedText(lines, $0).withoutTitleMarks }), !p.includes("。") {
                let title = p + s
                if title.includes("信息公开") { parsed = parseTitle(title) }
            }
            guard let (unit, y) = parsed else { continue }
            meta.unit = unit
            meta.year = y
            meta.titleLine = i
            if y != nil { break }
        }
        if meta.year == nil { meta.year = statisticsYear(lines, before: limit) }
        if meta.unit == nil, let (u, line) = unitFromProse(lines) {
            meta.unit = u
            meta.unitSource = "the sentence on line \(line + 1)"
        }
        if let u = meta.unit { meta.district = district(of: u) }
        return meta
    }

    /// The issuing body where no title names it: the contact sentence (`请与某某区人民政府办公室
    /// 联系`), the body that calls itself 本机关 / 本单位 (`某某区民政局（以下简称本机关）`), or
    /// the one that drew the report up (`本报告由某某区民政局编制`). Looked for only then: it
    /// reads every line.
    static func unitFromProse(_ lines: TextLines) -> (String, Int)? {
        let forms: [(String, String)] = [("请与", "联系"), ("请联系", "。"), ("本报告由", "编制"), ("由", "负责编制")]
        for i in 0..<lines.count {
            let s = normalizedText(lines, i)
            for (open, close) in forms {
                guard let a = s.byteRange(of: open) else { continue }
                let rest = String(s[a.upperBound...])
                guard let b = rest.byteRange(of: close) else { continue }
                if let u = bodyName(String(rest[..<b.lowerBound])) { return (u, i) }
            }
            for marker in ["(以下简称本机关", "(以下简称本单位", "(以下简称本局", "(以下简称本委", "(以下简称本办"] {
                guard let r = s.byteRange(of: marker) else { continue }
                // Back to the start of the sentence or clause.
                var head = String(s[..<r.lowerBound])
                if let cut = head.unicodeScalars.lastIndex(where: { "。；，,;:：".unicodeScalars.contains($0) }) {
                    head = String(head.unicodeScalars[head.unicodeScalars.index(after: cut)...])
                }
                if let u = bodyName(head) { return (u, i) }
            }
        }
        return nil
    }

    /// Text that names a body: 2–30 characters, no punctuation, ending like a body's name.
    private static func bodyName(_ text: String) -> String? {
        var t = text
        for lead in ["我们", "本机关", "我单位", "我局", "我办"] where t.hasPrefix(lead) { t.removeFirst(lead.count) }
        let u = t.unicodeScalars
        guard u.count >= 2, u.count <= 30, !u.contains(where: { "，。；：、,;:()（）“”0123456789".unicodeScalars.contains($0) }) else { return nil }
        let endings = ["政府", "办公室", "办公厅", "委员会", "管委会", "局", "委", "办", "院", "中心", "所", "处", "站", "队", "厅", "区", "县", "市",
                       "街道", "镇", "乡", "旗"]
        return endings.contains(where: { t.endsWith($0) }) ? t : nil
    }

    private static let bao = Array("报".utf8)

    /// `RowLabels.normalize(lines.text(i))`, normalised straight from the line's bytes when they
    /// are valid UTF-8 (then they are the String's bytes): one String made, not two.
    static func normalizedText(_ lines: TextLines, _ i: Int) -> String {
        let line = UnsafeBufferPointer(rebasing: lines[i])
        guard !line.isEmpty else { return "" }
        guard govq_utf8_valid(line.baseAddress!, line.count) != 0 else { return RowLabels.normalize(lines.text(i)) }
        return String(unsafeUninitializedCapacity: line.count) { RowLabels.normalize(utf8: line, into: $0) }
    }

    /// Whether `s` can start with a crawler's `标题:` or `title:`: its first scalar is 标, 文, t
    /// or T, or a CJK compatibility ideograph (U+F900 on), the only other scalars a Character
    /// equal to 标 or 文 can start with. Most lines fail this at once, where `hasPrefix`
    /// compared Characters five times.
    static func mayStartCrawlerHeader(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        return first == "标" || first == "文" || first == "t" || first == "T" || first.value >= 0xF900
    }

    /// Whether a line is empty once normalised (white space, quotes and 《》 only), without
    /// building the normalised text.
    static func isBlankWhenNormalized(_ line: Bytes) -> Bool {
        let bytes = UnsafeBufferPointer(rebasing: line)
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                if !RowLabels.isDroppedASCII(bytes[i]) { return false }
                i += 1
                continue
            }
            guard let (v, len) = RowLabels.scalar(bytes, at: i) else { return true }
            if !(RowLabels.isWhitespaceOrQuote(v) || v == 0x300A || v == 0x300B) { return false }
            i += len
        }
        return true
    }

    /// `临淄区人民政府办公室2019年政府信息公开工作年度报告` → (临淄区人民政府办公室, 2019).
    static func parseTitle(_ title: String) -> (String, Int?)? {
        var t = title
        let y = year(in: t)
        if let y {
            // The forms made one at a time: most titles hold the first.
            for suffix in ["年度", "年", ""] {
                let form = String(y) + suffix
                guard t.includes(form) else { continue }
                t = t.removingAll(form)
                break
            }
        }
        if t.utf8.starts(with: "关于".utf8) { t.removeFirst(2) }
        guard let r = t.byteRange(of: "政府信息公开") ?? t.byteRange(of: "信息公开") else { return nil }
        var unit = String(t[..<r.lowerBound])
        // `…市人民政府信息公开…`: 人民 belongs to the body's name.
        if unit.endsWith("人民") { unit += "政府" }
        if unit.endsWith("年度") { unit.removeLast(2) }
        guard !unit.isEmpty, unit.unicodeScalars.count <= 40, !unit.unicodeScalars.contains(where: isNavigation) else { return nil }
        return (unit, y)
    }

    /// Characters of web-page navigation (`首页 > 政务公开 > …`): a line with one is no title.
    private static func isNavigation(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3E, 0x7C, 0x2F, 0x3A, 0xFF1A: true   // > | / : ：
        default: false
        }
    }

    /// The first `20xx` followed by 年 in `s` (compared as UTF-8 bytes: the digits are ASCII,
    /// 年 is E5 B9 B4).
    static func year(in s: String) -> Int? {
        // Read in place (no copy of the bytes into an array).
        var s = s
        return s.withUTF8 { u in
            func digit(_ i: Int) -> Bool { u[i] >= 0x30 && u[i] <= 0x39 }
            var i = 0
            while i + 6 < u.count {
                if u[i] == 0x32, u[i + 1] == 0x30, digit(i + 2), digit(i + 3), u[i + 4] == 0xE5, u[i + 5] == 0xB9, u[i + 6] == 0xB4,
                   i == 0 || !digit(i - 1) {
                    return 2000 + Int(u[i + 2] - 0x30) * 10 + Int(u[i + 3] - 0x30)
                }
                i += 1
            }
            return nil
        }
    }

    /// The year of `本报告所列数据的统计期限自2020年1月1日起…`.
    static func statisticsYear(_ lines: TextLines, before limit: Int) -> Int? {
        for i in 0..<min(limit, lines.count) {
            let s = normalizedText(lines, i)
            if let r = s.byteRange(of: "统计期限"), let y = year(in: String(s[r.upperBound...])) { return y }
        }
        for i in 0..<min(limit, lines.count) {
            let s = normalizedText(lines, i)
            if let r = s.byteRange(of: "年度"), let y = year(in: String(s[..<r.upperBound])) { return y }
        }
        return nil
    }

    static let bodySuffixes: [[UInt8]] = [
        "人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "人民政府", "管理委员会办公室", "管委会办公室", "管理委员会",
        "管委会", "党政办公室", "党工委", "办公室", "政府",
    ].map { Array($0.utf8) }
    /// 省市州盟县区旗镇乡, each as its three UTF-8 bytes.
    static let placeSuffixes: [UInt32] = "省市州盟县区旗镇乡".unicodeScalars.map { code(Array(String($0).utf8), 0) }

    /// The place a body belongs to: `临淄区人民政府办公室` → `临淄区`, `青岛市城阳区人民政府` →
    /// `青岛市城阳区`; a department (`…区市场监督管理局`) gives the prefix through its last place
    /// suffix that ends a place name rather than sitting inside a word of the department's name
    /// (`城市管理局`, `住房和城乡建设局`, `市场监督管理局`). Works on UTF-8 bytes: every suffix
    /// and word here is Chinese, three bytes a character, and UTF-8 cannot match one mid-character.
    static func district(of unit: String) -> String {
        var u = Array(unit.utf8)
        var changed = true
        while changed {
            changed = false
            // `u.count > s.count`: something is left before the suffix.
            for s in bodySuffixes where u.count > s.count && u.matches(s, at: u.count - s.count) {
                u.removeLast(s.count)
                changed = true
                break
            }
        }
        if isPlaceSuffix(u, at: u.count - 3) || (u.count >= 6 && u.matches(jiedao, at: u.count - 6)) { return String(decoding: u, as: UTF8.self) }
        var cut: Int?
        var i = 0
        while i < u.count {
            // Not the first character: a name is more than its suffix.
            if i > 0, isPlaceSuffix(u, at: i), !insideWord(u, at: i) { cut = i }
            i += RowLabels.characterWidth(u[i])
        }
        return String(decoding: cut.map { u[..<($0 + 3)] } ?? u[...], as: UTF8.self)
    }

    private static let jiedao = Array("街道".utf8)

    /// The three bytes at `i` as one number (0 when fewer are left).
    private static func code(_ u: [UInt8], _ i: Int) -> UInt32 {
        i >= 0 && i + 3 <= u.count ? UInt32(u[i]) << 16 | UInt32(u[i + 1]) << 8 | UInt32(u[i + 2]) : 0
    }

    private static func isPlaceSuffix(_ u: [UInt8], at i: Int) -> Bool { placeSuffixes.contains(code(u, i)) }

    /// Words of department names in which a place suffix is not one: 市场监督管理局, 市政, 市容,
    /// 城市管理局, 住房和城乡建设局, 乡村振兴局, 区域, 县域. (`市民政局` is 市 + 民政局: 市民 alone
    /// is no word of a department's name.)
    static let wordsWithPlaceSuffixes: [[UInt8]] = [
        "市场", "市政", "市容", "市民服务", "市民中心", "城市管理", "城市建设", "城市综合", "城市规划", "城市更新",
        "城市执法", "城市运行", "城乡", "城镇", "乡村", "乡镇", "区域", "县域", "市域", "州域",
    ].map { Array($0.utf8) }

    /// Every character of `wordsWithPlaceSuffixes`: its code, its word, its byte offset there and
    /// whether the word starts with 城市 (one flat list, worked out once, in the words' order).
    private static let wordCharacters: [(code: UInt32, word: Int, at: Int, city: Bool)] = wordsWithPlaceSuffixes.indices.flatMap { i in
        stride(from: 0, to: wordsWithPlaceSuffixes[i].count, by: 3).map {
            (code(wordsWithPlaceSuffixes[i], $0), i, $0, wordsWithPlaceSuffixes[i].starts(with: chengshi))
        }
    }

    private static let chengshi = Array("城市".utf8)
    /// 和与及, each as its three UTF-8 bytes.
    private static let conjunctions: [UInt32] = "和与及".unicodeScalars.map { code(Array(String($0).utf8), 0) }

    /// Whether the place suffix at byte `i` is part of one of `wordsWithPlaceSuffixes`.
    static func insideWord(_ u: [UInt8], at i: Int) -> Bool {
        let c = code(u, i)
        // The lists read once a call, and 城市 told from the list (not a generic prefix test a word).
        let characters = wordCharacters, words = wordsWithPlaceSuffixes
        for o in characters where o.code == c {
            let w = words[o.word], k = o.at
            do {
                let start = i - k
                guard start >= 0, start + w.count <= u.count else { continue }
                // The word's bytes first: most candidates differ at once.
                guard u.matches(w, at: start) else { continue }
                // 城市… is a department's word only where the department's name begins: after a
                // place (聊城市城市管理局), a conjunction (住房和城市建设) or at the start. After
                // anything else its 城 ends a place's name: 运城市综合行政执法局 is 运城市's.
                if o.city, start > 0, !isPlaceSuffix(u, at: start - 3), !conjunctions.contains(code(u, start - 3)) { continue }
                return true
            }
        }
        return false
    }
}

extension String {
    /// `replacingAll([needle], with: "")` on the bytes: the first occurrence taken out again and
    /// again (taking one out can join another), with no String index walked. Valid UTF-8 less a
    /// valid UTF-8 run is valid: the bytes left are the String's.
    func removingAll(_ needle: String) -> String {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return self }
        var bytes = Array(utf8), removed = false
        while let at = bytes.offset(of: n) {
            bytes.removeSubrange(at..<(at + n.count))
            removed = true
        }
        return removed ? String(decoding: bytes, as: UTF8.self) : self
    }

    func replacingAll(_ targets: [String], with replacement: String) -> String {
        var s = self
        for t in targets {
            while let r = s.byteRange(of: t) { s.replaceSubrange(r, with: replacement) }
        }
        return s
    }
}
