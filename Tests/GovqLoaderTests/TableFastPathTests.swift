/// The applications table's fast path (`ApplicationsTable.readFast`) against the careful reader
/// it shortcuts: every report parsed both ways must give the same record, totals, diagnostics
/// (text and order), status and summary. On generated reports of every layout (with and without
/// page furniture), the same reports with cells and lines changed at random (markers, blanks,
/// notes, digits a blank splits, lost and repeated lines, page numbers, typos), the loader's
/// fixtures and the samples. And the fast path must take most clean generated tables.
import Foundation
import GovqCorpus
import GovqCube
import GovqDiagnostics
@testable import GovqLoader
import Testing

/// A report parsed with the fast path and without, and whether the fast path read its tables.
private func bothWays(_ bytes: [UInt8], _ name: String) -> (fast: ParsedReport, careful: ParsedReport, took: Bool) {
    let fast = ReportParser.parse(ByteStorage(bytes), file: name)
    let careful = ReportParser.parse(ByteStorage(bytes), file: name, fastTables: false)
    return (fast, careful, tookFastPath(bytes))
}

/// Whether the fast path reads the first applications region of `bytes` (as the parser asks it).
private func tookFastPath(_ bytes: [UInt8]) -> Bool { tookFastPaths(bytes).applications }

/// Whether the fast paths read the first applications region and the reviews region after it
/// (TableFastPathWideningTests asks it too).
func tookFastPaths(_ bytes: [UInt8]) -> (applications: Bool, reviews: Bool) {
    let lines = TextLines(bytes)
    let headings = Headings(lines)
    return withExtendedLifetime(lines) {
        guard let start = headings.applications.first else { return (false, false) }
        let end = headings.next(after: start, in: headings.reviews + headings.closing) ?? lines.count
        let applications = ApplicationsTable.readFast(lines, (start + 1)..<end) != nil
        guard let r = headings.reviews.first(where: { $0 > start }) else { return (applications, false) }
        let rEnd = headings.next(after: r, in: headings.closing) ?? min(lines.count, r + 300)
        var record = ReportRecord(file: "", district: "", unit: "", year: 2020, template: .t2019)
        var diagnostics: [Diagnostic] = []
        return (applications, ReviewsTable.fillFast(lines, r..<rEnd, &record, source: "", diagnostics: &diagnostics))
    }
}

/// The differences between two parses, as text (empty when they agree in every field).
private func differences(_ a: ParsedReport, _ b: ParsedReport) -> [String] {
    var out: [String] = []
    if a.summary.status != b.summary.status { out.append("status \(a.summary.status) / \(b.summary.status)") }
    if a.summary.reason != b.summary.reason { out.append("reason") }
    if a.summary.template != b.summary.template || a.summary.district != b.summary.district
        || a.summary.unit != b.summary.unit || a.summary.year != b.summary.year { out.append("summary") }
    if a.totals != b.totals { out.append("totals \(a.totals) / \(b.totals)") }
    if a.record?.applications != b.record?.applications { out.append("applications") }
    if a.record?.reviews != b.record?.reviews { out.append("reviews") }
    if a.record?.status != b.record?.status { out.append("record status") }
    if a.record?.template != b.record?.template { out.append("template") }
    if a.diagnostics != b.diagnostics {
        out.append("diagnostics:\n  " + a.diagnostics.map(\.message).joined(separator: "\n  ") + "\n/\n  "
                   + b.diagnostics.map(\.message).joined(separator: "\n  "))
    }
    return out
}

