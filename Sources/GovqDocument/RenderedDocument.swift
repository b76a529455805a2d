/// A document as the text reader reads a report: each table row one line with its cells
/// separated by tabs (an empty cell an empty field), each paragraph one line. The map from the
/// rendered text back to the document turns a diagnostic's line and column into the place in
/// the file: the page source's line and column (HTML), or a page and position (PDF) or a
/// table, row and cell (DOCX), with the rendered row kept as the line the caret is under.
import GovqDiagnostics

public struct RenderedDocument: Sendable {
    /// The text, UTF-8, lines separated by `\n`.
    public let bytes: [UInt8]
    private let document: Document
    /// Per rendered line: the document line and, per cell, its first column (1-based scalars)
    /// and length in the rendered line.
    private let spans: [[(column: Int, length: Int)]]

    public init(_ document: Document) {
        self.document = document
        var out: [UInt8] = []
        out.reserveCapacity(document.lines.reduce(0) { $0 + $1.cells.reduce(1) { $0 + $1.text.utf8.count + 1 } })
        var spans: [[(column: Int, length: Int)]] = []
        spans.reserveCapacity(document.lines.count)
        for line in document.lines {
            var row: [(column: Int, length: Int)] = []
            row.reserveCapacity(line.cells.count)
            var column = 1
            for (k, cell) in line.cells.enumerated() {
                if k > 0 { out.append(0x09); column += 1 }
                var text = cell.text
                let length = text.withUTF8 { Self.append($0, to: &out) }
                row.append((column, length))
                column += length
            }
            out.append(0x0A)
            spans.append(row)
        }
        self.bytes = out
        self.spans = spans
    }

    /// A cell's bytes onto `out`, copied at once (a byte at a time was 17 instructions a byte),
    /// its own tabs and breaks made spaces (a cell is one field of one line): its length in scalars.
    static func append(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Int {
        var scalars = 0, breaks = false
        var i = 0
        if let base = b.baseAddress {
            // Eight bytes a step: the continuation bytes (10xxxxxx) counted by their top bits,
            // and whether a byte is under 0x0E (the word test is exact for "some byte is").
            let high: UInt64 = 0x8080_8080_8080_8080, below: UInt64 = 0x0E0E_0E0E_0E0E_0E0E
            var continuations = 0, low: UInt64 = 0
            while i + 8 <= b.count {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                continuations &+= (x & ~(x << 1) & high).nonzeroBitCount
                low |= (x &- below) & ~x & high
                i += 8
            }
            scalars = i - continuations
            breaks = low != 0
        }
        while i < b.count {
            let c = b[i]
            scalars &+= c & 0xC0 != 0x80 ? 1 : 0
            if c < 0x0E { breaks = true }
            i += 1
        }
        let start = out.count
        out.append(contentsOf: b)
        if breaks {
            for k in start..<out.count where out[k] == 0x09 || out[k] == 0x0A || out[k] == 0x0D { out[k] = 0x20 }
        }
        return scalars
    }

    /// The cell a 1-based rendered line and column falls in (the nearest one before it, on a
    /// separator).
    func cell(line: Int, column: Int) -> (cell: DocumentCell, offset: Int)? {
        guard line >= 1, line <= spans.count else { return nil }
        let row = spans[line - 1], cells = document.lines[line - 1].cells
        guard let k = row.lastIndex(where: { $0.column <= column }) ?? (row.isEmpty ? nil : 0) else { return nil }
        return (cells[k], max(0, column - row[k].column))
    }

    /// A location in the rendered text as the document's own: the page source's line and
    /// column for HTML (with that source line to show), else the rendered place kept and the
    /// document's place named.
    public func relocate(_ location: SourceLocation) -> (location: SourceLocation, sourceLine: String?, place: String?)? {
        guard let (cell, offset) = cell(line: location.line, column: location.column), let place = cell.place else { return nil }
        if case .source(let line, let column, let length) = place {
            let within = offset < length
            let loc = SourceLocation(line: line, column: column + (within ? offset : 0),
                                     length: within ? min(location.length, length - offset) : length)
            let text = document.sourceLine(line)
            return (loc, text, nil)
        }
        return (location, nil, place.description)
    }

    /// A diagnostic of the table reader, pointed at the document instead of the rendered text.
    public func relocate(_ d: Diagnostic) -> Diagnostic {
        guard let loc = d.location, let (location, line, place) = relocate(loc) else { return d }
        var out = d
        out.location = location
        if let line { out.sourceLine = line.replacingTabs }
        out.place = place
        return out
    }
}

extension String {
    /// A tab shows as one space, so that columns (counted in scalars) stay under the caret.
    var replacingTabs: String { contains("\t") ? String(map { $0 == "\t" ? " " : $0 }) : self }
}
