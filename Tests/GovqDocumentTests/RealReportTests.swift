/// The real reports in the forms they were published in (two government web pages, a WPS
/// PDF) and the same report made into a Word file and a GBK page: every cell as read by hand.
import Foundation
import Testing
import GovqCube
@testable import GovqLoader

@Suite struct RealReportTests {
    /// (fixture, the truth it is read against)
    static let cases: [(String, String)] = [
        ("pingtan_czj_2021.html", "pingtan_czj_2021.html"),
        ("pingtan_jjf_2019.html", "pingtan_jjf_2019.html"),
        ("hongze_2024.pdf", "hongze_2024.pdf"),
        // Made from hongze's numbers with python-docx (merged cells) and as a GB2312 page.
        ("hongze_2024.docx", "hongze_2024.pdf"),
        ("hongze_2024_gbk.html", "hongze_2024.pdf"),
        // The 历城 sample's numbers (its hand-read truth) as a web page with rowspan/colspan
        // headers, made into PDF and Word by LibreOffice (`soffice --headless --convert-to`):
        // labels left-aligned and wrapped (plain) or centred, split by <br> (Word-pasted markup).
        ("LibreOffice/licheng_2019_plain.pdf", "licheng_2019_libreoffice"),
        ("LibreOffice/licheng_2019_word.pdf", "licheng_2019_libreoffice"),
        ("LibreOffice/licheng_2019_word.docx", "licheng_2019_libreoffice"),
        // The czj page as Word files (kept apart in Bench/, out of the folder loaded whole):
        // by LibreOffice (`soffice --headless --convert-to docx`) and by python-docx
        // (`scripts/html2docx.py`, rowspan and colspan as merged cells).
        ("../Bench/pingtan_czj_2021_libreoffice.docx", "pingtan_czj_2021.html"),
        ("../Bench/pingtan_czj_2021_python-docx.docx", "pingtan_czj_2021.html"),
    ]

    @Test(arguments: cases)
    func everyCellAsReadByHand(_ file: String, _ truthName: String) throws {
        let truth = try #require(Truth.reports[truthName])
        let parsed = ReportLoader.load(file: Fixtures.path(file))
        let record = try #require(parsed.record, "\(parsed.summary.reason ?? "")")
        #expect(record.year == truth.year)
        #expect(truth.district.contains(record.district) && !record.district.isEmpty, "\(record.district)")
        let (wrong, compared) = Truth.mismatches(record, truth)
        #expect(compared >= 23 * 6)
        #expect(wrong.isEmpty, "\(wrong)")
        #expect(parsed.summary.template?.name == truth.template)
    }

    @Test func hongzeLoadsWithoutErrorsFromEveryForm() {
        for file in ["hongze_2024.pdf", "hongze_2024.docx", "hongze_2024_gbk.html"] {
            let parsed = ReportLoader.load(file: Fixtures.path(file))
            #expect(parsed.summary.status == .ok, "\(file): \(parsed.diagnostics.map(\.message))")
        }
    }

    /// A folder of every form loads each report once, with the same numbers.
    @Test func aFolderOfDocumentsLoadsEachForm() {
        let result = ReportLoader.load(paths: [Fixtures.folder.path])
        let ok = result.reports.filter { $0.status == .ok }.map { URL(fileURLWithPath: $0.file).lastPathComponent }
        #expect(ok == ["licheng_2019_plain.pdf", "hongze_2024.docx", "pingtan_czj_2021.html", "pingtan_jjf_2019.html"])
        // LibreOffice's three forms of 历城: one report, the others its duplicates.
        let plain = Fixtures.path("LibreOffice/licheng_2019_plain.pdf")
        for copy in ["licheng_2019_word.pdf", "licheng_2019_word.docx"] {
            let summary = result.reports.first { $0.file.hasSuffix("/" + copy) }
            #expect(summary?.reason == "duplicate of '\(plain)'", "\(copy): \(summary?.reason ?? "")")
        }
        // The PDF and the GBK page are the same 洪泽 report with the same numbers: duplicates of
        // the .docx, not a conflict.
        let docx = Fixtures.path("hongze_2024.docx")
        for copy in ["hongze_2024.pdf", "hongze_2024_gbk.html"] {
            let summary = result.reports.first { $0.file.hasSuffix("/" + copy) }
            #expect(summary?.reason == "duplicate of '\(docx)'", "\(copy): \(summary?.reason ?? "")")
        }
        // The hostile and broken files are listed as skipped too; the generator script is counted.
        #expect(result.reports.filter { $0.status == .skipped }.count == 12)
        #expect(result.otherFiles == [".json": 1, ".py": 1])
    }
}
