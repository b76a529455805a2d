/// Compares what a loader read with the truth, cell by cell, and says every difference in a
/// line a person can act on (file, field, expected, found). Used by the round-trip test and
/// by `govq-bench verify`.
import GovqCube

/// One report as a loader produced it, in plain values.
public struct ReadReport: Sendable {
    public var status: String
    public var district: String?
    public var unit: String?
    public var year: Int?
    public var template: Template?
    /// nil when the report is not in the cube (skipped).
    public var applications: [[Int32?]]?
    public var reviews: [[Int32?]]?

    public init(status: String, district: String?, unit: String?, year: Int?, template: Template?,
                applications: [[Int32?]]?, reviews: [[Int32?]]?) {
        self.status = status
        self.district = district
        self.unit = unit
        self.year = year
        self.template = template
        self.applications = applications
        self.reviews = reviews
    }
}

public enum TruthComparison {
    /// Every difference; `read` is keyed by the truth's relative path.
    public static func differences(_ truths: [TruthRecord], _ read: [String: ReadReport]) -> [String] {
        var out: [String] = []
        for t in truths {
            guard let r = read[t.file] else { out.append("\(t.file): not loaded at all"); continue }
            let what = t.fault.map { " (\($0))" } ?? ""
            if r.status != t.status.rawValue { out.append("\(t.file)\(what): status expected \(t.status.rawValue), found \(r.status)") }
            if t.status == .skipped { continue }
            if r.district != t.district { out.append("\(t.file): district expected \(t.district ?? "nil"), found \(r.district ?? "nil")") }
            if r.unit != t.unit { out.append("\(t.file): unit expected \(t.unit ?? "nil"), found \(r.unit ?? "nil")") }
            if r.year != t.year { out.append("\(t.file): year expected \(t.year.map(String.init) ?? "nil"), found \(r.year.map(String.init) ?? "nil")") }
            if r.template != t.template { out.append("\(t.file): template expected \(t.template?.name ?? "nil"), found \(r.template?.name ?? "nil")") }
            guard let apps = r.applications, let reviews = r.reviews else { out.append("\(t.file)\(what): not in the cube"); continue }
            for o in Outcome.allCases {
                for a in ApplicantType.allCases where apps[o.rawValue][a.rawValue] != t.applications[o.rawValue][a.rawValue] {
                    out.append("\(t.file)\(what): \(o.name) × \(a.name) expected \(describe(t.applications[o.rawValue][a.rawValue])), found \(describe(apps[o.rawValue][a.rawValue]))")
                }
            }
            for res in ReviewResult.allCases {
                for p in Proceeding.allCases where reviews[res.rawValue][p.rawValue] != t.reviews[res.rawValue][p.rawValue] {
                    out.append("\(t.file)\(what): \(p.name) × \(res.name) expected \(describe(t.reviews[res.rawValue][p.rawValue])), found \(describe(reviews[res.rawValue][p.rawValue]))")
                }
            }
        }
        return out
    }

    static func describe(_ v: Int32?) -> String { v.map(String.init) ?? "missing" }
}
