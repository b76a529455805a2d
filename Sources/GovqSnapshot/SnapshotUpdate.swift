/// The incremental index: a snapshot whose texts changed is brought up to date by parsing
/// only the files added or changed since it was built, keeping every other report as stored
/// (its cube row, its account line, its load diagnostics), then counting duplicates again over
/// the merged reports, exactly as loading the whole folder would.
///
/// A report that deduplication took out is not in the cube, so it is parsed again, with the
/// report it was compared with: when that one goes, the other comes back. The snapshot is
/// written the usual way (temporary file + rename): an update that fails or is killed leaves
/// the old snapshot as it was. A snapshot of other roots or another format, or one that
/// cannot be read, is rebuilt in full, and the caller says why.
import Dispatch
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader
import GovqOutput

/// What `govq index` did to the snapshot.
public struct IndexOutcome: Sendable {
    public var result: LoadResult
    /// The files that changed, when the snapshot was updated; nil when it was built in full.
    public var changes: SourceChanges?
    /// Why an existing snapshot was rebuilt in full rather than updated.
    public var rebuiltBecause: String?
}

public enum SnapshotUpdate {
    /// The snapshot brought up to date, and how.
    struct Update {
        var contents: SnapshotContents
        var result: LoadResult
        var changes: SourceChanges
        /// How many files were parsed (the changed ones and those deduplication compares).
        var parsed: Int
    }

    enum Plan {
        case update(Update)
        case rebuild(String)
    }

    /// `govq index ROOTS -o path`: updates the snapshot at `path` when it is one of the same
    /// roots, else builds it in full (saying why, when there was one).
    public static func index(roots: [String], to path: String, load: SnapshotStore.Loader) throws -> IndexOutcome {
        try index(roots: roots, to: path, load: load, open: SnapshotFileSink.open)
    }

