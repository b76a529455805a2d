/// A PDF → a `Document`, through poppler-glib as a library (the only module that imports it).
/// Poppler gives each page's text and a box for every character; the layout (`PDFLayout`)
/// builds words, lines, rows and columns from the boxes, not from the order poppler emits
/// text in. A PDF with no text (a scan) is refused as such; an encrypted or damaged one with
/// poppler's reason.
import GovqDocument
internal import CGovqPoppler

public enum PDFReader {
    /// Reads every page's characters with their boxes, then lays them out.
    public static func read(_ bytes: UnsafeRawBufferPointer) -> Result<Document, DocumentError> {
        pages(bytes).map { PDFLayout.document($0) }
    }

    /// The characters of each page, in points from the page's top-left.
    static func pages(_ bytes: UnsafeRawBufferPointer) -> Result<[PDFLayout.Page], DocumentError> {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .failure(DocumentError("empty PDF")) }
        // poppler-glib is loaded with the first PDF (CGovqPoppler), not with every govq process.
        if let why = govq_poppler_load() { return .failure(DocumentError("cannot read PDF: poppler-glib cannot be loaded (\(String(cString: why)))")) }
        let data = govq_g_bytes_new(base, bytes.count)
        defer { govq_g_bytes_unref(data) }
        var error: UnsafeMutablePointer<GovqGError>?
        guard let doc = govq_poppler_document_new_from_bytes(data, nil, &error) else {
            defer { if error != nil { govq_g_error_free(error) } }
            if let e = error?.pointee, e.domain == govq_poppler_error_quark(), e.code == Int32(GOVQ_POPPLER_ERROR_ENCRYPTED) {
                return .failure(DocumentError("encrypted PDF: it needs a password to be read"))
            }
            let why = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unreadable"
            return .failure(DocumentError("damaged PDF: \(why)"))
        }
        defer { govq_g_object_unref(doc) }
        let count = Int(govq_poppler_document_get_n_pages(doc))
        guard count > 0 else { return .failure(DocumentError("damaged PDF: no pages")) }
        guard count <= DocumentLimits.maxPages else {
            return .failure(DocumentError("PDF of \(count) pages is longer than the limit of \(DocumentLimits.maxPages) pages"))
        }
        var pages: [PDFLayout.Page] = []
        var characters = 0
        for i in 0..<count {
            guard let page = govq_poppler_document_get_page(doc, Int32(i)) else { continue }
            defer { govq_g_object_unref(page) }
            var width = 0.0, height = 0.0
            govq_poppler_page_get_size(page, &width, &height)
            var out = PDFLayout.Page(number: i + 1, width: width, height: height)
            guard let text = govq_poppler_page_get_text(page) else { pages.append(out); continue }
            defer { govq_g_free(text) }
            var rects: UnsafeMutablePointer<GovqPopplerRectangle>?
            var n: UInt32 = 0
            if govq_poppler_page_get_text_layout(page, &rects, &n) != 0, let rects {
                defer { govq_g_free(rects) }
                // One box per character of the page's text, in order.
                var k = 0
                for u in String(cString: text).unicodeScalars {
                    guard k < Int(n) else { break }
                    let r = rects[k]
                    k += 1
                    out.glyphs.append(PDFLayout.Glyph(scalar: u, x0: r.x1, y0: r.y1, x1: r.x2, y1: r.y2))
                }
            }
            characters += out.glyphs.count
            guard characters <= DocumentLimits.maxTextBytes / 4 else {
                return .failure(DocumentError("PDF text is larger than the limit", place: .page(i + 1, x: 0, y: 0)))
            }
            pages.append(out)
        }
        if !pages.contains(where: { $0.glyphs.contains { !$0.isSpace } }) {
            return .failure(DocumentError("scanned PDF: no text layer (needs OCR)"))
        }
        return .success(pages)
    }
}
