/// The process's standard streams as govq writes to them: whole strings, unbuffered by Swift,
/// plus whether each is a terminal (colour and the default output style depend on it).
import Foundation

enum StandardStreams {
    /// Writes to stdout. Each result is written in one call, so output interleaves sensibly
    /// with stderr when both go to a terminal.
    static func out(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Colour is on for a terminal, unless `NO_COLOR` is set (no-color.org) or `TERM=dumb`.
    static func wantsColor(fd: Int32) -> Bool {
        let env = ProcessInfo.processInfo.environment
        if let v = env["NO_COLOR"], !v.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(fd) != 0
    }

    /// Everything on stdin, as UTF-8 (invalid bytes become U+FFFD).
    static func readAllInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}
