/// Every cell of the five sample reports against the hand-read numbers in `Fixtures/truth.json`:
/// 23 rows × 7 columns (six applicants and the 总计 column), the 15 review numbers, and the
/// district, unit, year and template.
import Foundation
import Testing
@testable import GovqCube
@testable import GovqLoader

enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let samples = tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/reports")

    static func parseSample(_ name: String) throws -> ParsedReport {
        let url = samples.appendingPathComponent(name)
        return ReportParser.parse(bytes: [UInt8](try Data(contentsOf: url)), file: name)
    }
}

struct Truth {
    let json: [String: Any]
    init() throws {
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: Paths.fixtures.appendingPathComponent("truth.json"))) as! [String: Any]
    }
    var rows: [String] { json["rows"] as! [String] }
    func report(_ file: String) -> [String: Any] { (json["reports"] as! [String: Any])[file] as! [String: Any] }
}

@Suite struct SampleTruthTests {
    static let files = ["000_55b3ad02e644708f.txt", "001_5a5084d99bf70471.txt", "002_30a4ee9a9a62a807.txt",
                        "003_3fa0ebe6e4ac208e.txt", "004_7c44efe8d794ab26.txt"]

    @Test(arguments: files)
    func metadataMatchesTruth(file: String) throws {
        let want = try Truth().report(file)
        let got = try Paths.parseSample(file)
        #expect(got.summary.district == want["district"] as? String)
        #expect(got.summary.unit == want["unit"] as? String)
        #expect(got.summary.year == want["year"] as? Int)
        #expect(got.summary.template?.name == want["template"] as? String)
        #expect((got.summary.status == .ok) == (want["consistent"] as? Bool))
    }

    @Test(arguments: files)
    func everyApplicationCellMatchesTruth(file: String) throws {
        let truth = try Truth()
        let want = truth.report(file)["applications"] as! [String: Any]
        let got = try Paths.parseSample(file)
        let record = try #require(got.record)
        for name in truth.rows {
            let outcome = try #require(Outcome.allCases.first { $0.name == name })
            let cells = want[name] as? [Int]
            for a in ApplicantType.allCases {
                #expect(record[outcome, a].map(Int.init) == cells?[a.rawValue], "\(file) \(name) \(a.name)")
            }
            #expect(got.totals[outcome.rawValue].map(Int.init) == cells?[6], "\(file) \(name) total")
        }
        // 2019-template reports have no other.* rows at all.
        for o in [Outcome.otherNoCorrection, .otherNoFee, .otherMisc] {
            #expect(ApplicantType.allCases.allSatisfy { record[o, $0] == nil })
        }
    }

    @Test(arguments: files)
    func everyReviewNumberMatchesTruth(file: String) throws {
        let want = try Truth().report(file)["reviews"] as! [String: [Int]]
        let record = try #require(try Paths.parseSample(file).record)
        for p in Proceeding.allCases {
            let got = ReviewResult.allCases.map { record[$0, p].map(Int.init) }
            #expect(got == want[p.name]!.map(Optional.some), "\(file) \(p.name)")
        }
    }

    @Test func linziHasExactlyTheTwoDiagnosticsOfTheIssue() throws {
        let got = try Paths.parseSample("002_30a4ee9a9a62a807.txt")
        let errors = got.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == [
            "(七)总计 has no cells",
            "natural_person: new + carried_over (35) ≠ handled + carried_forward (43)",
        ])
        #expect(errors[1].column == "natural_person")
        #expect(errors[1].expected == 35 && errors[1].found == 43)
        #expect(errors[0].location?.line == 336 && errors[0].row == "handled")
    }

    @Test func xiachengTruncatedLastRowIsAWarningNotAnError() throws {
        let got = try Paths.parseSample("004_7c44efe8d794ab26.txt")
        #expect(got.summary.status == .ok)
        let warning = try #require(got.diagnostics.first { $0.severity == .warning })
        #expect(warning.row == "carried_forward")
        #expect(warning.message.contains("4 of 7"))
        // The other-handling cell keeps its note.
        #expect(got.diagnostics.contains { $0.severity == .note && $0.message.contains("属公安机关刑事司法信息") && $0.column == "natural_person" })
    }
}
