/// `govq` in a terminal with no query: load the data, then the interactive REPL on GNU readline.
import ArgumentParser
import Foundation
import GovqLoader
import GovqREPL
import GovqSnapshot
import GovqRender

extension Govq {
    /// What `.load` runs: the same as `--data` (texts, folders, `.govq` snapshots).
    static let replLoader: @Sendable ([String]) -> LoadResult = { paths in
        let loaded = (try? loadData(paths)) ?? ReportLoader.load(paths: paths.filter { !SnapshotStore.isSnapshot($0) })
        return SampleNames.shorten(loaded, paths: paths)
    }

    /// The interactive REPL. Reads from readline in a terminal; from plain stdin otherwise
    /// (the REPL is only started for a terminal, but stays correct if stdin is redirected).
    func runREPL() throws {
        let paths = try data.resolvedPaths()
        let loaded = try data.load()
        let mode = format.flatMap { OutputFormat(rawValue: $0.lowercased()) } ?? .table
        let color = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        if isatty(0) != 0 {
            let completer = Completer(cube: loaded.cube)
            let history = HistoryFile.path(environment: ProcessInfo.processInfo.environment)
            let reader = ReadlineLineReader(completer: completer, historyPath: history)
            REPL(data: loaded, paths: paths, reader: reader, format: mode, color: color, completer: completer,
                 loader: Self.replLoader,
                 checkReport: { CheckReport.text($0, color: color) }, resolveFile: SampleNames.path).with(chinese: try chineseOutput()).run()
        } else {
            REPL(data: loaded, paths: paths, reader: StdinLineReader(), format: mode, color: false,
                 loader: Self.replLoader,
                 checkReport: { CheckReport.text($0) }, resolveFile: SampleNames.path).with(chinese: try chineseOutput()).run()
        }
    }
}
