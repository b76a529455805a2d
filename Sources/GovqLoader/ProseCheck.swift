/// The report's narrative against its own table. Reports state their main figures in prose
/// before the tables (`共受理政府信息公开申请35件`, `办结33件`, `不予公开3件`); where a figure
/// differs from the table's total, or the table lacks that total, it is a warning on the line
/// of the sentence. Only the first mention of each figure counts (later ones break it down).
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

        /// The words `of` looks for, as scalars (decoded once).
        private static let words = (
            denied: ["不予公开", "不予以公开", "不同意公开"].map { Array($0.unicodeScalars) },
            partial: Array("部分公开".unicodeScalars), granted: Array("予以公开".unicodeScalars),
            agreed: Array("同意公开".unicodeScalars), done: Array("办结".unicodeScalars),
            handling: Array("办理依申请".unicodeScalars), handlingOpen: Array("办理依申请公开".unicodeScalars), received: Array("收到".unicodeScalars),
            accepted: Array("受理".unicodeScalars), application: Array("申请".unicodeScalars))
    }

    /// Warnings for the narrative lines `0..<end` of a report whose table was read into `record`.
    static func check(_ lines: TextLines, before end: Int, record: ReportRecord, source: String) -> [Diagnostic] {
        var seen = Set<Figure>()
        var out: [Diagnostic] = []
        for i in 0..<min(end, lines.count) where seen.count < Figure.allCases.count && hasJian(lines[i]) {
            let scalars = decode(lines[i])
            // Clauses: a figure and its words never cross ，。；.
            var start = 0
            while start <= scalars.count {
                var stop = start
                while stop < scalars.count, !isSeparator(scalars[stop]) { stop += 1 }
                defer { start = stop + 1 }
                let clause = scalars[start..<stop]
                guard let (value, at, length) = number(beforeJian: clause) else { continue }
                guard let figure = Figure.of(clause[..<at]), seen.insert(figure).inserted else { continue }
                let cells = ApplicantType.allCases.flatMap { a in figure.outcomes.map { record[$0, a] } }
                let table: Int64? = cells.contains { $0 == nil } ? nil : cells.reduce(0) { $0 + Int64($1!) }
                guard table != Int64(value) else { continue }
                let phrase = String(String.UnicodeScalarView(clause))
                let said = table.map { "the table's \(figure.name) is \($0)" } ?? "the table's \(figure.name) is missing"
                out.append(Diagnostic(.warning, "the text says \(value) (\(figure.name)), but \(said)", source: source,
                                      location: SourceLocation(line: i + 1, column: at + 1, length: length + 1),
                                      sourceLine: lines.text(i), help: "the narrative: '\(phrase)'"))
            }
        }
        return out
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

    /// ，。；;,
    static func isSeparator(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0xFF0C, 0x3002, 0xFF1B, 0x3B, 0x2C: true
        default: false
        }
    }

    /// Whether a line holds `件` (E4 BB B6): most narrative lines do not, and are skipped
    /// before anything is decoded (loading runs this over every line before the table).
    static func hasJian(_ line: Bytes) -> Bool {
        var at = line.startIndex
        while at + 2 < line.endIndex {
            if line[at] == 0xE4, line[at + 1] == 0xBB, line[at + 2] == 0xB6 { return true }
            at += 1
        }
        return false
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
