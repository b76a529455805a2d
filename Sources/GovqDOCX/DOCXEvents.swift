/// `word/document.xml`'s events → document lines: body paragraphs as lines, table rows as
/// rows of cells, each cell placed by its table, row and grid column (1-based).
import GovqDocument
import GovqXML

final class DOCXEvents: MarkupHandler {
    private(set) var lines: [DocumentLine] = []
    private(set) var error: DocumentError?

    /// One open table: its number, the row being read and the grid column reached.
    private struct Table {
        var number: Int
        var row = 0
        var column = 0
        var cells: [DocumentCell] = []
        /// The open cell's paragraphs, one after another, and where each ends; its grid column,
        /// and whether it continues a vertical merge.
        var text: [UInt8] = []
        var pieceEnds: [Int] = []
        var cellColumn = 0
        var span = 1
        var continuesMerge = false
    }

    private var tables: [Table] = []

    /// The elements read, by their index in `vocabulary`.
    private enum Name: Int { case t, tab, br, cr, p, tbl, tr, tc, gridSpan, vMerge }
    static let vocabulary = ["w:t", "w:tab", "w:br", "w:cr", "w:p", "w:tbl", "w:tr", "w:tc", "w:gridSpan", "w:vMerge"]
    var vocabulary: [String] { Self.vocabulary }
    /// The elements whose attributes are read (`w:val`); every other attribute is left unread.
    static let attributesRead = ["w:gridSpan", "w:vMerge"]
    /// Unread elements that usually hold read ones (runs, the body, links, content controls,
    /// tracked insertions): the condenser unwraps them without trying to cut them whole first.
    static let containers = ["w:r", "w:body", "w:hyperlink", "w:sdt", "w:sdtContent", "w:smartTag", "w:ins", "w:fldSimple", "w:customXml"]
    private var tableCount = 0
    private var paragraphCount = 0
    private var paragraph: [UInt8] = []
    /// Inside a `w:t`: its characters are the paragraph's text.
    private(set) var inText = false
    private var depth = 0
    private var cellCount = 0
    /// Whether every byte of text given is known to be UTF-8, checked scalar by scalar
    /// (`DirectDocumentReader`): the cells' Strings are then made without checking it again.
    private let checkedText: Bool
    /// The joined bytes of a cell or line, kept from one to the next.
    private var joined: [UInt8] = []

    init(checkedText: Bool = false) { self.checkedText = checkedText }

    /// A cell's or line's text: its pieces `bytes[..<ends[0]]`, `bytes[ends[0]..<ends[1]]`, … joined.
    private func join(_ bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) -> String {
        checkedText ? CellText.join(validUTF8: bytes, ends: ends, scratch: &joined) : CellText.join(bytes, ends: ends)
    }

    func startElement(_ name: Int, attributes: MarkupAttributes, parser: MarkupParser) {
        if !start(name, value: Self.readsValue(name) ? attributes.value("w:val") : nil) { parser.stop() }
    }

    /// Whether the element `name` (its index in `vocabulary`) reads its `w:val`.
    static func readsValue(_ name: Int) -> Bool { name == Name.gridSpan.rawValue || name == Name.vMerge.rawValue }

    /// A start tag, with its `w:val` when `readsValue(name)` (nil if it has none); false once a
    /// limit is passed (`error` says which). Shared by the libxml2 events and `DirectDocumentReader`.
    func start(_ name: Int, value: String?) -> Bool {
        depth += 1
        if depth > DocumentLimits.maxDepth { return fail("word/document.xml nested more than \(DocumentLimits.maxDepth) elements deep") }
        switch Name(rawValue: name) {
        case .t: inText = true
        case .tab: paragraph.append(0x20)
        case .br, .cr: paragraph.append(0x0A)
        case .p: if !paragraph.isEmpty { paragraph.removeAll(keepingCapacity: true) }
        case .tbl:
            if tables.count >= DocumentLimits.maxTableDepth { return fail("tables nested more than \(DocumentLimits.maxTableDepth) deep") }
            tableCount += 1
            tables.append(Table(number: tableCount))
        case .tr:
            guard !tables.isEmpty else { return true }
            let k = tables.count - 1
            tables[k].row += 1
            tables[k].column = 0
            // Room for as many cells as the row before had (the last row's array went into its
            // line): one allocation a row, not one each time the count doubles.
            let width = tables[k].cells.count
            tables[k].cells = []
            tables[k].cells.reserveCapacity(max(width, 8))
        case .tc:
            guard !tables.isEmpty else { return true }
            cellCount += 1
            if cellCount > DocumentLimits.maxCells { return fail("more than \(DocumentLimits.maxCells) table cells") }
            // In place: a copy of the table would copy its row's cells on the next append.
            let k = tables.count - 1
            tables[k].text.removeAll(keepingCapacity: true)
            tables[k].pieceEnds.removeAll(keepingCapacity: true)
            tables[k].cellColumn = tables[k].column + 1
            tables[k].span = 1
            tables[k].continuesMerge = false
        case .gridSpan:
            guard !tables.isEmpty, let v = value.flatMap({ Int($0) }), v > 1 else { return true }
            tables[tables.count - 1].span = min(v, 64)
        case .vMerge:
            guard !tables.isEmpty else { return true }
            // `<w:vMerge/>` or `w:val="continue"` continues the cell above; `restart` begins one.
            let v = value
            tables[tables.count - 1].continuesMerge = v == nil || v == "continue"
        case nil: break
        }
        return true
    }

    func endElement(_ name: Int, parser: MarkupParser) { end(name) }

    func end(_ name: Int) {
        depth -= 1
        switch Name(rawValue: name) {
        case .t: inText = false
        case .p:
            // The paragraph's bytes as they are: made into one String per cell or line, by
            // CellText (a String a paragraph, and another a cell, cost more than libxml2's parse).
            if tables.isEmpty {
                paragraphCount += 1
                let count = paragraph.count
                let t = paragraph.withUnsafeBufferPointer { b in withUnsafePointer(to: count) { join(b, ends: UnsafeBufferPointer(start: $0, count: 1)) } }
                if !t.isEmpty { lines.append(.paragraph(DocumentCell(t, place: .paragraph(paragraphCount)))) }
            } else {
                let k = tables.count - 1
                tables[k].text.append(contentsOf: paragraph)
                tables[k].pieceEnds.append(tables[k].text.count)
            }
            paragraph.removeAll(keepingCapacity: true)
        case .tc:
            guard !tables.isEmpty else { return }
            let k = tables.count - 1
            if !tables[k].continuesMerge {
                let text = tables[k].text.withUnsafeBufferPointer { b in tables[k].pieceEnds.withUnsafeBufferPointer { join(b, ends: $0) } }
                let cell = DocumentCell(text, place: .cell(table: tables[k].number, row: tables[k].row, cell: tables[k].cellColumn))
                tables[k].cells.append(cell)
            }
            tables[k].column += tables[k].span
        case .tr:
            guard let t = tables.last else { return }
            if t.cells.contains(where: { !$0.text.isEmpty }) { lines.append(.row(t.cells)) }
        case .tbl:
            _ = tables.popLast()
        default: break
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>, parser: MarkupParser) { self.text(text) }

    /// Characters, entities decoded and line ends as libxml2 gives them.
    func text(_ text: UnsafeBufferPointer<UInt8>) {
        if inText { paragraph.append(contentsOf: text) }
    }

    private func fail(_ message: String) -> Bool {
        if error == nil { error = DocumentError(message) }
        return false
    }
}
