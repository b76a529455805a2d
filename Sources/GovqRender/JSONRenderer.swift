/// JSON: an array of objects, one per row and one row per line, keys in column order, numbers
/// as JSON numbers (decimals in full precision), NULL as `null`. The output depends only on the
/// result, byte for byte, so it diffs and caches well. With `lines`, JSON Lines (jsonlines.org):
/// the same objects, one per line, without the brackets and commas, so `pandas.read_json(lines=True)`,
/// DuckDB's `read_json` and `jq -c` stream it; an empty result is no line at all.
///
///     [
///     {"district": "济南市历城区", "denied": 22},
///     {"district": "临淄区", "denied": null}
///     ]
import GovqEngine

public struct JSONRenderer: ResultRenderer {
    /// One object a line, no enclosing array (JSON Lines).
    public var lines: Bool

    public init(lines: Bool = false) {
        self.lines = lines
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        let result = result.markingTotalRows
        if lines {
            writeLines(result, to: &out)
            return
        }
        guard !result.rows.isEmpty else {
            out.write("[]\n")
            return
        }
        let keys = result.columns.map { JSONRenderer.quoted($0.name) + ": " }
        out.write("[\n")
        for (r, row) in result.rows.enumerated() {
            out.write("{")
            for (i, value) in row.enumerated() where i < keys.count {
                if i > 0 { out.write(", ") }
                out.write(keys[i])
                out.write(JSONRenderer.literal(value))
            }
            out.write(r == result.rows.count - 1 ? "}\n" : "},\n")
        }
        out.write("]\n")
    }

    private func writeLines(_ result: ResultSet, to out: inout some TextOutputStream) {
        let keys = result.columns.map { JSONRenderer.quoted($0.name) + ": " }
        for row in result.rows {
            out.write("{")
            for (i, value) in row.enumerated() where i < keys.count {
                if i > 0 { out.write(", ") }
                out.write(keys[i])
                out.write(JSONRenderer.literal(value))
            }
            out.write("}\n")
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .text(let s): quoted(s)
        case .integer, .decimal: ValueText.exact(value) ?? "null"
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n` `\t` `\r` or `\u00XX`;
    /// everything else, Chinese included, as UTF-8.
    static func quoted(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: r.unicodeScalars.append(u)
            }
        }
        return r + "\""
    }
}
