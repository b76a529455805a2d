import GovqDiagnostics

/// One table cell as the text shows it. Plain data (spans of the report's bytes, not
/// Strings), so that the hundreds of cells of a report are copied and dropped without
/// reference counting; `TextLines.value(of:)` gives what a cell says.
struct Cell: Sendable {
    enum Kind: Sendable, Equatable {
        case text(TextSpan)
        /// A count; `note` spans the bracketed remark after it (`12（含转办件）`), brackets
        /// included.
        case number(Int, note: TextSpan?)
        case blank
        /// A cell that stands where a number should be but is not one a count can hold
        /// (`-5`, `3000000000`, `5x`, `NA`): it occupies its column, fills nothing (the value
        /// stays missing), and the table reports it.
        case unreadable(TextSpan, reason: Unreadable)
    }

    /// What a cell says, as text: for tests and messages.
    enum Value: Sendable, Equatable {
        case text(String)
        case number(Int, note: String?)
        case blank
        /// `reason` completes "'<text>' …".
        case unreadable(String, reason: String)
    }

    var kind: Kind
    /// 0-based line index.
    var line: Int
    /// Where the cell's word lies in the report's bytes (`start == end` for an empty cell). A
    /// diagnostic turns this into a column and a width in scalars (`TextLines.location`); most
    /// cells never need one, so none is counted here.
    var start: Int
    var end: Int
    /// An empty cell made by the tab a line of values starts with (`\t1\t0\t0…`): a cell when
    /// the row or table needs it, indentation when it is the one cell too many.
    var leadingTab = false
    /// How the value was read, when it was not plainly printed: kept as a note on the cell.
    var mark: Mark = .none

    enum Mark: UInt8, Sendable {
        case none
        /// `/`, `—`, `不适用`, `*`…: the template's "no such case", read as 0.
        case naMarker
        /// Digits with a blank inside (`3&nbsp;04`), read as one number.
        case blankInside
    }

    var isText: Bool { kind.isTextKind }
    var isValue: Bool { !isText }
}

extension Cell.Kind {
    var isTextKind: Bool { if case .text = self { return true } else { return false } }
}

/// Why digits or letters where a count should be are not one.
enum Unreadable: UInt8, Sendable {
    case notANumber, notWhole, negative, signed, tooLarge

    var reason: String {
        switch self {
        case .notANumber: "is not a number"
        case .notWhole: "is not a whole number"
        case .negative: "is negative"
        case .signed: "has a sign; a count has none"
        case .tooLarge: "is larger than a count can be (\(Int32.max))"
        }
    }
}

/// Where a cell's text lies in the report's bytes. A label continued over lines
/// (`三、本年` / `度办理结` / `果`) is joined: its first piece as written (up to `headEnd`),
/// then each later line trimmed, without the page markers and image lines between them.
struct TextSpan: Sendable, Equatable {
    var start: Int
    var end: Int
    /// The end of the first piece; `end` when the text is on one line.
    var headEnd: Int
    var joined: Bool { headEnd != end }

    init(_ bytes: Bytes) { start = bytes.startIndex; end = bytes.endIndex; headEnd = end }
    init(start: Int, end: Int) { self.start = start; self.end = end; headEnd = end }

    /// This text continued by the line `more` spans.
    func joining(_ more: TextSpan) -> TextSpan {
        var t = self
        t.end = more.end
        return t
    }
}

extension TextLines {
    /// Where a diagnostic points: 1-based line, the column in scalars of byte `start`, and the
    /// width in scalars up to `end` (at least 1).
    func location(line: Int, start: Int, end: Int) -> SourceLocation {
        let lineStart = ranges[line].lowerBound
        return SourceLocation(line: originalLine(line) + 1, column: CellScanner.scalarCount(bytes[lineStart..<start]) + 1,
                              length: max(1, CellScanner.scalarCount(bytes[start..<end])))
    }

    func location(of cell: Cell) -> SourceLocation { location(line: cell.line, start: cell.start, end: cell.end) }

    /// An empty cell standing for a whole line (column 1), as padding or a blank line gives.
    func blankCell(line: Int) -> Cell {
        Cell(kind: .blank, line: line, start: ranges[line].lowerBound, end: ranges[line].lowerBound)
    }

    /// The bytes a span stands for.
    func bytes(of span: TextSpan) -> [UInt8] {
        var out = Array(bytes[span.start..<span.headEnd])
        guard span.joined else { return out }
        var l = line(at: span.headEnd) + 1
        while l < count, ranges[l].lowerBound < span.end {
            // Lines between that the scanner skipped (pictures, page furniture) are no part of it.
            if !carriesNothing(l) { out += CellScanner.trim(self[l]) }
            l += 1
        }
        return out
    }

    func text(of span: TextSpan) -> String { String(decoding: bytes(of: span), as: UTF8.self) }

    /// A cell's text as printed, note included (`12（属公安机关刑事司法信息）`).
    func printed(_ cell: Cell) -> String {
        switch cell.kind {
        case .text(let t), .unreadable(let t, _): text(of: t)
        default: String(decoding: bytes[cell.start..<max(cell.start, cell.end)], as: UTF8.self)
        }
    }

    /// What a cell says.
    func value(of cell: Cell) -> Cell.Value {
        switch cell.kind {
        case .text(let t): .text(text(of: t))
        case .number(let n, let note): .number(n, note: note.map { CellScanner.stripBrackets(text(of: $0).trimmingSpaces) })
        case .blank: .blank
        case .unreadable(let t, let reason): .unreadable(text(of: t), reason: reason.reason)
        }
    }
}
