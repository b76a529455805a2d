/// Line editing, history and tab completion through GNU readline: the only file that imports
/// CReadline. It uses readline's callback interface around poll(2), so that Ctrl-C (a SIGINT
/// that interrupts the poll) can abandon the line and return to the REPL, as Python's REPL does.
/// readline is loaded (dlopen) when the first reader is made, not at every start of govq.
import CReadline
#if canImport(Glibc)
import Glibc
#endif

// readline calls back through plain C function pointers, which cannot capture context; these
// globals hold it. Only the main thread runs the REPL.
nonisolated(unsafe) private var finishedLine: String?
nonisolated(unsafe) private var lineFinished = false
nonisolated(unsafe) private var activeCompleter: Completer?
nonisolated(unsafe) private var pendingMatches: [String] = []
nonisolated(unsafe) private var pendingIndex = 0

/// Called by readline when Enter or Ctrl-D (on an empty line) ends the line.
private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { raw in
    if let raw {
        finishedLine = String(cString: raw)
        free(raw)  // readline mallocs the buffer
    } else {
        finishedLine = nil
    }
    lineFinished = true
    // Removing the handler here keeps readline from printing the prompt again.
    govq_rl_callback_handler_remove()
}

/// `rl_attempted_completion_function`: decides from the text before the word what fits there.
private let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, _ in
    guard let text, let completer = activeCompleter, let buffer = govq_line_buffer() else { return nil }
    // `start` is a byte offset: decode the bytes before it, not the characters.
    let prefixBytes = UnsafeRawBufferPointer(start: buffer, count: Int(start))
    let linePrefix = String(decoding: prefixBytes, as: UTF8.self)
    switch completer.complete(word: String(cString: text), linePrefix: linePrefix) {
    case .files:
        govq_set_completion_over(0)  // readline's filename completion
        return nil
    case .words(let words):
        govq_set_completion_over(1)  // never fall back to file names inside a query
        if words.isEmpty { return nil }
        pendingMatches = words
        return govq_rl_completion_matches(text, matchGenerator)
    }
}

/// readline's generator protocol: state 0 starts over; return malloc'd strings, then NULL.
private let matchGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    if state == 0 { pendingIndex = 0 }
    guard pendingIndex < pendingMatches.count else { return nil }
    defer { pendingIndex += 1 }
    return strdup(pendingMatches[pendingIndex])
}

/// Characters that end a word for completion. Not '.', so `denied.third_party` completes whole;
/// not quotes, so `"济南` completes inside its quotes; Chinese text never breaks (non-ASCII).
nonisolated(unsafe) private let wordBreaks = strdup(" \t\n(),=<>!~+*/;")

public struct ReadlineLineReader: LineReader {
    private let historyPath: String?
    private var lastEntry: String?

    /// Why GNU readline cannot be used here (it is not installed, or lacks a function), or nil
    /// when it is loaded. Loads it on the first call.
    public static func unavailable() -> String? { govq_readline_load().map { String(cString: $0) } }

    /// - Parameters:
    ///   - completer: answers Tab.
    ///   - historyPath: the history file (see `HistoryFile.path`); nil keeps history in memory.
    /// Only after `unavailable()` has returned nil.
    public init(completer: Completer, historyPath: String?) {
        // readline treats bytes above 127 as Meta keys unless the locale says UTF-8.
        if let current = setlocale(LC_CTYPE, ""), String(cString: current) != "C", String(cString: current) != "POSIX" {
        } else {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        govq_set_readline_name("govq")
        govq_set_catch_signals(0)
        govq_set_word_break_characters(wordBreaks)
        govq_set_completion_function(attemptCompletion)
        activeCompleter = completer
        govq_install_signal_handlers()

        govq_using_history()
        govq_stifle_history(Int32(HistoryFile.limit))
        if let path = historyPath, HistoryFile.prepare(path) {
            self.historyPath = path
            govq_read_history(path)
            govq_history_truncate_file(path, Int32(HistoryFile.limit))
            lastEntry = govq_last_history_line().map { String(cString: $0) }
        } else {
            self.historyPath = nil
        }
    }

    public mutating func read(prompt: String) -> LineInput {
        finishedLine = nil
        lineFinished = false
        _ = govq_take_sigint()  // a Ctrl-C while a query ran is not meant for this line
        govq_rl_callback_handler_install(prompt, lineHandler)
        var pfd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while !lineFinished {
            let ready = poll(&pfd, 1, -1)
            if govq_take_sigint() != 0 {
                abandonLine()
                return .interrupt
            }
            if govq_take_sigwinch() != 0 { govq_rl_resize_terminal() }
            if ready > 0 {
                govq_rl_callback_read_char()
            } else if ready < 0, errno != EINTR {
                govq_rl_callback_handler_remove()
                return .end
            }
        }
        guard let line = finishedLine else {
            REPLStreams.standardOutput("\n")  // Ctrl-D: leave the shell's prompt on a line of its own
            return .end
        }
        return .line(line)
    }

    /// Ctrl-C: drop what was typed, restore the terminal, and move to a fresh line.
    private func abandonLine() {
        // Echo first, after what was typed: the cleanup below may move the cursor.
        REPLStreams.standardOutput("^C\n")
        govq_rl_free_line_state()
        govq_rl_callback_sigcleanup()
        govq_rl_cleanup_after_signal()
        govq_rl_callback_handler_remove()
        govq_rl_replace_line("", 0)
    }

    public mutating func addHistory(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != lastEntry else { return }
        govq_add_history(entry)
        lastEntry = entry
        // Append at once, so a crash loses nothing.
        if let historyPath { govq_append_history(1, historyPath) }
    }

    public mutating func close() {
        // Rewrite the file from the bounded in-memory list (append only grows it).
        if let historyPath { govq_write_history(historyPath) }
        activeCompleter = nil
    }
}
