/// A PDF → a `Document`, through poppler-glib as a library (the only module that imports it).
/// Poppler gives each page's text and a box for every character; the layout (`PDFLayout`)
/// builds words, lines, rows and columns from the boxes, not from the order poppler emits
/// text in. A PDF with no text (a scan) is refused as such; an encrypted or damaged one with
/// poppler's reason.
import GovqDocument
internal import CPoppler

public enum PDFReader {
    /// Reads every page's characters with their boxes, then lays them out.
    public static func read(_ bytes: UnsafeRawBufferPointer) -> Result<Document, DocumentError> {
        pages(bytes).map { PDFLayout.document($0) }
    }

    /// The characters of each page, in points from the page's top-left.
    static func pages(_ bytes: UnsafeRawBufferPointer) -> Result<[PDFLayout.Page], DocumentError> {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .failure(DocumentError("empty PDF")) }
        let data = g_bytes_new(base, gsize(bytes.count))
        defer { g_bytes_unref(data) }
        var error: UnsafeMutablePointer<GError>?
        guard let doc = poppler_document_new_from_bytes(data, nil, &error) else {
            defer { if error != nil { g_error_free(error) } }
            if let e = error?.pointee, e.domain == poppler_error_quark(), e.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                return .failure(DocumentError("encrypted PDF: it needs a password to be read"))
            }
            let why = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unreadable"
            return .failure(DocumentError("damaged PDF: \(why)"))
        }
        defer { g_object_unref(UnsafeMutableRawPointer(doc)) }
        let count = Int(poppler_document_get_n_pages(doc))
        guard count > 0 else { return .failure(DocumentError("damaged PDF: no pages")) }
        guard count <= DocumentLimits.maxPages else {
            return .failure(DocumentError("PDF of \(count) pages is longer than the limit of \(DocumentLimits.maxPages) pages"))
        }
        var pages: [PDFLayout.Page] = []
        var characters = 0
        for i in 0..<count {
            guard let page = poppler_document_get_page(doc, Int32(i)) else { continue }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var width = 0.0, height = 0.0
            poppler_page_get_size(page, &width, &height)
            var out = PDFLayout.Page(number: i + 1, width: width, height: height)
            guard let text = poppler_page_get_text(page) else { pages.append(out); continue }
            defer { g_free(text) }
            var rects: UnsafeMutablePointer<PopplerRectangle>?
            var n: guint = 0
            if poppler_page_get_text_layout(page, &rects, &n) != 0, let rects {
                defer { g_free(rects) }
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
