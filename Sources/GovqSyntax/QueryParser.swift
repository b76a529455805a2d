/// Entry points of the language front end (stub: the lexer and parser fill this in).
import GovqDiagnostics

public enum QueryParser {
    /// Parses one query. Errors are thrown as `Diagnostic` with the source name (`<query>`,
    /// `<repl>`, a file path), location, source line and caret length filled in.
    public static func parse(_ text: String, source: String = "<query>") throws -> Query {
        throw Diagnostic.error("the query language is not implemented yet", source: source)
    }

    /// Splits a script into queries at `;` outside strings and comments; each with the 1-based
    /// line it starts on. Empty statements are dropped.
    public static func splitStatements(_ text: String) -> [(text: String, line: Int)] {
        [(text, 1)]
    }

    /// Whether the REPL should run this input now, or ask for another line (`...>`).
    public static func isComplete(_ text: String) -> Bool { true }
}
