/// An HTML page → a `Document`. The page is decoded to UTF-8 first (BOM, else UTF-8 if it is
/// valid, else the `<meta>` charset, else GB18030), then read by libxml2's HTML parser as
/// events (`HTMLEvents`): tables become rows of cells (the text of each `<td>`/`<th>` gathered
/// from its nested `<p>`, `<span>`, `<font>`, `<o:p>`), everything else paragraphs. A table
/// whose cells hold tables is page layout: its cells' contents are read as the page's flow.
/// A page with no data table keeps its text's own lines, for the text reader.
import GovqDocument
import GovqXML

public enum HTMLReader {
    /// How much of a page libxml2 is given.
    public enum Extent: Sendable {
        /// Without the attribute lists and script bodies the reader never reads (`PageCondenser`).
        case condensed
        /// All of it: the careful path the condensed one is checked against.
        case whole
    }

    /// Reads a page. Fails only on limits: a page too large or nested too deep.
    public static func read(_ bytes: UnsafeRawBufferPointer, extent: Extent = .condensed) -> Result<Document, DocumentError> {
        guard bytes.count <= DocumentLimits.maxTextBytes else {
            return .failure(DocumentError("HTML page of \(bytes.count >> 20) MB is larger than the limit of \(DocumentLimits.maxTextBytes >> 20) MB"))
        }
        if let why = MarkupParser.unavailable() { return .failure(DocumentError("cannot read HTML: libxml2 cannot be loaded (\(why))")) }
        guard let utf8 = decode(bytes) else { return .failure(DocumentError("HTML page is not valid in its charset")) }
        return utf8.withUnsafeBytes { page in
            let condensed = extent == .condensed ? PageCondenser.condense(page) : nil
            func parse(_ source: UnsafeRawBufferPointer) -> Result<Document, DocumentError> {
                let events = HTMLEvents(source: source, page: page, condensed: condensed)
                MarkupParser.parseHTML(source, handler: events)
                if let error = events.error { return .failure(error) }
                var doc = Document(kind: .html)
                doc.source = utf8
                doc.lines = events.render()
                return .success(doc)
            }
            guard let condensed else { return parse(page) }
            return condensed.bytes.withUnsafeBytes { parse($0) }
        }
    }

    /// The page as UTF-8, without a BOM.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        let b = Array(bytes.prefix(4))
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if b.starts(with: [0xFF, 0xFE]) { return Transcoding.utf8(UnsafeRawBufferPointer(rebasing: bytes.dropFirst(2)), from: "UTF-16LE") }
        if b.starts(with: [0xFE, 0xFF]) { return Transcoding.utf8(UnsafeRawBufferPointer(rebasing: bytes.dropFirst(2)), from: "UTF-16BE") }
        // Valid UTF-8 is UTF-8 whatever the page declares (a GBK page of Chinese text is
        // never valid UTF-8; a re-saved page often keeps its old `<meta>`).
        if Transcoding.isUTF8(bytes) { return Array(bytes) }
        if let declared = charset(bytes), !["utf-8", "utf8"].contains(declared) {
            // GB2312 and GBK pages use GB18030's characters too: decode with the superset.
            let name = ["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"].contains(declared) ? "GB18030" : declared
            if let out = Transcoding.utf8(bytes, from: name) { return out }
        }
        return Transcoding.utf8(bytes, from: "GB18030")
    }

    /// The charset a page declares in its first 16 KB (Word's pages put a long style sheet first) (`<meta charset="gbk">`, or
    /// `content="text/html; charset=gb2312"`), lower-cased.
    static func charset(_ bytes: UnsafeRawBufferPointer) -> String? {
        let head = bytes.prefix(16384).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset".utf8)
        var i = 0
        while i + key.count < head.count {
            guard head[i] == 0x63, head[i..<(i + key.count)].elementsEqual(key) else { i += 1; continue }
            var k = i + key.count
            while k < head.count, head[k] == 0x20 { k += 1 }
            guard k < head.count, head[k] == 0x3D else { i += 1; continue }
            k += 1
            while k < head.count, head[k] == 0x20 || head[k] == 0x22 || head[k] == 0x27 { k += 1 }
            var end = k
            while end < head.count, head[end] == 0x2D || head[end] == 0x5F || (head[end] >= 0x30 && head[end] <= 0x39)
                    || (head[end] >= 0x61 && head[end] <= 0x7A) { end += 1 }
            if end > k { return String(decoding: head[k..<end], as: UTF8.self) }
            i = end
        }
        return nil
    }
}
