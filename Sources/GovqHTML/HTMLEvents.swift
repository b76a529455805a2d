/// The parser's events → the page's blocks: paragraphs and tables of cells, each with the
/// place of its first text in the page source (line and column, from the parser's byte
/// offset). Only what a reader of the article sees is kept: script, style, navigation, forms
/// and the head (but its `<title>`) are dropped.
import GovqDocument
import GovqXML

final class HTMLEvents: MarkupHandler {
    /// A paragraph's text as it was in the page, and the offset of its first character in the
    /// page (`end`: where the last run ended in what was parsed).
    /// `contiguous`: the text is the source's own bytes from `start` on (no tag, entity or
    /// dropped element inside), so its line breaks are the source's.
    struct Text { var bytes: [UInt8]; var start: Int?; var length = 0; var end: Int?; var contiguous = false }
    enum Item { case text(Text), table(Table) }
    final class Container { var items: [Item] = [] }
    final class Cell { let content = Container() }
    final class Table {
        var rows: [[Cell]] = []
        var row: [Cell]?
        var cell: Cell?
        /// A table holding tables is page layout, not data.
        var holdsTable = false
    }

    /// What libxml2 parses: the page, or the page condensed (`PageCondenser`).
    let source: UnsafeRawBufferPointer
    /// The page itself, which places are counted in.
    let page: UnsafeRawBufferPointer
    private let condensed: CondensedMarkup?
    let root = Container()
    private var containers: [Container]
    var tables: [Table] = []
    private var paragraph = Text(bytes: [])
    private(set) var title = Text(bytes: [])
    private var inTitle = false
    /// Depth inside elements whose text is not the article's.
    private var ignored = 0
    private var depth = 0
    private var cells = 0
    private(set) var error: DocumentError?

    init(source: UnsafeRawBufferPointer, page: UnsafeRawBufferPointer, condensed: CondensedMarkup?) {
        self.source = source
        self.page = page
        self.condensed = condensed
        containers = [root]
    }

    /// The page's offset of an offset in what was parsed.
    private func pageOffset(_ offset: Int) -> Int { condensed?.originalOffset(offset) ?? offset }

    static let dropped: [String] = ["script", "style", "nav", "noscript", "select", "textarea", "iframe", "object", "svg", "template", "button"]
    static let blocks: [String] = ["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                                       "blockquote", "pre", "center", "section", "article", "header", "footer", "hr", "form",
                                       "caption", "main", "aside", "address", "figure", "body", "html"]

    /// The elements told apart, by index: these five, then `dropped`, then `blocks`.
    let vocabulary = ["title", "table", "tr", "td", "th"] + HTMLEvents.dropped + HTMLEvents.blocks
    private static let (title, table, tr, td, th) = (0, 1, 2, 3, 4)
    private static func isDropped(_ id: Int) -> Bool { id >= 5 && id < 5 + dropped.count }
    private static func isBlock(_ id: Int) -> Bool { id >= 5 + dropped.count }

    func startElement(_ name: Int, attributes: MarkupAttributes, parser: MarkupParser) {
        depth += 1
        if depth > DocumentLimits.maxDepth { return fail("HTML nested more than \(DocumentLimits.maxDepth) elements deep", parser) }
        if ignored > 0 || Self.isDropped(name) { ignored += 1; return }
        switch name {
        case Self.title: inTitle = true
        case Self.table:
            flush()
            if tables.count >= DocumentLimits.maxTableDepth { return fail("HTML tables nested more than \(DocumentLimits.maxTableDepth) deep", parser) }
            tables.last?.holdsTable = true
            tables.append(Table())
        case Self.tr:
            flush()
            guard let t = tables.last else { return }
            closeRow(t)
            t.row = []
        case Self.td, Self.th:
            flush()
            guard let t = tables.last else { return }
            closeCell(t)
            if t.row == nil { t.row = [] }
            cells += 1
            if cells > DocumentLimits.maxCells { return fail("HTML page has more than \(DocumentLimits.maxCells) table cells", parser) }
            let c = Cell()
            t.cell = c
            containers.append(c.content)
        default:
            if Self.isBlock(name) { flush() }
        }
    }

    func endElement(_ name: Int, parser: MarkupParser) {
        depth -= 1
        if ignored > 0 { ignored -= 1; return }
        switch name {
        case Self.title: inTitle = false
        case Self.table:
            flush()
            guard let t = tables.popLast() else { return }
            closeRow(t)
            containers.last?.items.append(.table(t))
        case Self.tr:
            flush()
            if let t = tables.last { closeRow(t) }
        case Self.td, Self.th:
            flush()
            if let t = tables.last { closeCell(t) }
        default:
            if Self.isBlock(name) { flush() }
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>, parser: MarkupParser) {
        guard ignored == 0 else { return }
        if inTitle { append(text, parser: parser, to: &title); return }
        append(text, parser: parser, to: &paragraph)
    }

    private func fail(_ message: String, _ parser: MarkupParser) {
        if error == nil { error = DocumentError(message) }
        parser.stop()
    }

    /// Adds a run of text; the first visible character's offset is found in the source (the
    /// parser stands just after the run; a run decoded from an entity is not in the source as
    /// such, and then the run starts after the tag before it).
    private func append(_ text: UnsafeBufferPointer<UInt8>, parser: MarkupParser, to p: inout Text) {
        if p.start != nil, p.contiguous {
            let n = text.count, offset = parser.offset
            p.contiguous = offset >= n && offset <= source.count && offset - n == p.end && source[(offset - n)..<offset].elementsEqual(text)
            p.end = offset
        } else if p.start == nil, let first = text.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xC2 && $0 != 0xA0 }) {
            let n = text.count, offset = parser.offset
            if offset >= n, offset <= source.count, source[(offset - n)..<offset].elementsEqual(text) {
                p.start = pageOffset(offset - n + first)
                p.length = scalarCount(text[first...])
                p.end = offset
                p.contiguous = p.bytes.isEmpty
            } else {
                var k = min(offset, source.count) - 1
                while k > 0, source[k] != 0x3E { k -= 1 }
                p.start = pageOffset(k + 1)
                p.length = 1
            }
        }
        p.bytes.append(contentsOf: text)
    }

    func flush() {
        guard !paragraph.bytes.isEmpty else { return }
        if paragraph.start != nil { containers.last?.items.append(.text(paragraph)) }
        paragraph = Text(bytes: [])
    }

    private func closeCell(_ t: Table) {
        guard let c = t.cell else { return }
        flush()
        if containers.count > 1, containers.last === c.content { containers.removeLast() }
        t.row?.append(c)
        t.cell = nil
    }

    func closeRow(_ t: Table) {
        closeCell(t)
        if let r = t.row, !r.isEmpty { t.rows.append(r) }
        t.row = nil
    }

    private func scalarCount(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Int { s.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } }
}
