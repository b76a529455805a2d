/// Entry point of the loading stage: files or folders in, a cube and an account of every report out.
/// Files are parsed in parallel on every core, one file in memory per worker; each worker fills
/// its own `CubeBuilder` over a contiguous run of the sorted paths, and the runs are merged in
/// order, so the cube is the same whatever the scheduling.
import Dispatch
import Foundation
import GovqCube
import GovqDiagnostics
import Synchronization

/// What happened to one file.
public struct ReportSummary: Sendable {
    public enum Status: String, Sendable { case ok, inconsistent, skipped }
    public var file: String
    public var district: String?
    public var unit: String?
    public var year: Int?
    public var template: Template?
    public var status: Status
    /// Why a report was skipped (not in the template, undecodable, no table, …).
    public var reason: String?
    /// Where the report was placed and how (GovqGeo); nil when it was skipped before placing.
    public var place: ReportPlace?

    /// A query run's warning names each skipped file when there are at most this many, and
    /// counts them by reason past that; a snapshot's query-run open then leaves them unnamed.
    public static let namedInWarnings = 5

    public init(file: String, district: String? = nil, unit: String? = nil, year: Int? = nil,
                template: Template? = nil, status: Status, reason: String? = nil) {
        self.file = file
        self.district = district
        self.unit = unit
        self.year = year
        self.template = template
        self.status = status
        self.reason = reason
    }
}

public struct LoadResult: Sendable {
    public var cube: Cube
    /// One entry per file considered, in path order.
    public var reports: [ReportSummary]
    public var diagnostics: [Diagnostic]
    /// Files in the folders that are no report, by extension (`.jpg: 2`): counted in the summary.
    public var otherFiles: [String: Int] = [:]

    public init(cube: Cube = Cube(), reports: [ReportSummary] = [], diagnostics: [Diagnostic] = []) {
        self.cube = cube
        self.reports = reports
        self.diagnostics = diagnostics
    }

    /// True when every report loaded and adds up.
    public var allConsistent: Bool { reports.allSatisfy { $0.status == .ok } }
}

/// The files a load reads, before any is parsed.
public struct FileListing: Sendable {
    /// In the order they are parsed (each path's files sorted).
    public var files: [String] = []
    /// For each file, whether the folder listing said it is a regular file (`d_type`): then
    /// loading it needs no `stat` by path before it is opened (a path walk a file).
    public var listedRegular: [Bool] = []
    public var diagnostics: [Diagnostic] = []
    /// Files in the folders that are no report, by extension.
    public var otherFiles: [String: Int] = [:]
}

public enum ReportLoader {
    /// The files `load(paths:)` reads, in the order it reads them, and what it says about the
    /// paths (a folder's files that are no report, a file reached twice, a path not there).
    public static func listing(of paths: [String]) -> FileListing {
        var result = FileListing()
        var files: [String] = []
        var regular: [Bool] = []
        // A file reached twice (`--data DIR --data DIR/a.txt`, a path given twice) would count
        // its numbers twice: it is loaded once, and the repetition is said.
        var seen = Set<String>()
        for path in paths {
            var others: [String: Int] = [:]
            defer {
                // Files that are no report are counted, never dropped silently.
                if !others.isEmpty {
                    for (ext, n) in others { result.otherFiles[ext, default: 0] += n }
                    result.diagnostics.append(Diagnostic(.warning, ReportFiles.describe(others), source: path))
                }
            }
            var flags: [Bool] = []
            switch expand(path, others: &others, regular: &flags) {
            case .success(let found) where paths.count == 1:
                // One path cannot reach a file twice: no set of 10^5 names to hash.
                files = found
                regular = flags
            case .success(let found):
                // Only the path given is resolved (one realpath, not one per file of a corpus).
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                let root = canonical(base)
                for (file, listed) in zip(found, flags) {
                    if seen.insert(root + file.dropFirst(base.count)).inserted {
                        files.append(file)
                        regular.append(listed)
                    } else {
                        result.diagnostics.append(Diagnostic(.warning, "'\(file)' \(givenTwice)", source: file))
                    }
                }
            case .failure(let d): result.diagnostics.append(d)
            }
        }
        result.files = files
        result.listedRegular = regular
        return result
    }

