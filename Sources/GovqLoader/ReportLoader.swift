/// Entry point of the loading stage: files or folders in, a cube and an account of every report out.
import GovqCube
import GovqDiagnostics

/// What happened to one file.
public struct ReportSummary: Sendable {
    public enum Status: String, Sendable { case ok, inconsistent, skipped }
    public var file: String
    public var district: String?
    public var unit: String?
    public var year: Int?
    public var template: Template?
    public var status: Status
    /// Why a report was skipped (not in the template, undecodable, no table, …).
    public var reason: String?

    public init(file: String, district: String? = nil, unit: String? = nil, year: Int? = nil,
                template: Template? = nil, status: Status, reason: String? = nil) {
        self.file = file
        self.district = district
        self.unit = unit
        self.year = year
        self.template = template
        self.status = status
        self.reason = reason
    }
}

public struct LoadResult: Sendable {
    public var cube: Cube
    /// One entry per file considered, in path order.
    public var reports: [ReportSummary]
    public var diagnostics: [Diagnostic]

    public init(cube: Cube = Cube(), reports: [ReportSummary] = [], diagnostics: [Diagnostic] = []) {
        self.cube = cube
        self.reports = reports
        self.diagnostics = diagnostics
    }

    /// True when every report loaded and adds up.
    public var allConsistent: Bool { reports.allSatisfy { $0.status == .ok } }
}

public enum ReportLoader {
    /// Loads report texts from files and folders (recursively, `*.txt`).
    public static func load(paths: [String]) -> LoadResult {
        LoadResult()
    }
}
