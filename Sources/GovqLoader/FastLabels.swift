/// The printed forms of section 三's labels that the fast path (`ApplicationsTable.readFast`)
/// takes, row by row in the template's order: each group numbered （一） or (一), each leaf
/// 1. 1． 1、 or (1), “三安全一稳定” with or without quotes, 法律、行政法规 with or without 、. Every
/// other form (a typo, spaces inside, other numbering) is read by the careful reader.
import GovqCube
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FastLabels {
    /// One label of the sequence: its printed forms, and the row it opens (nil: a group
    /// header, which opens none).
    struct Slot: Sendable {
        let forms: [[UInt8]]
        let outcome: Outcome?
        /// Whether the careful reader's classifier (`CellScanner.classifyCell`) reads every
        /// form that starts with a digit as text: then a word that is exactly one of them is
        /// the label, and the fast path need not ask the classifier (table6).
        let digitLedFormsAreText: Bool

        init(forms: [[UInt8]], outcome: Outcome?) {
            self.forms = forms
            self.outcome = outcome
            digitLedFormsAreText = forms.allSatisfy { f in
                f.withUnsafeBufferPointer { b in
                    let w = b[...]
                    guard let first = w.first, first >= 0x30 && first <= 0x39 || first == 0xEF else { return true }
                    if case (.text, _) = CellScanner.classifyCell(w) { return true }
                    return false
                }
            }
        }

        /// Whether `w` is exactly one of the forms.
        @inline(__always) func matches(_ w: Bytes) -> Bool {
            for f in forms where FastLabels.equal(w, f) { return true }
            return false
        }

        /// The length of the form `w` starts with and goes on after (a group's label run into
        /// its first row's, `（三）不予公开1.属于国家秘密`), or nil.
        func prefixLength(of w: Bytes) -> Int? {
            for f in forms where f.count < w.count && FastLabels.equal(w[w.startIndex..<(w.startIndex + f.count)], f) { return f.count }
            return nil
        }
    }

    /// Whether `w` is exactly `word`, byte for byte (memcmp: a generic `elementsEqual` over a
    /// slice costs a hundred instructions a byte pair's worth of witness calls).
    @inline(__always) static func equal(_ w: Bytes, _ word: [UInt8]) -> Bool {
        guard word.count == w.count, !word.isEmpty, let base = w.base.baseAddress else { return word.count == w.count && word.isEmpty }
        return word.withUnsafeBufferPointer { memcmp($0.baseAddress!, base + w.startIndex, word.count) } == 0
    }

    private static func group(_ n: String, _ body: String, _ o: Outcome?) -> Slot {
        Slot(forms: ["（\(n)）", "(\(n))"].map { Array(($0 + body).utf8) }, outcome: o)
    }
    private static func leaf(_ k: Int, _ bodies: [String], _ o: Outcome) -> Slot {
        Slot(forms: ["\(k).", "\(k)．", "\(k)、", "(\(k))"].flatMap { p in bodies.map { Array((p + $0).utf8) } }, outcome: o)
    }
    private static func leaves(_ items: [([String], Outcome)]) -> [Slot] {
        items.enumerated().map { leaf($0.offset + 1, $0.element.0, $0.element.1) }
    }

    /// The rows both templates share, up to （六）其他处理.
    private static let common: [Slot] = [
        Slot(forms: [Array("一、本年新收政府信息公开申请数量".utf8)], outcome: .new),
        Slot(forms: [Array("二、上年结转政府信息公开申请数量".utf8)], outcome: .carriedOver),
        Slot(forms: [Array("三、本年度办理结果".utf8)], outcome: nil),
        group("一", "予以公开", .granted),
        group("二", "部分公开（区分处理的，只计这一情形，不计其他情形）", .partial),
        group("三", "不予公开", nil),
    ] + leaves([
        (["属于国家秘密"], .deniedStateSecret), (["其他法律、行政法规禁止公开", "其他法律行政法规禁止公开"], .deniedProhibited),
        (["危及“三安全一稳定”", "危及三安全一稳定"], .deniedSecurity), (["保护第三方合法权益"], .deniedThirdParty),
        (["属于三类内部事务信息"], .deniedInternal), (["属于四类过程性信息"], .deniedProcess),
        (["属于行政执法案卷"], .deniedEnforcement), (["属于行政查询事项"], .deniedInquiry),
    ]) + [group("四", "无法提供", nil)] + leaves([
        (["本机关不掌握相关政府信息"], .unavailableNotHeld), (["没有现成信息需要另行制作"], .unavailableNeedsCreation),
        (["补正后申请内容仍不明确"], .unavailableUnclear),
    ]) + [group("五", "不予处理", nil)] + leaves([
        (["信访举报投诉类申请"], .notProcessedComplaint), (["重复申请"], .notProcessedDuplicate),
        (["要求提供公开出版物"], .notProcessedPublication), (["无正当理由大量反复申请"], .notProcessedExcessive),
        (["要求行政机关确认或重新出具已获取信息"], .notProcessedConfirm),
    ])
    private static let closing = [group("七", "总计", .handled), Slot(forms: [Array("四、结转下年度继续办理".utf8)], outcome: .carriedForward)]

    /// Where the templates part: the slot of （六）其他处理.
    static let branch = common.count
    /// 2019: （六）其他处理 is a row.
    static let t2019: [Slot] = common + [group("六", "其他处理", .other)] + closing
    /// 2021: （六）其他处理 heads three rows.
    static let t2021: [Slot] = common + [group("六", "其他处理", nil)] + leaves([
        (["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], .otherNoCorrection),
        (["申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"], .otherNoFee),
        (["其他"], .otherMisc),
    ]) + closing

    /// The leaves `handled` sums, by template (as `Validation` sums them).
    static let leaves2019 = Outcome.handlingLeaves.filter { !RowLabels.otherLeaves.contains($0) }
    static let leaves2021 = Outcome.handlingLeaves.filter { $0 != .other }

    /// The header's words before the first row (the template's, and header words split one
    /// character a line), each with its normalised bytes, as the careful reader adds them to
    /// the header whose word order gives the column order.
    static let headerWords: [([UInt8], [UInt8])] = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
        "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
        "商", "业", "企", "科", "研", "机", "构",
    ].map { (Array($0.utf8), Array(RowLabels.normalize($0).utf8)) }

    /// A header word's normalised bytes, or nil when `w` is none.
    static func headerWord(_ w: Bytes) -> [UInt8]? {
        for (word, normalised) in headerWords where equal(w, word) { return normalised }
        return headerFragment(w)
    }

    /// A piece of the header the table does not hold as a word: a run of the 2021 template's
    /// column note (`（本列数据的勾稽关系为：…）`, which a PDF or Word export wraps wherever the
    /// header cell is narrow) or of a header word (`商业` of `商业企业`, joined from lines a page
    /// break parted). Its normalised bytes, or nil. The careful reader adds any text before the
    /// first row to the header unless it is a group or row label (tested here as it tests it,
    /// rows not begun, no group open), so the fast path may add these too.
    static func headerFragment(_ w: Bytes) -> [UInt8]? {
        guard w.count >= 3, w.count <= 120 else { return nil }
        var n: [UInt8] = []
        RowLabels.normalize(UnsafeBufferPointer(rebasing: w), into: &n)
        // The note is the first header word (both bracket styles normalise alike).
        guard !n.isEmpty, headerWords.contains(where: { $0.1.offset(of: n) != nil }),
              RowLabels.group(in: n) == nil, RowLabels.leaf(in: n, rowsBegun: false, group: nil) == nil else { return nil }
        return n
    }

    /// The note normalised (both bracket styles normalise to it).
    static var noteNormalised: [UInt8] { headerWords[0].1 }

    /// Section 四's heading and header words (the template's, and split one character a line),
    /// with their normalised bytes.
    static let reviewWords: [([UInt8], [UInt8])] = [
        "四、政府信息公开行政复议、行政诉讼情况", "四．政府信息公开行政复议、行政诉讼情况",
        "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
        "行", "政", "复", "议", "诉", "讼", "结", "果", "维", "持", "纠", "正", "其", "他", "尚", "未", "审",
    ].map { (Array($0.utf8), Array(RowLabels.normalize($0).utf8)) }

    /// A section 四 word's normalised bytes and the results it names (as
    /// `ReviewsTable.results(named:excluding: [])` names them, worked out once), or nil when
    /// `w` is none.
    static func reviewWord(_ w: Bytes) -> (normalised: [UInt8], results: [ReviewResult])? {
        for k in reviewWords.indices where equal(w, reviewWords[k].0) { return (reviewWords[k].1, reviewWordResults[k]) }
        return nil
    }
    static let reviewWordResults: [[ReviewResult]] = reviewWords.map { ReviewsTable.results(named: $0.1, excluding: []) }

    /// `headerWords`', `reviewWords`' and `reviewWordResults`' values in memory that lives as
    /// long as the process, for the one pass: taking an array out of a global retained it and
    /// released the one it replaced, atomic writes to a line every core's workers share.
    /// Immutable once made, so shared safely.
    nonisolated(unsafe) static let headerNormalised = headerWords.map { lasting($0.1) }
    nonisolated(unsafe) static let reviewNormalised = reviewWords.map { lasting($0.1) }
    nonisolated(unsafe) static let reviewResults = reviewWordResults.map { lasting($0) }
    /// The first row's one printed form normalised (the careful reader adds it to the header).
    nonisolated(unsafe) static let firstLabelNormalised: UnsafeBufferPointer<UInt8> = {
        let forms = t2019[0].forms
        precondition(forms.count == 1)
        return lasting(forms[0].withUnsafeBufferPointer { firstLabelNormalised($0[...]) })
    }()

    private static func lasting<T>(_ values: [T]) -> UnsafeBufferPointer<T> {
        let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
        _ = p.initialize(from: values)
        return UnsafeBufferPointer(rebasing: p[..<values.count])
    }

    /// Whether the header names the columns in the template's order (`columnOrder` gives 0…6).
    /// A memo of headers seen before was tried (table6): about 4 M of 1,150 M instructions on
    /// 2,000 reports, not worth a lock shared by every worker on the hot path.
    static func headerInTemplateOrder(_ header: [UInt8]) -> Bool {
        ApplicationsTable.columnOrder(header) == Array(0..<7)
    }

    /// The first row's label normalised (the careful reader adds it to the header too).
    static func firstLabelNormalised(_ w: Bytes) -> [UInt8] { Array(RowLabels.normalize(String(decoding: w, as: UTF8.self)).utf8) }

    /// Bytes the fast path looks at twice: control characters (the tab aside), DEL, `&` and `|`,
    /// and the lead bytes of the blanks above ASCII (C2, E2, E3, EF).
    static let refused: [Bool] = (0..<256).map { b in
        (b < 0x20 && b != 0x09) || b == 0x7F || b == 0x26 || b == 0x7C || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF
    }
}
