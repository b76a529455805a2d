import GovqDocument
import GovqXML
import ZIPFoundation
public enum DOCXReader {
    public static func read(_ bytes: UnsafeRawBufferPointer) -> Result<Document, DocumentError> { .failure(DocumentError("Word .docx files are not read yet")) }
}
