/// A rendering on its way to a terminal: CSV, TSV, Markdown and JSON pass report text through
/// as it is (a file or a pipe must get the exact bytes), so on a terminal their control,
/// bidirectional and zero-width characters are escaped with `TerminalText`, keeping the
/// rendering's own line breaks and tabs. The table format escapes each cell itself.
import GovqDiagnostics

extension OutputFormat {
    /// `text` as it may be shown on a terminal.
    /// (Not a `switch`, so a format added later is escaped by default.)
    public func forTerminal(_ text: String) -> String {
        if self == .table { return text }
        return TerminalText.escapedKeepingLayout(text, style: self == .json ? .json : .swift)
    }
}
