/// Running queries without the REPL: `-e QUERY` (repeatable), `-f FILE` (`-` for stdin), or a
/// script piped on stdin. Loads the data, runs each statement in order, and writes the results to
/// stdout or, with `-o FILE`, atomically to a file. The first failing query stops the run.
/// Exit status: 0 ok, 1 data or file problem, 2 usage or query error.
import ArgumentParser
import Foundation
import GovqCube
import GovqDiagnostics
import GovqEngine
import GovqGeo
import GovqLoader
import GovqREPL
import GovqRender
import GovqSnapshot
import GovqSyntax

extension QueryRun {
    func runQueries() throws {
        let chosen = try outputFormat()
        let chinese = try chineseOutput()
        if chosen == .xlsx, output == nil, isatty(1) != 0 {
            throw usageError("an xlsx workbook cannot be shown in a terminal", help: "write it to a file: -o result.xlsx")
        }
        let scripts = try readScripts()
        // A script with dot-commands (`.mode csv`, in a file, on stdin or as an `-e`) runs line by
        // line, as the REPL runs it.
        if scripts.contains(where: { DotCommandScript.hasDotCommands($0.text) }) {
            return try runDotCommandScript(scripts, format: chosen)
        }
        // Parse every statement before loading: a script with a syntax error runs nothing.
        let statements = Self.statements(of: scripts)
        // The trees are not kept: each statement is parsed again when it runs, so a script of
        // millions of statements holds its text, not millions of syntax trees.
        // `why QUERY`: the query with `why` blanked, so that carets keep their columns.
        let whyText = statements.map { WhyTable.query($0.text) }
        for (index, statement) in statements.enumerated() {
            do {
                _ = try QueryParser.parse(whyText[index] ?? statement.text, source: statement.source)
            } catch {
                throw report(restoringWhy(error, original: statement.text), in: statement)
            }
        }
        let asOf: Int?
        do { asOf = try data.asOfDate() } catch { throw usageError("\(error)") }
        // One snapshot: verify each region as a query reads it (an answer that read a corrupt
        // one is refused, below, and the snapshot is then checked whole and rebuilt).
        let paths = data.resolvedPaths()
        if paths.count == 1, SnapshotStore.isSnapshot(paths[0]) { SnapshotStore.defaultVerification = .asRead }
        var loaded = try loadReports()
        // Never freed: the process ends after the last answer, and releasing 10^5 report
        // summaries one by one took longer than the query.
        ProcessLifetime.data = loaded
        guard !statements.isEmpty else { return }

        func engineOver(_ loaded: LoadResult) -> QueryEngine {
            var cube = asOf.map { Gazetteer.shared.mapping(loaded.cube, asOf: $0) } ?? loaded.cube
            cube.integrity = loaded.cube.integrity   // the mapped columns were read from the snapshot's
            return QueryEngine(cube: cube)
        }
        var engine = engineOver(loaded)
        let toTerminal = output == nil && isatty(1) != 0
        let renderer = chosen.renderer(color: output == nil && StandardStreams.wantsColor(fd: 1),
                                       options: renderOptions(fitting: toTerminal))
        var buffered = bom && chosen.acceptsByteOrderMark ? "\u{FEFF}" : ""
        var workbook: [ResultSet] = []
        func answer(_ index: Int, _ statement: Statement, _ engine: QueryEngine) throws -> ResultSet {
            let query = try QueryParser.parse(whyText[index] ?? statement.text, source: statement.source)
            let result = if let why = whyText[index] {
                try WhyTable.explain(engine, query, text: why, source: statement.source, read: EmbeddedSamples.read)
            } else {
                try engine.run(query, text: statement.text, source: statement.source)
            }
            // Names read after the engine answered (why's files) are checked here.
            if let i = engine.cube.integrity, let region = i.failure { throw CubeIntegrityError(source: i.source, region: region) }
            return result
        }
        for (index, statement) in statements.enumerated() {
            let result: ResultSet
            do {
                do {
                    result = try answer(index, statement, engine)
                } catch let corrupt as CubeIntegrityError where SnapshotStore.defaultVerification == .asRead {
                    // Open it again verifying every region: the damage is found before anything
                    // is decoded, and the snapshot is rebuilt from its texts (with a warning).
                    StandardStreams.err("warning: \(TerminalText.escaped(corrupt.description)); checking all of it\n")
                    SnapshotStore.defaultVerification = .whole
                    loaded = try loadReports()
                    ProcessLifetime.data = loaded
                    engine = engineOver(loaded)
                    result = try answer(index, statement, engine)
                }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw report(restoringWhy(error, original: statement.text), in: statement)
            }
            let shown = chinese ? ChineseOutput.translate(result) : result
            // The last answer is not freed either: releasing 1,586 rows of values one by one was
            // 6% of a whole `sum denied by district` process (the next answer frees this one).
            ProcessLifetime.answer = (result, shown)
            if chosen == .xlsx {
                workbook.append(shown)
                continue
            }
            var text = index == 0 ? "" : chosen.resultSeparator
            if echo { text += statement.text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" }
            if output == nil && (!toTerminal || chosen == .table) {
                // As bytes, never one String of the whole result (`forTerminal` leaves a table as it is).
                var bytes = Array((buffered + text).utf8)
                renderer.write(shown, bytes: &bytes)
                StandardStreams.out(bytes: bytes)   // results appear as each query finishes
                ProcessLifetime.bytes = bytes
                buffered = ""
            } else {
                renderer.write(shown, to: &text)
                if toTerminal { text = chosen.forTerminal(text) }
                if output == nil {
                    StandardStreams.out(buffered + text)
                    buffered = ""
                } else {
                    buffered += text
                }
            }
            // What this answer left out or rests on, after it (stderr never mixes with stdout).
            for w in result.warnings { StandardStreams.err("warning: \(TerminalText.escaped(w))\n") }
        }
        if chosen == .xlsx {
            return try writeWorkbook(workbook)
        }
        if let path = output {
            do {
                try AtomicFile.write(buffered, to: path)
            } catch {
                StandardStreams.err(DiagnosticFormatter.format(
                    Diagnostic.error(error.description, source: ""), color: StandardStreams.wantsColor(fd: 2)))
                throw ExitStatus.dataProblem
            }
        }
    }

    /// `--lang zh`: Chinese headers and members; `en` (the default): English names.
    func chineseOutput() throws -> Bool {
        switch lang?.lowercased() {
        case nil, "en": return false
        case "zh", "cn", "中文": return true
        case let other?: throw usageError("unknown language '\(other)'", help: "languages are: en, zh")
        }
    }

    /// `-header`/`-noheader`, `-nullvalue`, and the terminal's width when results go to one.
    func renderOptions(fitting: Bool) -> RenderOptions {
        RenderOptions(header: header, nullText: nullvalue, maxWidth: fitting ? TerminalSize.columns(fd: 1) : nil)
    }

    /// One sheet per result, to `-o FILE` atomically or to stdout (a pipe or a file).
    func writeWorkbook(_ results: [ResultSet]) throws {
        let bytes: [UInt8]
        do {
            bytes = try XLSXWorkbook.bytes(results)
        } catch {
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error("cannot write the workbook: \(error)", source: "")))
            throw ExitStatus.dataProblem
        }
        guard let path = output else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try AtomicFile.write(bytes: bytes, to: path)
        } catch {
            StandardStreams.err(DiagnosticFormatter.format(
                Diagnostic.error(error.description, source: ""), color: StandardStreams.wantsColor(fd: 2)))
            throw ExitStatus.dataProblem
        }
    }

    /// `--format`, else the extension of `-o`, else `table`.
    func outputFormat() throws -> OutputFormat {
        if let name = format {
            if let f = OutputFormat(name: name) { return f }
            let names = OutputFormat.allCases.map(\.rawValue)
            let help = EditDistance.nearest(name.lowercased(), in: names).map { "did you mean '\($0)'?" }
                ?? "formats are: " + names.joined(separator: ", ")
            throw usageError("unknown format '\(name)'", help: help)
        }
        if let path = output {
            guard let f = OutputFormat(fileName: path) else {
                throw usageError("cannot tell the format of '\(path)' from its extension",
                                 help: "use .csv, .tsv, .json, .jsonl, .md, .txt or .xlsx, or pass --format")
            }
            return f
        }
        return .table
    }

    /// The scripts to run, in order: every `-e`, then `-f FILE`, else all of stdin.
    func readScripts() throws -> [(text: String, source: String)] {
        var scripts: [(text: String, source: String)] = queries.map { ($0, "<query>") }
        if let path = file {
            if path == "-" {
                scripts.append((try readScriptInput(), "<stdin>"))
            } else {
                var size = stat()
                if stat(path, &size) == 0, Int(size.st_size) > Self.maxScriptBytes { throw scriptTooLarge(path) }
                guard let data = FileManager.default.contents(atPath: path) else {
                    let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file or directory"
                    throw usageError("cannot read query file '\(path)': \(reason)")
                }
                scripts.append((String(decoding: data, as: UTF8.self), path))
            }
        } else if queries.isEmpty {
            scripts.append((try readScriptInput(), "<stdin>"))
        }
        return scripts.map { script in
            (script.text.hasPrefix("\u{FEFF}") ? String(script.text.dropFirst()) : script.text, script.source)
        }
    }

    /// Each script split into its statements, each knowing where in its script it starts.
    static func statements(of scripts: [(text: String, source: String)]) -> [Statement] {
        scripts.flatMap { script in
            QueryParser.splitStatements(script.text).map {
                Statement(text: $0.text, source: script.source, firstLine: $0.line, script: script.text)
            }
        }
    }

    /// The largest script govq reads (`-f`, stdin): 64 MiB, about 2.7 million short queries.
    /// Past it the run stops at once with an error, before the script is held in memory
    /// (`yes 'count reports;' | govq` would otherwise read until memory runs out).
    static let maxScriptBytes = 64 << 20

    func readScriptInput() throws -> String {
        guard let text = StandardStreams.readAllInput(limit: Self.maxScriptBytes) else { throw scriptTooLarge("<stdin>") }
        return text
    }

    func scriptTooLarge(_ name: String) -> ExitCode {
        usageError("script '\(TerminalText.escaped(name))' is larger than \(Self.maxScriptBytes >> 20) MiB, the most govq reads",
                   help: "split it into several scripts and run each with -f")
    }

    /// Loads the reports and says on stderr what could not be used. A data path that does not
    /// exist, or no loadable report at all, is a data error (exit 1).
    func loadReports() throws -> LoadResult {
        let paths = data.resolvedPaths()
        for path in paths where !EmbeddedSamples.exists(path) {
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(
                "cannot read data '\(path)': no such file or directory", source: "",
                help: "--data takes a report file or a folder of reports")))
            throw ExitStatus.dataProblem
        }
        let loaded = try data.load()
        StandardStreams.err(LoadSummary.describe(loaded))
        guard loaded.cube.reportCount > 0 else {
            let list = paths.map { "'\($0)'" }.joined(separator: ", ")
            StandardStreams.err("error: no report could be loaded from \(list)\n")
            throw ExitStatus.dataProblem
        }
        return loaded
    }

    /// Prints a query's error (with its caret, in the file's own lines) and gives exit status 2.
    func report(_ error: any Error, in statement: Statement) -> ExitCode {
        let d = (error as? Diagnostic).map(statement.relocated)
            ?? Diagnostic.error("\(error)", source: statement.source)
        StandardStreams.err(DiagnosticFormatter.format(d, color: StandardStreams.wantsColor(fd: 2)))
        return ExitStatus.usageOrQuery
    }

    func usageError(_ message: String, help: String? = nil) -> ExitCode {
        StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(message, source: "", help: help),
                                                       color: StandardStreams.wantsColor(fd: 2)))
        return ExitStatus.usageOrQuery
    }
}

/// What lives until the process exits.
enum ProcessLifetime {
    nonisolated(unsafe) static var data: LoadResult?
    nonisolated(unsafe) static var answer: (ResultSet, ResultSet)?
    nonisolated(unsafe) static var bytes: [UInt8] = []
}
