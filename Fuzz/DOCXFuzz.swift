/// libFuzzer target for the Word reader: arbitrary bytes as `word/document.xml` (libxml2's
/// XML parser and the table events, the condensed read checked against the whole document's),
/// and, when they start like a zip, as the whole `.docx` (ZIPFoundation). Built by
/// `scripts/fuzz.sh docx`.
import GovqDocument
import GovqDOCX
import GovqLoader

@_cdecl("LLVMFuzzerTestOneInput")
public func docxFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let raw = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    // The condensed read is the whole document's read (differential: same lines, same error).
    // The direct read (without libxml2, else the condensed one) and the condensed read are the
    // whole document's read.
    let whole = DOCXReader.read(documentXML: raw, extent: .whole)
    let condensed = DOCXReader.read(documentXML: raw)
    for other in [condensed, DOCXReader.read(documentXML: raw, extent: .condensed)] {
        switch (other, whole) {
        case (.success(let a), .success(let b)): precondition(a.lines == b.lines, "direct or condensed document.xml read differs")
        case (.failure(let a), .failure(let b)): precondition(a == b, "direct or condensed document.xml error differs")
        default: preconditionFailure("direct or condensed document.xml read differs")
        }
    }
    if case .success(let doc) = condensed {
        for line in doc.lines where line.isTableRow {
            for cell in line.cells {
                guard case .cell(let t, let r, let c)? = cell.place else { preconditionFailure("a DOCX cell has its place") }
                precondition(t >= 1 && r >= 1 && c >= 1)
            }
        }
    }
    if raw.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
        let parsed = ReportParser.parse(bytes: Array(raw), file: "<fuzz>.docx")
        if parsed.record == nil { precondition(parsed.summary.status == .skipped && parsed.summary.reason != nil) }
    }
    return 0
}
