/// The fast path widened to the variants real tables (and other generators) print (load5):
/// counts with a note, full-width digits and units, U+3000 and no-break-space padding, page
/// furniture between rows, a group's label run into its first row's, header words split one
/// character a line in a tab-indented table.
/// Each is read by the fast path and gives what the careful reader gives (the differential
/// test in `TableFastPathTests` checks every generated layout too); the values below are read
/// off the table text by hand.
import Foundation
import GovqCorpus
import GovqCube
import GovqDiagnostics
@testable import GovqLoader
import Testing

@Suite struct TableFastPathWideningTests {
    /// Whether the fast path reads the first applications region of `text` (and the reviews one).
    private func took(_ text: String) -> (applications: Bool, reviews: Bool) { tookFastPaths(Array(text.utf8)) }

    /// Parsed with the fast path and with the careful reader only: equal in every field.
    private func bothWays(_ text: String) -> ParsedReport {
        let fast = ReportParser.parse(ByteStorage(Array(text.utf8)), file: "w.txt")
        let careful = ReportParser.parse(ByteStorage(Array(text.utf8)), file: "w.txt", fastTables: false)
        #expect(fast.diagnostics == careful.diagnostics, "\(fast.diagnostics.map(\.message)) / \(careful.diagnostics.map(\.message))")
        #expect(fast.record?.applications == careful.record?.applications && fast.record?.reviews == careful.record?.reviews)
        #expect(fast.totals == careful.totals && fast.summary.status == careful.summary.status)
        return fast
    }

