/// The renderer protocol (GRDB's `DumpFormat` pattern): a format writes a whole `ResultSet` to
/// any `TextOutputStream`, so the same code serves stdout, a file buffer and the REPL.
import GovqEngine

public protocol ResultRenderer: Sendable {
    /// Writes the header and every row, ending with a line break.
    func write(_ result: ResultSet, to out: inout some TextOutputStream)
    /// The same text as UTF-8 bytes, appended to `out` (a query run writes them as they are).
    func write(_ result: ResultSet, bytes out: inout [UInt8])
}

extension ResultRenderer {
    /// The rendered text, for tests and for callers that buffer (`-o` writes atomically).
    public func render(_ result: ResultSet) -> String {
        var s = ""
        write(result, to: &s)
        return s
    }

    public func write(_ result: ResultSet, bytes out: inout [UInt8]) {
        out.append(contentsOf: render(result).utf8)
    }
}
