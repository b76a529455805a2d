/// govq's own entry point around swift-argument-parser: sqlite3/DuckDB words rewritten first
/// (`CommandLineDialect`), then the library's parsing and help; but a usage error (unknown
/// option, bad value) is printed in govq's one error format and exits with 2 as the README
/// documents, where the library would print `Error: …` and use 64 (EX_USAGE).
import ArgumentParser
import Foundation
import GovqDiagnostics

extension Govq {
    static func main() {
        StandardStreams.reserveClosedDescriptors()
        do {
            let arguments = CommandLineDialect.rewrite(commandLineWords())
            // A query run's common shape is read by hand (QuickArguments); the rest by the library.
            if let quick = QuickArguments.parse(arguments) {
                try quick.runQueries()
            } else {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
            if StandardStreams.stderrFailed { Foundation.exit(ExitStatus.dataProblem.rawValue) }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardStreams.err(usageMessage(message(for: error)))
                Foundation.exit(ExitStatus.usageOrQuery.rawValue)
            }
            exit(withError: error)
        }
    }

    /// argv after the program's name, read from `unsafeArgv` as `CommandLine.arguments` reads it
    /// (invalid UTF-8 repaired), without the stdlib's generic `map`, whose first use built a type
    /// from its mangled name at run time (about 1% of a query's process).
    static func commandLineWords() -> [String] {
        let count = Int(CommandLine.argc)
        var words: [String] = []
        words.reserveCapacity(max(0, count - 1))
        var i = 1
        while i < count {
            words.append(CommandLine.unsafeArgv[i].map { String(cString: $0) } ?? "")
            i += 1
        }
        return words
    }

    /// `Unknown option '--fromat'. Did you mean '--format'?` becomes
    /// `error: unknown option '--fromat'` with `= help: did you mean '--format'?`.
    static func usageMessage(_ library: String) -> String {
        var text = library.trimmingCharacters(in: .whitespacesAndNewlines)
        var help = "run 'govq --help' (or 'govq SUBCOMMAND --help') for the options"
        if let r = text.range(of: ". Did you mean ") {
            help = "did you mean " + text[r.upperBound...]
            text = String(text[..<r.lowerBound])
        }
        if text.hasSuffix(".") { text.removeLast() }
        if let first = text.first { text = first.lowercased() + text.dropFirst() }
        return DiagnosticFormatter.format(Diagnostic.error(text, source: "", help: help),
                                          color: StandardStreams.wantsColor(fd: 2))
    }
}

/// The common shape of a query run's command line, read by hand before swift-argument-parser:
/// `--data X -e QUERY`, `-f FILE`, `--format F` and the few other options a query run takes.
/// The library's first parse does protocol-conformance lookups that scan the whole binary's
/// conformance records (about 14 M instructions, more than answering `sum denied by district`
/// over 10^5 reports); this reads the same words in a few thousand.
///
/// It accepts only what it is sure the library reads the same way, and returns nil for
/// everything else (a subcommand, `--help`, `--opt=value`, a repeated single option, a value
/// that starts with `-`, an unknown word), which the library then parses as before, with its
/// errors. `QuickArgumentsTests` runs every shape through both and compares.
enum QuickArguments {
    /// Options that take the next word as their value.
    private enum Valued: Int, CaseIterable { case data, query, file, format, output, nullvalue, lang, asOf }
    /// By switch, not a `[String: Valued]` or `Set<String>` built at start: a hashed collection's
    /// first use looks its key's conformance up by scanning every conformance record.
    private static func valued(_ word: String) -> Valued? {
        switch word {
        case "--data": .data
        case "-e", "-c", "--execute": .query
        case "-f": .file
        case "--format": .format
        case "-o": .output
        case "--nullvalue": .nullvalue
        case "--lang": .lang
        case "--as-of": .asOf
        default: nil
        }
    }
    /// The flags, by bit.
    private static func flag(_ word: String) -> UInt8? {
        switch word {
        case "--bom": 1
        case "--header": 2
        case "--no-header": 4
        case "--echo": 8
        default: nil
        }
    }

    /// `arguments` (as `CommandLineDialect.rewrite` leaves them) as the command the library would
    /// make of them, or nil when they are not of the common shape.
    static func parse(_ arguments: [String]) -> QueryRun? {
        var paths: [String] = [], queries: [String] = []
        // By raw value, not a dictionary keyed by the enum (see `EngineCache`).
        var single = [String?](repeating: nil, count: Valued.allCases.count)
        var seenFlags: UInt8 = 0
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if let option = valued(word) {
                guard i + 1 < arguments.count else { return nil }
                let value = arguments[i + 1]
                // The library reads a word that starts with '-' as an option (except '-' alone).
                guard value == "-" || value.utf8.first != UInt8(ascii: "-") else { return nil }
                switch option {
                case .data: paths.append(value)
                case .query: queries.append(value)
                default:
                    guard single[option.rawValue] == nil else { return nil }
                    single[option.rawValue] = value
                }
                i += 2
            } else if let bit = flag(word) {
                guard seenFlags & bit == 0 else { return nil }
                seenFlags |= bit
                i += 1
            } else {
                return nil
            }
        }
        // A run without a query starts the REPL or reads stdin: left to the library.
        guard !queries.isEmpty || single[Valued.file.rawValue] != nil else { return nil }
        guard seenFlags & 6 != 6 else { return nil }   // --header with --no-header
        var command = QueryRun()
        command.data = DataSelection(paths: paths, asOf: single[Valued.asOf.rawValue])
        command.queries = queries
        command.file = single[Valued.file.rawValue]
        command.format = single[Valued.format.rawValue]
        command.output = single[Valued.output.rawValue]
        command.bom = seenFlags & 1 != 0
        command.header = seenFlags & 4 == 0
        command.nullvalue = single[Valued.nullvalue.rawValue]
        command.echo = seenFlags & 8 != 0
        command.lang = single[Valued.lang.rawValue]
        return command
    }
}