    /// One line of the clean table changed; the row's natural-person cell and 总计 as printed.
    @Test(arguments: [
        // 重复申请's 总计 9 with a note, written against it and after a space.
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 0 0 0 0 0 9（含转办件）", Outcome.notProcessedDuplicate, 9, 9,
         "not_processed.duplicate, total: 9 has a note '含转办件'"),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 （含转办件） 0 0 0 0 0 9", .notProcessedDuplicate, 9, 9,
         "not_processed.duplicate, natural_person: 9 has a note '含转办件'"),
        ("（七）总计 147 0 0 1 0 0 148", "（七）总计 １４７ 0 0 1 0 0 １４８", .handled, 147, 148, ""),
        ("（七）总计 147 0 0 1 0 0 148", "（七）总计 147件 0 0 1 0 0 148件", .handled, 147, 148, ""),
        ("4、保护第三方合法权益 9 0 0 0 0 0 9", "4、保护第三方合法权益 9\u{00A0} 0 0 0 0 0 \u{00A0}9", .deniedThirdParty, 9, 9, ""),
        ("4、保护第三方合法权益 9 0 0 0 0 0 9", "4、保护第三方合法权益\u{3000}9\u{3000}0\u{3000}0 0 0 0 9\u{3000}", .deniedThirdParty, 9, 9, ""),
        // A group's label run into its first row's (pdftotext without -layout).
        ("三、本年度办理结果 （一）予以公开 11 0 0 1 0 0 12", "三、本年度办理结果（一）予以公开 11 0 0 1 0 0 12", .granted, 11, 12, ""),
        ("（三）不予公开 1、属于国家秘密 4 0 0 0 0 0 4", "（三）不予公开1、属于国家秘密 4 0 0 0 0 0 4", .deniedStateSecret, 4, 4, ""),
        ("（五）不予处理 1、信访举报投诉类申请 9 0 0 0 0 0 9", "（五）不予处理1、信访举报投诉类申请 9 0 0 0 0 0 9", .notProcessedComplaint, 9, 9, ""),
        // Page furniture between rows (no form feed: the markers that need none).
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 0 0 0 0 0 9\n- 7 -", .notProcessedDuplicate, 9, 9, ""),
        ("（三）不予公开 1、属于国家秘密 4 0 0 0 0 0 4", "（三）不予公开 1、属于国家秘密 4 0 0 0 0 0 4\n      第 3 页", .deniedStateSecret, 4, 4, ""),
    ] as [(String, String, Outcome, Int32, Int32, String)])
    func readsTheVariant(clean: String, changed: String, outcome: Outcome, natural: Int32, total: Int32, note: String) throws {
        let text = TableFastPathTests.table.replacingOccurrences(of: clean, with: changed)
        #expect(text != TableFastPathTests.table)
        #expect(took(text).applications)
        let parsed = bothWays(text)
        let record = try #require(parsed.record)
        #expect(record[outcome, .naturalPerson] == natural && parsed.totals[outcome.rawValue] == total)
        #expect(record[.handled, .naturalPerson] == 147 && record[.new, .nonprofit] == 1)
        #expect(parsed.summary.status == .ok)
        let notes = parsed.diagnostics.filter { $0.message.contains("has a note") }.map(\.message)
        #expect(notes == (note.isEmpty ? [] : [note]))
    }

    /// What still goes to the careful reader: a no-break space between two words (which may be
    /// one number with a blank inside), other blanks, a note after an NA marker.
    @Test(arguments: [
        ("（六）其他处理 18 0 0 0 0 0 18", "（六）其他处理 1\u{00A0}8 0 0 0 0 0 18", "has a blank inside"),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9\u{00A0}（含转办件） 0 0 0 0 0 9", "has a note"),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 0 0 0 0 0 9\u{2002}", ""),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 0 0 0 / （含转办件） 0 9", ""),
        ("（七）总计 147 0 0 1 0 0 148", "（七）总计 147 0 0 1 0 0 1,48", "is not a number"),
    ])
    func leavesToTheCarefulReader(clean: String, changed: String, says: String) {
        let text = TableFastPathTests.table.replacingOccurrences(of: clean, with: changed)
        #expect(text != TableFastPathTests.table)
        #expect(!took(text).applications)
        let parsed = bothWays(text)
        if !says.isEmpty { #expect(parsed.diagnostics.contains { $0.message.contains(says) }, "\(parsed.diagnostics.map(\.message))") }
    }

    /// The table laid out one cell a line after a tab, its four-character header words split one
    /// character a line (`\t商` / `业` / `企` / `业`), section 四's too: the fast paths read both.
    @Test func readsATabIndentedTableWithSplitHeaderWords() throws {
        let out = Self.tabIndented
        #expect(out.contains("\t商\n业\n企\n业\n") && out.contains("\t结\n果\n维\n持\n"))
        let took = took(out)
        #expect(took.applications && took.reviews)
        let parsed = bothWays(out)
        let record = try #require(parsed.record)
        #expect(record[.new, .naturalPerson] == 155 && parsed.totals[Outcome.new.rawValue] == 156)
        #expect(record[.notProcessedComplaint, .naturalPerson] == 9 && record[.carriedForward, .naturalPerson] == 8)
        #expect(record[.corrected, .review] == 5 && record[.total, .litigationAfterReview] == 25)
        #expect(parsed.summary.status == .ok)
    }

    /// The tab-indented table with a row or group label wrapped over lines, the lines after
    /// the first without the tab (`\t三、本年` / `度办理结` / `果`, as a Word export prints a
    /// narrow label column): the careful scanner joins them into one cell, and the fast path
    /// reads the joined label as that cell, with the same values.
    @Test(arguments: [
        ("\t三、本年度办理结果\n", "\t三、本年\n度办理结\n果\n", Outcome.granted, 11),
        ("\t5、要求行政机关确认或重新出具已获取信息\n", "\t5、要求行政机关确认或重新\n出具已获取信息\n", Outcome.notProcessedConfirm, 0),
        ("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n", "\t（二）部分公开（区分处理的，只计这一\n情形，不计其他情形）\n", Outcome.partial, 36),
        ("\t一、本年新收政府信息公开申请数量\n", "\t一、本年新收政府信\n息公开申请数量\n", Outcome.new, 155),
    ])
    func readsALabelWrappedOverLines(whole: String, wrapped: String, outcome: Outcome, natural: Int32) throws {
        let (record, status) = try fastRead(Self.tabIndented, replacing: whole, with: wrapped)
        #expect(record[outcome, .naturalPerson] == natural)
        #expect(record[.new, .naturalPerson] == 155 && record[.carriedForward, .naturalPerson] == 8 && status == .ok)
    }

    /// `base` with `old` replaced: changed, section 三 read by the fast path, the parse the
    /// careful reader's; its record and status.
    private func fastRead(_ base: String, replacing old: String, with new: String) throws -> (ReportRecord, ReportSummary.Status) {
        let text = base.replacingOccurrences(of: old, with: new)
        #expect(text != base)
        #expect(took(text).applications)
        let parsed = bothWays(text)
        return (try #require(parsed.record), parsed.summary.status)
    }

    /// Labels and header words printed with ASCII brackets, commas and colons for the template's
    /// full-width ones, or with a space inside a wrapped label: read by their normalised bytes,
    /// as the careful reader reads them.
    @Test(arguments: [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", Outcome.partial, 36),
        ("（三）不予公开", "(三)不予公开", Outcome.deniedStateSecret, 4),
        ("（七）总计", "(七)总计", Outcome.handled, 147),
    ])
    func readsAFormByItsNormalisedBytes(form: String, variant: String, outcome: Outcome, natural: Int32) throws {
        let (record, status) = try fastRead(TableFastPathTests.table, replacing: form, with: variant)
        #expect(record[outcome, .naturalPerson] == natural && status == .ok)
        let (wrapped, _) = try fastRead(Self.tabIndented, replacing: "\t三、本年度办理结果\n", with: "\t三、本年\n度 办理结果\n")
        #expect(wrapped[.granted, .naturalPerson] == 11)
    }

    /// Section 四's header words wrapped two characters a line (`\t结果` / `维持`, `\t尚未` /
    /// `审结`, seeds 000 and 004): joined, as the careful scanner joins them, and read whole.
    @Test func readsReviewHeaderWordsWrappedOverLines() throws {
        var text = Self.tabIndented
        for w in ["结果维持", "结果纠正", "尚未审结", "复议后起诉"] {
            let split = w.map(String.init).joined(separator: "\n")
            let pairs = stride(from: 0, to: w.count, by: 2).map { String(Array(w)[$0..<min($0 + 2, w.count)]) }.joined(separator: "\n")
            #expect(text.contains("\t" + split + "\n") || text.contains("\t" + w + "\n"), "\(w)")
            text = text.replacingOccurrences(of: "\t" + split + "\n", with: "\t" + pairs + "\n")
            text = text.replacingOccurrences(of: "\t" + w + "\n", with: "\t" + pairs + "\n")
        }
        #expect(text.contains("\t结果\n维持\n") && text.contains("\t复议\n后起\n诉\n"))
        #expect(took(text).reviews)
        let record = try #require(bothWays(text).record)
        #expect(record[.corrected, .review] == 5 && record[.upheld, .litigationDirect] == 4)
        #expect(record[.other, .litigationAfterReview] == 7 && record[.total, .litigationAfterReview] == 25)
    }

    /// A wrapped piece that is no text, or pieces that join into no label as written: the
    /// careful reader's, with the same record either way.
    @Test(arguments: [
        ("\t三、本年度办理结果\n", "\t三、本年\n度办理\n了结果\n"),
        ("\t（一）予以公开\n", "\t（一）予以\n公开了\n"),
        ("\t（六）其他处理\n", "\t（六）其他处理\n18\n"),
    ])
    func leavesAWrapItCannotRead(whole: String, wrapped: String) {
        let text = Self.tabIndented.replacingOccurrences(of: whole, with: wrapped)
        #expect(text != Self.tabIndented)
        #expect(!took(text).applications)
        _ = bothWays(text)
    }

    /// The clean table laid out one cell a line after a tab, header words split one character
    /// a line (`\t商` / `业` / `企` / `业`).
    static let tabIndented: String = {
        var out = ""
        for line in TableFastPathTests.table.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(separator: " ").map(String.init)
            let split = { (w: String) in w.count == 4 ? w.map(String.init).joined(separator: "\n") : w }
            if line.hasPrefix("自然人") {
                for w in ["自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"] { out += "\t" + split(w) + "\n" }
            } else if line.hasPrefix("行政复议") {
                for w in ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"] {
                    out += "\t" + split(w) + "\n"
                }
            } else if words.count > 1, words.last?.allSatisfy(\.isNumber) == true {
                // Labels, then the cells, each after a tab; a blank line after the row.
                for w in words { out += "\t" + w + "\n" }
                out += "\n"
            } else {
                out += line + "\n"
            }
        }
        return out
    }()

    /// The 2021 template's column note above the header, whole or wrapped over lines where an
    /// export cut it (after its comma, inside a word, in either bracket style; on lines of its
    /// own or, tab-indented, continued on the next line): the fast path reads the table, as the
    /// careful reader does, with the same values.
    @Test(arguments: [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）",
        "（本列数据的勾稽关系为：第一项加第二项之和，等\n于第三项加第四项之和）",
        "(本列数据的勾稽关系为:\n第一项加第二项之和,\n等于第三项加第四项之和)",
        "\t（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）",
    ])
    func readsTheColumnNoteWrappedOverLines(note: String) throws {
        let text = TableFastPathTests.table.replacingOccurrences(of: "三、收到和处理政府信息公开申请情况\n",
                                                                with: "三、收到和处理政府信息公开申请情况\n\(note)\n")
        #expect(text.contains("勾稽关系"))
        #expect(took(text).applications)
        let parsed = bothWays(text)
        let record = try #require(parsed.record)
        #expect(record[.new, .naturalPerson] == 155 && record[.new, .nonprofit] == 1 && parsed.totals[Outcome.new.rawValue] == 156)
        #expect(record[.carriedForward, .naturalPerson] == 8 && parsed.summary.status == .ok)
    }

    /// No run of the note's characters is a row or a group label to the careful reader, rows
    /// begun or not: a piece of it is header text wherever the export cut it.
    @Test func noPieceOfTheNoteIsALabel() {
        let scalars = Array(String(decoding: FastLabels.noteNormalised, as: UTF8.self).unicodeScalars)
        #expect(scalars.count > 30)
        for a in 0..<scalars.count {
            for b in (a + 1)...scalars.count {
                var piece = ""
                piece.unicodeScalars.append(contentsOf: scalars[a..<b])
                let bytes = Array(piece.utf8)
                #expect(RowLabels.group(in: bytes) == nil, "\(piece)")
                for begun in [false, true] {
                    for group in [nil, .results, .denied, .unavailable, .notProcessed, .other] as [RowGroup?] {
                        #expect(RowLabels.leaf(in: bytes, rowsBegun: begun, group: group) == nil, "\(piece)")
                    }
                }
            }
        }
    }

    /// Words that are no piece of the note stay the careful reader's: a row label's words, or
    /// the note's characters out of order.
    @Test(arguments: ["第二项加第一项之和，", "（本列数据的说明：）", "本年新收"])
    func leavesWordsThatAreNoPieceOfTheNote(word: String) {
        let text = TableFastPathTests.table.replacingOccurrences(of: "三、收到和处理政府信息公开申请情况\n",
                                                                with: "三、收到和处理政府信息公开申请情况\n\(word)\n")
        #expect(!took(text).applications)
        #expect(Array(word.utf8).withUnsafeBufferPointer { FastLabels.headerFragment($0[...]) } == nil)
    }

    /// The share of generated applications tables the fast path reads, over every layout the
    /// corpus writes (page furniture in the second set): it was 74% before this widening.
    @Test func readsMostGeneratedTables() {
        for (seed, furniture) in [(UInt64(31), false), (32, true)] {
            let g = CorpusGenerator(seed: seed, pageFurniture: furniture)
            var tried = 0, read = 0
            for i in 0..<400 {
                let (bytes, truth) = g.report(i)
                guard truth.status == .ok else { continue }
                tried += 1
                if took(String(decoding: bytes, as: UTF8.self)).applications { read += 1 }
            }
            #expect(read * 100 >= tried * 85, "seed \(seed): the fast path read \(read) of \(tried)")
        }
    }
}
