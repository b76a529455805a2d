/// Running the dot-commands, and where results go (`.output`, `.once`).
import Foundation
import GovqDiagnostics
import GovqCube
import GovqEngine
import GovqGeo
import GovqLoader
import GovqOutput
import GovqRender

/// Where the next result is written.
enum OutputTarget: Equatable {
    case screen
    /// `.output FILE`: every result, appended, until `.output` alone.
    case file(String)
    /// `.once FILE`: the next result only, then back to `after`.
    indirect case once(String, after: OutputTarget)
}

extension REPL {
    /// Runs one dot-command line; returns false when the session should end.
    func runMetaCommand(_ line: String) -> Bool {
        let command: MetaCommand
        do {
            command = try MetaCommand.parse(line)
        } catch {
            report(error)
            return true
        }
        switch command {
        case .quit:
            return false
        case .help:
            writeOut(REPL.helpText)
        case .lang(nil):
            writeOut("current language: \(chinese ? "zh" : "en")\n")
        case .lang(let name?):
            switch name.lowercased() {
            case "zh", "cn", "中文": chinese = true
            case "en": chinese = false
            default: reportArgument(line, "unknown language '\(name)'", argument: name, help: "languages are: en, zh")
            }
        case .mode(nil):
            writeOut("current output mode: \(format.rawValue)\n")
        case .mode(let name?):
            if let f = OutputFormat(name: name) {
                format = f
            } else {
                let names = OutputFormat.allCases.map(\.rawValue)
                reportArgument(line, "unknown output mode '\(name)'", argument: name,
                               help: EditDistance.nearest(name, in: names).map { "did you mean '\($0)'?" }
                                   ?? "modes are: " + names.joined(separator: ", "))
            }
        case .headers(nil):
            writeOut("headers are \(options.header ? "on" : "off")\n")
        case .headers(let on?):
            options.header = on
        case .nullvalue(let text):
            options.nullText = text
        case .echo(nil):
            writeOut("echo is \(echo ? "on" : "off")\n")
        case .echo(let on?):
            echo = on
        case .tables:
            runQueries("show tables")
        case .schema:
            runQueries("show measures; show dimensions")
        case .read(let path):
            return read(path, line: line)
        case .shell(let command):
            shell(command)
        case .output(nil):
            output = .screen
        case .output(let path?):
            // Start the file empty now, as sqlite3 does; results are appended to it.
            workbookSheets = []
            if writeFile(path, "", line: line) { output = .file(path) }
        case .once(let path):
            if writeFile(path, "", line: line) { output = .once(path, after: output) }
        case .export(let path):
            export(to: path, line: line)
        case .load(let path):
            load(path, line: line)
        case .check:
            writeOut(checkReport(data))
        case .asOf(nil):
            writeOut(asOf.map { "counting reports under the divisions of \(REPL.dateText($0))\n" }
                     ?? "counting reports under the divisions they were filed under\n")
        case .asOf(let text?):
            if text.lowercased() == "off" {
                asOf = nil
            } else if let d = Gazetteer.date(text) {
                asOf = d
            } else {
                reportArgument(line, "'\(text)' is not a date", argument: text, help: "give a year (2024), a day (2024-06-30) or 'off'")
                return true
            }
            engine = QueryEngine(cube: REPL.placed(data.cube, asOf: asOf))
        case .timer(nil):
            writeOut("timer is \(timer ? "on" : "off")\n")
        case .timer(let on?):
            timer = on
        case .why(let n):
            guard let last = lastQuery else {
                report(.error("'.why' explains the last result, and there is none yet", source: "<repl>",
                              help: "run a query first, or write 'why QUERY'"))
                return true
            }
            explain(last, row: n)
        }
        return true
    }

    /// Every command's usage and summary; an alias not in its usage line gets its own line.
    static var helpText: String {
        var rows: [(String, String)] = []
        for entry in MetaCommand.table {
            rows.append((entry.usage, entry.summary))
            let argument = entry.usage.dropFirst(entry.names[0].count).prefix { $0 != "," }
            for alias in entry.names.dropFirst() where alias != ".q" && !entry.usage.contains(alias) {
                rows.append((alias + argument, "the same as \(entry.names[0])"))
            }
        }
        let width = rows.map(\.0.count).max() ?? 0
        var text = ""
        for (usage, what) in rows {
            text += usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + what + "\n"
        }
            text += "Anything else is a query (end it with ';' to run several on one line), e.g.\n"
        text += "  sum denied by district\n  show measures\n"
        return text
    }

