/// How one value becomes text: for reading (table, Markdown: decimals rounded to four places)
/// and for machines (CSV, TSV, JSON: full precision), plus the spreadsheet formula guard.
import GovqEngine

extension Value {
    /// Whether the value is a number (numbers are right-aligned and never neutralised).
    var isNumber: Bool {
        switch self {
        case .integer, .decimal: true
        case .null, .text: false
        }
    }
}

enum ValueText {
    /// For people: integers as they are, decimals rounded to 4 places with trailing zeros
    /// trimmed (`22/315` → `0.0698`, `2.0` → `2`), NULL as nil (each format shows it its way).
    static func display(_ v: Value) -> String? {
        switch v {
        case .null: nil
        case .integer(let i): String(i)
        case .text(let s): s
        case .decimal(let d): displayDecimal(d)
        }
    }

    /// For machines: the shortest text that reads back as the same Double. NaN and infinities
    /// (the engine turns x / 0 into NULL, so these should not occur) become nil.
    static func exact(_ v: Value) -> String? {
        switch v {
        case .null: nil
        case .integer(let i): String(i)
        case .text(let s): s
        case .decimal(let d): d.isFinite ? d.description : nil
        }
    }

    static func displayDecimal(_ d: Double) -> String? {
        guard d.isFinite else { return nil }
        let scaled = (d * 10_000).rounded()
        if scaled == 0 && d != 0 { return d.description }   // tiny but not zero: do not print 0
        if abs(scaled) >= 1e15 { return d.description }      // beyond exact Int64 scaling
        let n = Int64(scaled)
        let sign = n < 0 ? "-" : ""
        let whole = abs(n) / 10_000, frac = abs(n) % 10_000
        if frac == 0 { return sign + String(whole) }
        var digits = String(frac)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    /// OWASP CSV-injection guard: a text cell a spreadsheet would read as a formula (it starts
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which Excel and
    /// LibreOffice show as text. District and unit names come from untrusted files.
    static func neutralised(_ s: String) -> String {
        isFormulaStart(s.utf8.first) ? "'" + s : s
    }

    /// Whether a text starting with this byte is one `neutralised` guards.
    static func isFormulaStart(_ first: UInt8?) -> Bool {
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}
