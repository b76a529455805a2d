/// The `govq` command line: queries with `-e`/`-f`, the REPL when run bare in a terminal, and
/// subcommands (`check`, …). Exit status: 0 ok, 1 data problem, 2 usage or query error.
import ArgumentParser
import Foundation
import GovqLoader

@main
struct Govq: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govq",
        abstract: "Query China's government information disclosure annual reports.",
        subcommands: [Check.self, Index.self, Export.self]
    )

    @OptionGroup var data: DataOptions

    @Option(name: [.customShort("e"), .customLong("execute")], help: "Run a query (repeatable).")
    var queries: [String] = []

    @Option(name: .customShort("f"), help: "Run the queries in FILE, separated by ';' ('-' reads stdin).")
    var file: String?

    @Option(help: "Output format: table, csv, tsv, json, markdown, bar.")
    var format: String?

    @Option(name: .customShort("o"), help: "Write the result to FILE (format from its extension), atomically.")
    var output: String?

    @Flag(help: "Start CSV output with a UTF-8 byte-order mark, for Excel.")
    var bom = false

    @Option(help: "Output language: en (English names, the default) or zh (Chinese headers and members).")
    var lang: String?

    mutating func run() throws {
        if !queries.isEmpty || file != nil || isatty(0) == 0 {
            try runQueries()
        } else {
            try runREPL()
        }
    }
}

/// Exit statuses, as the README documents them.
enum ExitStatus {
    static let dataProblem = ExitCode(1)
    static let usageOrQuery = ExitCode(2)
}
