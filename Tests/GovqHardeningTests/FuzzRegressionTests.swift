/// Every input the fuzzers kept (Fuzz/corpus/…) and every crasher they found (Fuzz/crashers/…),
/// run through both the loader and the query pipeline: each must end in a record or a skip
/// with a reason, and in a result or a rendered error. A crasher fixed once stays fixed.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqEngine
import GovqLoader
import GovqSyntax
import Testing

enum FuzzInputs {
    /// Every file under Fuzz/corpus and Fuzz/crashers, sorted (names are content hashes).
    static let all: [String] = {
        var out: [String] = []
        for folder in ["Fuzz/corpus/loader", "Fuzz/corpus/parser", "Fuzz/crashers/loader", "Fuzz/crashers/parser"] {
            let dir = Hardening.root.appendingPathComponent(folder).path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            out += names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
        }
        return out
    }()

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Hardening.root.appendingPathComponent(relative)))
    }
}

@Suite("fuzz corpus and crashers")
struct FuzzRegressionTests {
    @Test func corpusIsThere() {
        #expect(FuzzInputs.all.contains { $0.hasPrefix("Fuzz/corpus/loader/") })
        #expect(FuzzInputs.all.contains { $0.hasPrefix("Fuzz/corpus/parser/") })
    }

    @Test func everyInputThroughTheLoader() throws {
        for path in FuzzInputs.all {
            let parsed = ReportParser.parse(bytes: try FuzzInputs.bytes(path), file: path)
            #expect(parsed.diagnostics.allSatisfy { $0.source == path }, "\(path)")
            if let record = parsed.record {
                #expect(parsed.summary.status != .skipped, "\(path)")
                // Counts are what the text says: never negative.
                let cells = record.applications.compactMap { $0 } + record.reviews.compactMap { $0 }
                #expect(cells.allSatisfy { $0 >= 0 }, "\(path)")
                let hasError = parsed.diagnostics.contains { $0.severity == .error }
                #expect((parsed.summary.status == .inconsistent) == hasError, "\(path)")
            } else {
                #expect(parsed.summary.status == .skipped && parsed.summary.reason?.isEmpty == false, "\(path)")
            }
            for d in parsed.diagnostics { #expect(!DiagnosticFormatter.format(d).isEmpty) }
        }
    }

    @Test func everyInputThroughTheQueryPipeline() throws {
        for path in FuzzInputs.all {
            let text = String(decoding: try FuzzInputs.bytes(path), as: UTF8.self)
            _ = QueryParser.isComplete(text)
            for statement in QueryParser.splitStatements(text) {
                do {
                    let result = try sampleEngine.run(statement.text, source: path)
                    #expect(result.rows.allSatisfy { $0.count == result.columns.count }, "\(path)")
                } catch let d as Diagnostic {
                    #expect(d.severity == .error, "\(path)")
                    #expect(DiagnosticFormatter.format(d).hasPrefix("error: "), "\(path)")
                } catch {
                    Issue.record("\(path): not a Diagnostic: \(error)")
                }
            }
        }
    }
}
