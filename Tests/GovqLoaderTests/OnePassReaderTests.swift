/// The one pass (`OnePassReader`, the fast path) against its reference reading (`FastReader`,
/// once the second tier) and the careful reader behind both: the one pass reads every region
/// the reference reads (so the loader runs the one pass alone), and the same rows, values,
/// markers and template there (labels and header words wrapped over lines it reads alone,
/// held to the careful reader only);
/// the whole parse (with the one pass first) gives what the careful reader gives
/// (`TableFastPathTests` checks that on every layout too). Over generated reports of several
/// seeds, with and without page furniture, changed at random, the fixtures and the samples,
/// and any folder named by `GOVQ_TABLE_DIFF_DIR` (the layout stress set, a corpus on disk).
import Foundation
import GovqCorpus
import GovqCube
import GovqDiagnostics
@testable import GovqLoader
import Testing

/// Both tiers on the first applications region and the reviews region after it: whether the one
/// pass read each, and the differences from the second tier where it did.
private func tiers(_ bytes: [UInt8]) -> (applications: Bool, reviews: Bool, differences: [String]) {
    let lines = TextLines(bytes)
    let headings = Headings(lines)
    return withExtendedLifetime(lines) {
        guard lines.lineMap.isEmpty, let start = headings.applications.first else { return (false, false, []) }
        var out: [String] = []
        let end = headings.next(after: start, in: headings.reviews + headings.closing) ?? lines.count
        var one = OnePassReader(lines)
        var second = FastReader(lines)
        let a = one.read((start + 1)..<end), b = second.read((start + 1)..<end)
        if let a {
            if let b {
                if a.template != b.template { out.append("template") }
                if a.rows.map(\.outcome) != b.rows.map(\.outcome) { out.append("rows") }
                if a.rows.map({ [$0.line, $0.start, $0.end] }) != b.rows.map({ [$0.line, $0.start, $0.end] }) { out.append("row places") }
                if a.rows.map(\.labelBytes) != b.rows.map(\.labelBytes) { out.append("row labels") }
                out += valueDifferences(a.fast!, b.fast!)
            }
            // Else a table only the one pass reads (a label wrapped over lines in a tab-indented
            // table): the whole parse, compared with the careful reader's, is its check.
        } else if b != nil { out.append("the second tier read section 三, the one pass did not") }
        guard let r = headings.reviews.first(where: { $0 > start }) else { return (a != nil, false, out) }
        let rEnd = headings.next(after: r, in: headings.closing) ?? min(lines.count, r + 300)
        var oneR = OnePassReader(lines, reviews: true)
        var secondR = FastReader(lines, reviews: true)
        let c = oneR.readReviews(r..<rEnd), d = secondR.readReviews(r..<rEnd)
        if let c {
            // Else a header wrapped over lines that only the one pass reads, held to the careful reader.
            if let d { out += valueDifferences(c, d).map { "reviews: " + $0 } }
        } else if d != nil { out.append("the second tier read section 四, the one pass did not") }
        return (a != nil, c != nil, out)
    }
}

private func valueDifferences(_ a: FastValues, _ b: FastValues) -> [String] {
    var out: [String] = []
    if a.values != b.values { out.append("values \(a.values) / \(b.values)") }
    if a.markers != b.markers { out.append("markers \(a.markers) / \(b.markers)") }
    if a.firstMarker.map({ [$0.line, $0.start, $0.end] }) != b.firstMarker.map({ [$0.line, $0.start, $0.end] }) { out.append("first marker") }
    func notes(_ v: FastValues) -> [[Int]] {
        v.notes.map { [$0.outcome.rawValue, $0.column, Int($0.cell.value), $0.cell.line, $0.cell.start, $0.cell.end, $0.cell.noteStart, $0.cell.noteEnd] }
    }
    if notes(a) != notes(b) { out.append("notes \(notes(a)) / \(notes(b))") }
    return out
}

