/// The one error model every stage of govq reports through: the loader (file, line, cell),
/// the parser and the planner (query text, column, caret width).

/// How bad a diagnostic is. Errors make a report inconsistent or a query fail; warnings are
/// shown but change nothing; notes only inform.
public enum Severity: String, Sendable, Codable, Comparable {
    case note, warning, error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A place in a text: 1-based line and column (column counts Unicode scalars, as an editor does),
/// and how many scalars the caret run covers.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    public var length: Int

    public init(line: Int, column: Int = 1, length: Int = 1) {
        self.line = line
        self.column = column
        self.length = max(length, 1)
    }
}

/// One thing wrong (or worth saying) about a report or a query.
public struct Diagnostic: Error, Sendable, Hashable, Codable {
    public var severity: Severity
    /// Lower-case, no trailing period, user text in single quotes: `unknown measure 'deneid'`.
    public var message: String
    /// A file path, `<query>` for `-e`, `<repl>` in the REPL.
    public var source: String
    public var location: SourceLocation?
    /// The text of the line the location points into, for the caret display.
    public var sourceLine: String?
    /// `= help:` line, e.g. `did you mean 'denied'?`.
    public var help: String?
    /// Further `= note:` lines.
    public var notes: [String]
    /// For loader diagnostics: the table row and column the problem is in, and the numbers
    /// involved (machine-readable in `govq check --format json`).
    public var row: String?
    public var column: String?
    public var expected: Int64?
    public var found: Int64?
    /// Where in a document that is not a text file the problem is (`page 3, x 120, y 341`,
    /// `table 1, row 5, cell 3`): shown instead of the line and column, which then count in the
    /// row of cells shown under it.
    public var place: String?

    public init(
        _ severity: Severity, _ message: String, source: String,
        location: SourceLocation? = nil, sourceLine: String? = nil, help: String? = nil,
        notes: [String] = [], row: String? = nil, column: String? = nil,
        expected: Int64? = nil, found: Int64? = nil
    ) {
        self.severity = severity
        self.message = message
        self.source = source
        self.location = location
        self.sourceLine = sourceLine
        self.help = help
        self.notes = notes
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found
    }

    public static func error(_ message: String, source: String, location: SourceLocation? = nil,
                             sourceLine: String? = nil, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, source: source, location: location, sourceLine: sourceLine, help: help)
    }
}
