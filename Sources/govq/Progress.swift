/// A progress bar on stderr while reports load: shown only when stderr is a terminal and the
/// load has taken more than a second (a quick load stays silent), redrawn at most ten times a
/// second, and erased when the load ends so the results start on a clean line.
import Foundation
import GovqLoader
import Synchronization

final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: UInt64 = 0
        var shown = false
    }

    private let start = DispatchTime.now().uptimeNanoseconds
    private let enabled: Bool
    private let state = Mutex(State())
    private let label: String

    init(label: String = "loading", enabled: Bool = isatty(2) != 0) {
        self.label = label
        self.enabled = enabled
    }

    /// `ReportLoader.load` with this bar attached, erased afterwards.
    static func load(_ paths: [String], label: String = "loading") -> LoadResult {
        let bar = ProgressBar(label: label)
        defer { bar.finish() }
        guard bar.enabled else { return ReportLoader.load(paths: paths) }
        let callback: @Sendable (Int, Int) -> Void = { done, total in bar.update(done, total) }
        return ReportLoader.load(paths: paths, progress: callback)
    }

    /// Called from loader threads after each file.
    func update(_ done: Int, _ total: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard enabled, now - start > 1_000_000_000 else { return }
        let line: String? = state.withLock { s in
            guard now - s.lastDraw > 100_000_000 || done == total else { return nil }
            s.lastDraw = now
            s.shown = true
            return Self.render(label: label, done: done, total: total, seconds: Double(now - start) / 1e9)
        }
        if let line { StandardStreams.err(line) }
    }

    /// `\r` + `loading  45,000/100,000 reports [#########-----------]  45%  2.1 s`, then
    /// erase-to-end-of-line so a shorter line leaves no debris.
    static func render(label: String, done: Int, total: Int, seconds: Double, width: Int = 30) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "\r\(label) \(grouped(done))/\(grouped(total)) reports [\(bar)] \(Int(fraction * 100))%  "
            + String(format: "%.1f s", seconds) + "\u{1B}[K"
    }

    static func grouped(_ n: Int) -> String {
        var s = String(n), out = ""
        while s.count > 3 { out = "," + s.suffix(3) + out; s = String(s.dropLast(3)) }
        return s + out
    }

    func finish() {
        let shown = state.withLock { $0.shown }
        if shown { StandardStreams.err("\r\u{1B}[K") }
    }
}