    /// Loads reports from files and folders (recursively, the extensions of `ReportFiles`). `progress(done, total)`
    /// is called from worker threads after each file.
    public static func load(paths: [String], progress: (@Sendable (Int, Int) -> Void)? = nil) -> LoadResult {
        let listing = listing(of: paths)
        var result = LoadResult(diagnostics: listing.diagnostics)
        result.otherFiles = listing.otherFiles
        let files = listing.files
        let chunks = min(files.count, max(1, ProcessInfo.processInfo.activeProcessorCount * 16))
        guard chunks > 0 else { return result }
        let done = Atomic<Int>(0)
        let total = files.count
        let list = files, listedRegular = listing.listedRegular
        // Runs are merged in path order as soon as every run before them is in, by whichever
        // worker finishes one, while the others go on parsing: when parsing ends, little merging
        // is left to do on one core.
        var start = Merge(waiting: Array(repeating: nil, count: chunks))
        start.builder.reserveCapacity(total)
        let merge = Mutex(start)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var chunk = Chunk()
            let run = (c * total / chunks)..<((c + 1) * total / chunks)
            // Every column grows to the run's length: sized once, not doubled a dozen times.
            chunk.builder.reserveCapacity(run.count)
            chunk.reports.reserveCapacity(run.count)
            for i in run {
                chunk.add(load(file: list[i], provenance: false, listedRegular: listedRegular[i]))
                let n = done.add(1, ordering: .relaxed).newValue
                progress?(n, total)
            }
            let finished = chunk
            merge.withLock { $0.add(finished, at: c) }
        }
        let merged = merge.withLock { $0 }
        result.cube = merged.builder.cube
        result.reports = merged.reports
        result.diagnostics += merged.diagnostics
        // One report reached twice (a copy, another format of it) is counted once.
        return Deduplication.apply(result)
    }

    /// The runs merged so far, in order, and the finished runs waiting for an earlier one.
    struct Merge: Sendable {
        var waiting: [Chunk?]
        var next = 0
        var builder = CubeBuilder()
        var reports: [ReportSummary] = []
        var diagnostics: [Diagnostic] = []

        mutating func add(_ chunk: Chunk, at c: Int) {
            waiting[c] = chunk
            while next < waiting.count, let ready = waiting[next] {
                waiting[next] = nil
                builder.append(contentsOf: ready.builder.cube)
                reports += ready.reports
                diagnostics += ready.diagnostics
                next += 1
            }
        }
    }

    /// Reads and parses one file; a file that cannot be read is skipped with the reason.
    public static func load(file: String) -> ParsedReport {
        load(file: file, provenance: false)
    }

    /// Reads and parses one file of any format, with the cells' sources when asked. Only a
    /// regular file is read (a FIFO named `x.txt` would block the load); a name shown with
    /// escaped bytes (`bad\xff.txt`) is opened by its real bytes.
    public static func load(file: String, provenance: Bool) -> ParsedReport {
        load(file: file, provenance: provenance, listedRegular: false)
    }

    /// `listedRegular`: the folder listing said the file is a regular file, so it is opened
    /// without a `stat` first (the open cannot block, and `ByteStorage` refuses what `fstat`
    /// says is no regular file; its kind is then told as without the listing).
    static func load(file: String, provenance: Bool, listedRegular: Bool) -> ParsedReport {
        func skip(_ reason: String) -> ParsedReport {
            ParsedReport(record: nil, summary: ReportSummary(file: file, status: .skipped, reason: reason),
                         diagnostics: [], totals: [], encoding: nil)
        }
        let path = ReportFiles.fileSystemPath(file)
        if !listedRegular || path != nil, let kind = ReportFiles.nonRegularKind(path ?? Array(file.utf8CString)) {
            return skip("not a regular file (\(kind))")
        }
        let storage = path == nil ? ByteStorage(contentsOf: file) : path.flatMap { ReportFiles.read($0) }.map { ByteStorage($0) }
        guard let storage else {
            // Replaced since the listing (a FIFO now): said as a stat finds it.
            if listedRegular, let kind = ReportFiles.nonRegularKind(Array(file.utf8CString)) { return skip("not a regular file (\(kind))") }
            return skip("cannot read the file")
        }
        return DocumentParser.parse(storage, file: file, provenance: provenance)
    }

    /// The end of the warning for a file reached through two paths.
    public static let givenTwice = "is given more than once; it is loaded once"

    /// The path with `.`, `..`, repeated slashes and symbolic links resolved.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A file as given, or a folder's `*.txt` files (any case), recursively, sorted by path.
    /// Hidden folders are searched; symbolic links to files are followed, links to folders are
    /// not (a link back up would loop).
    static func expand(_ path: String) -> Result<[String], Diagnostic> {
        var others: [String: Int] = [:], regular: [Bool] = []
        return expand(path, others: &others, regular: &regular)
    }

    /// The same, counting the files that are no report by extension in `others`, and appending
    /// to `regular` whether the listing said each file is a regular one.
    static func expand(_ path: String, others: inout [String: Int], regular: inout [Bool]) -> Result<[String], Diagnostic> {
        var st = stat()
        guard stat(path, &st) == 0 else {
            return .failure(Diagnostic(.error, "no such file or folder '\(path)'", source: path))
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            regular.append(false)   // a path given as it is: asked by stat when it is loaded
            return .success([path])
        }
        var out: [(path: String, regular: Bool)] = []
        // Folder by folder, a level of the tree at a time on every core; each folder's files
        // sorted by its worker, so that the sort of all of them merges sorted runs (sorting
        // 2x10^4 paths from the folders' hash order was 25 ms on one core before any parse).
        var level = [path.hasSuffix("/") ? String(path.dropLast()) : path]
        while !level.isEmpty {
            var listed = [Listed](repeating: Listed(), count: level.count)
            let folders = level
            listed.withUnsafeMutableBufferPointer { slots in
                let base = UncheckedListSlots(base: slots.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: folders.count) { i in
                    var one = Listed()
                    list(folders[i], into: &one)
                    one.files.sort { $0.path < $1.path }
                    base.base[i] = one
                }
            }
            level = []
            for one in listed {
                out += one.files
                level += one.folders
                for (ext, n) in one.others { others[ext, default: 0] += n }
            }
        }
        out.sort { $0.path < $1.path }
        regular += out.map(\.regular)
        return .success(out.map(\.path))
    }

    /// One folder's report files, subfolders and other files by extension.
    private struct Listed {
        var files: [(path: String, regular: Bool)] = []
        var folders: [String] = []
        var others: [String: Int] = [:]
    }

    /// Each worker writes its own slot only.
    private struct UncheckedListSlots: @unchecked Sendable { let base: UnsafeMutablePointer<Listed> }

    /// `readdir` rather than FileManager's enumerator, which costs about 50,000 instructions a
    /// file: at 10^5 files that was a second on one core before any parsing began. Subfolders
    /// are listed by the caller, not here.
    private static func list(_ dir: String, into listed: inout Listed) {
        guard let d = opendir(ReportFiles.fileSystemPath(dir) ?? Array(dir.utf8CString)) else { return }
        defer { closedir(d) }
        while let e = readdir(d) {
            let type = e.pointee.d_type
            // The name where readdir left it: copying `e.pointee.d_name` reads the whole field,
            // past a short last entry of the buffer (it faulted listing a crowded /tmp).
            let start = UnsafeRawPointer(e) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let bytes = UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self)))
            let (name, isReport) = (ReportFiles.displayName(bytes), isReportName(bytes))
            if name == "." || name == ".." { continue }
            var isDir = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var st = stat()
                isDir = lstat(dir + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            if isDir {
                listed.folders.append(dir + "/" + name)
            } else if isReport {
                listed.files.append((dir + "/" + name, type == UInt8(DT_REG)))
            } else {
                listed.others[ReportFiles.extensionLabel(name), default: 0] += 1
            }
        }
    }

    /// Whether a file name (its bytes) names a report (see `ReportFiles.extensions`). The snapshot's
    /// source list asks the same, so that both see the same files.
    public static func isReportName(_ name: UnsafeRawBufferPointer) -> Bool {
        ReportFiles.isReportName(name)
    }

    /// One worker's share: a contiguous run of files.
    struct Chunk: Sendable {
        var builder = CubeBuilder()
        var reports: [ReportSummary] = []
        var diagnostics: [Diagnostic] = []

        /// Takes the report's parts (moved, not copied: a copy retained every string of them).
        mutating func add(_ parsed: consuming ParsedReport) {
            if let r = parsed.record { builder.append(r) }
            reports.append(parsed.summary)
            if diagnostics.isEmpty { diagnostics = parsed.diagnostics } else { diagnostics.append(contentsOf: parsed.diagnostics) }
        }
    }
}
