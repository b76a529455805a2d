/// The output formats a result can be written in, how each is chosen from a file name, and how
/// several results in one run are put one after another.
import GovqEngine

public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, jsonl, markdown, line, xlsx
    /// Horizontal bars in the terminal (`BarRenderer`); chosen by name only, never by file name.
    case bar

    /// The format a file name asks for: `.csv .tsv .json .jsonl .md .txt .xlsx`. A name without
    /// an extension gets `table`; an unknown extension (`.parquet`) gets nil, and the caller
    /// refuses it rather than write a format the name does not promise.
    public init?(fileName: String) {
        guard let ext = OutputFormat.fileExtension(fileName) else {
            self = .table
            return
        }
        switch ext {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        case "md", "markdown": self = .markdown
        case "txt", "text": self = .table
        case "xlsx": self = .xlsx
        default: return nil
        }
    }

    /// The lower-cased extension of the last path component, nil when it has none.
    public static func fileExtension(_ fileName: String) -> String? {
        let base = fileName.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? fileName
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
        return base[base.index(after: dot)...].lowercased()
    }

    /// A format name as a user types it: ours, or the sqlite3/DuckDB mode names for the same
    /// thing (`box`, `tabs`, `jsonlines`, `ndjson`).
    public init?(name: String) {
        let lower = name.lowercased()
        if let f = OutputFormat(rawValue: lower) { self = f; return }
        switch lower {
        case "box": self = .table
        case "tabs": self = .tsv
        case "jsonlines", "ndjson": self = .jsonl
        case "md": self = .markdown
        default: return nil
        }
    }

    /// Whether results in this format are text (everything but an `.xlsx` workbook, which
    /// `XLSXWorkbook` writes as a whole, one sheet per result).
    public var isText: Bool { self != .xlsx }

    /// The renderer for this format. `color` only affects `table` (NULL is dimmed). An xlsx
    /// result is a workbook, not text: callers write it with `XLSXWorkbook`; here it falls back
    /// to TSV, its cells as a spreadsheet would hold them.
    public func renderer(color: Bool = false, options: RenderOptions = RenderOptions()) -> any ResultRenderer {
        switch self {
        case .table: TableRenderer(color: color, options: options)
        case .csv: DelimitedRenderer(dialect: .csv, options: options)
        case .tsv, .xlsx: DelimitedRenderer(dialect: .tsv, options: options)
        case .json: JSONRenderer()
        case .jsonl: JSONRenderer(lines: true)
        case .markdown: MarkdownRenderer(options: options)
        case .line: LineRenderer(options: options)
        case .bar: BarRenderer(width: options.maxWidth ?? TerminalWidth.columns())
        }
    }

    /// What goes between two results of one run: an empty line (CRLF for CSV, to keep one line
    /// ending in the file); nothing for JSON and JSON Lines, whose results follow one another
    /// (separate documents that `jq` reads; more lines of objects).
    public var resultSeparator: String {
        switch self {
        case .csv: "\r\n"
        case .json, .jsonl, .xlsx: ""
        case .table, .tsv, .markdown, .line, .bar: "\n"
        }
    }

    /// Whether `--bom` applies: only the spreadsheet text formats, since a BOM breaks JSON parsers.
    public var acceptsByteOrderMark: Bool { self == .csv || self == .tsv }
}

/// Choices that apply across formats, as sqlite3's `-header`/`-noheader` and `-nullvalue`.
public struct RenderOptions: Sendable, Equatable {
    /// Write the header line (table, CSV, TSV). Markdown always has one (a table needs it);
    /// JSON keys and line-mode names are the header and always stay.
    public var header: Bool
    /// The text NULL is shown as; nil keeps each format's own (`NULL` in table and line, an
    /// empty field in CSV, TSV and Markdown). JSON always writes `null`, xlsx an empty cell.
    public var nullText: String?
    /// Fit a table into this many terminal columns, cutting the widest cells with `…`.
    public var maxWidth: Int?

    public init(header: Bool = true, nullText: String? = nil, maxWidth: Int? = nil) {
        self.header = header
        self.nullText = nullText
        self.maxWidth = maxWidth
    }
}
