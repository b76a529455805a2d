/// Where the reports come from: `--data PATH` (repeatable), else `$GOVQ_DATA`, else the sample
/// reports compiled into the binary (`<samples>`, which `--data` also accepts).
import ArgumentParser
import Foundation
import GovqCube
import GovqGeo
import GovqLoader
import GovqSamples

struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "A report file, a folder of reports or a snapshot (repeatable); '<samples>' is the embedded samples.",
        valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("as-of"), help: "Count every report under the divisions of DATE (2024 or 2024-06-30), not those it was filed under.")
    var asOf: String?

    /// The same two options as a plain value, which a query run reads (see `QueryRun`).
    var selection: DataSelection { DataSelection(paths: paths, asOf: asOf) }

    func asOfDate() throws -> Int? { try selection.asOfDate() }
    func placed(_ cube: Cube) throws -> Cube { try selection.placed(cube) }
    func resolvedPaths() -> [String] { selection.resolvedPaths() }
    func load() throws -> LoadResult { try selection.load() }
}

/// `--data` and `--as-of` as plain values, with no property wrappers: building a `DataOptions`
/// makes swift-argument-parser's name sets, whose first use scans every protocol conformance in
/// the binary; the quick path of a query run (QuickArguments) never builds one.
struct DataSelection {
    var paths: [String] = []
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

    /// The paths to load, by the precedence the README states. Never fails: the samples are
    /// always there.
    func resolvedPaths() -> [String] {
        if !paths.isEmpty { return paths }
        // getenv, not ProcessInfo (which builds a dictionary of the whole environment).
        if let raw = getenv("GOVQ_DATA") {
            let env = String(cString: raw)
            if !env.isEmpty { return env.split(separator: ":").map(String.init) }
        }
        return [SampleData.path]
    }

    func load() throws -> LoadResult {
        // A `.govq` path opens a snapshot; texts load with a progress bar (Index.swift, issue 5).
        try loadData(resolvedPaths())
    }
}

/// The embedded samples, parsed from the bytes in the binary; their files are named
/// `<samples>/000_….txt`, like `<stdin>` and `<repl>`.
enum EmbeddedSamples {
    /// Whether `path` names data that is there: a file or folder, or the embedded samples.
    static func exists(_ path: String) -> Bool {
        // stat, as FileManager's fileExists does (a symlink followed), without starting FileManager.
        var info = stat()
        return path == SampleData.path || stat(path, &info) == 0
    }

    /// A file's bytes, as its name is shown: `<samples>/…` from the binary, else from disk (`why`).
    static func read(_ name: String) -> [UInt8]? {
        let prefix = SampleData.path + "/"
        if name.hasPrefix(prefix), let s = SampleData.reports.first(where: { $0.name == name.dropFirst(prefix.count) }) {
            return s.bytes
        }
        return FileManager.default.contents(atPath: name).map { [UInt8]($0) }
    }

    static func load() -> LoadResult {
        var builder = CubeBuilder()
        var result = LoadResult()
        for sample in SampleData.reports {
            let parsed = ReportParser.parse(bytes: sample.bytes, file: SampleData.path + "/" + sample.name)
            if let record = parsed.record { builder.append(record) }
            result.reports.append(parsed.summary)
            result.diagnostics += parsed.diagnostics
        }
        result.cube = builder.cube
        return result
    }

    /// `paths` with `<samples>` among them: the samples, then the rest, merged in that order.
    static func load(with paths: [String], rest: ([String]) throws -> LoadResult) throws -> LoadResult {
        let others = paths.filter { $0 != SampleData.path }
        var merged = load()
        guard !others.isEmpty else { return merged }
        let part = try rest(others)
        var builder = CubeBuilder()
        builder.append(contentsOf: merged.cube)
        builder.append(contentsOf: part.cube)
        merged.cube = builder.cube
        merged.reports += part.reports
        merged.diagnostics += part.diagnostics
        return merged
    }
}
