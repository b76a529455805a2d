/// The pipeline from query text to result: parse → plan → execute (stub: filled in by the engine).
import GovqCube
import GovqDiagnostics
import GovqSyntax

public struct QueryEngine: Sendable {
    public let cube: Cube

    public init(cube: Cube) {
        self.cube = cube
    }

    /// Runs one query. Errors are thrown as `Diagnostic`.
    public func run(_ text: String, source: String = "<query>") throws -> ResultSet {
        let query = try QueryParser.parse(text, source: source)
        return try run(query, text: text, source: source)
    }

    /// Runs a parsed query; `text` and `source` are for error carets.
    public func run(_ query: Query, text: String, source: String) throws -> ResultSet {
        throw Diagnostic.error("the engine is not implemented yet", source: source)
    }
}
