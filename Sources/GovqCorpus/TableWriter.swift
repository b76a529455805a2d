/// Writes sections 三 and 四 in the layouts real reports use (see the vocabulary's "Variants"):
/// cells one per line with or without tabs, whole rows on one line (tabs or spaces), blank and
/// full-width-space cells, '-', '—', '/', '无', padded and full-width numbers, notes beside numbers,
/// header words split one character per line, and every row-label numbering style.
import GovqCube

/// How one report lays out its tables.
struct TableStyle {
    enum Layout: CaseIterable { case tabbedCells, plainCells, tabRows, spaceRows }
    var layout: Layout
    /// A blank line between every line, not only between rows (web-page copies).
    var gapEveryLine: Bool
    /// How this report writes a zero in a row that is there.
    var zero: String
    var fullWidthDigits: Bool
    /// Pad numbers with a space or a no-break space (`0 `, ` 0`).
    var padding: String
    var fullWidthParens: Bool
    var numbering: Int
    var quotes: Bool
    var enumerationComma: Bool
    var splitHeaders: Bool

    init(_ r: inout CorpusRandom) {
        layout = r.pick(Layout.allCases)
        gapEveryLine = r.chance(0.5)
        switch layout {
        case .tabbedCells, .tabRows: zero = r.pick(["0", "0", "", "", "\u{3000}", "-", "—", "/", "无", " "])
        case .plainCells, .spaceRows: zero = r.pick(["0", "0", "0", "-", "—", "/", "无"])
        }
        fullWidthDigits = r.chance(0.04)
        padding = r.chance(0.1) ? r.pick([" ", "\u{00A0}"]) : ""
        fullWidthParens = r.chance(0.7)
        numbering = r.int(4)
        quotes = r.chance(0.7)
        enumerationComma = r.chance(0.3)
        splitHeaders = r.chance(0.25)
    }

    /// A short description of the choices, recorded in the truth.
    var summary: String {
        var s = "\(layout)\(gapEveryLine ? "+gaps" : "") zero='\(zero)'"
        if fullWidthDigits { s += " fullwidth-digits" }
        if !padding.isEmpty { s += padding == " " ? " space-padded" : " nbsp-padded" }
        if !fullWidthParens { s += " ascii-parens" }
        s += " numbering=\(item(1))"
        if !quotes { s += " no-quotes" }
        if enumerationComma { s += " 法律、行政法规" }
        if splitHeaders { s += " split-headers" }
        return s
    }

    func group(_ n: String) -> String { fullWidthParens ? "（\(n)）" : "(\(n))" }
    func item(_ n: Int) -> String { ["\(n).", "\(n)．", "\(n)、", "(\(n))"][numbering] }
}

struct TableWriter {
    var style: TableStyle
    var out: String = ""

    /// One applications row: the labels of its merged cells, then its seven cells.
    struct Row { var labels: [String]; var placeholders: Int; var outcome: Outcome }

    func rows(_ template: Template) -> [Row] {
        let s = style
        let comma = s.enumerationComma ? "、" : ""
        let security = s.quotes ? "危及“三安全一稳定”" : "危及三安全一稳定"
        var rows: [Row] = [
            Row(labels: ["一、本年新收政府信息公开申请数量"], placeholders: 0, outcome: .new),
            Row(labels: ["二、上年结转政府信息公开申请数量"], placeholders: 0, outcome: .carriedOver),
            Row(labels: ["三、本年度办理结果", s.group("一") + "予以公开"], placeholders: 0, outcome: .granted),
            Row(labels: [s.group("二") + "部分公开（区分处理的，只计这一情形，不计其他情形）"], placeholders: 1, outcome: .partial),
        ]
        let denied: [(String, Outcome)] = [
            ("属于国家秘密", .deniedStateSecret), ("其他法律\(comma)行政法规禁止公开", .deniedProhibited),
            (security, .deniedSecurity), ("保护第三方合法权益", .deniedThirdParty),
            ("属于三类内部事务信息", .deniedInternal), ("属于四类过程性信息", .deniedProcess),
            ("属于行政执法案卷", .deniedEnforcement), ("属于行政查询事项", .deniedInquiry),
        ]
        let unavailable: [(String, Outcome)] = [
            ("本机关不掌握相关政府信息", .unavailableNotHeld), ("没有现成信息需要另行制作", .unavailableNeedsCreation),
            ("补正后申请内容仍不明确", .unavailableUnclear),
        ]
        let notProcessed: [(String, Outcome)] = [
            ("信访举报投诉类申请", .notProcessedComplaint), ("重复申请", .notProcessedDuplicate),
            ("要求提供公开出版物", .notProcessedPublication), ("无正当理由大量反复申请", .notProcessedExcessive),
            ("要求行政机关确认或重新出具已获取信息", .notProcessedConfirm),
        ]
        func group(_ head: String, _ items: [(String, Outcome)]) {
            for (i, (label, o)) in items.enumerated() {
                let leaf = s.item(i + 1) + label
                rows.append(Row(labels: i == 0 ? [head, leaf] : [leaf], placeholders: i == 0 ? 1 : 2, outcome: o))
            }
        }
        group(s.group("三") + "不予公开", denied)
        group(s.group("四") + "无法提供", unavailable)
        group(s.group("五") + "不予处理", notProcessed)
        if template == .t2021 {
            group(s.group("六") + "其他处理", [
                ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", .otherNoCorrection),
                ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", .otherNoFee),
                ("其他", .otherMisc),
            ])
        } else {
            rows.append(Row(labels: [s.group("六") + "其他处理"], placeholders: 1, outcome: .other))
        }
        rows.append(Row(labels: [s.group("七") + "总计"], placeholders: 1, outcome: .handled))
        rows.append(Row(labels: ["四、结转下年度继续办理"], placeholders: 0, outcome: .carriedForward))
        return rows
    }

