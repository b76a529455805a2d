/// Diagnostics and cell sources point into the document: an HTML cell at its line and column
/// in the page source, a PDF cell on its page, a DOCX cell at its table, row and cell.
import Foundation
import Testing
import GovqCube
import GovqDiagnostics
@testable import GovqLoader

@Suite struct DocumentPlaceTests {
    /// The czj page with 自然人's 本年新收 changed from 0 to 7: the page no longer adds up.
    static func alteredPage() throws -> String {
        let page = try #require(String(data: Data(Fixtures.bytes("pingtan_czj_2021.html")), encoding: .utf8))
        let label = try #require(page.range(of: "一、本年新收政府信息公开申请数量"))
        let zero = try #require(page.range(of: ">0<", range: label.upperBound..<page.endIndex))
        return page.replacingCharacters(in: zero, with: ">7<")
    }

    @Test func htmlCellSourcesAreLinesAndColumnsOfThePage() throws {
        let page = try Self.alteredPage()
        let parsed = ReportParser.parse(bytes: Array(page.utf8), file: "czj.html", provenance: true)
        let cell = try #require(parsed.cells.first { $0.table == .applications && $0.row == Outcome.new.rawValue && $0.column == 0 })
        #expect(cell.value == 7 && cell.place == nil)
        let loc = try #require(cell.location)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(lines[loc.line - 1].unicodeScalars)
        #expect(String(String.UnicodeScalarView(line[(loc.column - 1)..<(loc.column - 1 + loc.length)])) == "7")
        // The page's identity fails, and the error points into the page source at a number.
        let error = try #require(parsed.diagnostics.first { $0.severity == .error && $0.location != nil })
        let at = try #require(error.location)
        let shown = Array(lines[at.line - 1].unicodeScalars)
        #expect(("0"..."9").contains(shown[at.column - 1]), "\(DiagnosticFormatter.format(error))")
        #expect(parsed.summary.status == .inconsistent)
    }

    @Test func pdfAndDocxCellsNameTheirPlace() throws {
        let pdf = ReportLoader.load(file: Fixtures.path("hongze_2024.pdf"), provenance: true)
        let granted = try #require(pdf.cells.first { $0.table == .applications && $0.row == Outcome.granted.rawValue && $0.column == 0 })
        #expect(granted.value == 50)
        #expect(granted.place?.hasPrefix("page 3, x ") == true, "\(granted.place ?? "nil")")
        let docx = ReportLoader.load(file: Fixtures.path("hongze_2024.docx"), provenance: true)
        let new = try #require(docx.cells.first { $0.table == .applications && $0.row == Outcome.new.rawValue && $0.column == 0 })
        #expect(new.value == 95)
        #expect(new.place == "table 1, row 4, cell 4")
    }
}
