/// The report's narrative against its own table. Reports state their main figures in prose
/// before the tables (`共受理政府信息公开申请35件`, `办结33件`, `不予公开3件`); where a figure
/// differs from the table's total, or the table lacks that total, it is a warning on the line
/// of the sentence. Only the first mention of each figure counts (later ones break it down).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGovqText
import GovqCube
import GovqDiagnostics

enum ProseCheck {
    /// A figure the narrative states, by the measure it is a total of.
    enum Figure: CaseIterable {
        case new, handled, granted, partial, denied

        var name: String {
            switch self {
            case .new: "new"
            case .handled: "handled"
            case .granted: "granted"
            case .partial: "partial"
            case .denied: "denied"
            }
        }

        var outcomes: [Outcome] {
            switch self {
            case .new: [.new]
            case .handled: [.handled]
            case .granted: [.granted]
            case .partial: [.partial]
            case .denied: Outcome.allCases.filter { $0.name.hasPrefix("denied.") }
            }
        }

        /// What a clause says before its number, for this figure. Denial is tested before
        /// disclosure: 不予以公开 contains 予以公开, 不同意公开 contains 同意公开.
        static func of(_ before: ArraySlice<Unicode.Scalar>) -> Figure? {
            func has(_ word: [Unicode.Scalar]) -> Bool {
                guard word.count <= before.count else { return false }
                var at = before.startIndex
                while at + word.count <= before.endIndex {
                    if before[at] == word[0], before[at..<(at + word.count)].elementsEqual(word) { return true }
                    at += 1
                }
                return false
            }
            if words.denied.contains(where: has) { return .denied }
            if has(words.partial) { return .partial }
            if has(words.granted) || has(words.agreed) { return .granted }
            if has(words.done) || before.starts(with: words.handling) || has(words.handlingOpen) { return .handled }
            if (has(words.received) || has(words.accepted)) && has(words.application) { return .new }
            return nil
        }

        static func of(_ before: String) -> Figure? { of(ArraySlice(before.unicodeScalars)) }

        /// `of` on a clause's UTF-8 bytes, no scalars decoded: a needle of valid UTF-8 occurs in
        /// valid UTF-8 as bytes exactly where it occurs as scalars (and the decoder's U+FFFD for a
        /// broken byte is in no word).
        static func of(bytes before: Bytes) -> Figure? {
            func has(_ word: [UInt8]) -> Bool { before.offset(of: word) != nil }
            let w = byteWords
            if w.denied.contains(where: has) { return .denied }
            if has(w.partial) { return .partial }
            if has(w.granted) || has(w.agreed) { return .granted }
            if has(w.done) || before.starts(with: w.handling) || has(w.handlingOpen) { return .handled }
            if (has(w.received) || has(w.accepted)) && has(w.application) { return .new }
            return nil
        }

        /// The words `of(bytes:)` looks for, as UTF-8.
        private static let byteWords = (
            denied: ["不予公开", "不予以公开", "不同意公开"].map { Array($0.utf8) },
            partial: Array("部分公开".utf8), granted: Array("予以公开".utf8),
            agreed: Array("同意公开".utf8), done: Array("办结".utf8),
            handling: Array("办理依申请".utf8), handlingOpen: Array("办理依申请公开".utf8), received: Array("收到".utf8),
            accepted: Array("受理".utf8), application: Array("申请".utf8))

        /// The words `of` looks for, as scalars (decoded once).
        private static let words = (
            denied: ["不予公开", "不予以公开", "不同意公开"].map { Array($0.unicodeScalars) },
            partial: Array("部分公开".unicodeScalars), granted: Array("予以公开".unicodeScalars),
            agreed: Array("同意公开".unicodeScalars), done: Array("办结".unicodeScalars),
            handling: Array("办理依申请".unicodeScalars), handlingOpen: Array("办理依申请公开".unicodeScalars), received: Array("收到".unicodeScalars),
            accepted: Array("受理".unicodeScalars), application: Array("申请".unicodeScalars))
    }

    /// Warnings for the narrative lines `0..<end` of a report whose table was read into `record`.
    /// The narrative is most of a report, and only the clauses with a number before 件 matter:
    /// each 件 (E4 BB B6) is found by a byte search over the whole narrative, its clause is
    /// bounded on bytes, and only the words before its number are decoded.
    /// `careful` decodes each clause's words to scalars, as `of(bytes:)` stands in for.
    static func check(_ lines: TextLines, before end: Int, record: ReportRecord, source: String, careful: Bool = false) -> [Diagnostic] {
        let bytes = lines.bytes
        guard let base = bytes.baseAddress, end > 0, lines.count > 0 else { return [] }
        let limit = end < lines.count ? lines.ranges[end].lowerBound : bytes.count
        var seen = Set<Figure>()
        var out: [Diagnostic] = []
        var line = 0, from = 0
        // The clause whose first 件 was taken: a later 件 in it is a breakdown, never a figure.
        var lastClause = -1
        let figures = Figure.allCases.count
        while seen.count < figures, from + 3 <= limit {
            // Each BB B6, the last two bytes, found 32 bytes a step (glibc's memmem is not
            // exported to Swift): memchr for B6 alone stopped at three characters to a 件, and
            // the lead E4 starts one in six.
            let pair = govq_find_pair(base, limit, from + 1, 0xBB, 0xB6)
            guard pair < limit else { break }
            let at = pair - 1
            from = at + 1
            guard bytes[at] == 0xE4 else { continue }
            from = at + 3
            while line + 1 < lines.count, lines.ranges[line].upperBound <= at { line += 1 }
            let range = lines.ranges[line]
            guard range.contains(at) else { continue }
            let clause = clauseStart(bytes, before: at, lineStart: range.lowerBound)
            guard clause != lastClause else { continue }
            lastClause = clause
            guard let (value, digitsStart, length) = number(bytes, before: at, clauseStart: clause) else { continue }
            let figureRead = careful ? Figure.of(decode(bytes[clause..<digitsStart])[...]) : Figure.of(bytes: bytes[clause..<digitsStart])
            guard let figure = figureRead, seen.insert(figure).inserted else { continue }
            let cells = ApplicantType.allCases.flatMap { a in figure.outcomes.map { record[$0, a] } }
            let table: Int64? = cells.contains { $0 == nil } ? nil : cells.reduce(0) { $0 + Int64($1!) }
            guard table != Int64(value) else { continue }
            let phrase = String(decoding: bytes[clause..<clauseEnd(bytes, after: at, lineEnd: range.upperBound)], as: UTF8.self)
            let said = table.map { "the table's \(figure.name) is \($0)" } ?? "the table's \(figure.name) is missing"
            let column = scalarCount(bytes[range.lowerBound..<digitsStart])
            out.append(Diagnostic(.warning, "the text says \(value) (\(figure.name)), but \(said)", source: source,
                                  location: SourceLocation(line: line + 1, column: column + 1, length: length + 1),
                                  sourceLine: lines.text(line), help: "the narrative: '\(phrase)'"))
        }
        return out
    }

