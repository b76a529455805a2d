/// `govq` in a terminal with no query: load the data, then the interactive REPL on GNU readline.
/// A script with dot-commands (`printf '.mode csv\n…' | govq`, `-f FILE`) runs through the same
/// REPL, line by line, without prompts.
import ArgumentParser
import Foundation
import GovqDiagnostics
import GovqLoader
import GovqREPL
import GovqSnapshot
import GovqRender

extension QueryRun {
    /// What `.load` runs: the same as `--data` (texts, folders, `.govq` snapshots, `<samples>`).
    static let replLoader: @Sendable ([String]) -> LoadResult = { paths in
        (try? loadData(paths)) ?? ReportLoader.load(paths: paths.filter { !SnapshotStore.isSnapshot($0) })
    }

    /// The interactive REPL. Reads from readline in a terminal; from plain stdin otherwise
    /// (the REPL is only started for a terminal, but stays correct if stdin is redirected).
    func runREPL() throws {
        let paths = data.resolvedPaths()
        let asOf = try data.asOfDate()
        let loaded = try data.load()
        let mode = try format == nil ? .table : outputFormat()
        let color = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        if isatty(0) != 0 {
            // readline is loaded here, not at start (a query run never maps it).
            if let reason = ReadlineLineReader.unavailable() {
                StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(
                    "cannot start the REPL: GNU readline cannot be loaded (\(reason))", source: "",
                    help: "install libreadline8, or run queries with -e QUERY or -f FILE"), color: StandardStreams.wantsColor(fd: 2)))
                throw ExitStatus.dataProblem
            }
            let completer = Completer(cube: loaded.cube)
            let history = HistoryFile.path(environment: ProcessInfo.processInfo.environment)
            let reader = ReadlineLineReader(completer: completer, historyPath: history)
            let repl = REPL(data: loaded, paths: paths, reader: reader, format: mode, color: color, completer: completer, asOf: asOf,
                            loader: Self.replLoader,
                            checkReport: { CheckReport.text($0, color: color) }, readFile: EmbeddedSamples.read)
            try configure(repl)
            repl.run()
        } else {
            let repl = REPL(data: loaded, paths: paths, reader: StdinLineReader(), format: mode, color: false, asOf: asOf,
                            loader: Self.replLoader,
                            checkReport: { CheckReport.text($0) }, readFile: EmbeddedSamples.read)
            try configure(repl)
            repl.run()
        }
    }

    /// The command line's `-header`, `-nullvalue`, `-echo` and `--lang`, and the terminal's width.
    func configure<R>(_ repl: REPL<R>) throws {
        repl.options = RenderOptions(header: header, nullText: nullvalue)
        repl.with(chinese: try chineseOutput())
        repl.echo = echo
        repl.screenWidth = { isatty(1) != 0 ? TerminalSize.columns(fd: 1) : nil }
    }

    /// The scripts (`-e` queries, then `-f FILE` or stdin) run as REPL input: an error is shown
    /// and the script goes on, as in sqlite3; the exit status is 2 when any line failed.
    func runDotCommandScript(_ scripts: [(text: String, source: String)], format: OutputFormat) throws {
        let loaded = try loadReports()
        ProcessLifetime.data = loaded
        var lines: [String?] = []
        for script in scripts {
            var text = script.text
            // Each `-e` query ends where it ends (a dot-command ends at its line anyway).
            if script.source == "<query>", !DotCommandScript.hasDotCommands(text) { text += ";" }
            for var line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasSuffix("\r") { line.removeLast() }
                lines.append(line)
            }
        }
        let repl = REPL(data: loaded, paths: data.resolvedPaths(), reader: ScriptedLineReader(lines), format: format,
                        color: false, asOf: try data.asOfDate(), loader: Self.replLoader, checkReport: { CheckReport.text($0) }, readFile: EmbeddedSamples.read)
        try configure(repl)
        repl.showsWelcome = false
        if let path = output {
            // `-o FILE` is the script's first `.output FILE`.
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            repl.startOutput(path)
        }
        repl.run()
        if repl.failures > 0 { throw ExitStatus.usageOrQuery }
    }
}

/// A script line that starts with `.` and a letter is a dot-command (`.mode csv`); no query
/// line can start so.
enum DotCommandScript {
    static func hasDotCommands(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let body = line.drop { $0 == " " || $0 == "\t" }
            guard body.first == ".", let next = body.dropFirst().first else { return false }
            return next.isLetter
        }
    }
}

/// The terminal's width in columns: TIOCGWINSZ, else `$COLUMNS`, else nil.
enum TerminalSize {
    static func columns(fd: Int32) -> Int? {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return n }
        return nil
    }
}