/// The whole parse with the fast path and with the careful reader only, in the fields a
/// reader of the report sees.
private func parseDifferences(_ bytes: [UInt8], _ name: String) -> [String] {
    let fast = ReportParser.parse(ByteStorage(bytes), file: name)
    let careful = ReportParser.parse(ByteStorage(bytes), file: name, fastTables: false)
    var out: [String] = []
    if fast.record?.applications != careful.record?.applications { out.append("applications") }
    if fast.record?.reviews != careful.record?.reviews { out.append("reviews") }
    if fast.totals != careful.totals { out.append("totals") }
    if fast.summary.status != careful.summary.status || fast.record?.status != careful.record?.status { out.append("status") }
    if fast.summary.template != careful.summary.template { out.append("template") }
    if fast.diagnostics != careful.diagnostics {
        out.append("diagnostics: \(fast.diagnostics.map(\.message)) / \(careful.diagnostics.map(\.message))")
    }
    return out
}

@Suite struct OnePassReaderTests {
    /// Generated reports of three seeds and every layout, with page furniture in one set: the
    /// one pass reads what the second tier reads, and reads most clean tables itself.
    @Test func generatedReportsReadAsTheSecondTierReadsThem() {
        for (seed, furniture) in [(UInt64(41), false), (42, false), (43, true)] {
            let g = CorpusGenerator(seed: seed, pageFurniture: furniture)
            var clean = 0, applications = 0, reviews = 0
            for i in 0..<600 {
                let (bytes, truth) = g.report(i)
                let t = tiers(bytes)
                #expect(t.differences.isEmpty, "seed \(seed), report \(i): \(t.differences)")
                let d = parseDifferences(bytes, "g\(seed)-\(i)")
                #expect(d.isEmpty, "seed \(seed), report \(i): \(d)")
                guard truth.status == .ok else { continue }
                clean += 1
                if t.applications { applications += 1 }
                if t.reviews { reviews += 1 }
            }
            // The layouts the second tier alone reads (a count with a note or a unit, full-width
            // digits, commas) are a few of the corpus's.
            #expect(applications * 100 >= clean * 70, "seed \(seed): the one pass read \(applications) of \(clean) tables")
            #expect(reviews * 100 >= clean * 70, "seed \(seed): the one pass read section 四 of \(reviews) of \(clean)")
        }
    }

    /// Tables changed at random (as `TableFastPathTests` changes them): where the one pass
    /// still reads one, it reads it as the second tier does.
    @Test func changedTablesReadAsTheSecondTierReadsThem() {
        let g = CorpusGenerator(seed: 44)
        var r = CorpusRandom(seed: 45)
        var took = 0
        let edits = ["", "\u{3000}", "-", "不适用", "*", "05", "3 04", "3\u{00A0}04", "7（含转办件）", "12", "0", "\t", "  ", "- 7 -",
                     "（三）不予公开", "自然人", "总计", "其他", "3.其他", "（六）其他处理", "2.重复申请", "行政复议", "１２", "12件", "\u{00A0}"]
        for i in 0..<1_200 {
            var lines = g.report(i % 400).bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            for _ in 0..<(1 + r.int(2)) {
                let k = r.int(lines.count)
                switch r.int(4) {
                case 0: lines.remove(at: k)
                case 1: lines.insert(Array(r.pick(edits).utf8), at: k)
                case 2: lines[k] = Array("\(r.pick(edits)) ".utf8) + lines[k]
                default: lines[k] += Array(" \(r.pick(edits))".utf8)
                }
            }
            let bytes = Array(lines.joined(separator: [0x0A]))
            let t = tiers(bytes)
            if t.applications { took += 1 }
            #expect(t.differences.isEmpty, "changed report \(i): \(t.differences)")
            let d = parseDifferences(bytes, "m\(i)")
            #expect(d.isEmpty, "changed report \(i): \(d)")
        }
        #expect(took > 100, "the one pass read \(took)")
    }

