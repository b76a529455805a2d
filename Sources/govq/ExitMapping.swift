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
            var command = try parseAsRoot(CommandLineDialect.rewrite(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            if StandardStreams.stderrFailed { Foundation.exit(ExitStatus.dataProblem.rawValue) }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardStreams.err(usageMessage(message(for: error)))
                Foundation.exit(ExitStatus.usageOrQuery.rawValue)
            }
            exit(withError: error)
        }
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
