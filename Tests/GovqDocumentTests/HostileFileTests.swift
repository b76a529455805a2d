/// Broken and hostile documents: each is skipped with a clear reason (an error, or a warning
/// for a scan), and the other files of the folder still load.
import Foundation
import Testing
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
