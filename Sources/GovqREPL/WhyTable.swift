/// `why QUERY` and `.why N`: the cells behind an answer, with where each came from. The engine
/// names the cells (report, row, column, value); each report's file is read again, once, with
/// provenance, for the line and column, the row label and the text as printed, and the notes.
/// A cube read from a snapshot works the same: it records the files it was built from.
import Foundation
import GovqCube
import GovqEngine
import GovqLoader
import GovqSyntax

public enum WhyTable {
    /// `why QUERY` → QUERY with `why` blanked (so carets keep their columns), else nil.
    public static func query(_ statement: String) -> String? {
        let lead = statement.prefix { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let rest = statement.dropFirst(lead.count)
        guard rest.prefix(3).lowercased() == "why", let after = rest.dropFirst(3).first, after == " " || after == "\t" || after == "\n"
        else { return nil }
        return String(lead) + "   " + rest.dropFirst(3)
    }

    public static let columns = [
        ResultColumn("result_row", .integer), ResultColumn("file", .text), ResultColumn("line", .integer),
        ResultColumn("col", .integer), ResultColumn("row_label", .text), ResultColumn("column_label", .text),
        ResultColumn("text", .text), ResultColumn("value", .integer), ResultColumn("notes", .text),
    ]

    /// The cells behind `query` (row `row` only, when given) as a result of their own.
    /// `read` gives the bytes of a file as its name is shown (`<samples>/…` are in the binary).
    public static func explain(_ engine: QueryEngine, _ query: Query, text: String, source: String, row: Int? = nil,
                               read: (String) -> [UInt8]? = WhyTable.readFile) throws -> ResultSet {
        var (answer, cells, truncated) = try engine.cellsBehind(query, text: text, source: source, row: row)
        let cube = engine.cube
        var parsed: [Int: Sources?] = [:]
        func sourceOf(_ ref: CellReference) -> CellSource? {
            if parsed[ref.report] == nil { parsed[ref.report] = sources(of: cube.file[report: ref.report], read: read) }
            return parsed[ref.report]!?.cells[Key(table: ref.table, row: ref.row, column: ref.column)]
        }
        if !truncated {
            // A 0 adds nothing, but an NA marker read as 0 is a reading worth showing.
            let zeros = try engine.cellsBehind(query, text: text, source: source, row: row, limit: 100_000 - cells.count, zeros: true).cells
            let marked = zeros.filter { z in sourceOf(z)?.notes.contains { $0.hasPrefix("NA marker") } == true }
            if !marked.isEmpty {
                cells = (cells + marked).sorted {
                    ($0.resultRow, $0.report, $0.table == .applications ? 0 : 1, $0.row, $0.column)
                        < ($1.resultRow, $1.report, $1.table == .applications ? 0 : 1, $1.row, $1.column)
                }
            }
        }
        var rows: [[Value]] = []
        var placedShown = Set<[Int]>()
        for ref in cells {
            let file = cube.file[report: ref.report]
            let source = sourceOf(ref)
            var notes = source?.notes ?? []
            // How the report was placed, once per report and result row (its first cell).
            if let placed = parsed[ref.report]!?.placed, placedShown.insert([ref.resultRow, ref.report]).inserted {
                notes.insert("placed: " + placed, at: 0)
            }
            if parsed[ref.report]! == nil { notes.append("the file cannot be read now: its place and text are unknown") }
            if let s = source, s.value != ref.value {
                notes.append("the file has changed since it was loaded: it now reads \(s.value.map(String.init) ?? "nothing")")
            }
            if ref.value == nil && source == nil { notes.append("missing: the report does not state this cell") }
            if ref.leftOut, ref.value != nil { notes.append("not counted: the report lacks another cell this value needs") }
            rows.append([
                .integer(Int64(ref.resultRow)), .text(file),
                source?.location.map { .integer(Int64($0.line)) } ?? .null,
                source?.location.map { .integer(Int64($0.column)) } ?? .null,
                .text(source?.rowLabel ?? rowLabel(ref)), .text(columnLabel(ref)),
                source.map { .text($0.text) } ?? .null,
                ref.value.map { .integer(Int64($0)) } ?? .null,
                .text(notes.joined(separator: "; ")),
            ])
        }
        var result = ResultSet(columns: columns, rows: rows)
        result.warnings = answer.warnings
        if truncated { result.warnings.append("only the first \(cells.count) cells are listed; narrow the query with 'where'") }
        if row != nil, let r = row, r < 1 || r > answer.rows.count {
            result.warnings.append("the result has \(answer.rows.count) rows; there is no row \(r)")
        }
        return result
    }

    /// A file's bytes from the file system.
    public static func readFile(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    struct Key: Hashable {
        var table: FactTableID
        var row: Int
        var column: Int
    }

    struct Sources {
        var cells: [Key: CellSource] = [:]
        /// The placement's reason, as the file reads now (a snapshot reads it again too).
        var placed: String?
    }

    /// Every stored cell of a report file with its provenance, or nil when it cannot be read.
    static func sources(of path: String, read: (String) -> [UInt8]?) -> Sources? {
        guard let bytes = read(path) else { return nil }
        let parsed = ReportParser.parse(bytes: bytes, file: path, provenance: true)
        var out = Sources(placed: parsed.summary.place?.reason)
        for c in parsed.cells {
            guard let column = c.column else { continue }   // the 总计 column is checked, not stored
            out.cells[Key(table: c.table, row: c.row, column: column)] = c
        }
        return out
    }

    static func rowLabel(_ ref: CellReference) -> String {
        ref.table == .applications ? Outcome(rawValue: ref.row)?.label ?? "" : ReviewResult(rawValue: ref.row)?.label ?? ""
    }

    static func columnLabel(_ ref: CellReference) -> String {
        ref.table == .applications ? ApplicantType(rawValue: ref.column)?.label ?? "" : Proceeding(rawValue: ref.column)?.label ?? ""
    }
}
