/// The documents' hand-read truth (`Fixtures/reports_truth.json`, read from the reports by
/// hand, the format of `../shared/seeds/truth.json`) and a comparison of a loaded record with it.
import Foundation
import GovqCube
@testable import GovqLoader

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    static func bytes(_ name: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path(name)) ?? Data()) }

    /// A folder of its own under /tmp, removed by the caller.
    static func temporaryFolder() -> String {
        let dir = NSTemporaryDirectory() + "govq-documents-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

struct Truth {
    struct Report: Decodable {
        var district: String
        var year: Int
        var template: String
        var applications: [String: [Int]?]
        var reviews: [String: [Int]]
    }
    private struct File: Decodable { var reports: [String: Report] }

    static let reports: [String: Report] = {
        let data = FileManager.default.contents(atPath: Fixtures.path("reports_truth.json")) ?? Data()
        return (try? JSONDecoder().decode(File.self, from: data).reports) ?? [:]
    }()

    /// Every cell of the record that differs from the truth (`granted/natural_person: 50 ≠ 51`),
    /// and how many cells were compared.
    static func mismatches(_ record: ReportRecord, _ truth: Report) -> (wrong: [String], compared: Int) {
        var wrong: [String] = [], compared = 0
        for outcome in Outcome.allCases {
            // A 2021-template report's （六） is a group: its leaves are compared.
            if truth.template == "2021", outcome == .other { continue }
            guard let row = truth.applications[outcome.name] else { continue }
            for applicant in ApplicantType.allCases {
                let want = row.map { Int32($0[applicant.rawValue]) }
                let got = record[outcome, applicant]
                compared += 1
                if want != got { wrong.append("\(outcome.name)/\(applicant.name): \(want.map(String.init) ?? "nil") ≠ \(got.map(String.init) ?? "nil")") }
            }
        }
        for proceeding in Proceeding.allCases {
            guard let row = truth.reviews[proceeding.name] else { continue }
            for result in ReviewResult.allCases {
                compared += 1
                let got = record[result, proceeding]
                if got != Int32(row[result.rawValue]) { wrong.append("\(proceeding.name)/\(result.name): \(row[result.rawValue]) ≠ \(got.map(String.init) ?? "nil")") }
            }
        }
        return (wrong, compared)
    }
}
