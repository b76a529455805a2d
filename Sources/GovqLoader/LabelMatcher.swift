/// Labels as people type them: a typo (`其他法律行政止公开`), a word dropped or added, no
/// keyword left for `RowLabels.leaf` to find. Such a label is matched to the template row whose
/// whole label it is closest to (characters in common, in order), among the rows not read yet;
/// when two rows are about as close, the template's row order decides (the first unread row
/// after the last one read). A label close to no row matches none: the table reader then keeps
/// its cells apart, with a warning, rather than give them to a neighbour.
import GovqCube

enum LabelMatcher {
    /// A label's closest row, or nil when none is close enough or two are equally close.
    /// `after` is the last row read (the template's order breaks ties).
    static func closestRow(to label: [UInt8], unread: (Outcome) -> Bool, after: Outcome?, template2021: Bool) -> Outcome? {
        let text = scalars(label)
        guard text.count >= 3 else { return nil }
        var scored: [(Outcome, Double)] = []
        for (o, target) in targets where unread(o) {
            // 其他 alone is other.misc only in a 2021 table; in 2019 it is a header word.
            if o == .otherMisc && !template2021 { continue }
            let s = similarity(text, target)
            if s >= threshold { scored.append((o, s)) }
        }
        guard let best = scored.max(by: { $0.1 < $1.1 }) else { return nil }
        let close = scored.filter { best.1 - $0.1 < margin }
        if close.count == 1 { return best.0 }
        // Several about as close: the first in template order after the last row read.
        let from = after?.rawValue ?? -1
        let next = close.filter { $0.0.rawValue > from }.min { $0.0.rawValue < $1.0.rawValue }
        let nextBest = next.map { n in close.allSatisfy { $0.0 == n.0 || $0.1 <= n.1 } } ?? false
        return nextBest ? next?.0 : nil
    }

    static let threshold = 0.6, margin = 0.1

    /// Whether `text` continues the label of an open row (`一、本年新收政府信息` / `公开申请数量`):
    /// the two joined are closer to the row's whole template label than the label alone. A
    /// label of another row, typed with a typo, takes the joined label further from it.
    static func continues(_ label: [UInt8], with text: [UInt8], row: Outcome) -> Bool {
        guard let target = targets.first(where: { $0.0 == row })?.1 else { return false }
        return similarity(scalars(label + text), target) > similarity(scalars(label), target)
    }

    /// 2 × (characters in common, in order) ÷ (both lengths): 1 for the same label.
    static func similarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var row = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var diagonal = 0
            for j in 0..<b.count {
                let up = row[j + 1]
                row[j + 1] = x == b[j] ? diagonal + 1 : max(row[j], up)
                diagonal = up
            }
        }
        return 2 * Double(row[b.count]) / Double(a.count + b.count)
    }

    /// A normalised label's characters after its numbering, brackets and punctuation dropped.
    static func scalars(_ label: [UInt8]) -> [Unicode.Scalar] {
        let start = RowLabels.numberingEnd(label)
        return String(decoding: label[start...], as: UTF8.self).unicodeScalars.filter { !ignored.contains($0) }
    }
    private static let ignored = Set("()（）、，,.．:：;；“”\"'《》-—".unicodeScalars)

    /// Header words of section 三 (and the note under its title): text between rows that is
    /// no label. What is left of a text without them decides whether it is one.
    static func withoutHeaderWords(_ label: [UInt8]) -> [Unicode.Scalar] {
        var s = String(decoding: label, as: UTF8.self)
        for w in headerWords { s = s.replacingAll([w], with: "") }
        return scalars(Array(s.utf8))
    }
    private static let headerWords = ["本列数据的勾稽关系为", "第一项加第二项之和", "等于第三项加第四项之和", "申请人情况", "自然人",
                                      "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "合计",
                                      "单位", "件"]

    /// Every row's whole label as the template prints it.
    private static let targets: [(Outcome, [Unicode.Scalar])] = ([
        (.new, "本年新收政府信息公开申请数量"), (.carriedOver, "上年结转政府信息公开申请数量"), (.granted, "予以公开"),
        (.partial, "部分公开区分处理的只计这一情形不计其他情形"), (.deniedStateSecret, "属于国家秘密"),
        (.deniedProhibited, "其他法律行政法规禁止公开"), (.deniedSecurity, "危及三安全一稳定"), (.deniedThirdParty, "保护第三方合法权益"),
        (.deniedInternal, "属于三类内部事务信息"), (.deniedProcess, "属于四类过程性信息"), (.deniedEnforcement, "属于行政执法案卷"),
        (.deniedInquiry, "属于行政查询事项"), (.unavailableNotHeld, "本机关不掌握相关政府信息"),
        (.unavailableNeedsCreation, "没有现成信息需要另行制作"), (.unavailableUnclear, "补正后申请内容仍不明确"),
        (.notProcessedComplaint, "信访举报投诉类申请"), (.notProcessedDuplicate, "重复申请"), (.notProcessedPublication, "要求提供公开出版物"),
        (.notProcessedExcessive, "无正当理由大量反复申请"), (.notProcessedConfirm, "要求行政机关确认或重新出具已获取信息"),
        (.other, "其他处理"), (.otherNoCorrection, "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"),
        (.otherNoFee, "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"), (.otherMisc, "其他"),
        (.handled, "总计"), (.carriedForward, "结转下年度继续办理"),
    ] as [(Outcome, String)]).map { ($0.0, Array($0.1.unicodeScalars)) }
}
