/// Where the reports come from: `--data PATH` (repeatable), else `$GOVQ_DATA`, else the bundled samples.
import ArgumentParser
import Foundation
import GovqLoader
import GovqSamples

struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "A report file, a folder of reports or a snapshot (repeatable).")
    var paths: [String] = []

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
        try loadData(resolvedPaths())
    }
}
