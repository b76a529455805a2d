/// One query of a script, with where it came from, so that an error inside it points at the
/// right line of the file. `QueryParser.splitStatements` pads a statement's first line with
/// spaces to its column in the file, so columns are already right; lines count from the
/// statement's first line and are moved here.
import GovqDiagnostics
import GovqLoader

struct Statement {
    var text: String
    /// `<query>` for `-e`, `<stdin>`, or the path of the `-f` file.
    var source: String
    /// The 1-based line of the script the statement starts on.
    var firstLine: Int
    /// The whole script, to show the file's own line under the caret.
    var script: String

    /// The diagnostic with its location moved from statement to script coordinates.
    func relocated(_ d: Diagnostic) -> Diagnostic {
        guard var loc = d.location, text != script else { return d }
        var d = d
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        let absolute = firstLine + loc.line - 1
        guard absolute >= 1, absolute <= lines.count else { return d }
        var fileLine = lines[absolute - 1]
        if fileLine.hasSuffix("\r") { fileLine = fileLine.dropLast() }
        loc.line = absolute
        d.location = loc
        d.sourceLine = String(fileLine)
        return d
    }
}

/// What stderr says about the data before any result: a line per file that could not be used,
/// and one line when some reports do not add up (details are `govq check`'s job). Names from
/// the files are shown through `TerminalText`: a title cannot drive the terminal.
enum LoadSummary {
    static func describe(_ loaded: LoadResult) -> String {
        var out = ""
        // One pass over indices: copying 10^5 summaries (filter) cost more than the query.
        var skipped: [Int] = []
        let reports = loaded.reports
        for i in reports.indices {
            switch reports[i].status {
            case .skipped: skipped.append(i)
            case .inconsistent, .ok: break
            }
        }
        // A file reached through two --data paths is loaded once; say so.
        let repeated = loaded.diagnostics.filter { $0.message.hasSuffix(ReportLoader.givenTwice) }
        if repeated.count <= 5 {
            for d in repeated { out += "warning: \(TerminalText.escaped(d.message))\n" }
        } else {
            out += "warning: \(repeated.count) files are given more than once (by overlapping --data paths); each is loaded once\n"
        }
        // Files in the folders that are no report, by extension.
        if !loaded.otherFiles.isEmpty { out += "warning: \(ReportFiles.describe(loaded.otherFiles))\n" }
        // A few skipped files are named; many (a corpus) are counted by reason, one line.
        if skipped.count <= ReportSummary.namedInWarnings {
            for i in skipped {
                let reason = reports[i].reason ?? "no report table found"
                out += "warning: skipped '\(TerminalText.escaped(reports[i].file))': \(TerminalText.escaped(reason))\n"
            }
        } else {
            // Counted in two arrays (a few reasons) and joined by hand: the first `[String: Int]`
            // or `joined(separator:)` of a process looks a conformance up by scanning every
            // conformance record in the binary.
            var reasonNames: [String] = [], reasonCounts: [Int] = []
            for i in skipped {
                let reason = reports[i].reason ?? "no report table found"
                if let k = reasonNames.firstIndex(of: reason) { reasonCounts[k] += 1 } else {
                    reasonNames.append(reason)
                    reasonCounts.append(1)
                }
            }
            // Most first; equal counts by name.
            let order = reasonNames.indices.sorted {
                reasonCounts[$0] != reasonCounts[$1] ? reasonCounts[$0] > reasonCounts[$1] : reasonNames[$0] < reasonNames[$1]
            }
            var reasons = ""
            for k in order {
                if !reasons.isEmpty { reasons += "; " }
                reasons += "\(TerminalText.escaped(reasonNames[k])): \(reasonCounts[k])"
            }
            out += "warning: skipped \(skipped.count) files (\(reasons)); run 'govq check' for the list\n"
        }
        // Reports that do not add up are named by each answer they feed (the engine's warnings).
        return out
    }
}
