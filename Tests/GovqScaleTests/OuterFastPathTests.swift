/// The loader's fast paths outside the table regions, each against the careful reading it
/// shortcuts, on generated reports (plain and with page furniture), the same reports with
/// their body flattened onto one line, the loader's fixtures and the samples: the section
/// headings, the flattened-table decision and the narrative's 件 figures must come out the same.
import Foundation
import GovqCorpus
import GovqCube
import GovqDiagnostics
@testable import GovqLoader
import Testing

@Suite struct OuterFastPathTests {
    /// Every text the comparisons run on, decoded as the loader decodes it.
    static var texts: [(name: String, lines: TextLines)] {
        decoded.map { ($0.name, TextLines($0.bytes)) }
    }

    private static let decoded: [(name: String, bytes: [UInt8])] = {
        var out: [(String, [UInt8])] = []
        let plain = CorpusGenerator(seed: 5), pages = CorpusGenerator(seed: 6, pageFurniture: true)
        for i in 0..<400 { out.append(("plain \(i)", plain.report(i).bytes)) }
        for i in 0..<200 { out.append(("pages \(i)", pages.report(i).bytes)) }
        // The body on one line, as a crawler flattens a page: the careful test then finds the line.
        for i in 0..<100 {
            let lines = plain.report(i).bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            out.append(("flattened \(i)", Array(lines.prefix(3).joined(separator: [0x0A])) + [0x0A] + Array(lines.dropFirst(3).joined(separator: [0x20]))))
        }
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        for dir in [tests.appendingPathComponent("GovqLoaderTests/Fixtures").path, Support.samples] {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() where name.hasSuffix(".txt") {
                if let data = FileManager.default.contents(atPath: dir + "/" + name) { out.append((name, [UInt8](data))) }
            }
        }
        return out.compactMap { name, bytes in
            if bytes.withUnsafeBufferPointer(TextDecoding.isPlainUTF8) { return (name, bytes) }
            return TextDecoding.decode(bytes).map { (name, $0.bytes) }
        }
    }()

    @Test func theTextsHoldWhatTheComparisonsNeed() {
        #expect(Self.texts.count > 700)
        // Some joined bodies are no flattened table to the careful test (their first row has
        // no number right after 申请数量); the fixtures' and about half of them are.
        let flattened = Self.texts.filter { t in (0..<t.lines.count).contains { FlattenedTable.isFlattened(t.lines[$0]) } }
        #expect(flattened.count >= 40, "only \(flattened.count) texts with a flattened line")
    }

    /// The whole-text search for 申请数量 never says "no flattened table" where a line is one.
    @Test func flattenedTablesAreNeverSkipped() {
        for (name, lines) in Self.texts where (0..<lines.count).contains(where: { FlattenedTable.isFlattened(lines[$0]) }) {
            #expect(ReportParser.mayHoldFlattenedTable(lines), "\(name)")
        }
    }

    @Test func headingsAreTheCarefulOnes() {
        for (name, lines) in Self.texts {
            let fast = Headings(lines), careful = CarefulHeadings(lines)
            #expect(fast.applications == careful.applications && fast.reviews == careful.reviews && fast.closing == careful.closing, "\(name)")
        }
    }

    /// The narrative's figures, from the whole text (every 件 of it) and from the lines before
    /// a line chosen at random, as the careful search for each E4 lead finds them.
    @Test func proseFiguresAreTheCarefulOnes() {
        var rng = CorpusRandom(seed: 9)
        var warned = 0
        for (name, lines) in Self.texts {
            let record = ReportRecord(file: name, district: "", unit: "", year: 2020, template: .t2019)
            for end in [lines.count, rng.int(in: 0...max(lines.count, 1))] {
                let fast = ProseCheck.check(lines, before: end, record: record, source: name)
                let careful = CarefulProse.check(lines, before: end, record: record, source: name)
                warned += fast.count
                #expect(fast == careful, "\(name), before line \(end)")
            }
        }
        // The generated narrative states few figures with 件; the dense text below has many.
        #expect(warned >= 20)
    }

