/// The interactive loop: read a line, gather lines until the query is complete (`...>`), run it,
/// show the result or the error, repeat. Nothing a user types ends the session except `.quit`
/// and Ctrl-D; Ctrl-C abandons the query being typed.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqEngine
import GovqLoader
import GovqRender
import GovqSyntax

public final class REPL<Reader: LineReader> {
    public static var prompt: String { "govq> " }
    /// Same width as `prompt`, so continued lines line up.
    public static var continuationPrompt: String { " ...> " }

    /// The line source (public so tests can read a scripted reader's prompts and history).
    public private(set) var reader: Reader
    public let completer: Completer
    public internal(set) var data: LoadResult
    public internal(set) var paths: [String]
    public internal(set) var format: OutputFormat
    public internal(set) var timer = false
    /// `.lang zh`: results with Chinese headers and members.
    public internal(set) var chinese = false
    /// `.asof` / `--as-of`: the date (yyyymmdd) whose divisions reports are counted under; nil: as filed.
    public internal(set) var asOf: Int?
    /// The last result shown, for `.export`.
    public internal(set) var lastResult: ResultSet?
    /// `.headers`, `.nullvalue` (and `-header`, `-nullvalue` from the command line).
    public var options = RenderOptions()
    /// `.echo on`: each query is printed before its result (`-echo`).
    public var echo = false
    /// Print the welcome line (not when the REPL runs a piped script).
    public var showsWelcome = true
    /// How many errors were shown: a script run this way exits with 2 when any was.
    public private(set) var failures = 0
    /// The terminal's width, to fit wide tables on the screen (nil: not a terminal).
    public var screenWidth: () -> Int? = { nil }

    /// The sheets written so far to an `.xlsx` `.output` file (each result adds one).
    var workbookSheets: [ResultSet] = []
    /// `.read` nesting, so a file that reads itself stops.
    var readDepth = 0
    /// The text of the last query that ran, for `.why N`.
    var lastQuery: String?
    /// A file name as shown → the path to read it again (`why`).
    let readFile: (String) -> [UInt8]?

    var engine: QueryEngine
    var output: OutputTarget = .screen
    let color: Bool
    let loader: @Sendable ([String]) -> LoadResult
    let runner: (QueryEngine, String) throws -> ResultSet
    let checkReport: (LoadResult) -> String
    let writeOut: (String) -> Void
    let writeErr: (String) -> Void

    /// - Parameters:
    ///   - data: what is loaded now; `paths` is where it came from (`.load` adds to it).
    ///   - color: colour diagnostics and NULLs (only when the terminal is a TTY).
    ///   - loader: loads paths (the real `ReportLoader` by default; tests pass their own).
    ///   - runner: runs one statement (the engine by default; tests of the loop pass a fake).
    ///   - checkReport: what `.check` prints (the command line passes `govq check`'s text).
    ///   - stdout, stderr: where text goes; the process's streams by default.
    public init(data: LoadResult, paths: [String], reader: Reader, format: OutputFormat = .table, color: Bool = false,
                completer: Completer? = nil, asOf: Int? = nil,
                loader: @escaping @Sendable ([String]) -> LoadResult = { ReportLoader.load(paths: $0) },
                runner: @escaping (QueryEngine, String) throws -> ResultSet = { try $0.run($1, source: "<repl>") },
                // Not `REPL.checkReport`: a default naming the generic type captures `Reader.Type`.
                checkReport: @escaping (LoadResult) -> String = { REPL<StdinLineReader>.checkReport($0) },
                readFile: @escaping (String) -> [UInt8]? = WhyTable.readFile,
                stdout: @escaping (String) -> Void = REPLStreams.standardOutput,
                stderr: @escaping (String) -> Void = REPLStreams.standardError) {
        self.data = data
        self.paths = paths
        self.reader = reader
        self.format = format
        self.color = color
        self.completer = completer ?? Completer(cube: data.cube)
        self.loader = loader
        self.runner = runner
        self.checkReport = checkReport
        self.readFile = readFile
        self.asOf = asOf
        self.engine = QueryEngine(cube: REPL.placed(data.cube, asOf: asOf))
        writeOut = stdout
        writeErr = stderr
    }

    /// The first line a session prints: what is loaded and where help is.
    public var welcome: String {
        let bad = data.reports.filter { $0.status == .inconsistent }.count
        let note = bad == 0 ? "" : " (\(bad) inconsistent: see .check)"
        return "govq: \(REPL.describe(data))\(note). Enter a query, or .help for help."
    }

    /// "5 reports, years 2019–2020, 5 districts".
    static func describe(_ data: LoadResult) -> String {
        let cube = data.cube
        guard cube.reportCount > 0 else { return "no reports loaded (.load PATH adds some)" }
        let years = cube.years
        let span = years.count == 1 ? "year \(years[0])" : "years \(years.first!)–\(years.last!)"
        let districts = Set(cube.district.codes).count
        return "\(cube.reportCount) report\(cube.reportCount == 1 ? "" : "s"), \(span), "
            + "\(districts) district\(districts == 1 ? "" : "s")"
    }

