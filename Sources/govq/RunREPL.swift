/// `govq` in a terminal with no query: load the data, then the interactive REPL on GNU readline.
import ArgumentParser
import Foundation
import GovqLoader
import GovqREPL
import GovqRender

extension Govq {
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
                 loader: { SampleNames.shorten(ReportLoader.load(paths: $0), paths: $0) },
                 checkReport: { CheckReport.text($0, color: color) }).run()
        } else {
            REPL(data: loaded, paths: paths, reader: StdinLineReader(), format: mode, color: false,
                 loader: { SampleNames.shorten(ReportLoader.load(paths: $0), paths: $0) },
                 checkReport: { CheckReport.text($0) }).run()
        }
    }
}
