/// The REPL's dot-commands, spelled as sqlite3 and DuckDB users expect (`.mode csv`,
/// `.headers off`, `.read FILE`, `.once FILE`). Parsing only; `REPL+MetaCommands` runs them.
///
/// One table, `MetaCommand.table`, lists every command: its names, its usage line, what it does
/// and how its argument is read. `.help`, completion and "did you mean" come from it, so a new
/// command is one entry here and one `case` where it runs.
import GovqDiagnostics

/// One parsed dot-command.
public enum MetaCommand: Equatable, Sendable {
    case help
    case mode(String?)
    case headers(Bool?)
    case nullvalue(String)
    case output(String?)
    case once(String)
    case export(String)
    case read(String)
    case load(String)
    case tables
    case schema
    case shell(String)
    case check
    case timer(Bool?)
    case lang(String?)
    case echo(Bool?)
    /// `.why N`: the cells behind row N of the last result (all rows without N).
    case why(Int?)
    /// `.asof DATE|off` (geography): nil shows the current setting.
    case asOf(String?)
    case quit

    /// How the text after a command's name is read.
    enum Argument: Sendable {
        case none
        /// Optional text: the command gets nil when it is absent.
        case optional
        /// Required text, named in the message when missing (`a file name`).
        case required(String)
        /// Optional `on` or `off`.
        case onOff
        /// Everything after the name, as typed (a shell command line keeps its quotes).
        case raw(String)
    }

    struct Entry: Sendable {
        var names: [String]
        var usage: String
        var summary: String
        var argument: Argument
        var make: @Sendable (String?, Bool?) -> MetaCommand
    }

    static let table: [Entry] = [
        Entry(names: [".help"], usage: ".help", summary: "show this message", argument: .none) { _, _ in .help },
        Entry(names: [".mode"], usage: ".mode FORMAT",
              summary: "show results as table, csv, tsv, json, jsonl, markdown, line, xlsx (xlsx: to a file) or bar (a chart)",
              argument: .optional) { a, _ in .mode(a) },
        Entry(names: [".lang"], usage: ".lang zh|en", summary: "show headers and members in Chinese (zh) or English (en)",
              argument: .optional) { a, _ in .lang(a) },
        Entry(names: [".headers", ".header"], usage: ".headers on|off", summary: "show the header line or not",
              argument: .onOff) { _, b in .headers(b) },
        Entry(names: [".nullvalue"], usage: ".nullvalue TEXT", summary: "show NULL as TEXT ('' for empty)",
              argument: .required("the text to show NULL as")) { a, _ in .nullvalue(a ?? "") },
        Entry(names: [".output"], usage: ".output FILE",
              summary: "write results to FILE (format unchanged); .output alone: back to the screen",
              argument: .optional) { a, _ in .output(a) },
        Entry(names: [".once"], usage: ".once FILE", summary: "write only the next result to FILE",
              argument: .required("a file name")) { a, _ in .once(a ?? "") },
        Entry(names: [".export"], usage: ".export FILE",
              summary: "write the last result to FILE, format from its extension (.csv .tsv .json .jsonl .md .txt .xlsx)",
              argument: .required("a file name")) { a, _ in .export(a ?? "") },
        Entry(names: [".read"], usage: ".read FILE", summary: "run the queries and dot-commands in FILE",
              argument: .required("a file name")) { a, _ in .read(a ?? "") },
        Entry(names: [".load"], usage: ".load PATH", summary: "add the reports in PATH (a file or a folder) to the loaded data",
              argument: .required("a path")) { a, _ in .load(a ?? "") },
        Entry(names: [".tables"], usage: ".tables", summary: "list the tables (show tables)", argument: .none) { _, _ in .tables },
        Entry(names: [".schema"], usage: ".schema", summary: "list the measures and dimensions (show measures; show dimensions)",
              argument: .none) { _, _ in .schema },
        Entry(names: [".shell", ".system"], usage: ".shell CMD", summary: "run CMD in the shell (/bin/sh -c)",
              argument: .raw("a command")) { a, _ in .shell(a ?? "") },
        Entry(names: [".check"], usage: ".check", summary: "list the loaded reports and every inconsistency found in them",
              argument: .none) { _, _ in .check },
        Entry(names: [".timer"], usage: ".timer on|off", summary: "show how long each query takes",
              argument: .onOff) { _, b in .timer(b) },
        Entry(names: [".echo"], usage: ".echo on|off", summary: "print each query before its result",
              argument: .onOff) { _, b in .echo(b) },
        Entry(names: [".why"], usage: ".why N",
              summary: "list the cells behind row N of the last result (file, line, text as printed); 'why QUERY' for a query",
              argument: .optional) { a, _ in .why(a.flatMap { Int($0) }) },
        Entry(names: [".asof"], usage: ".asof DATE|off",
              summary: "count reports under the divisions of DATE (2024: 下城区 under 拱墅区); off: as filed",
              argument: .optional) { a, _ in .asOf(a) },
        Entry(names: [".quit", ".exit", ".q"], usage: ".quit, .exit", summary: "leave govq (Ctrl-D does too)",
              argument: .none) { _, _ in .quit },
    ]

