/// The renderer protocol (GRDB's `DumpFormat` pattern): a format writes a whole `ResultSet` to
/// any `TextOutputStream`, so the same code serves stdout, a file buffer and the REPL.
import GovqEngine

public protocol ResultRenderer: Sendable {
    /// Writes the header and every row, ending with a line break.
    func write(_ result: ResultSet, to out: inout some TextOutputStream)
}

extension ResultRenderer {
    /// The rendered text, for tests and for callers that buffer (`-o` writes atomically).
    public func render(_ result: ResultSet) -> String {
        var s = ""
        write(result, to: &s)
        return s
    }
}