    /// Random text dense with 件, the bytes around it (E4 BB as in 他以代, B6 as the last byte
    /// of other characters), digits and separators, cut anywhere.
    @Test func proseFiguresOnDenseText() {
        var rng = CorpusRandom(seed: 10)
        var warned = 0
        let pieces = ["件", "他", "以", "代", "涶", "嶶", "申请", "受理", "办结", "不予公开", "部分公开", "予以公开", "，", "。", "；", ",", "\n", "12", "３", "0", " ",
                      "受理申请35件", "办结33件", "不予公开１２件", "部分公开0件", "予以公开7件"]
        for round in 0..<3000 {
            let text = (0..<rng.int(in: 1...60)).map { _ in pieces[rng.int(pieces.count)] }.joined()
            let lines = TextLines(Array(text.utf8))
            let record = ReportRecord(file: "r", district: "", unit: "", year: 2020, template: .t2019)
            let end = rng.int(in: 0...max(lines.count, 1))
            let fast = ProseCheck.check(lines, before: end, record: record, source: "r")
            let careful = CarefulProse.check(lines, before: end, record: record, source: "r")
            #expect(fast == careful, "round \(round): \(text.debugDescription)")
            warned += fast.count
        }
        #expect(warned > 300, "only \(warned) figures found")
    }
}

/// The headings as they were found before the fast path: every line, each decoded.
private struct CarefulHeadings {
    var applications: [Int] = [], reviews: [Int] = [], closing: [Int] = []

    init(_ lines: TextLines) {
        let numerals: [UInt32] = "三四五六".unicodeScalars.map { u in Array(String(u).utf8).reduce(0) { $0 << 8 | UInt32($1) } }
        for i in 0..<lines.count {
            let line = lines[i]
            var at = line.startIndex
            while at < line.endIndex, line[at] == 0x20 || line[at] == 0x09 { at += 1 }
            if at + 2 < line.endIndex, line[at] == 0xE3, line[at + 1] == 0x80, line[at + 2] == 0x80 { at += 3 }
            guard line.endIndex - at >= 6, line[at] == 0xE4 || line[at] == 0xE5 else { continue }
            let numeral = UInt32(line[at]) << 16 | UInt32(line[at + 1]) << 8 | UInt32(line[at + 2])
            guard let which = numerals.firstIndex(of: numeral) else { continue }
            var after = line[(at + 3)...]
            while after.first == 0x20 { after = after.dropFirst() }
            guard after.count >= 3 else { continue }
            let b0 = after[after.startIndex]
            let sep = UInt32(b0) << 16 | UInt32(after[after.startIndex + 1]) << 8 | UInt32(after[after.startIndex + 2])
            guard sep == 0xE38081 || sep == 0xEFBC8E || sep == 0xEFBC8C || b0 == 0x2E || b0 == 0x2C else { continue }
            let rest = RowLabels.normalize(String(decoding: after.prefix(180), as: UTF8.self))
            switch which {
            case 0 where rest.includes("申请") && rest.count <= 40: applications.append(i)
            case 1 where rest.includes("复议") || rest.includes("诉讼"): reviews.append(i)
            case 2, 3: closing.append(i)
            default: break
            }
        }
    }
}

