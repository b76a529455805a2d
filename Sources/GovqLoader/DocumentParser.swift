/// The entry every file goes through: its kind is told from its content (and name), a
/// document (HTML, PDF, DOCX) is read by its format's reader into a `Document`, rendered as
/// text for the one table reader, and the diagnostics and cell sources are pointed back at
/// the document's own places. Text files go to the text reader as before.
import GovqCube
import GovqDiagnostics
import GovqDocument
import GovqDOCX
import GovqHTML
import GovqPDF
#if canImport(Glibc)
import Glibc
#endif

/// What a file holds, as far as loading goes.
public enum FileKind: Equatable, Sendable {
    case text, html, pdf, docx
    /// Word 97 (`.doc`) and WPS files: an OLE2 compound file, not read.
    case wordBinary
    /// A zip that is not a Word document (`.xlsx`, `.zip`).
    case otherZip
    /// Rich Text (`{\rtf1`), often saved as `.doc`.
    case rtf

    /// The kind by content first (`%PDF-`, a zip holding `word/document.xml`, an OLE2 header,
    /// markup starting with `<html`, `<table`, …), then by the name's extension.
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>, name: String) -> FileKind {
        let head = bytes.prefix(1024)
        // A memchr search (ByteSearch): the generic one copied and walked 1 KB of every text file.
        if head.count >= 5, head.offset(of: pdfMagic) != nil { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return searchAll(bytes, "word/document.xml") ? .docx : .otherZip
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .wordBinary }
        if head.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        let ext = endsInTxt(name) ? "txt" : name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["html", "htm", "shtml", "xhtml"].contains(ext) { return .html }
        if looksLikeMarkup(bytes) { return .html }
        return .text
    }

    private static let pdfMagic = Array("%PDF-".utf8)

    /// Whether the name ends in `.txt` after an ASCII byte (or is `.txt`): then its last
    /// Character-split part is `txt`, found without splitting the whole path by Characters (an
    /// ASCII byte cannot join the `.` into one Character, as a prepended mark could).
    private static func endsInTxt(_ name: String) -> Bool {
        let u = name.utf8
        guard u.count >= 4, u.suffix(4).elementsEqual(".txt".utf8) else { return false }
        return u.count == 4 || u[u.index(u.endIndex, offsetBy: -5)] < 0x80
    }

    /// Starts (after a BOM and white space) with a tag, and the first 4 KB hold `<html`,
    /// `<table`, `<body`, `<head` or `<!doctype html`.
    static func looksLikeMarkup(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count, bytes[i] == 0x3C else { return false }
        let head = bytes[i..<min(bytes.count, i + 4096)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return ["<html", "<table", "<body", "<head", "<!doctype html", "<meta"].contains { search(head[...], $0) }
    }

    private static func search<C: Collection>(_ hay: C, _ needle: String) -> Bool where C.Element == UInt8 {
        let n = Array(needle.utf8), h = Array(hay)
        guard h.count >= n.count else { return false }
        for i in 0...(h.count - n.count) where h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return true }
        return false
    }

    /// Whether `needle` is anywhere in `bytes` (a zip's names are in its headers), by the
    /// loader's memchr search: not a byte loop over the whole zip.
    private static func searchAll(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        bytes[...].offset(of: Array(needle.utf8)) != nil
    }
}

enum DocumentParser {
    /// Parses a file's bytes, whatever the format.
    static func parse(_ storage: ByteStorage, file: String, provenance: Bool) -> ParsedReport {
        let raw = storage.buffer
        let kind = FileKind.of(raw, name: file)
        func skip(_ reason: String, _ diagnostic: Diagnostic? = nil) -> ParsedReport {
            ParsedReport(record: nil, summary: ReportSummary(file: file, status: .skipped, reason: reason),
                         diagnostics: diagnostic.map { [$0] } ?? [], totals: [], encoding: nil)
        }
        let read: Result<Document, DocumentError>
        switch kind {
        case .text: return ReportParser.parse(storage, file: file, provenance: provenance)
        case .wordBinary: return skip("Word 97 or WPS file: convert to .docx or .pdf")
        case .otherZip: return skip("a zip file that is not a Word .docx document")
        case .rtf: return skip("RTF file: convert to .docx or .pdf")
        case .html: read = HTMLReader.read(UnsafeRawBufferPointer(raw))
        case .pdf: read = PDFReader.read(UnsafeRawBufferPointer(raw))
        case .docx: read = DOCXReader.read(UnsafeRawBufferPointer(raw))
        }
        switch read {
        case .failure(let e):
            // A scan is no error of the file: it is listed as skipped. A damaged file is an error.
            let severity: Severity = e.message.hasPrefix("scanned PDF") ? .warning : .error
            var d = Diagnostic(severity, e.message, source: file)
            d.place = e.place?.description
            return skip(e.message, d)
        case .success(let document):
            return parse(document, file: file, provenance: provenance)
        }
    }

    /// A document read by its reader → the table reader, and back to the document's places.
    static func parse(_ document: Document, file: String, provenance: Bool) -> ParsedReport {
        let rendered = RenderedDocument(document)
        #if DEBUG
        // A debug build shows what the table reader is given: GOVQ_DEBUG_RENDER=1.
        if getenv("GOVQ_DEBUG_RENDER") != nil { _ = rendered.bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) } }
        #endif
        var parsed = ReportParser.parse(ByteStorage(rendered.bytes), file: file, provenance: provenance)
        parsed.encoding = nil
        parsed.diagnostics = parsed.diagnostics.map { rendered.relocate($0) }
        for i in parsed.cells.indices {
            guard let loc = parsed.cells[i].location, let (location, _, place) = rendered.relocate(loc) else { continue }
            parsed.cells[i].location = location
            parsed.cells[i].place = place
        }
        return parsed
    }
}
