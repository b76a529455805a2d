import GovqDocument
import CPoppler
public enum PDFReader {
    public static func read(_ bytes: UnsafeRawBufferPointer) -> Result<Document, DocumentError> { .failure(DocumentError("PDF files are not read yet")) }
}
