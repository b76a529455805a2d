/// Provenance: each cell read carries its line, column, printed text and notes, read here
/// against the 历城 sample (000), whose `4.保护第三方合法权益` row is on lines 204–212.
import Testing
@testable import GovqCube
@testable import GovqLoader

@Suite struct CellSourceTests {
    @Test func thirdPartyRowPointsAtItsLines() throws {
        let url = Paths.samples.appendingPathComponent("000_55b3ad02e644708f.txt")
        let parsed = ReportParser.parse(bytes: [UInt8](try Foundation.Data(contentsOf: url)), file: "000.txt", provenance: true)
        let row = parsed.cells.filter { $0.table == .applications && $0.row == Outcome.deniedThirdParty.rawValue }
        // Six applicant cells and the 总计 column, as printed on lines 205–211: 10 0 0 0 1 0 11.
        #expect(row.map(\.value) == [10, 0, 0, 0, 1, 0, 11])
        #expect(row.map { $0.location?.line } == [205, 206, 207, 208, 209, 210, 211])
        #expect(row.map(\.column) == [0, 1, 2, 3, 4, 5, nil])
        #expect(row[0].text == "10")
        #expect(row[0].rowLabel.contains("保护第三方合法权益"))
        // Reviews: fifteen cells, every one with a location.
        let reviews = parsed.cells.filter { $0.table == .reviews }
        #expect(reviews.count == 15)
        #expect(reviews.allSatisfy { $0.location != nil })
    }

    @Test func bulkParseBuildsNone() throws {
        let url = Paths.samples.appendingPathComponent("000_55b3ad02e644708f.txt")
        let parsed = ReportParser.parse(bytes: [UInt8](try Foundation.Data(contentsOf: url)), file: "000.txt")
        #expect(parsed.cells.isEmpty)
    }
}
import Foundation
