/// Where one number of the cube came from: the file position, the row and column as printed,
/// the cell's original text, the value read and the notes on it. `govq why` and
/// `check --format json` show these. Collected only when asked for (`provenance: true`): a
/// bulk load never builds the strings.
import GovqCube
import GovqDiagnostics

public struct CellSource: Sendable, Equatable {
    public var table: FactTableID
    /// `Outcome.rawValue` (applications) or `ReviewResult.rawValue` (reviews).
    public var row: Int
    /// `ApplicantType.rawValue` or `Proceeding.rawValue`; nil for the applications 总计 column.
    public var column: Int?
    /// The cell's place in the document (nil when the text has no such cell).
    public var location: SourceLocation?
    /// The row's label as the report prints it (`（三）不予公开 4.保护第三方合法权益`).
    public var rowLabel: String
    /// The cell's text as printed (`12（属公安机关刑事司法信息）`, `/`, empty for a blank cell).
    public var text: String
    /// The value read; nil when the cell is missing.
    public var value: Int32?
    /// Why the value is what it is: `blank read as 0`, `NA marker '/' read as 0`, `recovered
    /// by the report's identities`, `missing: …`.
    public var notes: [String]
    /// The cell's place in a PDF or DOCX (`page 2, x 301, y 455`, `table 1, row 5, cell 3`),
    /// where `location` counts in the row as rendered for the table reader; nil for text and HTML.
    public var place: String? = nil

    public init(table: FactTableID, row: Int, column: Int?, location: SourceLocation?, rowLabel: String, text: String,
                value: Int32?, notes: [String] = []) {
        self.table = table
        self.row = row
        self.column = column
        self.location = location
        self.rowLabel = rowLabel
        self.text = text
        self.value = value
        self.notes = notes
    }
}

extension TextLines {
    /// A table cell's provenance: where it is, what it says, the value read and why.
    func source(of cell: Cell, table: FactTableID, row: Int, column: Int?, rowLabel: String) -> CellSource {
        var s = CellSource(table: table, row: row, column: column, location: location(of: cell), rowLabel: rowLabel,
                           text: printed(cell), value: nil)
        switch cell.kind {
        case .number(let n, _):
            s.value = Int32(exactly: n)
            if cell.mark == .blankInside { s.notes.append("blank inside the number '\(s.text)' read as \(n)") }
        case .blank: s.value = 0; s.notes.append(cell.mark == .naMarker ? "NA marker '\(s.text)' read as 0" : "blank read as 0")
        case .unreadable(let t, let reason): s.notes.append("missing: '\(text(of: t))' \(reason.reason)")
        case .text: break
        }
        if recoveredLines.contains(cell.line) { s.notes.append("recovered by the report's identities") }
        return s
    }
}
