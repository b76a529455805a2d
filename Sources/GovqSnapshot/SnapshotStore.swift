/// Building, opening and repairing snapshots. The mode is explicit: `govq index DIR… -o
/// corpus.govq` builds one, `--data corpus.govq` opens it. Opening checks the format version,
/// the checksums (all regions, or for a query run those it reads: `SnapshotVerification`) and
/// the recorded source folders (`SourceCheck`); a snapshot that is corrupt,
/// truncated, of another version or stale is rebuilt from its recorded texts, with a warning,
/// and rewritten atomically (temporary file + rename).
import Dispatch
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader
import GovqOutput

/// Everything a snapshot holds.
public struct SnapshotContents: Sendable {
    public var cube: Cube
    public var sources: SourceList
    public var reports: [ReportSummary]
    public var diagnostics: [Diagnostic]

    public init(cube: Cube, sources: SourceList, reports: [ReportSummary], diagnostics: [Diagnostic]) {
        self.cube = cube
        self.sources = sources
        self.reports = reports
        self.diagnostics = diagnostics
    }

    public var loadResult: LoadResult { LoadResult(cube: cube, reports: reports, diagnostics: diagnostics) }
}

public enum SnapshotStore {
    /// Loads report texts; `ReportLoader.load(paths:)` unless the caller adds a progress bar.
    public typealias Loader = ([String]) -> LoadResult

    /// Whether `--data PATH` names a snapshot rather than report texts.
    public static func isSnapshot(_ path: String) -> Bool { path.hasSuffix(".govq") }

    /// Loads `roots`, writes the snapshot to `path` atomically, returns what was loaded.
    @discardableResult
    public static func build(roots: [String], to path: String, load: Loader) throws -> LoadResult {
        // Recorded before loading: a file that changes during the load is then seen as stale.
        let sources = SourceList.scan(roots.map(absolute))
        let result = load(roots)
        try write(SnapshotContents(cube: result.cube, sources: sources, reports: result.reports,
                                   diagnostics: result.diagnostics), to: path)
        return result
    }

    /// How `open` verifies a snapshot when not told: `.whole` unless a query run (`govq -e`
    /// on one snapshot, whose answers `QueryEngine` refuses when a region they read fails)
    /// asks for `.asRead`.
    nonisolated(unsafe) public static var defaultVerification = SnapshotVerification.whole

    /// Opens a snapshot; rebuilds it (and says why on `warn`) when it cannot be trusted.
    /// Columns decode in parallel; then each recorded folder is checked (see `SourceCheck`).
    /// `diagnostics: false` leaves the load diagnostics out (a query run never shows them);
    /// `okReports: false` gives only the skipped reports, not the account (a query run warns
    /// about them and reads the others' problems from the cube; `cube.reportCount` counts all;
    /// past `ReportSummary.namedInWarnings` of them, their names are left out, as the warning does).
    public static func open(_ path: String, diagnostics: Bool = true, okReports: Bool = true, check: SourceCheck? = nil,
                            verification: SnapshotVerification? = nil,
                            load: Loader, warn: (String) -> Void) throws -> LoadResult {
        let verification = verification ?? defaultVerification
        var recordedRoots: [String]?
        var decoded: Result<SnapshotContents, Error> = .failure(SnapshotError.truncated)
        var stale = false
        var unreachable: [(root: String, why: String)] = []
        do {
            try withMapped(path) { mapped in
                let raw = mapped.raw
                recordedRoots = SnapshotFormat.recoverRoots(raw)
                decoded = Result {
                    try SnapshotFormat.decode(raw, diagnostics: diagnostics, sourceFiles: false, okReports: okReports,
                                              skippedNames: okReports, mapping: mapped,
                                              verification: verification, source: path)
                }
                if case .success(let c) = decoded { unreachable = c.sources.unreachableRoots() }
                if case .success(let c) = decoded, unreachable.isEmpty,
                   !c.sources.stillOnDisk(check: check ?? SourceCheck.choose(fileCount: c.sources.fileCount)) {
                    stale = true
                }
            }
        } catch {
            throw Diagnostic.error("cannot open snapshot '\(path)': \(error)", source: path)
        }
        let problem: String
        switch decoded {
        case .success(let contents):
            if !unreachable.isEmpty {
                // Out of reach is not removed: answer from the snapshot, untouched.
                let list = unreachable.map { "'\($0.root)' \($0.why)" }.joined(separator: ", ")
                warn("warning: snapshot '\(path)': its sources cannot be checked (\(list)); answering from the snapshot as it is")
                return contents.loadResult
            }
            guard stale else { return contents.loadResult }
            // Only the changed files are parsed again (SnapshotUpdate), when that can be done.
            // With the check that found it stale: a file rewritten in place is seen only by `.files`.
            return try refreshStale(path, roots: contents.sources.roots, check: check ?? SourceCheck.choose(fileCount: contents.sources.fileCount),
                                    diagnostics: diagnostics, okReports: okReports, verification: verification, load: load, warn: warn)
        case .failure(let error as SnapshotError):
            problem = error.description
        case .failure(let error):
            problem = "\(error)"
        }
        guard let roots = recordedRoots else {
            throw Diagnostic.error("snapshot '\(path)' cannot be used: \(problem), and the folders it was built from cannot be recovered",
                                   source: path, help: "rebuild it: govq index DIR… -o \(path)")
        }
        // Rebuild only from roots that are really there; and a rebuild that lacks some is
        // answered from but never written, so the snapshot keeps every root it was built from.
        let missing = roots.compactMap { root in SourceList.unreachable(root).map { "'\(root)' \($0)" } }
        guard missing.count < roots.count else {
            throw Diagnostic.error("snapshot '\(path)' cannot be used: \(problem), and the folders it was built from cannot be read (\(missing.joined(separator: ", ")))",
                                   source: path, help: "bring them back, or rebuild it: govq index DIR… -o \(path)")
        }
        let present = roots.filter { SourceList.unreachable($0) == nil }
        return try rebuild(path, roots: present, because: problem, missing: missing, load: load, warn: warn)
    }

