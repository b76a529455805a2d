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
        let out = directory.appendingPathComponent(".sh-stdout"), err = directory.appendingPathComponent(".sh-stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["GOVQ_DATA"] = nil
        env["NO_COLOR"] = "1"
        env["GOVQ"] = binary.path
        env["SAMPLES"] = samples
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return (String(decoding: try Data(contentsOf: out), as: UTF8.self),
                String(decoding: try Data(contentsOf: err), as: UTF8.self), p.terminationStatus)
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
