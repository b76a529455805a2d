/// `why QUERY` on the command line: the query runs as usual, and what is printed is the cells
/// behind its numbers (WhyTable), in the chosen format.
import GovqDiagnostics
import GovqSamples

extension SampleNames {
    /// The file a shown name stands for: `<samples>/000_….txt` is in the bundled samples.
    static func path(_ shown: String) -> String {
        guard shown.hasPrefix("<samples>/"), let root = SampleData.reportsPath else { return shown }
        return (root.hasSuffix("/") ? root : root + "/") + shown.dropFirst("<samples>/".count)
    }
}

/// A `why` statement's error shows the line as typed, `why` included.
func restoringWhy(_ error: any Error, original: String) -> any Error {
    guard var d = error as? Diagnostic, let loc = d.location else { return error }
    let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
    if loc.line >= 1, loc.line <= lines.count { d.sourceLine = String(lines[loc.line - 1]) }
    return d
}
