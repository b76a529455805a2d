/// The output formats a result can be written in, how each is chosen from a file name, and how
/// several results in one run are put one after another.
import GovqEngine

public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, markdown
    /// Horizontal bars in the terminal (`BarRenderer`); chosen by name only, never by file name.
    case bar

    /// The format a file name asks for: `.csv .tsv .json .md .txt`. A name without an extension
    /// gets `table`; an unknown extension gets nil (the caller asks for `--format`).
    public init?(fileName: String) {
        let base = fileName.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? fileName
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else {
            self = .table
            return
        }
        switch base[base.index(after: dot)...].lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "md", "markdown": self = .markdown
        case "txt", "text": self = .table
        default: return nil
        }
    }

    /// The renderer for this format. `color` only affects `table` (NULL is dimmed).
    public func renderer(color: Bool = false) -> any ResultRenderer {
        switch self {
        case .table: TableRenderer(color: color)
        case .csv: DelimitedRenderer.csv
        case .tsv: DelimitedRenderer.tsv
        case .json: JSONRenderer()
        case .markdown: MarkdownRenderer()
        case .bar: BarRenderer(width: TerminalWidth.columns())
        }
    }

    /// What goes between two results of one run: an empty line (CRLF for CSV, to keep one line
    /// ending in the file); nothing for JSON, whose results follow one another as separate
    /// documents (a stream `jq` reads).
    public var resultSeparator: String {
        switch self {
        case .csv: "\r\n"
        case .json: ""
        case .table, .tsv, .markdown, .bar: "\n"
        }
    }

    /// Whether `--bom` applies: only the spreadsheet formats, since a BOM breaks JSON parsers.
    public var acceptsByteOrderMark: Bool { self == .csv || self == .tsv }
}