    /// Starts in Chinese output (`--lang zh`).
    @discardableResult
    public func with(chinese: Bool) -> Self {
        self.chinese = chinese
        return self
    }

    /// Runs until `.quit` or the end of input.
    public func run() {
        if showsWelcome { writeOut(welcome + "\n") }
        var pending: [String] = []
        loop: while true {
            completer.pendingText = pending.joined(separator: "\n")
            switch reader.read(prompt: pending.isEmpty ? REPL.prompt : REPL.continuationPrompt) {
            case .end:
                break loop
            case .interrupt:
                pending.removeAll()
            case .line(let line):
                if !handle(line, pending: &pending, history: true) { break loop }
            }
        }
        finish(pending)
        completer.pendingText = ""
        reader.close()
    }

    /// One line typed (or read by `.read`): a dot-command, or part of a query that runs once it
    /// is complete. Returns false when the session should end.
    func handle(_ line: String, pending: inout [String], history: Bool) -> Bool {
        // Dot-commands are whole lines, and only between queries.
        if pending.isEmpty, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(".") {
            if history { reader.addHistory(line) }
            return runMetaCommand(line)
        }
        // `help`, `exit` and `quit` alone on a line do what they say (as in psql), not
        // a syntax error about a measure named 'quit'.
        if pending.isEmpty, let command = REPL.bareCommand(line) {
            if history { reader.addHistory(line) }
            return runMetaCommand(command)
        }
        if pending.isEmpty, line.allSatisfy(\.isWhitespace) { return true }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        guard QueryParser.isComplete(text) else { return true }
        pending.removeAll()
        if history {
            reader.addHistory(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
        }
        runQueries(text)
        return true
    }

    /// `.help` or `.quit` for a line that is only `help`, `exit` or `quit` (any case, `;` allowed).
    static func bareCommand(_ line: String) -> String? {
        var word = line.trimmingCharacters(in: .whitespaces).lowercased()
        if word.hasSuffix(";") { word.removeLast() }
        switch word {
        case "help": return ".help"
        case "exit", "quit": return ".quit"
        default: return nil
        }
    }

    /// A query left unfinished at the end of a script is run, so its error is shown (a
    /// terminal session that ends with Ctrl-D drops it, as sqlite3 does).
    func finish(_ pending: [String]) {
        guard !showsWelcome, !pending.isEmpty else { return }
        runQueries(pending.joined(separator: "\n"))
    }

    /// Runs every statement of `text`; an error is printed and the session goes on.
    func runQueries(_ text: String) {
        for statement in QueryParser.splitStatements(text) where !statement.text.allSatisfy(\.isWhitespace) {
            if let why = WhyTable.query(statement.text) {
                explain(why, row: nil, line: statement.line)
                continue
            }
            let start = ContinuousClock.now
            do {
                let answer = try runner(engine, statement.text)
                let result = chinese ? ChineseOutput.translate(answer) : answer
                lastQuery = statement.text
                let elapsed = ContinuousClock.now - start
                lastResult = result
                if echo { writeOut(statement.text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n") }
                emit(result)
                for w in result.warnings { writeErr("warning: \(TerminalText.escaped(w))\n") }
                if timer { writeOut("Run Time: \(REPL.seconds(elapsed)) s\n") }
            } catch let diagnostic as Diagnostic {
                var d = diagnostic
                // Line numbers count from the first line of what was typed, not of the statement.
                if var loc = d.location, statement.line > 1 {
                    loc.line += statement.line - 1
                    d.location = loc
                }
                report(d)
            } catch {
                report(.error("\(error)", source: "<repl>"))
            }
        }
    }

    /// `why QUERY` and `.why N`: the cells behind the query's numbers, in the current mode.
    func explain(_ text: String, row: Int?, line: Int = 1) {
        do {
            let query = try QueryParser.parse(text, source: "<repl>")
            let result = try WhyTable.explain(engine, query, text: text, source: "<repl>", row: row, read: readFile)
            lastResult = result
            emit(format.renderer(color: color && output == .screen).render(result))
            for w in result.warnings { writeErr("warning: \(TerminalText.escaped(w))\n") }
        } catch var d as Diagnostic {
            if var loc = d.location, line > 1 {
                loc.line += line - 1
                d.location = loc
            }
            report(d)
        } catch {
            report(.error("\(error)", source: "<repl>"))
        }
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.6f", s)
    }

    func report(_ d: Diagnostic) {
        failures += 1
        writeErr(DiagnosticFormatter.format(d, color: color))
    }
}

/// The process's standard streams, written unbuffered (write(2)) so results, errors and
/// readline's prompt appear in the order they were produced.
public enum REPLStreams {
    public static func standardOutput(_ text: String) { write(text, to: 1) }
    public static func standardError(_ text: String) { write(text, to: 2) }

    static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue } else { return } }
            bytes = bytes.dropFirst(n)
        }
    }
}