/// Changes a line or two of a report's section 三 or 四 the way real texts differ from clean ones.
private func mutated(_ bytes: [UInt8], _ r: inout CorpusRandom) -> [UInt8] {
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    guard let three = lines.firstIndex(where: { $0.starts(with: Array("三、收到".utf8)) }),
          let four = lines[three...].firstIndex(where: { $0.starts(with: Array("四、政府".utf8)) || $0.starts(with: Array("四．政府".utf8)) }),
          let five = lines[four...].firstIndex(where: { $0.starts(with: Array("五、".utf8)) }),
          four > three + 2 else { return bytes }
    let (start, end) = r.chance(0.7) ? (three, four) : (four, five)
    let edits = ["", "\u{3000}", "-", "不适用", "*", "05", "3 04", "3\u{00A0}04", "7（含转办件）", "12", "0", "\t", "  ", "- 7 -", "第 3 页",
                 "abc", "1,234", "&nbsp;", "（三）不予公开", "自然人", "总计", "其他", "3.其他", "（六）其他处理", "2.重复申请", "四、结转下年度继续办理",
                 "其他结果 结果纠正", "结果维持", "行政复议", "注：单位为件"]
    for _ in 0..<(1 + r.int(2)) {
        let i = start + 1 + r.int(end - start - 1)
        switch r.int(6) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: i)
        case 2: lines.insert(Array(r.pick(edits).utf8), at: i)
        case 3:
            // One word of the line replaced (words split by a space or a tab).
            var words = lines[i].split(separator: 0x20, omittingEmptySubsequences: false).map(Array.init)
            let sep: UInt8 = words.count > 1 ? 0x20 : 0x09
            if words.count == 1 { words = lines[i].split(separator: 0x09, omittingEmptySubsequences: false).map(Array.init) }
            words[r.int(words.count)] = Array(r.pick(edits).utf8)
            lines[i] = Array(words.joined(separator: [sep]))
        case 4: lines[i] = Array(" \(r.pick(edits)) ".utf8) + lines[i]
        default:
            // A byte of the line changed: a typo, or a label's character lost.
            if !lines[i].isEmpty { lines[i].remove(at: r.int(lines[i].count)) }
        }
    }
    return Array(lines.joined(separator: [0x0A]))
}

