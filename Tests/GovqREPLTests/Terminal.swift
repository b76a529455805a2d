/// Drives the real `govq` binary in a pseudo-terminal: a private tmux server (its own socket,
/// no config), keys sent with `send-keys`, the screen read with `capture-pane`. Waits poll
/// the screen until a condition holds or a timeout passes, never fixed sleeps.
import Foundation

struct Terminal {
    /// Whether tmux can be run at all (the terminal tests are skipped without it).
    static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The `govq` built next to this test bundle (`.build/debug/govq`).
    static var govqPath: String? {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On macOS the runner sits inside `govqPackageTests.xctest/Contents/MacOS`.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("govq").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// The sample reports in this checkout.
    static let samplesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples/reports").path

    let socket = "govq-test-\(UUID().uuidString.prefix(8))"
    let session = "repl"
    /// Scratch folder: `XDG_STATE_HOME` and `HOME` for the REPL, files it writes.
    let home: URL

    init(home: URL? = nil) {
        self.home = home ?? {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("govq-tty-\(UUID().uuidString)")
            try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }()
    }

    /// Starts `govq ARGS` in a 120×40 terminal with a UTF-8 locale and no readline init file.
    func start(_ arguments: [String] = ["--data", Terminal.samplesPath]) throws {
        guard let govq = Terminal.govqPath else { throw TerminalError("govq binary not found next to the test bundle") }
        let env = ["HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                   "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "INPUTRC": "/dev/null", "NO_COLOR": "1", "TERM": "xterm"]
        let command = "env " + env.sorted { $0.key < $1.key }.map { "\($0.key)=\(quote($0.value))" }.joined(separator: " ")
            + " " + ([govq] + arguments).map(quote).joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
    }

    /// Keys by tmux name: "Tab", "Enter", "Up", "C-c", "C-d".
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    /// Literal text (Chinese included).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// The visible screen, trailing blank lines dropped.
    func screen() -> String {
        (try? tmux(["capture-pane", "-p", "-t", session])) ?? ""
    }

    /// Whether govq is still running (its session ends with it).
    var isRunning: Bool { (try? tmux(["has-session", "-t", session])) != nil }

    /// Polls the screen until `condition` holds; returns the last screen either way.
    @discardableResult
    func waitFor(timeout: Double = 15, _ condition: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return (true, last) }
            usleep(50_000)
        }
        return (false, last)
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) -> (ok: Bool, screen: String) {
        waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// Waits until govq has exited.
    func waitForExit(timeout: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !isRunning { return true }
            usleep(50_000)
        }
        return false
    }

    /// Removes the scratch folder (after `stop`; a test that reuses it for a second session
    /// removes it after that one).
    func removeHome() {
        try? FileManager.default.removeItem(at: home)
    }

    func stop() {
        _ = try? tmux(["kill-server"])
    }

    /// Runs one tmux command. Its output goes to a file, never a pipe: the tmux server that
    /// `new-session` forks inherits the client's descriptors, so a pipe would never see EOF.
    /// Spawned with posix_spawn and reaped with waitpid: Foundation's `Process.waitUntilExit`
    /// spins its run loop and, under swift-testing's threads, can miss the child's exit.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let outPath = arguments.first == "capture-pane"
            ? home.appendingPathComponent(".tmux-out-\(UUID().uuidString)").path : "/dev/null"
        defer { if outPath != "/dev/null" { unlink(outPath) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        let argv = [Terminal.tmuxPath!, "-u", "-L", socket, "-f", "/dev/null"] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }
        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = envp.map { strdup($0) } + [nil]
        defer { for p in cArgv + cEnv { free(p) } }
        // The test runner's threads may block signals; the mask is inherited, so start clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgv, &cEnv)
        guard rc == 0 else { throw TerminalError("tmux \(arguments.first ?? ""): posix_spawn failed (\(rc))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED && WEXITSTATUS == 0
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { throw TerminalError("tmux \(arguments.first ?? "") failed") }
        guard outPath != "/dev/null" else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    private func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

struct TerminalError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
