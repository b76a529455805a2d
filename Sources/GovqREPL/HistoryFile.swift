/// Where the REPL keeps its history, and creating that file privately (queries can name
/// sensitive subjects, so the file is mode 0600, like bash's and sqlite3's).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum HistoryFile {
    /// Entries kept in memory and on disk.
    public static let limit = 1000

    /// `$XDG_STATE_HOME/govq/history` when `XDG_STATE_HOME` is set, else `~/.govq_history`.
    public static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return state + "/govq/history"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.govq_history"
        }
        return nil
    }

    /// Creates the file (and its folder, mode 0700) if missing, with mode 0600. Returns false
    /// when that is impossible; the REPL then runs without persistent history.
    @discardableResult
    public static func prepare(_ path: String) -> Bool {
        if let slash = path.lastIndex(of: "/") {
            let dir = String(path[..<slash])
            if !dir.isEmpty { makeDirectories(dir) }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if fd < 0 { return false }
        close(fd)
        return true
    }

    private static func makeDirectories(_ dir: String) {
        var st = stat()
        if stat(dir, &st) == 0 { return }
        if let slash = dir.lastIndex(of: "/"), slash != dir.startIndex {
            makeDirectories(String(dir[..<slash]))
        }
        mkdir(dir, 0o700)
    }
}
