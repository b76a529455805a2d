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
        static func of(_ before: String) -> Figure? {
            if ["不予公开", "不予以公开", "不同意公开"].contains(where: before.contains) { return .denied }
            if before.contains("部分公开") { return .partial }
            if before.contains("予以公开") || before.contains("同意公开") { return .granted }
            if before.contains("办结") || before.hasPrefix("办理依申请") || before.contains("办理依申请公开") { return .handled }
            if (before.contains("收到") || before.contains("受理")) && before.contains("申请") { return .new }
            return nil
        }
    }

    /// Warnings for the narrative lines `0..<end` of a report whose table was read into `record`.
    static func check(_ lines: TextLines, before end: Int, record: ReportRecord, source: String) -> [Diagnostic] {
        var seen = Set<Figure>()
        var out: [Diagnostic] = []
        for i in 0..<min(end, lines.count) {
            let text = lines.text(i)
            // Clauses: a figure and its words never cross ，。；.
            var offset = 0
            for clause in text.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: { "，。；;,".unicodeScalars.contains($0) }) {
                defer { offset += clause.count + 1 }
                guard let (value, at, length) = number(beforeJian: Array(clause)) else { continue }
                let before = String(String.UnicodeScalarView(clause.prefix(at)))
                guard let figure = Figure.of(before), seen.insert(figure).inserted else { continue }
                let cells = ApplicantType.allCases.flatMap { a in figure.outcomes.map { record[$0, a] } }
                let table: Int64? = cells.contains { $0 == nil } ? nil : cells.reduce(0) { $0 + Int64($1!) }
                guard table != Int64(value) else { continue }
                let phrase = String(String.UnicodeScalarView(clause))
                let said = table.map { "the table's \(figure.name) is \($0)" } ?? "the table's \(figure.name) is missing"
                out.append(Diagnostic(.warning, "the text says \(value) (\(figure.name)), but \(said)", source: source,
                                      location: SourceLocation(line: i + 1, column: offset + at + 1, length: length + 1),
                                      sourceLine: text, help: "the narrative: '\(phrase)'"))
            }
        }
        return out
    }

    /// The number written right before the clause's first `件` (ASCII or full-width digits):
    /// its value, where it starts and how many digits it has.
    static func number(beforeJian s: [Unicode.Scalar]) -> (Int, Int, Int)? {
        guard let jian = s.firstIndex(of: "件") else { return nil }
        var start = jian, value = 0, scale = 1
        while start > 0, let d = digit(s[start - 1]), jian - start < 9 {
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
