/// Where the REPL's lines come from: GNU readline in a terminal, plain stdin otherwise, a
/// script in tests. The REPL owns the loop; a reader only reads and remembers history.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one read produced.
public enum LineInput: Sendable, Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: abandon the current line and any pending multi-line query.
    case interrupt
    /// Ctrl-D on an empty line, or the end of the input.
    case end
}

/// A source of input lines for the REPL.
public protocol LineReader {
    /// Shows `prompt` (if the reader is interactive) and reads one line.
    mutating func read(prompt: String) -> LineInput
    /// Records a finished entry (a whole query or a dot-command) in the history.
    mutating func addHistory(_ entry: String)
    /// Called once when the session ends: flush history, restore the terminal.
    mutating func close()
}

extension LineReader {
    public mutating func addHistory(_ entry: String) {}
    public mutating func close() {}
}

/// Reads lines from standard input with no prompt and no line editing: for pipes, and for tests
/// (readline echoes the prompt and the line when stdin is not a terminal).
public struct StdinLineReader: LineReader {
    public init() {}

    public mutating func read(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .end }
        // A CRLF file leaves its '\r' behind.
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }
}

/// Replays fixed lines (tests, `.read`-style scripts); `nil` in the script stands for Ctrl-C.
public struct ScriptedLineReader: LineReader {
    public private(set) var prompts: [String] = []
    public private(set) var history: [String] = []
    private var lines: [String?]

    public init(_ lines: [String?]) { self.lines = lines }

    public mutating func read(prompt: String) -> LineInput {
        prompts.append(prompt)
        guard !lines.isEmpty else { return .end }
        guard let line = lines.removeFirst() else { return .interrupt }
        return .line(line)
    }

    public mutating func addHistory(_ entry: String) { history.append(entry) }
}