    /// Writes a rendered result to the screen or the file `.output`/`.once` chose. A file named `.xlsx`
    /// (or any file in `.mode xlsx`) gets a workbook: `.once` one sheet, `.output` a sheet per
    /// result so far, the file rewritten whole each time.
    func emit(_ result: ResultSet) {
        let path: String?
        switch output {
        case .screen: path = nil
        case .file(let p): path = p
        case .once(let p, _): path = p
        }
        if case .once(_, let after) = output { output = after }
        guard let path else {
            guard format.isText else {
                report(.error("an xlsx workbook cannot be shown on the screen", source: "<repl>",
                              help: "write it to a file: .once result.xlsx (then the query), or .mode table"))
                return
            }
            var o = options
            o.maxWidth = screenWidth()
            let rendered = format.renderer(color: color, options: o).render(result)
            // Report text on the screen is escaped (`TerminalText`); a file gets the bytes.
            writeOut(isatty(1) != 0 ? format.forTerminal(rendered) : rendered)
            return
        }
        if format == .xlsx || OutputFormat.fileExtension(path) == "xlsx" {
            let sheets = output == .file(path) ? workbookSheets + [result] : [result]
            if output == .file(path) { workbookSheets = sheets }
            writeWorkbook(sheets, to: path)
            return
        }
        appendFile(path, format.renderer(options: options).render(result))
    }

    /// Text that is not a result (a command's report) to the screen or the `.output`/`.once`
    /// file, as before results became workbooks too.
    func emit(_ text: String) {
        switch output {
        case .screen:
            writeOut(text)
        case .file(let path):
            appendFile(path, text)
        case .once(let path, let after):
            appendFile(path, text)
            output = after
        }
    }

    /// Replaces `path` with a workbook of `sheets`; reports a failure and returns false.
    @discardableResult
    func writeWorkbook(_ sheets: [ResultSet], to path: String) -> Bool {
        do {
            try OutputFile.replace(path, with: XLSXWorkbook.bytes(sheets))
            return true
        } catch let failure as OutputFile.Failure {
            report(.error(failure.description, source: "<repl>"))
            return false
        } catch {
            report(.error("cannot write '\(path)': \(REPL.reason(error))", source: "<repl>"))
            return false
        }
    }

