/// libFuzzer target for the query language: arbitrary bytes → lexer, parser, planner and
/// executor over the five sample reports, plus the REPL helpers (`splitStatements`,
/// `isComplete`). Every input must end in a result or a `Diagnostic`, never a trap or a hang.
/// Built by `scripts/fuzz.sh parser`; the samples are read from `GOVQ_FUZZ_REPORTS`
/// (default `Samples/reports`).
import Foundation
import GovqCube
import GovqDiagnostics
import GovqEngine
import GovqLoader
import GovqSyntax

/// One engine over the samples, built on the first input.
let engine: QueryEngine = {
    let dir = ProcessInfo.processInfo.environment["GOVQ_FUZZ_REPORTS"] ?? "Samples/reports"
    let result = ReportLoader.load(paths: [dir])
    precondition(result.cube.reportCount > 0, "no sample reports under '\(dir)'")
    return QueryEngine(cube: result.cube)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Queries arrive as text; invalid UTF-8 is repaired the way `String(decoding:)` does for -f.
    let text = String(decoding: bytes, as: UTF8.self)
    _ = QueryParser.isComplete(text)
    for statement in QueryParser.splitStatements(text) {
        do {
            let result = try engine.run(statement.text, source: "<fuzz>")
            for row in result.rows { precondition(row.count == result.columns.count, "ragged result row") }
        } catch let d as Diagnostic {
            // Every error must render: the formatter places carets with the location it carries.
            _ = DiagnosticFormatter.format(d)
        } catch {
            preconditionFailure("the engine threw a non-Diagnostic error: \(error)")
        }
    }
    return 0
}
