/// NA markers (`/`, `—`, `不适用`, `*`, …) noted cell by cell. A bulk load counts them, one note a
/// table (`66 NA markers read as 0 in the applications table`), and builds no text per marker;
/// a parse with provenance notes each one on its cell (table, row, column, place, the marker).
/// `govq check --format json` shows those: `expanded` reads the reports that have markers again,
/// with provenance, and puts their cells' notes where the counts were.
import GovqCube
import GovqDiagnostics

public enum NAMarkers {
    /// The note on one marker's cell: `NA marker '/' read as 0 in the applications table`.
    static func note(_ cell: Cell, table: FactTableID, row: String, column: String, source: String, lines: TextLines) -> Diagnostic {
        Diagnostic(.note, "NA marker '\(lines.printed(cell))' read as 0 in the \(table == .applications ? "applications" : "review/litigation") table",
                   source: source, location: lines.location(of: cell), sourceLine: lines.sourceLine(cell.line),
                   help: "the template's mark for 'no such case': 0, in its column", row: row, column: column)
    }

    /// Whether a diagnostic is a table's count of its markers.
    static func isCount(_ d: Diagnostic) -> Bool {
        d.severity == .note && d.message.contains(" read as 0 in the ") && d.message.first?.isNumber == true
            && d.message.contains("NA marker")
    }

    /// `diagnostics` with each file's marker counts replaced by one note per marker, read again
    /// from the file with provenance (`read` gives its bytes by the name shown). A file that
    /// cannot be read now keeps its counts.
    public static func expanded(_ diagnostics: [Diagnostic], read: (String) -> [UInt8]?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var done = Set<String>()
        for d in diagnostics {
            guard isCount(d) else { out.append(d); continue }
            if done.contains(d.source) { continue }
            guard let bytes = read(d.source) else { out.append(d); continue }
            done.insert(d.source)
            let parsed = ReportParser.parse(bytes: bytes, file: d.source, provenance: true)
            out += parsed.diagnostics.filter { $0.severity == .note && $0.message.hasPrefix("NA marker '") }
        }
        return out
    }
}