    static func rebuild(_ path: String, roots: [String], because problem: String, missing: [String] = [],
                                load: Loader, warn: (String) -> Void) throws -> LoadResult {
        warn("warning: snapshot '\(path)' \(problem.hasPrefix("is ") ? problem : "cannot be used: " + problem); rebuilding it from \(roots.map { "'\($0)'" }.joined(separator: ", "))")
        let sources = SourceList.scan(roots)
        let result = load(roots)
        guard missing.isEmpty else {
            warn("warning: snapshot '\(path)' was not rewritten: \(missing.joined(separator: ", ")); answering from the texts that are there")
            return result
        }
        do {
            try write(SnapshotContents(cube: result.cube, sources: sources, reports: result.reports,
                                       diagnostics: result.diagnostics), to: path)
        } catch let failure as OutputFile.Failure {
            warn("warning: snapshot '\(path)' was not rewritten: \(failure.reason)")
        } catch {
            warn("warning: snapshot '\(path)' was not rewritten: \(error)")
        }
        return result
    }

    /// Reads and checks a snapshot without repairing it (for tests and tools).
    public static func read(_ path: String, diagnostics: Bool = true) throws -> SnapshotContents {
        try withMapped(path) { try SnapshotFormat.decode($0.raw, diagnostics: diagnostics, mapping: $0) }
    }

    /// Writes to a fresh temporary file beside `path`, flushes it, then renames it over `path`:
    /// a reader sees the old file or the new one, never half of one. Only a plain file is ever
    /// replaced, never a link or a device (`OutputFile`).
    public static func write(_ contents: SnapshotContents, to path: String) throws {
        // The regions are written as they were encoded (on every core), never concatenated.
        let parts = SnapshotFormat.frame(SnapshotFormat.encodeRegions(contents), roots: contents.sources.roots,
                                         reportCount: contents.cube.reportCount)
        let file = try OutputFile(path: path)
        try file.write(parts.head)
        for region in parts.payload { try file.write(region) }
        try file.write(parts.extra)
        try file.write(parts.tail)
        try file.commit()
    }

    /// The whole file, memory-mapped read-only: pages a query never needs (diagnostics, the
    /// per-file list, count columns it does not read) are never read from the page cache.
    static func withMapped<T>(_ path: String, _ body: (MappedFile) throws -> T) throws -> T {
        try body(try MappedFile(path))
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        // getcwd, as FileManager's currentDirectoryPath reads it, without starting FileManager.
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let cwd = buffer.withUnsafeMutableBufferPointer { b in
            getcwd(b.baseAddress, b.count).map { String(cString: $0) }
        } ?? FileManager.default.currentDirectoryPath
        return cwd + "/" + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }
}


/// A file mapped read-only for as long as this object lives: a snapshot's count columns are
/// widened from it when first read, so the cube keeps it.
final class MappedFile: @unchecked Sendable {
    let raw: UnsafeRawBufferPointer

    init(_ path: String) throws {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { throw SnapshotError.unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SnapshotError.unreadable(String(cString: strerror(errno))) }
        let size = Int(st.st_size)
        guard size > 0 else { raw = UnsafeRawBufferPointer(start: nil, count: 0); return }
        // Not MAP_POPULATE: a query reads a few regions of the file, not all of it.
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw SnapshotError.unreadable(String(cString: strerror(errno)))
        }
        raw = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = raw.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), raw.count) }
    }
}
