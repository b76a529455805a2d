/// `govq check [PATH…]`: load reports and say, per report, whether it loaded and adds up, then
/// every diagnostic, then a count. Exit 0 when every report is ok, 1 when any is not, 2 for a
/// usage error.
import ArgumentParser
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load reports and list every inconsistency.",
        discussion: """
            Paths default to --data, then $GOVQ_DATA, then the bundled sample reports.
            --format json prints the same as JSON: every report and every diagnostic with all its fields.
            Exit status: 0 when every report loaded and adds up, 1 when any did not, 2 for a usage error.
            """)

    @Argument(help: "Report files or folders (searched recursively for *.txt).")
    var paths: [String] = []

    /// Declared here too, so that `govq check --help` lists them; the root command claims them
    /// when written before `check`, and may when written after.
    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: String?

    @OptionGroup var data: DataOptions

    @ParentCommand var root: Govq

    func run() throws {
        let format = self.format ?? root.format ?? "text"
        let data = self.data.paths.isEmpty ? root.data : self.data
        guard format == "text" || format == "json" || format == "table" else {
            StandardStreams.err("error: unknown format '\(format)'\n  = help: formats are: text, json\n")
            throw ExitCode(2)
        }
        let targets = paths.isEmpty ? data.resolvedPaths() : paths
        if let missing = targets.first(where: { !EmbeddedSamples.exists($0) }) {
            StandardStreams.err("error: no such file or folder '\(TerminalText.escaped(missing))'\n")
            throw ExitCode(2)
        }
        var result = try loadData(targets)   // a .govq snapshot, or texts (Index.swift)
        // JSON notes each NA marker on its cell (the bulk load counts them a table).
        if format == "json" { result.diagnostics = NAMarkers.expanded(result.diagnostics, read: EmbeddedSamples.read) }
        let out = format == "json" ? CheckReport.json(result) : CheckReport.text(result, color: isatty(1) != 0)
        StandardStreams.out(out)
        if !result.allConsistent || result.reports.isEmpty { throw ExitCode(1) }
    }
}

/// The two renderings of a load: aligned text for people, JSON for machines.
enum CheckReport {
    static func text(_ result: LoadResult, color: Bool = false) -> String {
        let rows = result.reports.map { r -> [String] in
            let status = r.status == .skipped ? "skipped: \(r.reason ?? "")" : r.status.rawValue
            // One line per file whatever the names hold: a newline or escape in a file name or
            // title is shown escaped (`TerminalText`), never passed to the terminal.
            return [r.file, r.district ?? "-", r.year.map(String.init) ?? "-", r.template?.name ?? "-", status].map { TerminalText.escaped($0) }
        }
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for i in 0..<4 { widths[i] = max(widths[i], DisplayWidth.of(row[i])) } }
        var out = ""
        for row in rows {
            for i in 0..<4 { out += row[i] + String(repeating: " ", count: widths[i] - DisplayWidth.of(row[i]) + 2) }
            out += row[4] + "\n"
        }
        out += unplacedSection(result)
        let shown = result.diagnostics.filter { $0.severity != .note }
        if !shown.isEmpty { out += "\n" + DiagnosticFormatter.format(shown, color: color) }
        out += "\n" + countLine(result) + "\n"
        return out
    }

    static func countLine(_ result: LoadResult) -> String {
        let c = counts(result)
        return "\(c.reports) report\(c.reports == 1 ? "" : "s"): \(c.ok) ok, \(c.inconsistent) inconsistent, \(c.skipped) skipped; "
            + "\(c.errors) error\(c.errors == 1 ? "" : "s"), \(c.warnings) warning\(c.warnings == 1 ? "" : "s")"
            + (c.unplaced > 0 ? "; \(c.unplaced) unplaced" : "")
    }

    /// Reports the gazetteer could not place, each with the reason (geography, issue 16).
    static func unplacedSection(_ result: LoadResult) -> String {
        let unplaced = result.reports.filter { $0.place.map { !$0.isPlaced } ?? false }
        guard !unplaced.isEmpty else { return "" }
        return "\nnot placed (no province, city or county):\n"
            + unplaced.map { "  \(TerminalText.escaped($0.file))  \(TerminalText.escaped($0.place!.reason))\n" }.joined()
    }

    /// A report's place as JSON: the names, the code, the level, the kind and how it was placed.
    struct PlaceJSON: Encodable {
        var province, city, county, adcode, level, body_kind, reason: String
        init(_ p: ReportPlace) {
            (province, city, county, adcode, level, body_kind, reason) = (p.province, p.city, p.county, p.adcode, p.level, p.bodyKind, p.reason)
        }
    }

    struct ReportJSON: Encodable {
        var file: String
        var district: String?
        var unit: String?
        var year: Int?
        var template: String?
        var status: String
        var reason: String?
        var place: PlaceJSON?
    }

    struct Counts: Encodable {
        var reports, ok, inconsistent, skipped, errors, warnings: Int
        var unplaced: Int
    }

    struct Document: Encodable {
        var reports: [ReportJSON]
        var diagnostics: [Diagnostic]
        var summary: Counts
    }

    static func counts(_ result: LoadResult) -> Counts {
        func count(_ s: ReportSummary.Status) -> Int { result.reports.filter { $0.status == s }.count }
        return Counts(reports: result.reports.count, ok: count(.ok), inconsistent: count(.inconsistent), skipped: count(.skipped),
                      errors: result.diagnostics.filter { $0.severity == .error }.count,
                      warnings: result.diagnostics.filter { $0.severity == .warning }.count,
                      unplaced: result.reports.filter { $0.place.map { !$0.isPlaced } ?? false }.count)
    }

    static func json(_ result: LoadResult) -> String {
        let doc = Document(
            reports: result.reports.map {
                ReportJSON(file: $0.file, district: $0.district, unit: $0.unit, year: $0.year, template: $0.template?.name,
                           status: $0.status.rawValue, reason: $0.reason, place: $0.place.map(PlaceJSON.init))
            },
            diagnostics: result.diagnostics, summary: counts(result))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(doc)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
