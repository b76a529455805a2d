/// Runs the built govq through `/bin/sh`, for attacks a plain `Process` cannot set up: closed
/// or full standard streams (`>&-`, `> full`), pipes whose reader leaves, SIGPIPE ignored.
/// The script sees the binary as `$GOVQ` and the samples as `$SAMPLES`.
import Foundation
import Testing

enum Shell {
    static let samples = Hardening.root.appendingPathComponent("Samples/reports").path

    /// Runs `script` in `directory`; (stdout, stderr, status) as files captured them.
    static func run(_ script: String, in directory: URL) throws -> (out: String, err: String, status: Int32) {
        let binary = try #require(Govq.binary, "govq binary not found")
        return try Govq.capture(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory,
                                environment: ["GOVQ": binary.path, "SAMPLES": samples])
    }

    /// `lstat`'s file type bits for `path` (S_IFREG, S_IFLNK, S_IFCHR, …), or nil.
    static func type(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }
}