    /// `.read FILE`: its lines as if typed, dot-commands included. Returns false after `.quit`.
    private func read(_ path: String, line: String) -> Bool {
        guard readDepth < 16 else {
            reportArgument(line, "'.read' is nested more than 16 deep (does '\(path)' read itself?)", argument: path)
            return true
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file"
            reportArgument(line, "cannot read '\(path)': \(reason)", argument: path)
            return true
        }
        readDepth += 1
        defer { readDepth -= 1 }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var pending: [String] = []
        for var l in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if l.hasSuffix("\r") { l.removeLast() }
            if !handle(l, pending: &pending, history: false) { return false }
        }
        if !pending.isEmpty { runQueries(pending.joined(separator: "\n")) }
        return true
    }

    /// `.shell CMD`: `/bin/sh -c CMD`; its stdout is shown as the REPL's own output (so
    /// `.output` does not catch it, as in sqlite3), its stderr goes straight to govq's; a failure
    /// says its status.
    private func shell(_ command: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        process.standardOutput = out
        do {
            try process.run()
        } catch {
            report(.error("cannot run '/bin/sh': \(REPL.reason(error))", source: "<repl>"))
            return
        }
        // Read to the end before waiting, so a chatty command cannot fill the pipe and stall.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        writeOut(String(decoding: outData, as: UTF8.self))
        if process.terminationStatus != 0 {
            report(.error("'\(command)' exited with status \(process.terminationStatus)", source: "<repl>"))
        }
    }

    private func export(to path: String, line: String) {
        guard let result = lastResult else {
            report(.error("nothing to export: run a query first", source: "<repl>"))
            return
        }
        guard let f = OutputFormat(fileName: path) else {
            reportArgument(line, "cannot tell the format of '\(path)' from its extension", argument: path,
                           help: "use .csv, .tsv, .json, .jsonl, .md, .txt or .xlsx")
            return
        }
        if f == .xlsx {
            guard writeWorkbook([result], to: path) else { return }
            writeOut("wrote \(result.rows.count) row\(result.rows.count == 1 ? "" : "s") to \(path) (xlsx)\n")
            return
        }
        if writeFile(path, f.renderer(options: options).render(result), line: line) {
            writeOut("wrote \(result.rows.count) row\(result.rows.count == 1 ? "" : "s") to \(path) (\(f.rawValue))\n")
        }
    }

    private func load(_ path: String, line: String) {
        guard FileManager.default.fileExists(atPath: path) else {
            reportArgument(line, "no such file or folder '\(path)'", argument: path)
            return
        }
        // Loading a file twice would count its numbers twice.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let covering = paths.first(where: {
            let p = URL(fileURLWithPath: $0).standardizedFileURL.path
            return absolute == p || absolute.hasPrefix(p.hasSuffix("/") ? p : p + "/")
        }) {
            reportArgument(line, "'\(path)' is already loaded (from '\(covering)')", argument: path)
            return
        }
        let before = data.cube.reportCount
        let newPaths = paths + [path]
        let loaded = loader(newPaths)
        data = loaded
        paths = newPaths
        engine = QueryEngine(cube: REPL.placed(loaded.cube, asOf: asOf))
        completer.update(cube: loaded.cube)
        let added = loaded.cube.reportCount - before
        var text = "added \(added) report\(added == 1 ? "" : "s"); now \(REPL.describe(loaded))"
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 { text += "; \(errors) problem\(errors == 1 ? "" : "s") (.check lists them)" }
        writeOut(text + "\n")
    }

    /// One line per report, then every diagnostic (the same facts as `govq check`).
    public static func checkReport(_ data: LoadResult) -> String {
        let rows = data.reports.map { r in
            [r.file, r.district ?? "-", r.year.map(String.init) ?? "-", r.template?.name ?? "-",
             r.status.rawValue + (r.reason.map { " (\($0))" } ?? "")].map { TerminalText.escaped($0) }
        }
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for i in 0..<4 { widths[i] = max(widths[i], DisplayWidth.of(row[i])) } }
        var text = ""
        for row in rows {
            for i in 0..<4 { text += row[i] + String(repeating: " ", count: widths[i] - DisplayWidth.of(row[i]) + 2) }
            text += row[4] + "\n"
        }
        text += DiagnosticFormatter.format(data.diagnostics)
        let bad = data.reports.filter { $0.status != .ok }.count
        text += "\(data.reports.count) report\(data.reports.count == 1 ? "" : "s"), \(bad) not ok, "
            + "\(data.diagnostics.count) diagnostic\(data.diagnostics.count == 1 ? "" : "s")\n"
        return text
    }

    /// An error about a dot-command's argument, with the caret under it.
    private func reportArgument(_ line: String, _ message: String, argument: String, help: String? = nil) {
        var location: SourceLocation?
        if let r = line.range(of: argument, options: .backwards) {
            let column = line[..<r.lowerBound].unicodeScalars.count + 1
            location = SourceLocation(line: 1, column: column, length: argument.unicodeScalars.count)
        }
        report(.error(message, source: "<repl>", location: location, sourceLine: location == nil ? nil : line, help: help))
    }

    /// Replaces `path` with `text` atomically; reports a failure and returns false.
    @discardableResult
    private func writeFile(_ path: String, _ text: String, line: String) -> Bool {
        do {
            try OutputFile.replace(path, with: Array(text.utf8))   // plain files only, no links followed
            return true
        } catch {
            reportArgument(line, error.description, argument: path)
            return false
        }
    }

    private func appendFile(_ path: String, _ text: String) {
        do {
            try OutputFile.append(path, Array(text.utf8))   // plain files only, no links followed
        } catch {
            report(.error(error.description, source: "<repl>", help: "results go to the screen again; name another file with .output FILE"))
            output = .screen
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError), posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code))).lowercased()
        }
        return ns.localizedDescription
    }
}

extension REPL {
    /// Sends every result to `path` (emptied by the caller), as `.output FILE` does.
    public func startOutput(_ path: String) {
        workbookSheets = []
        output = .file(path)
    }

    /// The cube queries see: mapped onto the divisions of `asOf` when set.
    static func placed(_ cube: Cube, asOf: Int?) -> Cube {
        asOf.map { Gazetteer.shared.mapping(cube, asOf: $0) } ?? cube
    }

    static func dateText(_ d: Int) -> String {
        String(format: "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100)
    }
}