    /// `open` opens where an update's bytes go (tests make it fail half-way).
    static func index(roots: [String], to path: String, load: SnapshotStore.Loader,
                      open: SnapshotSinkOpener) throws -> IndexOutcome {
        // Only a plain file can be a snapshot to update (a FIFO would block the read; a link or
        // a device is refused by the full build's writer, as before).
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            return IndexOutcome(result: try SnapshotStore.build(roots: roots, to: path, load: load))
        }
        let reason: String
        let wanted = roots.map(SnapshotStore.absolute)
        // The fast path (SnapshotSplice), else the careful one below; a failed write is thrown.
        if case .updated(let changes, _) = try SnapshotSplice.update(path, given: roots, check: .files, roots: wanted, open: open) {
            let contents = try SnapshotStore.withMapped(path) {
                try SnapshotFormat.decode($0.raw, diagnostics: false, sourceFiles: false, mapping: $0)
            }
            return IndexOutcome(result: contents.loadResult, changes: changes)
        }
        switch Result(catching: { try SnapshotStore.read(path) }) {
        case .failure(let error):
            reason = (error as? SnapshotError)?.description ?? "\(error)"
        case .success(let old) where old.sources.roots != wanted:
            reason = "it was built from \(quoted(old.sources.roots)), not \(quoted(wanted))"
        case .success(let old):
            switch plan(old, given: roots) {
            case .update(let u):
                // A failed write leaves the old snapshot: the error is the caller's to show.
                let parts = SnapshotParts(SnapshotFormat.encodeParts(u.contents))
                try open(path, parts.head.count).write(parts)
                return IndexOutcome(result: u.result, changes: u.changes)
            case .rebuild(let why):
                reason = why
            }
        }
        return IndexOutcome(result: try SnapshotStore.build(roots: roots, to: path, load: load), rebuiltBecause: reason)
    }

    /// The update of `old` to what its roots hold now, or why it must be rebuilt in full.
    /// `given` is how the roots were written on the command line (nil on a query's open);
    /// `check` is how closely unchanged folders are looked at (`SourceList.rescan`).
    static func plan(_ old: SnapshotContents, given: [String]?, check: SourceCheck = .files) -> Plan {
        let roots = old.sources.roots.map(trimmed)
        guard let names = ReportNames(roots: roots, given: given?.map(trimmed), reports: old.reports) else {
            return .rebuild("its reports are named by paths that do not lead to \(quoted(roots)) from this folder")
        }
        // Recorded before any text is read: a file that changes meanwhile is seen next time.
        let (now, changes) = old.sources.rescan(check: check)
        let listing = ReportLoader.listing(of: names.display)
        guard let kept = Kept(old) else { return .rebuild("its account does not match its cube") }

        // Which listed file keeps its stored report, and which is parsed again: the old account
        // is in listing order, so one walk pairs them (a file it does not pair is parsed: slower,
        // never wrong). A name shown with escaped bytes (`\xff`) has no path in the source
        // list to be checked by, so it is parsed again too.
        let dirty = Set((changes.added + changes.changed).compactMap(names.name(of:)))
        enum Source { case stored(Int), parsed(Int) }
        var order: [Source] = []
        order.reserveCapacity(listing.files.count)
        var toParse: [String] = []
        var k = 0
        let reports = old.reports
        for file in listing.files {
            var match: Int?
            while k < reports.count {
                if reports[k].file == file { match = k; k += 1; break }
                guard names.precedes(reports[k].file, file) else { break }
                k += 1   // no longer listed: removed
            }
            if let m = match, kept.compared.isEmpty || !kept.compared.contains(file), !dirty.contains(file),
               !file.utf8.contains(UInt8(ascii: "\\")) {
                order.append(.stored(m))
            } else {
                order.append(.parsed(toParse.count))
                toParse.append(file)
            }
        }
        let parsed = parse(toParse)

        // The reports in listing order, as a full load would merge them before deduplication.
        var pieces: [CubePiece] = []
        var merged = LoadResult(diagnostics: listing.diagnostics)
        merged.otherFiles = listing.otherFiles
        merged.reports.reserveCapacity(order.count)
        var run = 0..<0
        for source in order {
            switch source {
            case .stored(let k):
                let summary = reports[k]
                merged.reports.append(summary)
                if let d = kept.diagnostics[summary.file] { merged.diagnostics += d }
                guard let row = kept.row[k] else { continue }
                if row == run.upperBound { run = run.lowerBound..<(row + 1); continue }
                if !run.isEmpty { pieces.append(.rows(run)) }
                run = row..<(row + 1)
            case .parsed(let i):
                if !run.isEmpty { pieces.append(.rows(run)) }
                run = 0..<0
                let p = parsed[i]
                if let record = p.record { pieces.append(.record(record)) }
                merged.reports.append(p.summary)
                merged.diagnostics += p.diagnostics
            }
        }
        if !run.isEmpty { pieces.append(.rows(run)) }
        merged.cube = old.cube.splicing(pieces)
        let result = Deduplication.apply(merged)
        let contents = SnapshotContents(cube: result.cube, sources: now, reports: result.reports, diagnostics: result.diagnostics)
        return .update(Update(contents: contents, result: result, changes: changes, parsed: toParse.count))
    }

    /// Parses `files` on every core, results in the order given.
    static func parse(_ files: [String]) -> [ParsedReport] {
        guard !files.isEmpty else { return [] }
        var out = [ParsedReport?](repeating: nil, count: files.count)
        out.withUnsafeMutableBufferPointer { slots in
            let base = ParsedSlots(base: slots.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                base.base[i] = ReportLoader.load(file: files[i])
            }
        }
        return out.map { $0! }
    }

    static func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    static func quoted(_ paths: [String]) -> String {
        paths.map { "'\($0)'" }.joined(separator: ", ")
    }
}

/// What of the old snapshot can be kept, per file: its account line, its cube row, its load
/// diagnostics; and the files deduplication compared, which are parsed again.
struct Kept {
    /// Account line → its cube row (nil: skipped, no row).
    var row: [Int?] = []
    /// The load diagnostics of each file, in order. Deduplication's own are left out (they are
    /// about files that are parsed again), and so is the listing's (`given more than once`),
    /// which the new listing says again.
    var diagnostics: [String: [Diagnostic]] = [:]
    /// Files deduplication took out, and the files they were compared with.
    var compared = Set<String>()

    init?(_ old: SnapshotContents) {
        row.reserveCapacity(old.reports.count)
        var next = 0
        for summary in old.reports {
            if summary.status == .skipped {
                row.append(nil)
                if let partner = Self.partner(summary.reason) {
                    compared.insert(summary.file)
                    compared.insert(partner)
                }
            } else {
                row.append(next)
                next += 1
            }
        }
        guard next == old.cube.reportCount else { return nil }
        for d in old.diagnostics where !d.message.hasSuffix(ReportLoader.givenTwice) {
            diagnostics[d.source, default: []].append(d)
        }
    }

    /// The file named in a reason deduplication gave (`duplicate of 'a.txt'`,
    /// `conflicts with 'a.txt'`: Deduplication.apply), else nil.
    static func partner(_ reason: String?) -> String? {
        guard let reason else { return nil }
        for prefix in ["duplicate of '", "conflicts with '"] where reason.hasPrefix(prefix) && reason.hasSuffix("'") {
            return String(reason.dropFirst(prefix.count).dropLast())
        }
        return nil
    }
}

