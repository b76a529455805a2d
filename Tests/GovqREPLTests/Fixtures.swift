/// A tiny cube for the REPL tests: three reports whose names are the samples' own
/// (济南市历城区 and 临淄区 in 2019, 下城区 in 2020), and a fake query runner over it.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqEngine
import GovqLoader

enum Fixtures {
    static let reports: [(district: String, year: Int, denied: Int32)] = [
        ("济南市历城区", 2019, 22), ("临淄区", 2019, 0), ("下城区", 2020, 6),
    ]

    static var cube: Cube {
        var b = CubeBuilder()
        for (i, r) in reports.enumerated() {
            var rec = ReportRecord(file: "r\(i).txt", district: r.district, unit: r.district + "人民政府", year: r.year,
                                   template: .t2019)
            rec[.deniedThirdParty, .naturalPerson] = r.denied
            b.append(rec)
        }
        return b.cube
    }

    static var data: LoadResult {
        LoadResult(cube: cube, reports: reports.enumerated().map { i, r in
            ReportSummary(file: "r\(i).txt", district: r.district, year: r.year, template: .t2019, status: .ok)
        })
    }

    /// Stands in for the engine so the loop is tested on its own: `count reports by district`
    /// counts the cube's reports; `fail` throws a located diagnostic; anything else is unknown.
    static func run(_ engine: QueryEngine, _ text: String) throws -> ResultSet {
        let query = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if query == "count reports by district" {
            var counts: [String: Int64] = [:]
            for i in 0..<engine.cube.reportCount { counts[engine.cube.district[report: i], default: 0] += 1 }
            return ResultSet(columns: [ResultColumn("district", .text), ResultColumn("reports", .integer)],
                             rows: counts.keys.sorted(by: Collation.less).map { [.text($0), .integer(counts[$0]!)] })
        }
        let word = query.split(separator: " ").last.map(String.init) ?? query
        let column = query.unicodeScalars.count - word.unicodeScalars.count + 1
        throw Diagnostic.error("unknown measure '\(word)'", source: "<repl>",
                               location: SourceLocation(line: 1, column: column, length: word.unicodeScalars.count),
                               sourceLine: query, help: "did you mean 'denied'?")
    }

    /// A fresh empty folder under the system temp dir.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govq-repl-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
