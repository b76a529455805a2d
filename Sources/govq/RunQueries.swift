/// Running queries without the REPL: `-e QUERY` (repeatable), `-f FILE` (`-` for stdin), or a
/// script piped on stdin. Loads the data, runs each statement in order, and writes the results to
/// stdout or, with `-o FILE`, atomically to a file. The first failing query stops the run.
/// Exit status: 0 ok, 1 data or file problem, 2 usage or query error.
import ArgumentParser
import Foundation
import GovqDiagnostics
import GovqEngine
import GovqLoader
import GovqREPL
import GovqRender
import GovqSyntax

extension Govq {
    func runQueries() throws {
        let chosen = try outputFormat()
        let chinese = try chineseOutput()
        // Parse every statement before loading: a script with a syntax error runs nothing.
        let statements = try readStatements()
        var parsed: [Query] = []
        // `why QUERY`: the query with `why` blanked, so that carets keep their columns.
        let whyText = statements.map { WhyTable.query($0.text) }
        for (index, statement) in statements.enumerated() {
            do {
                parsed.append(try QueryParser.parse(whyText[index] ?? statement.text, source: statement.source))
            } catch {
                throw report(restoringWhy(error, original: statement.text), in: statement)
            }
        }
        let loaded = try loadReports()
        // Never freed: the process ends after the last answer, and releasing 10^5 report
        // summaries one by one took longer than the query.
        ProcessLifetime.data = loaded
        guard !statements.isEmpty else { return }

        let engine = QueryEngine(cube: loaded.cube)
        let renderer = chosen.renderer(color: output == nil && StandardStreams.wantsColor(fd: 1))
        var buffered = bom && chosen.acceptsByteOrderMark ? "\u{FEFF}" : ""
        for (index, statement) in statements.enumerated() {
            let result: ResultSet
            do {
                if let why = whyText[index] {
                    result = try WhyTable.explain(engine, parsed[index], text: why, source: statement.source, resolve: SampleNames.path)
                } else {
                    result = try engine.run(parsed[index], text: statement.text, source: statement.source)
                }
            } catch {
                throw report(restoringWhy(error, original: statement.text), in: statement)
            }
            var text = index == 0 ? "" : chosen.resultSeparator
            renderer.write(chinese ? ChineseOutput.translate(result) : result, to: &text)
            if output == nil {
                StandardStreams.out(buffered + text)   // results appear as each query finishes
                buffered = ""
            } else {
                buffered += text
            }
            // What this answer left out or rests on, after it (stderr never mixes with stdout).
            for w in result.warnings { StandardStreams.err("warning: \(w)\n") }
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

    /// `--format`, else the extension of `-o`, else `table`.
    func outputFormat() throws -> OutputFormat {
        if let name = format {
            if let f = OutputFormat(rawValue: name.lowercased()) { return f }
            let names = OutputFormat.allCases.map(\.rawValue)
            let help = EditDistance.nearest(name.lowercased(), in: names).map { "did you mean '\($0)'?" }
                ?? "formats are: " + names.joined(separator: ", ")
            throw usageError("unknown format '\(name)'", help: help)
        }
        if let path = output {
            guard let f = OutputFormat(fileName: path) else {
                throw usageError("cannot tell the format of '\(path)' from its extension",
                                 help: "use .csv, .tsv, .json, .md or .txt, or pass --format")
            }
            return f
        }
        return .table
    }

    /// The statements to run, in order: every `-e`, then `-f FILE`, else all of stdin.
    func readStatements() throws -> [Statement] {
        var scripts: [(text: String, source: String)] = queries.map { ($0, "<query>") }
        if let path = file {
            if path == "-" {
                scripts.append((StandardStreams.readAllInput(), "<stdin>"))
            } else {
                guard let data = FileManager.default.contents(atPath: path) else {
                    let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file or directory"
                    throw usageError("cannot read query file '\(path)': \(reason)")
                }
                scripts.append((String(decoding: data, as: UTF8.self), path))
            }
        } else if queries.isEmpty {
            scripts.append((StandardStreams.readAllInput(), "<stdin>"))
        }
        return scripts.flatMap { script in
            let text = script.text.hasPrefix("\u{FEFF}") ? String(script.text.dropFirst()) : script.text
            return QueryParser.splitStatements(text).map {
                Statement(text: $0.text, source: script.source, firstLine: $0.line, script: text)
            }
        }
    }

    /// Loads the reports and says on stderr what could not be used. A data path that does not
    /// exist, or no loadable report at all, is a data error (exit 1).
    func loadReports() throws -> LoadResult {
        let paths: [String]
        do {
            paths = try data.resolvedPaths()
        } catch {
            StandardStreams.err("error: \(error)\n")
            throw ExitStatus.dataProblem
        }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
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
}
