/// sqlite3's line mode: one `name = value` per line, names right-aligned to the widest, an empty
/// line between rows. For results too wide for the terminal (`show measures`), and for reading
/// one row at a time. Values as the table shows them (decimals to 4 places, NULL as `NULL`,
/// control characters made visible).
///
///     district = 济南市历城区
///       denied = 22
import GovqDiagnostics
import GovqEngine

public struct LineRenderer: ResultRenderer {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        let names = result.columns.map { TableRenderer.visible($0.name) }
        let width = names.map { DisplayWidth.of($0) }.max() ?? 0
        let labels = names.map { String(repeating: " ", count: width - DisplayWidth.of($0)) + $0 + " = " }
        let null = TableRenderer.visible(options.nullText ?? "NULL")
        for (r, row) in result.rows.enumerated() {
            if r > 0 { out.write("\n") }
            for (i, value) in row.enumerated() where i < labels.count {
                out.write(labels[i])
                out.write(ValueText.display(value).map(TableRenderer.visible) ?? null)
                out.write("\n")
            }
        }
    }
}
