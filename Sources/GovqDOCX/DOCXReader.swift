/// A Word `.docx` → a `Document`. `word/document.xml` is found and inflated by hand when the zip
/// is of the plain kind Word and LibreOffice write (`ZipEntry`), else with ZIPFoundation, and is
/// read as XML events (GovqXML): each `w:tbl` gives rows (`w:tr`) of cells (`w:tc`), a cell
/// spanning columns (`w:gridSpan`) one cell, a cell continuing a vertical merge (`w:vMerge`
/// without `restart`) none (its text is in the cell above); paragraphs outside the tables
/// (the title, the prose before the tables) are lines. The XML is bounded before it is
/// parsed: a zip bomb or a huge `document.xml` is refused as it is inflated.
import Foundation
import GovqDocument
import GovqXML
import ZIPFoundation

public enum DOCXReader {
    /// How much of `word/document.xml` libxml2 is given.
    public enum Extent: Sendable {
        /// Read in one pass without libxml2 (`DirectDocumentReader`) when the document holds
        /// nothing else than it models; else as `condensed`.
        case direct
        /// Without the formatting subtrees, tags and attributes the reader never reads
        /// (`DocumentXMLCondenser`).
        case condensed
        /// All of it: the careful path the condensed one is checked against.
        case whole
    }

    public static func read(_ bytes: UnsafeRawBufferPointer, extent: Extent = .direct) -> Result<Document, DocumentError> {
        let xml: Data
        switch documentXML(bytes) {
        case .failure(let e): return .failure(e)
        case .success(let d): xml = d
        }
        return xml.withUnsafeBytes { read(documentXML: $0, extent: extent) }
    }

    /// Reads `word/document.xml` itself (the fuzz target's entry, below the zip).
    public static func read(documentXML raw: UnsafeRawBufferPointer, extent: Extent = .direct) -> Result<Document, DocumentError> {
        if extent == .direct, MarkupParser.unavailable() == nil, let document = DirectDocumentReader.read(raw) { return .success(document) }
        if extent != .whole, let condensed = DocumentXMLCondenser.condense(raw, keeping: DOCXEvents.vocabulary,
                                                                                      readingAttributesOf: DOCXEvents.attributesRead,
                                                                                      containers: DOCXEvents.containers, joiningRunsOf: "w:t") {
            return condensed.bytes.withUnsafeBytes { parse($0) }
        }
        return parse(raw)
    }

    private static func parse(_ raw: UnsafeRawBufferPointer) -> Result<Document, DocumentError> {
        if let why = MarkupParser.unavailable() { return .failure(DocumentError("cannot read .docx: libxml2 cannot be loaded (\(why))")) }
        let events = DOCXEvents()
        let parser = MarkupParser.parseXML(raw, handler: events)
        if let e = events.error { return .failure(e) }
        if parser.declaredDoctype { return .failure(DocumentError("damaged .docx: word/document.xml declares a DTD (refused)")) }
        if !parser.wellFormed {
            return .failure(DocumentError("damaged .docx: word/document.xml is not well-formed XML (truncated or nested too deep)"))
        }
        return .success(Document(kind: .docx, lines: events.lines))
    }

    /// The bytes of `word/document.xml`, inflated up to the size limit: found and inflated by
    /// hand (`ZipEntry`) when the zip holds nothing else than it models, else by ZIPFoundation.
    static func documentXML(_ bytes: UnsafeRawBufferPointer) -> Result<Data, DocumentError> {
        if let xml = ZipEntry.read(bytes, name: "word/document.xml", limit: DocumentLimits.maxTextBytes) { return .success(xml) }
        if ZipEntry.readsPastEnd(bytes) {
            return .failure(DocumentError("damaged .docx: the zip points past its own end (truncated?)"))
        }
        return documentXMLByZIPFoundation(bytes)
    }

    /// `documentXML` through ZIPFoundation: the reference the hand path is checked against, and
    /// every damaged zip's error.
    static func documentXMLByZIPFoundation(_ bytes: UnsafeRawBufferPointer) -> Result<Data, DocumentError> {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            return .failure(DocumentError("damaged .docx: not a readable zip file"))
        }
        guard let entry = archive["word/document.xml"] else {
            return .failure(DocumentError("damaged .docx: no word/document.xml in the zip"))
        }
        let limit = DocumentLimits.maxTextBytes
        if entry.uncompressedSize > UInt64(limit) {
            return .failure(DocumentError("word/document.xml of \(entry.uncompressedSize >> 20) MB is larger than the limit of \(limit >> 20) MB"))
        }
        // Inflated in one buffer of the size the header gives (ZIPFoundation's 16 KB chunks cost
        // a call and a copy each), at least 64 KB; one byte more, so that a true size does not
        // fill it (ZIPFoundation then zeroes a second buffer of that size to find the end). The
        // one chunk is kept as it comes, not copied.
        let size = Int(entry.uncompressedSize)
        var out = Data()
        do {
            // The header's size may lie (a zip bomb): the inflated bytes are counted as they come.
            // No CRC-32: this extract never compares it (only ZIPFoundation's unzip-to-disk
            // does), and its Swift CRC cost 7 instructions a byte.
            _ = try archive.extract(entry, bufferSize: max(size + 1, 1 << 16), skipCRC32: true) { chunk in
                guard out.count + chunk.count <= limit else { throw SizeLimit() }
                if out.isEmpty { out = chunk } else { out.append(chunk) }
            }
        } catch is SizeLimit {
            return .failure(DocumentError("word/document.xml inflates past the limit of \(limit >> 20) MB (a zip bomb?)"))
        } catch {
            return .failure(DocumentError("damaged .docx: word/document.xml cannot be inflated (\(error))"))
        }
        return .success(out)
    }

    private struct SizeLimit: Error {}
}
