/// Turns a `LoadResult` into the plain per-file values `TruthComparison` compares.
import GovqCorpus
import GovqCube
import GovqLoader

enum ReadReports {
    /// Keyed by the path relative to `root`, as the truth names files.
    static func index(_ result: LoadResult, root: String) -> [String: ReadReport] {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        func relative(_ f: String) -> String { f.hasPrefix(prefix) ? String(f.dropFirst(prefix.count)) : f }
        let cube = result.cube
        var row: [String: Int] = [:]
        for i in 0..<cube.reportCount { row[cube.file[report: i]] = i }
        var out: [String: ReadReport] = [:]
        for s in result.reports {
            var r = ReadReport(status: s.status.rawValue, district: s.district, unit: s.unit, year: s.year,
                               template: s.template, applications: nil, reviews: nil)
            if let i = row[s.file] {
                r.district = cube.district[report: i]
                r.unit = cube.unit[report: i]
                r.year = Int(cube.year[i])
                r.template = Template(rawValue: Int(cube.template[i]))
                r.applications = Outcome.allCases.map { o in
                    ApplicantType.allCases.map { cube.applications.value(report: i, row: o.rawValue, column: $0.rawValue) }
                }
                r.reviews = ReviewResult.allCases.map { res in
                    Proceeding.allCases.map { cube.reviews.value(report: i, row: res.rawValue, column: $0.rawValue) }
                }
            }
            out[relative(s.file)] = r
        }
        return out
    }
}
