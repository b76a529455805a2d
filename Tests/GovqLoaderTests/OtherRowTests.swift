/// The 2021 template's （六）其他处理: `other` is always the sum of its three rows.
import Foundation
import Testing
@testable import GovqCube
@testable import GovqLoader

@Suite struct OtherRowTests {
    /// A subtotal row that disagrees with its three rows is an error naming both numbers; the
    /// three rows are what `other` sums.
    @Test func aSubtotalThatDisagreesIsAnError() throws {
        let url = Paths.fixtures.appendingPathComponent("template-2021-other-subtotal.txt")
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            .replacingOccurrences(of: "（六）其他处理 1 0 0 0 1 0 2", with: "（六）其他处理 1 0 0 0 3 0 4")
        let got = ReportParser.parse(bytes: Array(text.utf8), file: "x.txt")
        #expect(got.diagnostics.filter { $0.severity == .error }.map(\.message) == ["legal_service: other (3) ≠ sum of its three rows (1)"])
        let record = try #require(got.record)
        #expect(record[.other, .legalService] == nil)
        #expect(record[.otherMisc, .legalService] == 1)
        #expect(record[.otherNoCorrection, .naturalPerson] == 1)
    }
}
