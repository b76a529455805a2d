/// Running the dot-commands, and where results go (`.output`, `.once`).
import Foundation
import GovqDiagnostics
import GovqEngine
import GovqLoader
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
            let width = MetaCommand.usage.map(\.0.count).max() ?? 0
            var text = ""
            for (usage, what) in MetaCommand.usage {
                text += usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + what + "\n"
            }
            text += "Anything else is a query (end it with ';' to run several on one line), e.g.\n"
            text += "  sum denied by district\n  show measures\n"
            writeOut(text)
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
            if let f = OutputFormat(rawValue: name.lowercased()) {
                format = f
            } else {
                let names = OutputFormat.allCases.map(\.rawValue)
                reportArgument(line, "unknown output mode '\(name)'", argument: name,
                               help: EditDistance.nearest(name, in: names).map { "did you mean '\($0)'?" }
                                   ?? "modes are: " + names.joined(separator: ", "))
            }
        case .output(nil):
            output = .screen
        case .output(let path?):
            // Start the file empty now, as sqlite3 does; results are appended to it.
            if writeFile(path, "", line: line) { output = .file(path) }
        case .once(let path):
            if writeFile(path, "", line: line) { output = .once(path, after: output) }
        case .export(let path):
            export(to: path, line: line)
        case .load(let path):
            load(path, line: line)
        case .check:
            writeOut(checkReport(data))
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

    /// Writes a rendered result to the screen or the file `.output`/`.once` chose.
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

    private func export(to path: String, line: String) {
        guard let result = lastResult else {
            report(.error("nothing to export: run a query first", source: "<repl>"))
            return
        }
        guard let f = OutputFormat(fileName: path) else {
            reportArgument(line, "cannot tell the format of '\(path)' from its extension", argument: path,
                           help: "use .csv, .tsv, .json, .md or .txt")
            return
        }
        if writeFile(path, f.renderer().render(result), line: line) {
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
        engine = QueryEngine(cube: loaded.cube)
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
             r.status.rawValue + (r.reason.map { " (\($0))" } ?? "")]
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
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return true
        } catch {
            reportArgument(line, "cannot write '\(path)': \(REPL.reason(error))", argument: path)
            return false
        }
    }

    private func appendFile(_ path: String, _ text: String) {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            report(.error("cannot write '\(path)'", source: "<repl>"))
            output = .screen
            return
        }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError), posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code))).lowercased()
        }
        return ns.localizedDescription
    }
}
