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
        return s.withUTF8 { bytes in String(unsafeUninitializedCapacity: bytes.count) { normalize(utf8: bytes, into: $0) } }
    }

    /// `normalize` into a buffer the caller reuses from label to label (no allocation once
    /// it is large enough).
    static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: bytes)
        // In place: the normaliser never writes ahead of where it reads.
        let n = out.withUnsafeMutableBufferPointer { normalize(utf8: UnsafeBufferPointer($0), into: $0) }
        out.removeLast(bytes.count - n)
    }

    /// Writes the normalised bytes and returns how many. It never writes more than it has
    /// read, so `out` may be the very memory `bytes` points at.
    static func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        var i = 0, o = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if !isDroppedASCII(b) { out[o] = b; o += 1 }
                i += 1
                continue
            }
            // Lead bytes E4–E9 start the common Chinese characters: never white space, a quote
            // or a full-width form, so copied as they are.
            if b >= 0xE4, b <= 0xE9, i + 3 <= n {
                out[o] = b; out[o + 1] = bytes[i + 1]; out[o + 2] = bytes[i + 2]
                o += 3
                i += 3
                continue
            }
            guard let (v, len) = scalar(bytes, at: i) else { break }
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

    /// ASCII white space and straight quotes go; every other ASCII byte stays.
    @inline(__always) static func isDroppedASCII(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) || b == 0x22 || b == 0x27 }

    /// The scalar value and length of the UTF-8 sequence whose lead byte (≥ 0x80) is at `i`, or
    /// nil when the bytes end inside it.
    @inline(__always) static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int)? {
        let b = bytes[i]
        let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        guard i + len <= bytes.count else { return nil }
        var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (v, len)
    }

    /// Unicode White_Space above ASCII, and the curly and corner quotes reports put around names.
    static func isWhitespaceOrQuote(_ v: UInt32) -> Bool {
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        case 0x201C, 0x201D, 0x2018, 0x2019, 0x300C...0x300F: true
        default: false
        }
    }

    /// Where a label starts after its numbering (`(七)总计` → `总计`): `(1)` `(一)` (up to three numerals in
    /// brackets), `1.` `一、` `12,` (up to three numerals and a separator), `①`, repeated.
    static func numberingEnd(_ b: [UInt8]) -> Int {
        var i = 0
        while true {
            let before = i
            if i < b.count, b[i] == 0x28 {
                var j = i + 1, numerals = 0
                while numerals < 3, let w = numeralWidth(b, j) { j += w; numerals += 1 }
                if j < b.count, b[j] == 0x29 { i = j + 1 }
            }
            var j = i, numerals = 0
            while numerals < 4, let w = numeralWidth(b, j) { j += w; numerals += 1 }
            if numerals > 0, numerals <= 3, let w = separatorWidth(b, j) { i = j + w }
            // ① … ⑳: E2 91 A0 … E2 91 B3
            if i + 2 < b.count, b[i] == 0xE2, b[i + 1] == 0x91, (0xA0...0xB3).contains(b[i + 2]) { i += 3 }
            if i == before { return i }
        }
    }

    /// The width of an ASCII digit or a Chinese numeral 一…十 at `i`, or nil.
    private static func numeralWidth(_ b: [UInt8], _ i: Int) -> Int? {
        guard i < b.count else { return nil }
        if b[i] >= 0x30, b[i] <= 0x39 { return 1 }
        guard i + 2 < b.count, b[i] == 0xE4 || b[i] == 0xE5 else { return nil }
        return numerals.contains(UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])) ? 3 : nil
    }

    /// The width of a numbering separator at `i` (、 . , ， ) ．), or nil.
    private static func separatorWidth(_ b: [UInt8], _ i: Int) -> Int? {
        guard i < b.count else { return nil }
        if b[i] == 0x2E || b[i] == 0x2C || b[i] == 0x29 { return 1 }
        guard i + 2 < b.count else { return nil }
        let v = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
        return v == 0xE38081 || v == 0xEFBC8C || v == 0xEFBC8E ? 3 : nil
    }
    /// 一二三四五六七八九十 as their three UTF-8 bytes.
    private static let numerals: [UInt32] = "一二三四五六七八九十".unicodeScalars.map { u in
        Array(String(u).utf8).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static let groups: [(String, RowGroup)] = [
        ("办理结果", .results), ("不予公开", .denied), ("无法提供", .unavailable), ("不予处理", .notProcessed),
    ]

    /// The group header a normalised label contains, and where the text after it starts (a
    /// leaf may share its line).
    static func group(in bytes: [UInt8]) -> (RowGroup, rest: Int)? {
        // One pass, a character a step; the earliest key in `groups` wins, at its first place.
        let index = groupIndex
        var best = Int.max, bestAt = 0, i = 0
        while i < bytes.count {
            if let k = index.firstMatch(in: bytes, at: i, below: best) { best = k; bestAt = i }
            i += characterWidth(bytes[i])
        }
        guard best != .max else { return nil }
        return (groups[best].1, bestAt + index.keys[best].count)
    }

    /// The bytes of the UTF-8 character that starts with `b` (1 for a stray continuation byte).
    @inline(__always) static func characterWidth(_ b: UInt8) -> Int { b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4 }
    private static let groupIndex = KeywordIndex(groups.map { Array($0.0.utf8) })
    /// Every character of a group key but its first, as three UTF-8 bytes: what a text must
    /// start with to complete a key begun in the text before it.
    static let groupTails: Set<UInt32> = Set(groups.flatMap { key in
        key.0.unicodeScalars.dropFirst().map { u in Array(String(u).utf8).reduce(0) { $0 << 8 | UInt32($1) } }
    })

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
    static func leaf(in label: [UInt8], rowsBegun: Bool, group: RowGroup?) -> Outcome? {
        let start = numberingEnd(label)
        if start == label.count { return nil }
        // One pass over the label, a character a step, finds every keyword in it; the earliest
        // in `leaves` decides.
        // The static is read once here, not at every character (each read is a `swift_once`).
        let index = leafIndex
        var best = Int.max
        var i = start
        while i < label.count {
            if let k = index.firstMatch(in: label, at: i, below: best) { best = k }
            i += characterWidth(label[i])
        }
        if best != .max { return leaves[best].1 }
        let t = label[start...]
        // A page break can repeat the header mid-table: a bare 总计 is the handled row only
        // right after （六）其他处理; a numbered one ((七)总计) anywhere once the rows began.
        if rowsBegun, start > 0 || group == .other, Array(t).offset(of: total) != nil || t.elementsEqual(sum) { return .handled }
        if group == .other, t.starts(with: other) || t.starts(with: otherVariant) { return .otherMisc }
        return nil
    }

    /// Whether a normalised label is the header word 总计 (numbering aside).
    static func isTotal(_ label: [UInt8]) -> Bool { label[numberingEnd(label)...].elementsEqual(total) }

    private static let leafIndex = KeywordIndex(leaves.map { Array($0.0.utf8) })
    private static let total = Array("总计".utf8), sum = Array("合计".utf8)
    private static let other = Array("其他".utf8), otherVariant = Array("其它".utf8)

    /// The 2021 template's three rows under （六）其他处理.
    static let otherLeaves: Set<Outcome> = [.otherNoCorrection, .otherNoFee, .otherMisc]

    /// Whether `o` is one of `otherLeaves`, without hashing: the table reader asks at every row.
    @inline(__always) static func isOtherLeaf(_ o: Outcome) -> Bool { o == .otherNoCorrection || o == .otherNoFee || o == .otherMisc }
}

