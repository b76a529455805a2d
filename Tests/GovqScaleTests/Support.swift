/// Shared helpers: temporary folders, the samples' location, and comparing two cubes.
import Foundation
import GovqCorpus
import GovqCube
import GovqLoader

enum Support {
    /// A new empty folder under the system's temporary directory.
    static func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "govq-scale-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The repository's five real sample reports.
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/reports").path

    /// Copies the samples into a new folder (tests change files there).
    static func copyOfSamples() throws -> String {
        let dir = try temporaryFolder("samples")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(atPath: samples + "/" + name, toPath: dir + "/" + name)
        }
        return dir
    }

    /// Every value of two cubes, report by report: nil when equal, else the first difference.
    static func difference(_ a: Cube, _ b: Cube) -> String? {
        guard a.reportCount == b.reportCount else { return "report count \(a.reportCount) vs \(b.reportCount)" }
        for i in 0..<a.reportCount {
            if a.file[report: i] != b.file[report: i] { return "file of report \(i)" }
            if a.district[report: i] != b.district[report: i] { return "district of report \(i)" }
            if a.unit[report: i] != b.unit[report: i] { return "unit of report \(i)" }
            if a.year[i] != b.year[i] || a.template[i] != b.template[i] { return "year/template of report \(i)" }
        }
        for (ta, tb) in [(a.applications, b.applications), (a.reviews, b.reviews)] {
            for c in 0..<(ta.rows * ta.columns) {
                if ta.counts[c] != tb.counts[c] { return "\(ta.id.name) counts of cell \(c)" }
                for i in 0..<a.reportCount where ta.missing[c][i] != tb.missing[c][i] {
                    return "\(ta.id.name) missing mask of cell \(c), report \(i)"
                }
            }
        }
        return nil
    }

    /// A `LoadResult` as plain per-file values, keyed by the path relative to `root`.
    static func read(_ result: LoadResult, root: String) -> [String: ReadReport] {
        let prefix = root.hasSuffix("/") ? root : root + "/"
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
            out[s.file.hasPrefix(prefix) ? String(s.file.dropFirst(prefix.count)) : s.file] = r
        }
        return out
    }
}