/// The prose check as it searched before the fast path: memchr for each E4 lead, then BB B6.
private enum CarefulProse {
    static func check(_ lines: TextLines, before end: Int, record: ReportRecord, source: String) -> [Diagnostic] {
        let bytes = lines.bytes
        guard let base = bytes.baseAddress, end > 0, lines.count > 0 else { return [] }
        let limit = end < lines.count ? lines.ranges[end].lowerBound : bytes.count
        var seen = Set<ProseCheck.Figure>()
        var out: [Diagnostic] = []
        var line = 0, from = 0, lastClause = -1
        while seen.count < ProseCheck.Figure.allCases.count, from + 3 <= limit,
              let hit = memchr(base + from, 0xE4, limit - from - 2) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = at + 1
            guard bytes[at + 1] == 0xBB, bytes[at + 2] == 0xB6 else { continue }
            from = at + 3
            while line + 1 < lines.count, lines.ranges[line].upperBound <= at { line += 1 }
            let range = lines.ranges[line]
            guard range.contains(at) else { continue }
            let clause = ProseCheck.clauseStart(bytes, before: at, lineStart: range.lowerBound)
            guard clause != lastClause else { continue }
            lastClause = clause
            guard let (value, digitsStart, length) = ProseCheck.number(bytes, before: at, clauseStart: clause) else { continue }
            let words = ProseCheck.decode(bytes[clause..<digitsStart])
            guard let figure = ProseCheck.Figure.of(words[...]), seen.insert(figure).inserted else { continue }
            let cells = ApplicantType.allCases.flatMap { a in figure.outcomes.map { record[$0, a] } }
            let table: Int64? = cells.contains { $0 == nil } ? nil : cells.reduce(0) { $0 + Int64($1!) }
            guard table != Int64(value) else { continue }
            let phrase = String(decoding: bytes[clause..<ProseCheck.clauseEnd(bytes, after: at, lineEnd: range.upperBound)], as: UTF8.self)
            let said = table.map { "the table's \(figure.name) is \($0)" } ?? "the table's \(figure.name) is missing"
            let column = ProseCheck.scalarCount(bytes[range.lowerBound..<digitsStart])
            out.append(Diagnostic(.warning, "the text says \(value) (\(figure.name)), but \(said)", source: source,
                                                 location: SourceLocation(line: line + 1, column: column + 1, length: length + 1),
                                                 sourceLine: lines.text(line), help: "the narrative: '\(phrase)'"))
        }
        return out
    }
}

/// The metadata from the lines holding 报 alone, against every line read as before, with the
/// limits the parser gives (the table's heading, or 200 lines) and others.
extension OuterFastPathTests {
    @Test func metadataIsTheCarefulOne() {
        var rng = CorpusRandom(seed: 12)
        for (name, lines) in Self.texts {
            for limit in [lines.count, min(lines.count, 200), rng.int(in: 0...max(lines.count, 1))] {
                #expect(Metadata.read(lines, before: limit) == CarefulMetadata.read(lines, before: limit), "\(name), before line \(limit)")
            }
        }
    }
}

/// The metadata as it was read before the fast path: every line before the table, in order.
private enum CarefulMetadata {
    static func read(_ lines: TextLines, before limit: Int) -> ReportMetadata {
        var meta = ReportMetadata()
        var previous: Int?
        for i in 0..<min(limit, lines.count) where !lines.isImage(i) {
            let line = lines[i]
            guard meta.unit == nil, line.offset(of: Array("报".utf8)) != nil else {
                if !Metadata.isBlankWhenNormalized(line) { previous = i }
                continue
            }
            var s = RowLabels.normalize(lines.text(i)).withoutTitleMarks
            for prefix in ["标题:", "标题：", "文章标题:", "title:", "Title:"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
            if s.isEmpty { continue }
            defer { previous = i }
            if !s.endsWith("报告"), s.includes("。") || s.includes("，"), case let parts = FlattenedTable.titleApart(Array(line)), parts.count > 1,
               let title = parts.first(where: { p in String(decoding: p, as: UTF8.self).trimmingSpaces.hasSuffix("报告") }) {
                s = RowLabels.normalize(String(decoding: title, as: UTF8.self)).withoutTitleMarks
            }
            guard s.endsWith("报告") || s.endsWith("年报") || s.includes("年度报告") else { continue }
            if s.includes("。") || s.includes("；") { continue }
            var parsed = s.includes("信息公开") ? Metadata.parseTitle(s) : nil
            if parsed == nil, let p = previous.map({ RowLabels.normalize(lines.text($0)).withoutTitleMarks }), !p.includes("。") {
                let title = p + s
                if title.includes("信息公开") { parsed = Metadata.parseTitle(title) }
            }
            guard let (unit, y) = parsed else { continue }
            meta.unit = unit
            meta.year = y
            meta.titleLine = i
            if y != nil { break }
        }
        if meta.year == nil { meta.year = Metadata.statisticsYear(lines, before: limit) }
        if meta.unit == nil, let (u, line) = Metadata.unitFromProse(lines) {
            meta.unit = u
            meta.unitSource = "the sentence on line \(line + 1)"
        }
        if let u = meta.unit { meta.district = Metadata.district(of: u) }
        return meta
    }
}
