/// The one seam between the format readers and the table reader. Every reader (HTML, PDF,
/// DOCX) turns its file into a `Document`: lines in reading order, each either a paragraph of
/// text (title, headings, prose: what the metadata is read from) or a table row of cells, and
/// every piece of text with its place in the file. The loader renders a document as text for
/// the one table reader (`RenderedDocument`) and maps the places back, so that validation,
/// identities, notes and recovery rules are the same for every format.

/// What kind of file a document was read from.
public enum DocumentKind: String, Sendable {
    case html, pdf, docx
}

/// A place in a document, in the document's own terms.
public enum DocumentPlace: Sendable, Hashable {
    /// HTML: 1-based line and column (Unicode scalars) in the page's source, and how many
    /// scalars of the source the text covers there.
    case source(line: Int, column: Int, length: Int)
    /// PDF: 1-based page, and the top-left of the text in points from the page's top-left.
    case page(Int, x: Double, y: Double)
    /// DOCX: 1-based table, row and cell (grid column).
    case cell(table: Int, row: Int, cell: Int)
    /// DOCX: the 1-based paragraph of the body, outside the tables.
    case paragraph(Int)

    /// How a diagnostic names the place when it is not a line and column of a text
    /// (`page 3, x 120, y 341`, `table 1, row 5, cell 3`); nil for a source line and column.
    public var description: String? {
        switch self {
        case .source: return nil
        case .page(let p, let x, let y): return "page \(p), x \(Int(x.rounded())), y \(Int(y.rounded()))"
        case .cell(let t, let r, let c): return "table \(t), row \(r), cell \(c)"
        case .paragraph(let p): return "paragraph \(p)"
        }
    }
}

/// One piece of text and where it is.
public struct DocumentCell: Sendable, Equatable {
    /// The text as a reader sees it: white space collapsed, no tabs or line breaks.
    public var text: String
    public var place: DocumentPlace?

    public init(_ text: String, place: DocumentPlace? = nil) {
        self.text = text
        self.place = place
    }
}

/// A paragraph (one cell, not a table row) or a row of a table.
public struct DocumentLine: Sendable, Equatable {
    public var cells: [DocumentCell]
    public var isTableRow: Bool

    public static func paragraph(_ cell: DocumentCell) -> DocumentLine { DocumentLine(cells: [cell], isTableRow: false) }
    public static func row(_ cells: [DocumentCell]) -> DocumentLine { DocumentLine(cells: cells, isTableRow: true) }
}

public struct Document: Sendable {
    public var kind: DocumentKind
    public var lines: [DocumentLine]
    /// The page's source as UTF-8 (HTML only): a diagnostic shows the line its place is on.
    public var source: [UInt8]

    public init(kind: DocumentKind, lines: [DocumentLine] = [], source: [UInt8] = []) {
        self.kind = kind
        self.lines = lines
        self.source = source
    }

    /// The 1-based line `n` of the source (without its line break), or nil. Found when a
    /// diagnostic asks, not split up front: most documents have no diagnostic to show.
    public func sourceLine(_ n: Int) -> String? {
        guard n >= 1 else { return nil }
        var line = 1, start = 0
        while line < n {
            guard let nl = source[start...].firstIndex(of: 0x0A) else { return nil }
            start = nl + 1
            line += 1
        }
        guard start <= source.count else { return nil }
        var end = source[start...].firstIndex(of: 0x0A) ?? source.count
        if end > start, source[end - 1] == 0x0D { end -= 1 }
        return String(decoding: source[start..<end], as: UTF8.self)
    }

    /// How many lines the source has.
    public var sourceLineCount: Int { source.isEmpty ? 0 : source.count(where: { $0 == 0x0A }) + (source.last == 0x0A ? 0 : 1) }

    /// Whether any line is a table row.
    public var hasTable: Bool { lines.contains { $0.isTableRow } }
}

/// Why a document could not be read. The message is what the load summary shows as the reason.
public struct DocumentError: Error, Sendable, Equatable {
    public var message: String
    /// Where in the file, when known.
    public var place: DocumentPlace?

    public init(_ message: String, place: DocumentPlace? = nil) {
        self.message = message
        self.place = place
    }
}

/// Bounds every reader keeps, so that a hostile file costs bounded time and memory.
public enum DocumentLimits {
    /// A document's text (HTML page, DOCX `document.xml`, a PDF's text) larger than this is refused.
    public static let maxTextBytes = 64 << 20
    /// Tables nested deeper than this (or elements deeper than `maxDepth`) are refused.
    public static let maxTableDepth = 32
    public static let maxDepth = 256
    /// PDF pages read; a longer PDF is refused (a report is a few pages).
    public static let maxPages = 500
    /// Cells in one document.
    public static let maxCells = 200_000
}
