/// Where the reports come from: `--data PATH` (repeatable), else `$GOVQ_DATA`, else the bundled samples.
import ArgumentParser
import Foundation
import GovqCube
import GovqGeo
import GovqLoader
import GovqSamples

struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "A report file, a folder of reports or a snapshot (repeatable).")
    var paths: [String] = []

    @Option(name: .customLong("as-of"), help: "Count every report under the divisions of DATE (2024 or 2024-06-30), not those it was filed under.")
    var asOf: String?

    /// `--as-of` as yyyymmdd; a date that is not one is a usage error.
    func asOfDate() throws -> Int? {
        guard let text = asOf else { return nil }
        guard let d = Gazetteer.date(text) else {
            throw ValidationError("'--as-of \(text)' is not a date: give a year (2024) or a day (2024-06-30)")
        }
        return d
    }

    /// The cube as queries see it: mapped onto `--as-of`'s divisions when one is given.
    func placed(_ cube: Cube) throws -> Cube {
        guard let d = try asOfDate() else { return cube }
        return Gazetteer.shared.mapping(cube, asOf: d)
    }

    /// The paths to load, by the precedence the README states.
    func resolvedPaths() throws -> [String] {
        if !paths.isEmpty { return paths }
        if let env = ProcessInfo.processInfo.environment["GOVQ_DATA"], !env.isEmpty {
            return env.split(separator: ":").map(String.init)
        }
        if let samples = SampleData.reportsPath { return [samples] }
        throw ValidationError("no data: pass --data PATH or set GOVQ_DATA (the bundled samples were not found)")
    }

    func load() throws -> LoadResult {
        // A `.govq` path opens a snapshot; texts load with a progress bar (Index.swift, issue 5).
        let paths = try resolvedPaths()
        return SampleNames.shorten(try loadData(paths), paths: paths)
    }
}

/// The bundled samples live deep in the build folder
/// (`…/.build/x86_64-unknown-linux-gnu/debug/govq_GovqSamples.resources/reports/000_….txt`);
/// they are shown as `<samples>/000_….txt`, like `<stdin>` and `<repl>`.
enum SampleNames {
    static func shorten(_ result: LoadResult, paths: [String]) -> LoadResult {
        guard let root = SampleData.reportsPath, paths.contains(root) else { return result }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let rename = { (path: String) in path.hasPrefix(prefix) ? "<samples>/" + path.dropFirst(prefix.count) : path }
        var r = result
        r.cube.renameFiles(rename)
        for i in r.reports.indices { r.reports[i].file = rename(r.reports[i].file) }
        for i in r.diagnostics.indices { r.diagnostics[i].source = rename(r.diagnostics[i].source) }
        return r
    }
}
