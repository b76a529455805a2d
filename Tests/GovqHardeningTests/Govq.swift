/// The built govq, run as a process with its output captured: directly (`Govq.run`) or
/// through `/bin/sh` (`Shell.run`), the same way.
import Foundation
import Testing

enum Govq {
    /// The built `govq` (next to the test bundle), or `GOVQ_BIN`.
    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["GOVQ_BIN"] { return URL(fileURLWithPath: path) }
        let bases = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()].compactMap { $0 }
            + Bundle.allBundles.map { $0.bundleURL }
        let candidates = bases.flatMap { [$0.appendingPathComponent("govq"), $0.deletingLastPathComponent().appendingPathComponent("govq")] }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath
            && (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true }
    }()

    /// Runs govq; (stdout, stderr, status).
    static func run(_ arguments: [String], in directory: URL) throws -> (out: String, err: String, status: Int32) {
        let binary = try #require(binary, "govq binary not found")
        return try capture(binary, arguments, in: directory)
    }

    /// Runs `executable` in `directory` with stdin empty, no `GOVQ_DATA`, no colour and `extra`
    /// in its environment; its stdout and stderr go to files (outside `directory`: a data
    /// folder's other files are counted in the load summary).
    static func capture(_ executable: URL, _ arguments: [String], in directory: URL,
                        environment extra: [String: String] = [:]) throws -> (out: String, err: String, status: Int32) {
        let id = UUID().uuidString
        let tmp = FileManager.default.temporaryDirectory
        let out = tmp.appendingPathComponent("govq-\(id).stdout"), err = tmp.appendingPathComponent("govq-\(id).stderr")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["GOVQ_DATA"] = nil
        env["NO_COLOR"] = "1"
        env.merge(extra) { $1 }
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return (String(decoding: try Data(contentsOf: out), as: UTF8.self),
                String(decoding: try Data(contentsOf: err), as: UTF8.self), p.terminationStatus)
    }
}
