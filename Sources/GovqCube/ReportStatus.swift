/// Whether a loaded report adds up: a dimension of every report (`where status = ok`), stored
/// one byte a report. A report that does not add up keeps its numbers as printed; `status` lets
/// a query leave it out, and tells the engine which answers it fed.
public enum ReportStatus: Int, CaseIterable, Sendable {
    case ok, inconsistent

    public var name: String { self == .ok ? "ok" : "inconsistent" }
}
