/// The REPL's dot-commands, spelled as sqlite3 and DuckDB users expect (`.mode csv`,
/// `.output FILE`, `.once FILE`, `.timer on`). Parsing only; `REPL+MetaCommands` runs them.
import GovqDiagnostics

/// One parsed dot-command.
public enum MetaCommand: Equatable, Sendable {
    case help
    case mode(String?)
    case output(String?)
    case once(String)
    case export(String)
    case load(String)
    case check
    case timer(Bool?)
    case lang(String?)
    /// `.why N`: the cells behind row N of the last result (all rows without N).
    case why(Int?)
    case quit

    /// Every command name, for `.help`, completion and "did you mean".
    public static let names = [".check", ".exit", ".export", ".help", ".lang", ".load", ".mode", ".once", ".output", ".quit", ".timer", ".why"]

    /// `(usage, what it does)`, in `.help` order.
    static let usage: [(String, String)] = [
        (".help", "show this message"),
        (".mode FORMAT", "show results as table, csv, tsv, json, markdown or bar (a chart)"),
        (".lang zh|en", "show headers and members in Chinese (zh) or English (en)"),
        (".output FILE", "write results to FILE (format unchanged); .output alone: back to the screen"),
        (".once FILE", "write only the next result to FILE"),
        (".export FILE", "write the last result to FILE, format from its extension (.csv .tsv .json .md .txt)"),
        (".load PATH", "add the reports in PATH (a file or a folder) to the loaded data"),
        (".check", "list the loaded reports and every inconsistency found in them"),
        (".timer on|off", "show how long each query takes"),
        (".why N", "list the cells behind row N of the last result (file, line, text as printed); 'why QUERY' for a query"),
        (".quit, .exit", "leave govq (Ctrl-D does too)"),
    ]

    /// Parses one line that starts with `.`. Errors point into `line` with `<repl>` as source.
    public static func parse(_ line: String, lineNumber: Int = 1) throws(Diagnostic) -> MetaCommand {
        let leading = line.prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
        let body = line.drop { $0 == " " || $0 == "\t" }
        let name = String(body.prefix { $0 != " " && $0 != "\t" })
        let rest = body.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
        var argument = String(rest.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        // A quoted file name may hold spaces.
        if argument.count >= 2, let q = argument.first, q == "\"" || q == "'", argument.last == q {
            argument = String(argument.dropFirst().dropLast())
        }
        let argColumn = line.unicodeScalars.count - rest.unicodeScalars.count + 1

        func fail(_ message: String, column: Int, length: Int, help: String? = nil) -> Diagnostic {
            .error(message, source: "<repl>", location: SourceLocation(line: lineNumber, column: column, length: length),
                   sourceLine: line, help: help)
        }
        func required(_ what: String) throws(Diagnostic) -> String {
            if argument.isEmpty {
                throw fail("'\(name)' needs \(what)", column: leading + 1, length: name.unicodeScalars.count,
                           help: "usage: " + (usage.first { $0.0.hasPrefix(name + " ") }?.0 ?? name))
            }
            return argument
        }

        switch name.lowercased() {
        case ".help": return .help
        case ".mode": return .mode(argument.isEmpty ? nil : argument)
        case ".output": return .output(argument.isEmpty ? nil : argument)
        case ".once": return .once(try required("a file name"))
        case ".export": return .export(try required("a file name"))
        case ".load": return .load(try required("a path"))
        case ".check": return .check
        case ".lang": return .lang(argument.isEmpty ? nil : argument)
        case ".quit", ".exit", ".q": return .quit
        case ".why":
            if argument.isEmpty { return .why(nil) }
            guard let n = Int(argument), n >= 1 else {
                throw fail("expected a row number after '.why', found '\(argument)'", column: argColumn, length: argument.unicodeScalars.count)
            }
            return .why(n)
        case ".timer":
            switch argument.lowercased() {
            case "": return .timer(nil)
            case "on": return .timer(true)
            case "off": return .timer(false)
            default:
                throw fail("expected 'on' or 'off' after '.timer', found '\(argument)'",
                           column: argColumn, length: argument.unicodeScalars.count)
            }
        default:
            let suggestion = EditDistance.nearest(name.lowercased(), in: names)
            throw fail("unknown command '\(name)'", column: leading + 1, length: name.unicodeScalars.count,
                       help: suggestion.map { "did you mean '\($0)'?" } ?? "commands are: " + names.joined(separator: ", "))
        }
    }
}
