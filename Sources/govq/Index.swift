/// `govq index PATH… -o corpus.govq`: load report texts once and save the cube as a snapshot,
/// which `--data corpus.govq` then opens without parsing a single report (and rebuilds, with
/// a warning, when it is corrupt, of another format version, or stale). Run again on the same
/// folders, it updates the snapshot, parsing only the files added or changed since.
import ArgumentParser
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader
import GovqSamples
import GovqOutput
import GovqSnapshot

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load report texts and save them as a snapshot for fast start-up.",
        discussion: """
            Then run queries with --data FILE.govq. Opening a snapshot checks its checksum, its \
            format version and its sources: every file's size and modification time up to 20,000 \
            texts, above that each folder's names and inodes when the folder changed \
            (GOVQ_SNAPSHOT_CHECK=files checks every file). A stale snapshot is updated, parsing \
            only the files added or changed (so is one indexed again over the same folders); a \
            corrupt one, or one of another format, is rebuilt in full, with a warning on stderr.
            """)

    @Argument(help: "Report files or folders (searched recursively for *.txt).")
    var paths: [String]

    @Option(name: .shortAndLong, help: "The snapshot file to write (conventionally *.govq).")
    var output: String?

    /// The root command also has `-o`, and claims an `-o` written after the subcommand.
    @ParentCommand var root: Govq

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        guard let output = output ?? root.output else {
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(
                "missing the snapshot to write", source: "", help: "govq index DIR… -o corpus.govq")))
            throw ExitStatus.usageOrQuery
        }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(
                "cannot read data '\(path)': no such file or directory", source: "")))
            throw ExitStatus.dataProblem
        }
        let result: LoadResult
        do {
            // An existing snapshot of the same folders is updated: only changed files are parsed.
            let outcome = try SnapshotUpdate.index(roots: paths, to: output) { ProgressBar.load($0, label: "indexing") }
            result = outcome.result
            if let changes = outcome.changes {
                StandardStreams.err(TerminalText.escaped("updated '\(output)': \(changes.summary)") + "\n")
            } else if let why = outcome.rebuiltBecause {
                StandardStreams.err(TerminalText.escaped("note: rebuilt '\(output)' in full: \(why)") + "\n")
            }
        } catch let failure as OutputFile.Failure {
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error(failure.description, source: "")))
            throw ExitStatus.dataProblem
        } catch {
            StandardStreams.err(DiagnosticFormatter.format(Diagnostic.error("cannot write snapshot '\(output)': \(error)", source: "")))
            throw ExitStatus.dataProblem
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // Counted in place: grouping copied every report's summary (10^5 retains and releases).
        var counts: [ReportSummary.Status: Int] = [:]
        for i in result.reports.indices { counts[result.reports[i].status, default: 0] += 1 }
        var size = stat()
        _ = stat(output, &size)
        StandardStreams.out(String(format: "indexed %d reports (%d ok, %d inconsistent, %d skipped) into '%@' (%.1f MB) in %.2f s\n",
                                   result.cube.reportCount, counts[.ok] ?? 0, counts[.inconsistent] ?? 0, counts[.skipped] ?? 0,
                                   output, Double(size.st_size) / 1e6, seconds))
        // The process ends next: the cube, the account and the diagnostics are left to the exit
        // rather than freed one object at a time (about 40 ms on one core at 2x10^4 reports).
        Index.leftToExit = result
    }

    nonisolated(unsafe) static var leftToExit: LoadResult?
}

/// Whether this run can show load diagnostics (`govq check`, the REPL's `.check`). A query
/// run (`-e`, `-f`) or an export never does, so it skips decoding them from a snapshot.
func runShowsDiagnostics() -> Bool {
    let args = CommandLine.arguments.dropFirst()
    let oneShot = args.contains { $0 == "-e" || $0 == "--execute" || $0.hasPrefix("--execute=") || $0 == "-f" || $0 == "-c" || $0 == "export" }
    return !oneShot
}

/// Loads `--data` paths: a `.govq` path opens a snapshot (repairing it if needed), anything
/// else is read as report texts; several sources are merged in the order given.
func loadData(_ paths: [String]) throws -> LoadResult {
    if paths.contains(SampleData.path) { return try EmbeddedSamples.load(with: paths, rest: loadData) }
    let warn: (String) -> Void = { StandardStreams.err(TerminalText.escaped($0) + "\n") }   // paths from the snapshot
    let open: (String) throws -> LoadResult = { path in
        do {
            return try SnapshotStore.open(path, diagnostics: runShowsDiagnostics(), okReports: runShowsDiagnostics(), load: { ProgressBar.load($0, label: "rebuilding") }, warn: warn)
        } catch let d as Diagnostic {
            StandardStreams.err(DiagnosticFormatter.format(d))
            throw ExitStatus.dataProblem
        }
    }
    if paths.count == 1, SnapshotStore.isSnapshot(paths[0]) { return try open(paths[0]) }
    let texts = paths.filter { !SnapshotStore.isSnapshot($0) }
    var parts: [LoadResult] = texts.isEmpty ? [] : [ProgressBar.load(texts)]
    for path in paths where SnapshotStore.isSnapshot(path) { parts.append(try open(path)) }
    guard parts.count > 1 else { return parts.first ?? LoadResult() }
    var builder = CubeBuilder()
    var merged = LoadResult()
    for part in parts {
        builder.append(contentsOf: part.cube)
        merged.reports += part.reports
        merged.diagnostics += part.diagnostics
    }
    merged.cube = builder.cube
    return merged
}
