/// The `govq` command line: queries with `-e`/`-c`/`-f`, the REPL when run bare in a terminal,
/// and subcommands (`check`, …). Exit status: 0 ok, 1 data problem, 2 usage or query error.
import ArgumentParser
import CGovqBuild
import Foundation
import GovqLoader
import GovqRender

@main
struct Govq: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govq",
        abstract: "Query China's government information disclosure annual reports.",
        discussion: """
            sqlite3 and DuckDB spellings work too: -csv -tsv -json -jsonl -markdown -table -box -line, \
            -header, -noheader, -nullvalue TEXT, -echo, -version. Completion scripts: \
            govq --generate-completion-script bash|zsh|fish.
            """,
        version: BuildInfo.description,
        subcommands: [Check.self, Index.self, Export.self]
    )

    @OptionGroup var data: DataOptions

    @Option(name: [.customShort("e"), .customShort("c"), .customLong("execute")],
            help: ArgumentHelp("Run a query (repeatable; -c as in DuckDB).", valueName: "query"))
    var queries: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp(
        "Run the queries (and dot-commands) in FILE, separated by ';' ('-' reads stdin).", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "format"))
    var format: String?

    @Option(name: .customShort("o"), help: ArgumentHelp(
        "Write the result to FILE (format from its extension), atomically.", valueName: "file"))
    var output: String?

    @Flag(help: "Start CSV and TSV output (and 'export') with a UTF-8 byte-order mark, for Excel.")
    var bom = false

    @Flag(inversion: .prefixedNo, help: "Write the header line of table, CSV and TSV results.")
    var header = true

    /// Any text, `-` or `-json` too (as sqlite3 takes it).
    @Option(parsing: .unconditional, help: ArgumentHelp("Show NULL as TEXT (default: NULL in table and line, empty in CSV, TSV, Markdown).",
                               valueName: "text"))
    var nullvalue: String?

    @Flag(help: "Print each query before its result.")
    var echo = false

    @Option(help: ArgumentHelp("Output language: en (English names, the default) or zh (Chinese headers and members).",
                               valueName: "lang"))
    var lang: String?

    /// The options as a query run reads them.
    var queryRun: QueryRun {
        QueryRun(data: data.selection, queries: queries, file: file, format: format, output: output,
                 bom: bom, header: header, nullvalue: nullvalue, echo: echo, lang: lang)
    }

    mutating func run() throws {
        let run = queryRun
        if !queries.isEmpty || file != nil || isatty(0) == 0 {
            try run.runQueries()
        } else {
            try run.runREPL()
        }
    }
}

/// A query run's (or the REPL's) options as plain values. `QuickArguments` makes one without
/// building a `Govq`, whose property wrappers make swift-argument-parser's name sets (the first
/// of them a scan of every protocol conformance record in the binary).
struct QueryRun {
    var data = DataSelection()
    var queries: [String] = []
    var file: String?
    var format: String?
    var output: String?
    var bom = false
    var header = true
    var nullvalue: String?
    var echo = false
    var lang: String?
}

/// Exit statuses, as the README documents them.
enum ExitStatus {
    static let dataProblem = ExitCode(1)
    static let usageOrQuery = ExitCode(2)
}

/// What `govq --version` prints: `govq 0.17.0 (commit 1a2b3c4)`.
enum BuildInfo {
    static let version = "0.17.0"
    /// The commit scripts/install.sh built from; a plain `swift build` is not told it.
    static var commit: String? {
        let c = String(cString: govq_build_commit())
        return c.isEmpty ? nil : c
    }
    static var description: String {
        "govq \(version) (commit \(commit ?? "unknown: built without scripts/install.sh"))"
    }
}