@Suite struct TableFastPathTests {
    /// Generated reports of every layout: both ways the same, and most clean tables fast.
    @Test func generatedReportsReadTheSameBothWays() {
        for (seed, furniture) in [(UInt64(21), false), (22, true)] {
            let g = CorpusGenerator(seed: seed, pageFurniture: furniture)
            let count = furniture ? 300 : 1_200
            var took = 0, reviews = 0
            for i in 0..<count {
                let bytes = g.report(i).bytes
                let (fast, careful, t) = bothWays(bytes, "g\(seed)-\(i)")
                if t { took += 1 }
                if tookFastPaths(bytes).reviews { reviews += 1 }
                let d = differences(fast, careful)
                #expect(d.isEmpty, "report \(i) of seed \(seed): \(d.joined(separator: "; "))")
            }
            // Clean reports (no furniture): the fast path reads most of them.
            if !furniture {
                #expect(took * 2 > count, "the fast path took \(took) of \(count)")
                #expect(reviews * 2 > count, "the reviews fast path took \(reviews) of \(count)")
            } else { #expect(took > 0 && reviews > 0) }
        }
    }

    /// Tables changed at random: wherever the fast path still reads one, it reads it as the
    /// careful reader does; where it cannot, it gives up.
    @Test func changedTablesReadTheSameBothWays() {
        let g = CorpusGenerator(seed: 23)
        var r = CorpusRandom(seed: 24)
        var took = 0
        for i in 0..<1_500 {
            let bytes = mutated(g.report(i % 500).bytes, &r)
            let (fast, careful, t) = bothWays(bytes, "m\(i)")
            if t { took += 1 }
            let d = differences(fast, careful)
            #expect(d.isEmpty, "changed report \(i): \(d.joined(separator: "; "))\n\(String(decoding: bytes, as: UTF8.self))")
        }
        // Some changes leave a table the fast path reads (a value for a value, a blank line).
        #expect(took > 100, "the fast path took \(took)")
    }

    /// Every fixture of the loader's tests and every sample, both ways.
    @Test func fixturesAndSamplesReadTheSameBothWays() throws {
        var files: [URL] = []
        for dir in [Paths.fixtures, Paths.samples] {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".txt") || name.hasSuffix(".md") {
                files.append(dir.appendingPathComponent(name))
            }
        }
        #expect(files.count > 40)
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            let (fast, careful, _) = bothWays(bytes, url.lastPathComponent)
            let d = differences(fast, careful)
            #expect(d.isEmpty, "\(url.lastPathComponent): \(d.joined(separator: "; "))")
        }
    }

    /// Tables the fast path must leave to the careful reader, each for one reason, with the
    /// careful reading's diagnostic that says why.
    @Test(arguments: [
        ("（三）不予公开 1、属于国家秘密 4 0 0 0 0 0 4", "（三）不予公开 1、属于国家秘秘密 4 0 0 0 0 0 4", "closest label"),
        ("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0", "二、上年结转政府信息公开申请数量 0 0 0 0 0 0", "has only 6 of 7 cells"),
        ("（七）总计 147 0 0 1 0 0 148", "（七）总计 147 0 0 1 0 0 149", "total column (149)"),
        ("（七）总计 147 0 0 1 0 0 148", "（七）总计 147 0 0 1 0 0 148 5", "extra cells '5'"),
        // A note, page furniture between rows: read by the fast path now (TableFastPathWideningTests).
        ("（六）其他处理 18 0 0 0 0 0 18", "（六）其他处理 1\u{00A0}8 0 0 0 0 0 18", "has a blank inside"),
    ])
    func givesUpWhereTheCarefulReaderHasSomethingToSay(clean: String, changed: String, says: String) {
        let text = Self.table.replacingOccurrences(of: clean, with: changed)
        #expect(text != Self.table)
        #expect(tookFastPath(Array(Self.table.utf8)))
        #expect(!tookFastPath(Array(text.utf8)))
        let (fast, careful, _) = bothWays(Array(text.utf8), "changed.txt")
        #expect(differences(fast, careful).isEmpty)
        if !says.isEmpty { #expect(careful.diagnostics.contains { $0.message.contains(says) }, "\(careful.diagnostics.map(\.message))") }
    }

    /// Section 四's fast path leaves to the careful reader what it has something to say about.
    @Test(arguments: [
        ("0 5 5 0 10 4 8 0 0 12 4 8 7 6 25", "0 5 5 0 10 4 8 0 0 12 4 8 7 6 26", "total (26)"),
        ("0 5 5 0 10 4 8 0 0 12 4 8 7 6 25", "0 5 5 0 10 4 8 0 0 12 4 8 7 6", "only 14 of 15"),
        ("0 5 5 0 10 4 8 0 0 12 4 8 7 6 25", "0 5 5 0 10 4 8 0 0 12 4 8 7 6 25 1", "has 16 cells"),
        ("行政复议 行政诉讼", "结果维持 其他结果 结果纠正 尚未审结 总计", "in the order 结果维持 其他结果 结果纠正"),
        ("0 5 5 0 10 4 8 0 0 12 4 8 7 6 25", "0 5 5 0 10 4 8 0 0 12 4 8 7 6 25\n注：单位为件", ""),
    ])
    func reviewsGiveUpWhereTheCarefulReaderHasSomethingToSay(clean: String, changed: String, says: String) {
        let text = Self.table.replacingOccurrences(of: clean, with: changed)
        #expect(text != Self.table)
        #expect(tookFastPaths(Array(Self.table.utf8)).reviews)
        #expect(!tookFastPaths(Array(text.utf8)).reviews)
        let (fast, careful, _) = bothWays(Array(text.utf8), "changed.txt")
        #expect(differences(fast, careful).isEmpty)
        if !says.isEmpty { #expect(careful.diagnostics.contains { $0.message.contains(says) }, "\(careful.diagnostics.map(\.message))") }
    }

    /// A clean table read by the fast path: the values as printed (read off the text below),
    /// and one note for its NA markers, pointing at the first.
    @Test func readsACleanTableAsPrinted() throws {
        let text = Self.table.replacingOccurrences(of: "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0", with: "二、上年结转政府信息公开申请数量 0 / 0 0 0 — 0")
        #expect(tookFastPath(Array(text.utf8)))
        let parsed = ReportParser.parse(bytes: Array(text.utf8), file: "clean.txt")
        let record = try #require(parsed.record)
        #expect(record[.new, .naturalPerson] == 155 && record[.new, .nonprofit] == 1 && parsed.totals[Outcome.new.rawValue] == 156)
        #expect(record[.handled, .naturalPerson] == 147 && record[.carriedForward, .naturalPerson] == 8)
        #expect(record[.carriedOver, .business] == 0 && record[.carriedOver, .otherOrg] == 0)
        #expect(record[.other, .naturalPerson] == 18 && record.template == .t2019)
        #expect(parsed.summary.status == .ok)
        let notes = parsed.diagnostics.filter { $0.message.contains("NA marker") }
        #expect(notes.map(\.message) == ["2 NA markers read as 0 in the applications table"])
        #expect(notes.first?.location?.line == 7)
        // Section 四 as printed: 行政复议 0 5 5 0 10, 未经复议直接起诉 4 8 0 0 12, 复议后起诉 4 8 7 6 25.
        #expect(tookFastPaths(Array(text.utf8)).reviews)
        #expect(record[.upheld, .review] == 0 && record[.corrected, .review] == 5 && record[.total, .review] == 10)
        #expect(record[.corrected, .litigationDirect] == 8 && record[.total, .litigationDirect] == 12)
        #expect(record[.pending, .litigationAfterReview] == 6 && record[.total, .litigationAfterReview] == 25)
    }

    /// A report in the 2019 template laid out one row a line (the corpus's `spaceRows`).
    static let table = """
        济南市历城区人民政府2020年政府信息公开工作年度报告
        一、总体情况
        本年度，我区认真贯彻落实《中华人民共和国政府信息公开条例》。
        三、收到和处理政府信息公开申请情况
        自然人 法人或其他组织 总计
        一、本年新收政府信息公开申请数量 155 0 0 1 0 0 156
        二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
        三、本年度办理结果 （一）予以公开 11 0 0 1 0 0 12
        （二）部分公开（区分处理的，只计这一情形，不计其他情形） 36 0 0 0 0 0 36
        （三）不予公开 1、属于国家秘密 4 0 0 0 0 0 4
        2、其他法律、行政法规禁止公开 4 0 0 0 0 0 4
        3、危及“三安全一稳定” 4 0 0 0 0 0 4
        4、保护第三方合法权益 9 0 0 0 0 0 9
        5、属于三类内部事务信息 0 0 0 0 0 0 0
        6、属于四类过程性信息 9 0 0 0 0 0 9
        7、属于行政执法案卷 4 0 0 0 0 0 4
        8、属于行政查询事项 4 0 0 0 0 0 4
        （四）无法提供 1、本机关不掌握相关政府信息 0 0 0 0 0 0 0
        2、没有现成信息需要另行制作 18 0 0 0 0 0 18
        3、补正后申请内容仍不明确 4 0 0 0 0 0 4
        （五）不予处理 1、信访举报投诉类申请 9 0 0 0 0 0 9
        2、重复申请 9 0 0 0 0 0 9
        3、要求提供公开出版物 4 0 0 0 0 0 4
        4、无正当理由大量反复申请 0 0 0 0 0 0 0
        5、要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
        （六）其他处理 18 0 0 0 0 0 18
        （七）总计 147 0 0 1 0 0 148
        四、结转下年度继续办理 8 0 0 0 0 0 8

        四、政府信息公开行政复议、行政诉讼情况
        行政复议 行政诉讼
        0 5 5 0 10 4 8 0 0 12 4 8 7 6 25

        五、存在的主要问题及改进情况
        """
}