    /// Where the clause holding byte `at` starts: after the last ，。；;, before it on its line.
    static func clauseStart(_ b: UnsafeBufferPointer<UInt8>, before at: Int, lineStart: Int) -> Int {
        // The low six bits of the separators' last bytes, one bit each: 2C , (44), 3B ; (59),
        // 82 of 。 (2), 8C of ， (12), 9B of ； (27).
        let separatorEnds: UInt64 = 1 << 44 | 1 << 59 | 1 << 2 | 1 << 12 | 1 << 27
        var k = at
        while k > lineStart {
            let c = b[k - 1]
            // Every separator ends in 2C, 3B, 82, 8C or 9B: a byte whose low six bits are none
            // of those five is stepped over on one test (most bytes of the clause).
            if separatorEnds >> UInt64(c & 0x3F) & 1 != 0 {
                if c == 0x2C || c == 0x3B { return k }
                if k - 3 >= lineStart, isWideSeparator(b[k - 3], b[k - 2], c) { return k }
            }
            k -= 1
        }
        return lineStart
    }

    /// Where the clause holding byte `at` ends: at the next separator, or the line's end.
    static func clauseEnd(_ b: UnsafeBufferPointer<UInt8>, after at: Int, lineEnd: Int) -> Int {
        var k = at
        while k < lineEnd {
            let c = b[k]
            if c == 0x2C || c == 0x3B { return k }
            if k + 2 < lineEnd, isWideSeparator(c, b[k + 1], b[k + 2]) { return k }
            k += 1
        }
        return lineEnd
    }

    /// ， (EF BC 8C), 。 (E3 80 82), ； (EF BC 9B).
    @inline(__always) private static func isWideSeparator(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        (a == 0xEF && b == 0xBC && (c == 0x8C || c == 0x9B)) || (a == 0xE3 && b == 0x80 && c == 0x82)
    }

    /// The number written right before the 件 at byte `at` (ASCII or full-width digits, at most
    /// nine, none before `clauseStart`): its value, its first byte and how many digits it has.
    static func number(_ b: UnsafeBufferPointer<UInt8>, before at: Int, clauseStart: Int) -> (Int, Int, Int)? {
        var start = at, value = 0, scale = 1, count = 0
        while count < 9 {
            if start - 1 >= clauseStart, b[start - 1] >= 0x30, b[start - 1] <= 0x39 {
                value += Int(b[start - 1] - 0x30) * scale
                start -= 1
            } else if start - 3 >= clauseStart, b[start - 3] == 0xEF, b[start - 2] == 0xBC, b[start - 1] >= 0x90, b[start - 1] <= 0x99 {
                value += Int(b[start - 1] - 0x90) * scale
                start -= 3
            } else {
                break
            }
            scale *= 10
            count += 1
        }
        return count > 0 ? (value, start, count) : nil
    }

    /// Scalars in valid UTF-8: the bytes that are not continuation bytes.
    static func scalarCount(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var n = 0
        for c in bytes where c & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// A line's scalars straight from its bytes (no String in between).
    static func decode(_ line: Bytes) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(line.count / 2)
        var bytes = line.makeIterator()
        var utf8 = UTF8()
        loop: while true {
            switch utf8.decode(&bytes) {
            case .scalarValue(let u): out.append(u)
            case .emptyInput: break loop
            case .error: out.append("\u{FFFD}")
            }
        }
        return out
    }

    /// The number written right before the clause's first `件` (ASCII or full-width digits):
    /// its value, where it starts and how many digits it has.
    /// `at` indexes the line's scalars, as the clause's own indices do.
    static func number(beforeJian s: ArraySlice<Unicode.Scalar>) -> (Int, Int, Int)? {
        guard let jian = s.firstIndex(of: "件") else { return nil }
        var start = jian, value = 0, scale = 1
        while start > s.startIndex, let d = digit(s[start - 1]), jian - start < 9 {
            value += d * scale
            scale *= 10
            start -= 1
        }
        return start < jian ? (value, start, jian - start) : nil
    }

    static func digit(_ c: Unicode.Scalar) -> Int? {
        if c.value >= 0x30 && c.value <= 0x39 { return Int(c.value - 0x30) }
        if c.value >= 0xFF10 && c.value <= 0xFF19 { return Int(c.value - 0xFF10) }
        return nil
    }
}
