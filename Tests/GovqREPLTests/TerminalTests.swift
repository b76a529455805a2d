/// The REPL as a person uses it: the real binary in a tmux terminal, keys in, screen out.
/// Numbers are the samples' own (denied: 济南市历城区 22, 下城区 6).
import Foundation
import Testing

@Suite(.serialized, .enabled(if: Terminal.tmuxPath != nil, "tmux is not installed: the terminal tests drive govq in tmux (apt-get install tmux)"))
struct TerminalTests {
    /// Runs `body` against a started REPL, always stopping the tmux server and removing the
    /// scratch folder (unless the next session is to see it: `keepHome`).
    func withREPL(_ terminal: Terminal = Terminal(), keepHome: Bool = false, _ body: (Terminal) throws -> Void) throws {
        defer {
            terminal.stop()
            if !keepHome { terminal.removeHome() }
        }
        try terminal.start()
        let ready = terminal.waitFor("govq>")  // capture-pane drops trailing spaces
        try #require(ready.ok, "no prompt; screen:\n\(ready.screen)")
        try body(terminal)
    }

    @Test func welcomeLineSaysWhatIsLoaded() throws {
        try withREPL { t in
            let s = t.screen()
            #expect(s.contains("govq: 5 reports, years 2019–2020, 5 districts (1 inconsistent: see .check). Enter a query, or .help for help."), "\(s)")
        }
    }

    @Test func tabCompletesAMeasure() throws {
        try withREPL { t in
            try t.type("sum den")
            try t.press("Tab")
            let r = t.waitFor("govq> sum denied")
            #expect(r.ok, "screen:\n\(r.screen)")
        }
    }

    @Test func tabCompletesAChineseDistrict() throws {
        try withREPL { t in
            try t.type("sum denied where district = 临")
            try t.press("Tab")
            let r = t.waitFor("district = 临淄区")
            #expect(r.ok, "screen:\n\(r.screen)")
        }
    }

    @Test func modeCSVChangesTheNextResult() throws {
        try withREPL { t in
            try t.type(".mode csv")
            try t.press("Enter")
            try t.type("sum denied by district")
            try t.press("Enter")
            let r = t.waitFor("下城区,6")
            #expect(r.ok, "screen:\n\(r.screen)")
            #expect(r.screen.contains("济南市历城区,22"))
        }
    }

    @Test func aQueryIsInTheHistoryOfTheNextSession() throws {
        let first = Terminal()
        try withREPL(first, keepHome: true) { t in
            try t.type("sum denied by district")
            try t.press("Enter")
            #expect(t.waitFor("济南市历城区").ok)
            try t.type(".quit")
            try t.press("Enter")
            #expect(t.waitForExit())
        }
        let path = first.home.appendingPathComponent("state/govq/history").path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try withREPL(Terminal(home: first.home)) { t in
            try t.press("Up")
            try t.press("Up")
            let r = t.waitFor("govq> sum denied by district")
            #expect(r.ok, "screen:\n\(r.screen)")
        }
    }

    @Test func ctrlCAbandonsTheLineAndThePendingQuery() throws {
        try withREPL { t in
            try t.type("sum denied by")
            try t.press("Enter")
            #expect(t.waitFor(" ...>").ok)
            try t.type("dist")
            try t.press("C-c")
            #expect(t.waitFor("^C").ok)
            // Still running, and nothing of the abandoned query is left: a dot-command works.
            try t.type(".timer")
            try t.press("Enter")
            let r = t.waitFor("timer is off")
            #expect(r.ok, "screen:\n\(r.screen)")
            #expect(t.isRunning)
        }
    }

    @Test func exportWritesTheLastResult() throws {
        try withREPL { t in
            let file = t.home.appendingPathComponent("denied.csv").path
            try t.type("sum denied by district")
            try t.press("Enter")
            #expect(t.waitFor("济南市历城区").ok)
            try t.type(".export \(file)")
            try t.press("Enter")
            let r = t.waitFor("wrote 5 rows to")
            #expect(r.ok, "screen:\n\(r.screen)")
            let csv = try String(contentsOfFile: file, encoding: .utf8)
            #expect(csv.contains("济南市历城区,22"))
            #expect(csv.contains("下城区,6"))
        }
    }

    @Test func anErrorKeepsTheSessionAndCtrlDExits() throws {
        try withREPL { t in
            try t.type("sum deneid by district")
            try t.press("Enter")
            let r = t.waitFor("did you mean 'denied'?")
            #expect(r.ok, "screen:\n\(r.screen)")
            #expect(r.screen.contains("--> <repl>:1:5"))
            #expect(t.isRunning)
            try t.press("C-d")
            #expect(t.waitForExit())
        }
    }

    @Test func loadTakesASnapshotToo() throws {
        let terminal = Terminal()
        defer {
            terminal.stop()
            terminal.removeHome()
        }
        let snapshot = terminal.home.appendingPathComponent("one.govq").path
        let index = Process()
        index.executableURL = URL(fileURLWithPath: try #require(Terminal.govqPath))
        index.arguments = ["index", Terminal.samplesPath + "/000_55b3ad02e644708f.txt", "-o", snapshot]
        index.standardOutput = FileHandle.nullDevice
        try index.run()
        index.waitUntilExit()
        try #require(index.terminationStatus == 0)
        try terminal.start(["--data", Terminal.samplesPath + "/004_7c44efe8d794ab26.txt"])
        #expect(terminal.waitFor("govq>").ok)
        try terminal.type(".load \(snapshot)")
        try terminal.press("Enter")
        let loaded = terminal.waitFor("added 1 report")
        #expect(loaded.ok, "screen:\n\(loaded.screen)")
        // 历城 22 denied + 下城 6.
        try terminal.type("sum denied")
        try terminal.press("Enter")
        let r = terminal.waitFor("│     28 │")
        #expect(r.ok, "screen:\n\(r.screen)")
    }
}
