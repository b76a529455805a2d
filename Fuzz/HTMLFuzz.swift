/// libFuzzer target for the HTML reader: arbitrary bytes as a web page → libxml2's HTML
/// parser → the document → the table reader, and the condensed read checked against the whole
/// page's. A crash, hang or leak here is one a hostile page could cause. Built by
/// `scripts/fuzz.sh html`.
import GovqCube
import GovqDocument
import GovqHTML
import GovqLoader

@_cdecl("LLVMFuzzerTestOneInput")
public func htmlFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let raw = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    // The condensed read is the whole page's read (differential: same lines, places, error).
    let condensed = HTMLReader.read(raw), whole = HTMLReader.read(raw, extent: .whole)
    switch (condensed, whole) {
    case (.success(let a), .success(let b)): precondition(a.lines == b.lines, "condensed page read differs")
    case (.failure(let a), .failure(let b)): precondition(a == b, "condensed page error differs")
    default: preconditionFailure("condensed page read differs")
    }
    if case .success(let doc) = condensed {
        // Every place a reader gives is inside the page: a line it has.
        for line in doc.lines {
            for cell in line.cells {
                if case .source(let l, let c, _)? = cell.place { precondition(l >= 1 && l <= max(doc.sourceLineCount, 1) && c >= 1) }
                precondition(!cell.text.contains("\t") && !cell.text.contains("\n") || !line.isTableRow)
            }
        }
    }
    let parsed = ReportParser.parse(bytes: Array(raw), file: "<fuzz>.html")
    if parsed.record == nil { precondition(parsed.summary.status == .skipped && parsed.summary.reason != nil) }
    return 0
}
