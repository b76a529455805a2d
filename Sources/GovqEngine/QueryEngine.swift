/// The pipeline from query text to result: parse → plan (bind names) → execute over the cube's
/// columns. One engine serves many queries; what it learns about the cube (collation ranks,
/// empty missing-masks) is computed on first use and kept.
import GovqCube
import GovqDiagnostics
import GovqSyntax

public struct QueryEngine: Sendable {
    public let cube: Cube
    let cache = EngineCache()

    public init(cube: Cube) {
        self.cube = cube
    }

    var view: CubeView { CubeView(cube: cube, cache: cache) }

    /// Runs one query. Errors are thrown as `Diagnostic`.
    public func run(_ text: String, source: String = "<query>") throws -> ResultSet {
        let query = try QueryParser.parse(text, source: source)
        return try run(query, text: text, source: source)
    }

    /// Runs a parsed query; `text` and `source` are for error carets. Over a cube read lazily
    /// from a snapshot, an answer (or error) that read a region whose checksum failed is
    /// replaced by `CubeIntegrityError`: its numbers are never used.
    public func run(_ query: Query, text: String, source: String) throws -> ResultSet {
        try guarded { try answer(query, text: text, source: source) }
    }

    /// `body`'s answer, unless it read a stored region that failed its checksum.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        guard let integrity = cube.integrity else { return try body() }
        let result = Result { try body() }
        if let region = integrity.failure { throw CubeIntegrityError(source: integrity.source, region: region) }
        return try result.get()
    }

    private func answer(_ query: Query, text: String, source: String) throws -> ResultSet {
        let ctx = QueryContext(text: text, source: source)
        switch query {
        case .select(let q):
            let plan = try Planner.plan(q, view: view, ctx: ctx)
            var result = try Executor(plan: plan, view: view, ctx: ctx).run()
            result.warnings = plan.warnings + result.warnings
            return result
        case .show(let q):
            return try Show(view: view, ctx: ctx).run(q)
        }
    }
}
