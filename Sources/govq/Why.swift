/// `why QUERY` on the command line: the query runs as usual, and what is printed is the cells
/// behind its numbers (WhyTable), in the chosen format.
import GovqDiagnostics

/// A `why` statement's error shows the line as typed, `why` included.
func restoringWhy(_ error: any Error, original: String) -> any Error {
    guard var d = error as? Diagnostic, let loc = d.location else { return error }
    let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
    if loc.line >= 1, loc.line <= lines.count { d.sourceLine = String(lines[loc.line - 1]) }
    return d
}
