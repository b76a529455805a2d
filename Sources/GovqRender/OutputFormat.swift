/// The output formats a result can be written in (stub: filled in by the renderers).
import GovqEngine

public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, markdown
}
