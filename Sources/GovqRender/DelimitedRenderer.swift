/// CSV (RFC 4180) and TSV, the formats spreadsheets and data tools read.
///
/// CSV: fields separated by `,`, records ended by CRLF (as RFC 4180 says; Python, R, pandas and
/// Excel all read it), a field quoted with `"` when it holds `,` `"` CR or LF (inner `"` doubled).
/// TSV: fields separated by a tab, records ended by LF, no quoting; a tab, line break or
/// backslash inside a field is written `\t` `\n` `\r` `\\` (the "linear TSV" convention).
/// Both: UTF-8, a header line of column names, NULL as an empty field, numbers as plain digits
/// (decimals in full precision), and text that a spreadsheet would run as a formula prefixed
/// with `'` (see `ValueText.neutralised`).
import GovqEngine

public struct DelimitedRenderer: ResultRenderer {
    public enum Dialect: Sendable { case csv, tsv }
    public var dialect: Dialect
    public var options: RenderOptions

    public static let csv = DelimitedRenderer(dialect: .csv)
    public static let tsv = DelimitedRenderer(dialect: .tsv)

    public init(dialect: Dialect, options: RenderOptions = RenderOptions()) {
        self.dialect = dialect
        self.options = options
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        let result = result.markingTotalRows
        let (separator, newline) = dialect == .csv ? (",", "\r\n") : ("\t", "\n")
        if options.header {
            out.write(result.columns.map { field(.text($0.name)) }.joined(separator: separator))
            out.write(newline)
        }
        for row in result.rows {
            out.write(row.map(field).joined(separator: separator))
            out.write(newline)
        }
    }

    func field(_ value: Value) -> String {
        guard let text = ValueText.exact(value) else { return options.nullText.map(field(text:)) ?? "" }
        let safe = value.isNumber ? text : ValueText.neutralised(text)
        return field(text: safe)
    }

    private func field(text safe: String) -> String {
        switch dialect {
        case .csv: return DelimitedRenderer.quotedIfNeeded(safe)
        case .tsv: return DelimitedRenderer.escapedForTSV(safe)
        }
    }

    static func quotedIfNeeded(_ s: String) -> String {
        let needs = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needs else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    static func escapedForTSV(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "\\") }) else { return s }
        var r = ""
        for c in s.unicodeScalars {
            switch c {
            case "\t": r += "\\t"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\\": r += "\\\\"
            default: r.unicodeScalars.append(c)
            }
        }
        return r
    }
}
