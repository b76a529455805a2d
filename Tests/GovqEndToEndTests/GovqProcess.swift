/// Runs the built `govq` binary the way a user's shell would, capturing stdout, stderr and the
/// exit status (clox's test runner checks output and exit code the same way).
import Foundation

struct GovqRun: Equatable {
    var stdout: String
    var stderr: String
    var status: Int32
}

enum GovqProcess {
    /// The package root, from this file's path: Tests/GovqEndToEndTests/GovqProcess.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `govq` executable built alongside this test bundle (`GOVQ_BIN` overrides).
    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["GOVQ_BIN"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        for base in [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()].compactMap({ $0 }) {
            candidates.append(base.appendingPathComponent("govq"))
            candidates.append(base.deletingLastPathComponent().appendingPathComponent("govq"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("govq"))
        }
        candidates.append(root.appendingPathComponent(".build/debug/govq"))
        return candidates.first { url in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }()

    static func isTextFileBusy(_ e: NSError) -> Bool {
        (e.userInfo[NSUnderlyingErrorKey] as? NSError).map { $0.domain == NSPOSIXErrorDomain && $0.code == Int(ETXTBSY) } ?? false
    }

    /// Runs govq in the package root with `arguments`, feeding `stdin` (nil: an empty pipe, as in
    /// CI). The environment is the test's own without `GOVQ_DATA` and with colour off.
    static func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
                    directory: URL = root, binary: URL? = binary) throws -> GovqRun {
        guard let binary else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "govq binary not found"]) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("govq-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        let inURL = scratch.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

        var env = ProcessInfo.processInfo.environment
        env["GOVQ_DATA"] = nil
        env["NO_COLOR"] = "1"
        env.merge(extra) { $1 }
        // A binary copied a moment ago may be briefly held open for writing by a child another
        // test forked meanwhile (it inherited the copy's descriptor): exec says ETXTBSY. Again, a
        // few times (a new Process each time), as that child execs or exits.
        var process = Process()
        for attempt in 1... {
            process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = env
            process.standardInput = try FileHandle(forReadingFrom: inURL)
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            do {
                try process.run()
                break
            } catch let e as NSError where attempt < 20 && Self.isTextFileBusy(e) {
                usleep(50_000)
            }
        }
        process.waitUntilExit()
        return GovqRun(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                       stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                       status: process.terminationStatus)
    }
}