/// Keywords indexed by their first character (the low six bits of its second and third UTF-8
/// bytes): at each character of a label, the few keywords that may start there, in priority
/// order, found with one table read instead of a comparison per keyword.
struct KeywordIndex: Sendable {
    let keys: [[UInt8]]
    /// Each key's first character as its three UTF-8 bytes.
    private let firsts: [UInt32]
    /// `slots[s]..<slots[s + 1]` indexes `order`: the keys whose first character falls in slot s.
    private let slots: [Int32]
    private let order: [Int32]

    init(_ keys: [[UInt8]]) {
        self.keys = keys
        firsts = keys.map { UInt32($0[0]) << 16 | UInt32($0[1]) << 8 | UInt32($0[2]) }
        var buckets = [[Int32]](repeating: [], count: 4096)
        for (k, key) in keys.enumerated() { buckets[Self.slot(key[1], key[2])].append(Int32(k)) }
        var slots: [Int32] = [0]
        for b in buckets { slots.append(slots.last! + Int32(b.count)) }
        self.slots = slots
        order = buckets.flatMap { $0 }
    }

    /// The first key (lowest index, below `limit`) that occurs in `label` at `i`.
    @inline(__always) func firstMatch(in label: [UInt8], at i: Int, below limit: Int) -> Int? {
        guard i + 3 <= label.count, label[i] >= 0xE0 else { return nil }
        let s = Self.slot(label[i + 1], label[i + 2])
        var c = Int(slots[s])
        let end = Int(slots[s + 1])
        guard c < end else { return nil }
        let first = UInt32(label[i]) << 16 | UInt32(label[i + 1]) << 8 | UInt32(label[i + 2])
        while c < end {
            let k = Int(order[c])
            if k >= limit { return nil }
            if firsts[k] == first, label.matches(keys[k], at: i) { return k }
            c += 1
        }
        return nil
    }

    @inline(__always) private static func slot(_ b1: UInt8, _ b2: UInt8) -> Int { Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F) }
}