/// How the snapshot's reports name their files: each root as it was written when the
/// snapshot was built (`reports`, `./reports` or the absolute path), so that the files parsed
/// again are named as the ones kept, and can be opened from here.
struct ReportNames {
    /// Each root as the reports name it.
    var display: [String]
    /// The same roots, absolute (as the source list records them).
    var roots: [String]
    private var prefixes: [String]

    init?(roots: [String], given: [String]?, reports: [ReportSummary]) {
        let cwd = FileManager.default.currentDirectoryPath
        var display: [String] = []
        for (i, root) in roots.enumerated() {
            var candidates = given.map { [$0[i]] } ?? []
            candidates.append(root)
            if root.hasPrefix(cwd + "/") {
                let relative = String(root.dropFirst(cwd.count + 1))
                candidates += [relative, "./" + relative]
            }
            // Only a spelling that reaches the same folder from here will do.
            candidates = candidates.filter { SnapshotUpdate.trimmed(SnapshotStore.absolute($0)) == root }
            let owner = candidates.first { c in reports.contains { $0.file == c || $0.file.hasPrefix(c + "/") } }
            guard let chosen = owner ?? candidates.first else { return nil }
            display.append(chosen)
        }
        self.display = display
        self.roots = roots
        prefixes = display.map { $0 + "/" }
        // Every stored report must lie under one of them.
        for r in reports where !prefixes.indices.contains(where: { r.file == display[$0] || r.file.hasPrefix(prefixes[$0]) }) {
            _ = r
            return nil
        }
    }

    /// The name a report has for the file at absolute `path`.
    func name(of path: String) -> String? {
        for i in roots.indices {
            if path == roots[i] { return display[i] }
            if path.hasPrefix(roots[i] + "/") { return display[i] + path.dropFirst(roots[i].count) }
        }
        return nil
    }

    /// Whether a load lists file `a` before file `b`: by root, then by name.
    func precedes(_ a: String, _ b: String) -> Bool {
        let ra = root(of: a), rb = root(of: b)
        return ra != rb ? ra < rb : a < b
    }

    private func root(of name: String) -> Int {
        display.indices.first { name == display[$0] || name.hasPrefix(prefixes[$0]) } ?? display.count
    }
}

/// Lets parallel workers fill disjoint slots of one buffer.
private struct ParsedSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<ParsedReport?>
}

extension SnapshotStore {
    /// A stale snapshot on a query's open: updated when it can be, else rebuilt in full; the
    /// warning names the first change either way.
    /// `diagnostics`, `okReports` and `verification` are `open`'s, for reading the updated file.
    static func refreshStale(_ path: String, roots: [String], check: SourceCheck, diagnostics: Bool = true, okReports: Bool = true,
                             verification: SnapshotVerification = .whole, load: Loader, warn: (String) -> Void) throws -> LoadResult {
        // The fast path writes the new file from the old one's bytes; the answer is read from it
        // as from any snapshot. When it declines (or cannot write), the careful path below.
        if case .updated(let changes, _)? = try? SnapshotSplice.update(path, given: nil, check: check, roots: nil),
           let contents = try? withMapped(path, {
               try SnapshotFormat.decode($0.raw, diagnostics: diagnostics, sourceFiles: false, okReports: okReports,
                                         skippedNames: okReports, mapping: $0,
                                         verification: verification, source: path)
           }) {
            warn("warning: snapshot '\(path)' is stale (\(changes.first ?? "a folder changed")); updated it: \(changes.summary)")
            return contents.loadResult
        }
        var why = "its files changed"
        if let old = try? read(path) {
            switch SnapshotUpdate.plan(old, given: nil, check: check) {
            case .update(let u):
                let change = u.changes.first ?? "a folder changed"
                do {
                    try write(u.contents, to: path)
                    warn("warning: snapshot '\(path)' is stale (\(change)); updated it: \(u.changes.summary)")
                } catch let failure as OutputFile.Failure {
                    warn("warning: snapshot '\(path)' is stale (\(change)); updating it")
                    warn("warning: snapshot '\(path)' was not rewritten: \(failure.reason)")
                } catch {
                    warn("warning: snapshot '\(path)' is stale (\(change)); updating it")
                    warn("warning: snapshot '\(path)' was not rewritten: \(error)")
                }
                return u.result
            case .rebuild(let reason):
                why = old.sources.firstDifference(from: SourceList.scan(old.sources.roots)) ?? why
                why += "; \(reason)"
            }
        }
        return try rebuild(path, roots: roots, because: "is stale (\(why))", load: load, warn: warn)
    }
}