    /// The text of one cell holding `v` (nil: the row has no such cell).
    func cell(_ v: Int32, _ r: inout CorpusRandom) -> String {
        if v == 0 { return r.chance(0.1) ? "0" : style.zero }
        var digits = String(v)
        if style.fullWidthDigits {
            digits = String(String.UnicodeScalarView(digits.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
        }
        if r.chance(0.004) { digits += r.pick(["（属公安机关刑事司法信息）", "（含转办件）", "(已按期答复)"]) }
        if !style.padding.isEmpty { return r.chance(0.5) ? digits + style.padding : style.padding + digits }
        return digits
    }

    private mutating func line(_ s: String) {
        out += s
        out += "\n"
        if style.gapEveryLine, style.layout == .plainCells { out += "\n" }
    }

    private mutating func cells(_ cells: [String], labels: [String], placeholders: Int) {
        switch style.layout {
        case .tabbedCells:
            for _ in 0..<placeholders { out += "\t\n" }
            for l in labels { out += "\t" + l + "\n" }
            for c in cells { out += "\t" + c + "\n" }
            // A lone tab line would read as an empty cell: gaps here are blank lines only.
            out += style.gapEveryLine ? "\n\n" : "\n"
        case .plainCells:
            for l in labels { line(l) }
            for c in cells { line(c) }
            if !style.gapEveryLine { out += "\n" }
        case .tabRows:
            out += (labels + cells).joined(separator: "\t") + "\n"
        case .spaceRows:
            out += (labels + cells).joined(separator: style.gapEveryLine ? "  " : " ") + "\n"
        }
    }

    private mutating func header(_ words: [String]) {
        let split = style.splitHeaders
        let shown = words.map { w in split && w.count == 4 ? w.map(String.init).joined(separator: "\n") : w }
        switch style.layout {
        case .tabbedCells: for w in shown { out += "\t" + w + "\n" }; out += "\n"
        case .plainCells: for w in words where !w.isEmpty { line(w) }
        case .tabRows: out += words.joined(separator: "\t") + "\n"
        case .spaceRows: out += words.filter { !$0.isEmpty }.joined(separator: " ") + "\n"
        }
    }

    /// Section 三. `truncatedLastRow`: row 四 printed with four blank cells (the 下城 sample).
    mutating func applications(_ f: Figures, template: Template, truncatedLastRow: Bool, _ r: inout CorpusRandom) {
        out += "三、收到和处理政府信息公开申请情况\n"
        let note = style.fullWidthParens ? "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
            : "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
        header([note, "申请人情况"])
        header(["", "自然人", "法人或其他组织", "总计"])
        header(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
        for row in rows(template) {
            var texts: [String] = []
            if f.apps[row.outcome.rawValue].allSatisfy({ $0 == nil }) {
                // A row whose cells were lost: only its labels remain.
                cells([], labels: row.labels, placeholders: row.placeholders)
                continue
            }
            for v in f.apps[row.outcome.rawValue] { texts.append(cell(v ?? 0, &r)) }
            texts.append(cell(f.rowTotal(row.outcome) ?? 0, &r))
            if truncatedLastRow, row.outcome == .carriedForward {
                texts = Array(repeating: style.layout == .plainCells || style.layout == .spaceRows ? "-" : "\u{3000}", count: 4)
            }
            cells(texts, labels: row.labels, placeholders: row.placeholders)
        }
        out += "\n"
    }

    /// Section 四: two header rows, then the fifteen numbers in one row.
    mutating func reviews(_ f: Figures, _ r: inout CorpusRandom) {
        let dot = style.fullWidthParens ? "、" : "．"
        out += "四\(dot)政府信息公开行政复议、行政诉讼情况\n"
        let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        header(["行政复议", "行政诉讼"])
        header(results + ["未经复议直接起诉", "复议后起诉"])
        if style.layout == .tabbedCells || style.layout == .tabRows {
            header(["", "", "", "", ""] + results + results)
        } else {
            header(results + results)
        }
        var values: [String] = []
        for p in Proceeding.allCases {
            for res in ReviewResult.allCases { values.append(cell(f.reviews[res.rawValue][p.rawValue] ?? 0, &r)) }
        }
        cells(values, labels: [], placeholders: 0)
        out += "\n"
    }
}