    /// The fixtures, the samples, and the files of `GOVQ_TABLE_DIFF_DIR` when it is set.
    @Test func filesReadAsTheSecondTierReadsThem() throws {
        var dirs = [Paths.fixtures, Paths.samples]
        if let extra = ProcessInfo.processInfo.environment["GOVQ_TABLE_DIFF_DIR"] { dirs.append(URL(fileURLWithPath: extra)) }
        var files = 0
        for dir in dirs {
            guard let walk = FileManager.default.enumerator(atPath: dir.path) else { continue }
            for case let name as String in walk where name.hasSuffix(".txt") || name.hasSuffix(".md") {
                let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
                files += 1
                let t = tiers(bytes)
                #expect(t.differences.isEmpty, "\(name): \(t.differences)")
                let d = parseDifferences(bytes, name)
                #expect(d.isEmpty, "\(name): \(d)")
            }
        }
        #expect(files > 40)
    }

    /// The clean table of `TableFastPathTests` (one row a line, words split by spaces) and its
    /// tab-indented form: the one pass reads both, and the values as printed (read off the text).
    @Test func readsTheCleanTableItself() throws {
        let text = TableFastPathTests.table.replacingOccurrences(of: "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
                                                                with: "二、上年结转政府信息公开申请数量 0 / 0 0 0 — 0")
        let t = tiers(Array(text.utf8))
        #expect(t.applications && t.reviews && t.differences.isEmpty)
        let parsed = ReportParser.parse(bytes: Array(text.utf8), file: "clean.txt")
        let record = try #require(parsed.record)
        #expect(record[.new, .naturalPerson] == 155 && record[.new, .nonprofit] == 1 && parsed.totals[Outcome.new.rawValue] == 156)
        #expect(record[.granted, .naturalPerson] == 11 && record[.granted, .nonprofit] == 1 && parsed.totals[Outcome.granted.rawValue] == 12)
        #expect(record[.unavailableNeedsCreation, .naturalPerson] == 18 && record[.handled, .naturalPerson] == 147)
        #expect(record[.carriedForward, .naturalPerson] == 8 && record[.carriedOver, .business] == 0)
        #expect(parsed.summary.status == .ok)
        #expect(parsed.diagnostics.filter { $0.message.contains("NA marker") }.map(\.message) == ["2 NA markers read as 0 in the applications table"])
        // Section 四: 行政复议 0 5 5 0 10, 未经复议直接起诉 4 8 0 0 12, 复议后起诉 4 8 7 6 25.
        #expect(record[.corrected, .review] == 5 && record[.total, .review] == 10 && record[.upheld, .litigationDirect] == 4)
        #expect(record[.other, .litigationAfterReview] == 7 && record[.total, .litigationAfterReview] == 25)

        // Tab-separated: the label, then a tab before each cell.
        let tabbed = TableFastPathTests.table.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let words = line.split(separator: " ")
            guard words.count == 8, words.last?.allSatisfy(\.isNumber) == true else { return String(line) }
            return words.joined(separator: "\t")
        }.joined(separator: "\n")
        #expect(tabbed.contains("一、本年新收政府信息公开申请数量\t155\t0\t0\t1\t0\t0\t156"))
        let u = tiers(Array(tabbed.utf8))
        #expect(u.applications && u.differences.isEmpty)
        #expect(parseDifferences(Array(tabbed.utf8), "tabbed.txt").isEmpty)
        let again = try #require(ReportParser.parse(bytes: Array(tabbed.utf8), file: "tabbed.txt").record)
        #expect(again[.new, .naturalPerson] == 155 && again[.deniedThirdParty, .naturalPerson] == 9)
    }

    /// Counts the plain digit test leaves, which the one pass reads as the second tier does, by
    /// the careful classifier (table8; each a variant of the clean table that
    /// `TableFastPathWideningTests` reads by hand): the same values and notes, and the whole
    /// parse the careful reader's, its notes' diagnostics included.
    @Test(arguments: [
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 0 0 0 0 0 9（含转办件）", 1),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 （含转办件） 0 0 0 0 0 9", 1),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9(已按期答复) 0 0 0 0 0 9 (已按期答复)", 2),
        ("（七）总计 147 0 0 1 0 0 148", "（七）总计 １４７ 0 0 1 0 0 １４８", 0),
        ("（七）总计 147 0 0 1 0 0 148", "（七）总计 147件 0 0 1 0 0 148件", 0),
    ])
    func readsCountsTheCarefulClassifierReads(clean: String, changed: String, notes: Int) throws {
        let text = TableFastPathTests.table.replacingOccurrences(of: clean, with: changed)
        #expect(text != TableFastPathTests.table)
        let t = tiers(Array(text.utf8))
        #expect(t.applications && t.differences.isEmpty, "\(t.differences)")
        #expect(parseDifferences(Array(text.utf8), "changed.txt").isEmpty)
        let parsed = ReportParser.parse(bytes: Array(text.utf8), file: "changed.txt")
        #expect(parsed.diagnostics.filter { $0.message.contains("has a note") }.count == notes)
        let record = try #require(parsed.record)
        #expect(record[.notProcessedDuplicate, .naturalPerson] == 9 && record[.handled, .naturalPerson] == 147)
    }

    /// A bracketed remark the careful scanner does not take as a count's note (after a marker,
    /// a second note, a note on the next line): both tiers refuse it, and the careful reader
    /// reads the table.
    @Test(arguments: [
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 - （含转办件） 0 0 0 0 9"),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9（含转办件） （又一注） 0 0 0 0 0 9"),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 0 0 0 0 0 9\n（含转办件）"),
        ("2、重复申请 9 0 0 0 0 0 9", "2、重复申请 9 0 0 0 0 0 9 （含转办件） （又一注）"),
    ])
    func refusesARemarkThatIsNoNote(clean: String, changed: String) {
        let text = TableFastPathTests.table.replacingOccurrences(of: clean, with: changed)
        #expect(text != TableFastPathTests.table)
        let t = tiers(Array(text.utf8))
        #expect(!t.applications && t.differences.isEmpty, "\(t.differences)")
        #expect(!tookFastPaths(Array(text.utf8)).applications)
        #expect(parseDifferences(Array(text.utf8), "changed.txt").isEmpty)
    }

    /// The word table: every printed form of both templates, every run-in label and header
    /// word is found as what it is, and a word one byte off is not found.
    @Test func theWordTableHoldsEveryFormOnce() {
        let table = FastWords.table
        func find(_ w: [UInt8]) -> Int { w.withUnsafeBufferPointer { table.lookup($0.baseAddress!, 0, w.count) } }
        for (t, slots) in [FastLabels.t2019, FastLabels.t2021].enumerated() {
            for (s, slot) in slots.enumerated() {
                for f in slot.forms {
                    let id = find(f)
                    #expect(id >= 0 && table.meanings[id].slot(t == 1) == s, "\(String(decoding: f, as: UTF8.self))")
                    #expect(find(f + [0x20]) < 0 && find(Array(f.dropLast())) < 0)
                }
            }
        }
        let runIn = find(Array("（三）不予公开1、属于国家秘密".utf8))
        #expect(runIn >= 0 && table.meanings[runIn].runIn(false) == FastLabels.t2019.firstIndex { $0.forms.contains(Array("（三）不予公开".utf8)) })
        let header = find(Array("法人或其他组织".utf8)), review = find(Array("复议后起诉".utf8))
        #expect(header >= 0 && table.meanings[header].header >= 0 && table.meanings[header].slot == (-1, -1))
        #expect(review >= 0 && table.meanings[review].review >= 0)
        #expect(find(Array("属于国家秘密".utf8)) < 0)
    }
}
