/// Matching section 三's row labels to the vocabulary by keyword, not by position: reports
/// number rows as 1. 1． 1、 (1) （一） 一、, quote “三安全一稳定” or not, write 法律、行政法规,
/// and split labels over lines. A label is normalised first, then searched for a keyword.
import GovqCube

/// A group header of section 三: it opens the rows below it.
enum RowGroup: Sendable, Equatable {
    case results, denied, unavailable, notProcessed, other
}

enum RowLabels {
    /// Drops whitespace and quotes, and folds full-width digits, letters and brackets to
    /// half-width, so that `（三）不予公开` and `(三)不予公开` compare equal. Runs on every line
    /// the metadata reader looks at, so it works on UTF-8 bytes, not on Unicode properties.
    static func normalize(_ s: String) -> String {
        var s = s
        return s.withUTF8 { normalize(utf8: $0) }
    }

    static func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        return String(unsafeUninitializedCapacity: n) { out in
            var i = 0, o = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    // ASCII white space and straight quotes go; everything else stays.
                    if !(b == 0x20 || (0x09...0x0D).contains(b) || b == 0x22 || b == 0x27) { out[o] = b; o += 1 }
                    i += 1
                    continue
                }
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + len <= n else { break }
                var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                for k in 1..<len { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                if isWhitespaceOrQuote(v) {
                    // dropped
                } else if (0xFF01...0xFF5E).contains(v) {
                    out[o] = UInt8(v - 0xFEE0); o += 1
                } else {
                    for k in 0..<len { out[o + k] = bytes[i + k] }
                    o += len
                }
                i += len
            }
            return o
        }
    }

    /// Unicode White_Space above ASCII, and the curly and corner quotes reports put around names.
    private static func isWhitespaceOrQuote(_ v: UInt32) -> Bool {
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        case 0x201C, 0x201D, 0x2018, 0x2019, 0x300C...0x300F: true
        default: false
        }
    }

    /// `(七)总计` → `总计`: strips leading numbering (1. 1、 (1) (一) 一、 ①).
    static func stripNumbering(_ s: String) -> String {
        var t = Substring(s).unicodeScalars
        func isNumeral(_ u: Unicode.Scalar) -> Bool { (0x30...0x39).contains(u.value) || numerals.contains(u.value) }
        while true {
            let before = t.startIndex
            if t.first == "(", let close = t.prefix(5).firstIndex(of: ")"),
               t[t.index(after: t.startIndex)..<close].allSatisfy(isNumeral) {
                t = t[t.index(after: close)...]
            }
            let lead = t.prefix(4).prefix(while: isNumeral)
            if !lead.isEmpty, lead.count <= 3, let sep = t[lead.endIndex...].first, separators.contains(sep.value) {
                t = t[t.index(after: lead.endIndex)...]
            }
            if let f = t.first, (0x2460...0x2473).contains(f.value) { t = t.dropFirst() }
            if t.startIndex == before { return String(t) }
        }
    }
    private static let numerals: Set<UInt32> = Set("一二三四五六七八九十".unicodeScalars.map(\.value))
    private static let separators: Set<UInt32> = Set("、.,，)．".unicodeScalars.map(\.value))

    /// Display form of a label for messages: normalised, numbering kept (`(七)总计`).
    static func display(_ s: String) -> String { normalize(s) }

    static let groups: [(String, RowGroup)] = [
        ("办理结果", .results), ("不予公开", .denied), ("无法提供", .unavailable), ("不予处理", .notProcessed),
    ]

    /// The group header `text` contains, and the text after it (a leaf may share its line).
    static func group(in text: String) -> (RowGroup, rest: String)? {
        let bytes = Array(text.utf8)
        for (key, g) in groupKeys {
            if let at = bytes.offset(of: key) { return (g, String(decoding: bytes[(at + key.count)...], as: UTF8.self)) }
        }
        return nil
    }
    private static let groupKeys = groups.map { (Array($0.0.utf8), $0.1) }

    /// Keywords in priority order: the first one found in a label decides its row.
    static let leaves: [(String, Outcome)] = [
        ("新收", .new), ("上年结转", .carriedOver), ("结转下年度", .carriedForward), ("下年度继续", .carriedForward),
        ("予以公开", .granted), ("部分公开", .partial),
        ("国家秘密", .deniedStateSecret), ("禁止公开", .deniedProhibited), ("三安全一稳定", .deniedSecurity),
        ("第三方", .deniedThirdParty), ("内部事务", .deniedInternal), ("过程性", .deniedProcess),
        ("执法案卷", .deniedEnforcement), ("查询事项", .deniedInquiry),
        ("不掌握", .unavailableNotHeld), ("另行制作", .unavailableNeedsCreation), ("没有现成", .unavailableNeedsCreation),
        ("不明确", .unavailableUnclear),
        ("信访", .notProcessedComplaint), ("举报投诉", .notProcessedComplaint), ("重复申请", .notProcessedDuplicate),
        ("出版物", .notProcessedPublication), ("大量反复", .notProcessedExcessive),
        ("重新出具", .notProcessedConfirm), ("确认", .notProcessedConfirm),
        ("不补正", .otherNoCorrection), ("缴纳费用", .otherNoFee), ("收费", .otherNoFee),
        ("其他处理", .other),
    ]

    /// The row a normalised label names. `总计` is the handled row only once the rows have begun
    /// (the header has a 总计 column too); `其他` is other.misc only inside （六）其他处理 (the
    /// header has a 其他 column too).
    static func leaf(in text: String, rowsBegun: Bool, group: RowGroup?) -> Outcome? {
        let t = stripNumbering(text)
        if t.isEmpty { return nil }
        // One pass over the label's bytes finds every keyword in it (keywords are indexed by
        // their first character); the earliest in `leaves` decides.
        let bytes = Array(t.utf8)
        var best = Int.max
        var i = 0
        while i + 3 <= bytes.count {
            if bytes[i] >= 0xE0, let candidates = keysByFirst[UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])] {
                for k in candidates where k < best {
                    let key = leafKeys[k].0
                    if i + key.count <= bytes.count, bytes[i..<(i + key.count)].elementsEqual(key) { best = k }
                }
            }
            i += 1
        }
        if best != .max { return leafKeys[best].1 }
        // A page break can repeat the header mid-table: a bare 总计 is the handled row only
        // right after （六）其他处理; a numbered one ((七)总计) anywhere once the rows began.
        if rowsBegun, bytes.offset(of: total) != nil || t == "合计", t != text || group == .other { return .handled }
        if group == .other, t.hasPrefix("其他") || t.hasPrefix("其它") { return .otherMisc }
        return nil
    }

    private static let leafKeys = leaves.map { (Array($0.0.utf8), $0.1) }
    /// Indices into `leafKeys` by the key's first character (its three UTF-8 bytes).
    private static let keysByFirst: [UInt32: [Int]] = {
        var map: [UInt32: [Int]] = [:]
        for (k, (key, _)) in leafKeys.enumerated() {
            map[UInt32(key[0]) << 16 | UInt32(key[1]) << 8 | UInt32(key[2]), default: []].append(k)
        }
        return map
    }()
    private static let total = Array("总计".utf8)

    /// The 2021 template's three rows under （六）其他处理.
    static let otherLeaves: Set<Outcome> = [.otherNoCorrection, .otherNoFee, .otherMisc]
}
