/// Broken and hostile documents: each is skipped with a clear reason (an error, or a warning
/// for a scan), and the other files of the folder still load.
import Foundation
import Testing
import GovqCorpus
import GovqCube
@testable import GovqLoader

@Suite struct HostileFileTests {
    static let cases: [(String, String)] = [
        ("scanned.pdf", "scanned PDF: no text layer (needs OCR)"),
        ("encrypted.pdf", "encrypted PDF: it needs a password to be read"),
        ("truncated.pdf", "damaged PDF: PDF document is damaged"),
        ("pages_10000.pdf", "PDF of 10000 pages is longer than the limit of 500 pages"),
        ("huge_1gb.docx", "word/document.xml of 1024 MB is larger than the limit of 64 MB"),
        ("bomb_lying.docx", "word/document.xml inflates past the limit of 64 MB (a zip bomb?)"),
        ("deep.docx", "word/document.xml nested more than 256 elements deep"),
        ("truncated.docx", "damaged .docx: not a readable zip file"),
    ]

    @Test(arguments: cases)
    func skippedWithTheReason(_ file: String, _ reason: String) {
        let parsed = ReportLoader.load(file: Fixtures.path(file))
        #expect(parsed.record == nil)
        #expect(parsed.summary.status == .skipped)
        #expect(parsed.summary.reason == reason)
        // The diagnostic names the file; a scan is a warning, the rest errors.
        #expect(parsed.diagnostics.map(\.source) == [Fixtures.path(file)])
        #expect(parsed.diagnostics.first?.severity == (file == "scanned.pdf" ? .warning : .error))
    }

    /// A `.docx` whose entry (any of them, all flagged with a data descriptor as LibreOffice
    /// writes) has sizes, in its central or local header, that put the descriptor past the end
    /// of the zip: ZIPFoundation's memory file traps on those, so they are refused before it
    /// reads them, with a reason. A size that ends the data right at the end is still read.
    @Test func dataDescriptorsPastTheEndAreRefused() {
        let zip = Fixtures.bytes("LibreOffice/licheng_2019_word.docx")
        let layout = ZipEntryTests.Layout(zip)
        let reason = "damaged .docx: the zip points past its own end (truncated?)"
        var refused = 0
        for entry in layout.entries {
            for past in [1, 100, 1 << 20] {
                var z = zip
                ZipEntryTests.put32(&z, entry.central + 20, zip.count - entry.data + past)
                let parsed = ReportParser.parse(bytes: z, file: "damaged.docx")
                #expect(parsed.record == nil && parsed.summary.reason == reason, "\(entry.name) +\(past)")
                refused += 1
                // The local header's sizes (which the hand path does not read): read by hand, or refused.
                z = zip
                ZipEntryTests.put32(&z, entry.local + 18, zip.count - entry.data + past)
                let local = ReportParser.parse(bytes: z, file: "damaged.docx")
                #expect(local.record != nil || local.summary.reason == reason, "\(entry.name) +\(past), local")
            }
            var z = zip
            ZipEntryTests.put32(&z, entry.central + 20, zip.count - entry.data)
            #expect(ReportParser.parse(bytes: z, file: "damaged.docx").summary.reason != reason, "\(entry.name) at the end")
        }
        #expect(refused == layout.entries.count * 3 && layout.entries.count > 8)
    }

    /// Zips damaged at random where ZIPFoundation seeks (the end record, the central directory,
    /// the local headers: 32- and 16-bit fields set to all ones, to past the end, to anything;
    /// cut short; grown): every one is read or refused with a reason, and none ends the process
    /// (a trap in ZIPFoundation's memory file would end the test run).
    @Test(arguments: ["LibreOffice/licheng_2019_word.docx", "hongze_2024.docx", "../Bench/pingtan_czj_2021_libreoffice.docx"])
    func damagedZipsNeverEndTheProcess(_ fixture: String) {
        let zip = Fixtures.bytes(fixture)
        let layout = ZipEntryTests.Layout(zip)
        let central = layout.entries.map(\.central).min()!
        let locals = layout.entries.map(\.local)
        var rng = CorpusRandom(seed: 97)
        var read = 0, refused = 0
        for _ in 0..<300 {
            var z = zip
            for _ in 0..<rng.int(in: 1...3) {
                let wide = rng.chance(0.5)
                let at = rng.chance(0.6) ? rng.int(in: central...(zip.count - 4)) : rng.pick(locals) + rng.int(in: 0...25)
                let value = rng.pick([0xFFFF_FFFF, 0xFFFF, zip.count + rng.int(in: 0...99), rng.int(in: 0...Int(UInt32.max)), 0])
                if wide { ZipEntryTests.put32(&z, at, value) } else { ZipEntryTests.put16(&z, at, value) }
            }
            if rng.chance(0.15) { z = Array(z.prefix(rng.int(in: central...zip.count))) }
            if rng.chance(0.05) { z += [UInt8](repeating: 0, count: rng.int(in: 1...200)) }
            let parsed = ReportParser.parse(bytes: z, file: "damaged.docx")
            if parsed.record != nil { read += 1 } else if parsed.summary.reason?.isEmpty == false { refused += 1 }
        }
        #expect(read + refused == 300 && refused > 100, "\(read) read, \(refused) refused")
    }

    @Test func deeplyNestedHTMLIsRefused() {
        let page = "<html><body>" + String(repeating: "<div>", count: 100_000) + "三、收到和处理政府信息公开申请情况</body></html>"
        let parsed = ReportParser.parse(bytes: Array(page.utf8), file: "deep.html")
        #expect(parsed.summary.reason == "HTML nested more than 256 elements deep")
    }

    @Test func tablesNestedTooDeepAreRefused() {
        let page = "<html><body>" + String(repeating: "<table><tr><td>", count: 40) + "x" + "</body></html>"
        let parsed = ReportParser.parse(bytes: Array(page.utf8), file: "nested.html")
        #expect(parsed.summary.reason == "HTML tables nested more than 32 deep")
    }

    @Test func truncatedHTMLStillReadsWhatIsThere() throws {
        // libxml2 recovers: a page cut inside its table keeps the rows before the cut, and the
        // rows after it are missing (errors), not 0.
        let page = try #require(String(data: Data(Fixtures.bytes("pingtan_jjf_2019.html")), encoding: .utf8))
        let cut = try #require(page.range(of: "（七）总计"))
        let parsed = ReportParser.parse(bytes: Array(page[..<cut.lowerBound].utf8), file: "cut.html")
        let record = try #require(parsed.record)
        #expect(record.year == 2019)
        #expect(record[.granted, .naturalPerson] == 0)
        #expect(record[.handled, .naturalPerson] == nil)
        #expect(parsed.summary.status == .inconsistent)
    }

    /// Every hostile file in one folder with a good report: the good one loads.
    @Test func otherFilesStillLoad() throws {
        let dir = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (file, _) in Self.cases { try FileManager.default.copyItem(atPath: Fixtures.path(file), toPath: dir + "/" + file) }
        try FileManager.default.copyItem(atPath: Fixtures.path("hongze_2024.docx"), toPath: dir + "/good.docx")
        let result = ReportLoader.load(paths: [dir])
        #expect(result.reports.count == Self.cases.count + 1)
        #expect(result.cube.reportCount == 1)
        #expect(result.reports.first { $0.file.hasSuffix("good.docx") }?.status == .ok)
    }
}