    /// Every command name, for completion and "did you mean".
    public static let names = table.flatMap(\.names).filter { $0 != ".q" }.sorted()

    /// `(usage, what it does)`, in `.help` order.
    static var usage: [(String, String)] { table.map { ($0.usage, $0.summary) } }

    /// Parses one line that starts with `.`. Errors point into `line` with `<repl>` as source.
    public static func parse(_ line: String, lineNumber: Int = 1) throws(Diagnostic) -> MetaCommand {
        let leading = line.prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
        let body = line.drop { $0 == " " || $0 == "\t" }
        let name = String(body.prefix { $0 != " " && $0 != "\t" })
        let rest = body.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
        let raw = String(rest.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        var argument = raw
        // A quoted file name may hold spaces.
        if argument.count >= 2, let q = argument.first, q == "\"" || q == "'", argument.last == q {
            argument = String(argument.dropFirst().dropLast())
        }
        let argColumn = line.unicodeScalars.count - rest.unicodeScalars.count + 1

        func fail(_ message: String, column: Int, length: Int, help: String? = nil) -> Diagnostic {
            .error(message, source: "<repl>", location: SourceLocation(line: lineNumber, column: column, length: length),
                   sourceLine: line, help: help)
        }
        guard let entry = table.first(where: { $0.names.contains(name.lowercased()) }) else {
            let suggestion = EditDistance.nearest(name.lowercased(), in: names)
            throw fail("unknown command '\(name)'", column: leading + 1, length: max(1, name.unicodeScalars.count),
                       help: suggestion.map { "did you mean '\($0)'?" } ?? "commands are: " + names.joined(separator: ", "))
        }
        if entry.names == [".why"], !argument.isEmpty, Int(argument).map({ $0 >= 1 }) != true {
            throw fail("expected a row number after '.why', found '\(argument)'", column: argColumn, length: argument.unicodeScalars.count)
        }
        switch entry.argument {
        case .none:
            return entry.make(nil, nil)
        case .optional:
            return entry.make(argument.isEmpty ? nil : argument, nil)
        case .required(let what), .raw(let what):
            // `.nullvalue ''` asks for the empty text: quotes given are an argument.
            if raw.isEmpty {
                throw fail("'\(name)' needs \(what)", column: leading + 1, length: name.unicodeScalars.count,
                           help: "usage: " + entry.usage)
            }
            if case .raw = entry.argument { return entry.make(raw, nil) }
            return entry.make(argument, nil)
        case .onOff:
            switch argument.lowercased() {
            case "": return entry.make(nil, nil)
            case "on", "yes", "true", "1": return entry.make(nil, true)
            case "off", "no", "false", "0": return entry.make(nil, false)
            default:
                throw fail("expected 'on' or 'off' after '\(name)', found '\(argument)'",
                           column: argColumn, length: argument.unicodeScalars.count)
            }
        }
    }
}
