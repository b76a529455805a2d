/// What a generated report contains, as a careful reader would read it: the answer key that
/// the round-trip test compares the loader with. Written as JSON Lines, one object per file.
import GovqCube

public struct TruthRecord: Sendable, Equatable {
    public enum Status: String, Sendable { case ok, inconsistent, skipped }
    /// Path relative to the corpus folder.
    public var file: String
    public var status: Status
    /// For a deliberately broken report: `identity`, `row_without_cells`, `pre_2019`,
    /// `no_table`, `empty`.
    public var fault: String?
    public var district: String?
    public var unit: String?
    public var year: Int?
    public var template: Template?
    /// `applications[outcome][applicant]` for the six applicant columns; nil = not in the text.
    public var applications: [[Int32?]]
    /// `reviews[result][proceeding]`.
    public var reviews: [[Int32?]]
    /// Bytes of report text.
    public var bytes: Int
    /// How the tables are laid out (`tabRows zero='-' fullwidth split …`), to tell which
    /// variant a loader mis-reads.
    public var layout: String = ""

    /// One line of JSON (no trailing newline). Keys in a fixed order, so a corpus file is
    /// byte-identical for a seed.
    public var jsonLine: String {
        var s = "{\"file\":\(quote(file)),\"status\":\"\(status.rawValue)\""
        if let fault { s += ",\"fault\":\(quote(fault))" }
        if let district { s += ",\"district\":\(quote(district))" }
        if let unit { s += ",\"unit\":\(quote(unit))" }
        if let year { s += ",\"year\":\(year)" }
        if let template { s += ",\"template\":\"\(template.name)\"" }
        if status != .skipped {
            s += ",\"applications\":{"
            s += Outcome.allCases.map { o in
                quote(o.name) + ":[" + applications[o.rawValue].map { $0.map(String.init) ?? "null" }.joined(separator: ",") + "]"
            }.joined(separator: ",")
            s += "},\"reviews\":{"
            s += Proceeding.allCases.map { p in
                quote(p.name) + ":[" + ReviewResult.allCases.map { reviews[$0.rawValue][p.rawValue].map(String.init) ?? "null" }.joined(separator: ",") + "]"
            }.joined(separator: ",")
            s += "}"
        }
        if !layout.isEmpty { s += ",\"layout\":\(quote(layout))" }
        return s + ",\"bytes\":\(bytes)}"
    }

    private func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
