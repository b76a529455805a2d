/// The report texts a snapshot was built from: every `*.txt` under the roots, with size and
/// modification time, so that opening the snapshot notices a changed, added or removed file.
///
/// Checking 10^5 files must cost little next to answering a query, so the check is done per
/// folder: each folder's files (name, size, mtime) fold into one order-independent 64-bit
/// digest, computed from `readdir` + `fstatat` without building a single `String`, folders in
/// parallel. Only when a digest differs is the per-file list decoded, to name the change.
import Dispatch
import Foundation
import GovqLoader
import GovqOutput

/// One source text as it was when the snapshot was built.
public struct SourceFile: Sendable, Equatable {
    public var path: String
    public var size: UInt64
    /// Nanoseconds since 1970.
    public var mtime: Int64
    /// A file replaced by another (`cp -p`, an editor's save) has a new inode, whatever its
    /// size and mtime: the incremental index parses it again.
    public var inode: UInt64 = 0
}

/// A folder (or a root that is a single file) and the digests of its `*.txt` files.
public struct SourceFolder: Sendable, Equatable {
    public var path: String
    public var count: UInt64
    /// Over every file's name, size and mtime (needs one `stat` per file).
    public var digest: UInt64
    /// Over the names and inode numbers only (`readdir` gives both, no `stat`): changes when
    /// a file is added, removed, renamed or replaced by a new file.
    public var names: UInt64
    /// The folder's own mtime (informational: writing the snapshot beside the texts changes it).
    public var mtime: Int64
    /// What a load's listing finds in the folder itself (`ReportLoader.census(ofFolder:)`):
    /// taken when the folder was read; an update keeps it for a folder whose mtime is as
    /// recorded (no entry added, removed or renamed since) instead of reading the folder again.
    public var census = FolderCensus()
}

/// How closely `--data FILE.govq` checks the texts before trusting the snapshot.
public enum SourceCheck: String, Sendable {
    /// Every file's size and mtime: one `stat` per file (about 1–2 µs each).
    case files
    /// Every folder's names and inode numbers: catches added, removed, renamed and replaced
    /// files (editors and `sed -i` write a new file), not a file rewritten in place.
    case folders

    /// `GOVQ_SNAPSHOT_CHECK=files|folders`, else `folders` at every size: a query then costs
    /// one `stat` per folder (a few hundred at 10^5 texts), never one per file; a `stat` per
    /// file cost more than answering the query already at 2×10^4 texts.
    public static func choose(fileCount: UInt64) -> SourceCheck {
        // getenv, not ProcessInfo's environment: that builds a dictionary of the whole
        // environment (about 0.35 M instructions at a query's start, a runtime type lookup too).
        if let v = getenv("GOVQ_SNAPSHOT_CHECK"), let c = SourceCheck(rawValue: String(cString: v)) { return c }
        return .folders
    }
}

public struct SourceList: Sendable, Equatable {
    /// The paths given to `govq index`, made absolute.
    public var roots: [String]
    public var folders: [SourceFolder]
    /// Every file, sorted by path: filled by `scan`, and by `decode` only on request.
    public var files: [SourceFile]

    public init(roots: [String], folders: [SourceFolder], files: [SourceFile]) {
        self.roots = roots
        self.folders = folders
        self.files = files
    }

    /// Walks the roots as the loader does: a file as given, a folder recursively for `*.txt`.
    public static func scan(_ roots: [String], files wantFiles: Bool = true, check: SourceCheck = .files) -> SourceList {
        var folders: [(path: String, isFile: Bool)] = []
        for root in roots {
            var st = stat()
            guard stat(root, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                listFolders(root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root, into: &folders)
            } else {
                folders.append((root, true))
            }
        }
        let list = folders
        var results = [(SourceFolder, [SourceFile])](repeating: (SourceFolder(path: "", count: 0, digest: 0, names: 0, mtime: 0), []), count: folders.count)
        results.withUnsafeMutableBufferPointer { out in
            let slots = UncheckedSlots(base: out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: list.count) { i in
                slots.base[i] = digest(list[i].path, isFile: list[i].isFile, files: wantFiles, stat: check == .files || wantFiles)
                if wantFiles, !list[i].isFile { slots.base[i].0.census = ReportLoader.census(ofFolder: list[i].path) }
            }
        }
        return SourceList(roots: roots, folders: results.map(\.0), files: results.flatMap(\.1).sorted { $0.path < $1.path })
    }

    /// Folders only (subfolders found through `d_type`, so no `stat` per file here). As the
    /// loader does, a link to a folder is not followed, and a folder met twice (by device and
    /// inode: a bind mount of a parent, say) is walked once, so no loop can run forever.
    static func listFolders(_ dir: String, into out: inout [(path: String, isFile: Bool)]) {
        var visited = Set<FolderIdentity>()
        listFolders(dir, into: &out, visited: &visited)
    }

    private static func listFolders(_ dir: String, into out: inout [(path: String, isFile: Bool)], visited: inout Set<FolderIdentity>) {
        var own = stat()
        guard stat(dir, &own) == 0, visited.insert(FolderIdentity(device: UInt64(own.st_dev), inode: UInt64(own.st_ino))).inserted else { return }
        out.append((dir, false))
        for s in subfolders(of: dir) { listFolders(s, into: &out, visited: &visited) }
    }

    /// The folders in `dir` (not links to folders), sorted; read with `readdir`.
    static func subfolders(of dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var subdirs: [String] = []
        while let e = readdir(d) {
            let type = e.pointee.d_type
            guard type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN) else { continue }
            let name = DirectoryEntry.withName(e) { String(decoding: $0, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var st = stat()
            if type != UInt8(DT_DIR) { guard lstat(dir + "/" + name, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { continue } }
            subdirs.append(dir + "/" + name)
        }
        return subdirs.sorted()
    }

    /// The digest of one folder's `*.txt` files (or of one file given as a root).
    static func digest(_ path: String, isFile: Bool, files wantFiles: Bool, stat statFiles: Bool) -> (SourceFolder, [SourceFile]) {
        var folder = SourceFolder(path: path, count: 0, digest: 0, names: 0, mtime: 0)
        var files: [SourceFile] = []
        func add(_ name: UnsafeRawBufferPointer, inode: UInt64, _ st: stat?, _ fullPath: () -> String) {
            let h = hash(name)
            folder.count += 1
            folder.names &+= mix(h ^ inode &* 0xFF51_AFD7_ED55_8CCD)
            guard let st else { return }
            let mtime = nanoseconds(st)
            folder.digest &+= mix(h ^ UInt64(st.st_size) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: mtime) &* 0xC2B2_AE3D_27D4_EB4F)
            if wantFiles { files.append(SourceFile(path: fullPath(), size: UInt64(st.st_size), mtime: mtime, inode: inode)) }
        }
        var own = stat()
        guard stat(path, &own) == 0 else { return (folder, files) }
        if isFile {
            // A single file given as a root is always checked by size and mtime.
            var p = path
            p.withUTF8 { add(UnsafeRawBufferPointer($0), inode: UInt64(own.st_ino), own) { path } }
            folder.names = folder.digest
            return (folder, files)
        }
        folder.mtime = nanoseconds(own)
        guard let d = opendir(path) else { return (folder, files) }
        defer { closedir(d) }
        let fd = dirfd(d)
        while let e = readdir(d) {
            let type = e.pointee.d_type, inode = UInt64(e.pointee.d_ino)
            DirectoryEntry.withName(e) { raw in
                let n = raw.firstIndex(of: 0) ?? raw.count
                if type == UInt8(DT_DIR) {
                    // Subfolders count by name, so a new or removed subfolder changes its parent.
                    guard !(n == 1 && raw[0] == UInt8(ascii: ".")), !(n == 2 && raw[0] == UInt8(ascii: ".") && raw[1] == UInt8(ascii: ".")) else { return }
                    let tag = mix(hash(UnsafeRawBufferPointer(rebasing: raw[0..<n])) ^ 0x5D1B_5D1B_5D1B_5D1B)
                    folder.names &+= tag
                    folder.digest &+= tag
                    return
                }
                guard ReportLoader.isReportName(UnsafeRawBufferPointer(rebasing: raw[0..<n])) else { return }
                var st = stat()
                if statFiles || type != UInt8(DT_REG) {
                    // Plain files only: a FIFO, socket or device named *.txt is no report.
                    guard fstatat(fd, raw.baseAddress!.assumingMemoryBound(to: CChar.self), &st, 0) == 0,
                          st.st_mode & S_IFMT == S_IFREG else { return }
                }
                let name = UnsafeRawBufferPointer(rebasing: raw[0..<n])
                add(name, inode: inode, statFiles ? st : nil) { path + "/" + String(decoding: name, as: UTF8.self) }
            }
        }
        // Sorted here, on the folder's worker: `scan`'s sort of every file then merges sorted runs.
        files.sort { $0.path < $1.path }
        return (folder, files)
    }

    static func nanoseconds(_ st: stat) -> Int64 {
        Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Whether the folders on disk still hold the recorded files, as closely as `check` looks.
    func matches(_ now: SourceList, check: SourceCheck) -> Bool {
        guard roots == now.roots, folders.count == now.folders.count else { return false }
        for (a, b) in zip(folders, now.folders) {
            guard a.path == b.path, a.count == b.count, a.names == b.names else { return false }
            if check == .files { guard a.digest == b.digest else { return false } }
        }
        return true
    }

    /// Whether the texts on disk are still the recorded ones, as closely as `check` looks. A
    /// folder whose own mtime is unchanged has had no file added, removed, renamed or replaced,
    /// so in `.folders` mode it costs one `stat`; other folders are read again.
    public func stillOnDisk(check: SourceCheck) -> Bool {
        let recorded = folders
        var ok = [Bool](repeating: false, count: recorded.count)
        ok.withUnsafeMutableBufferPointer { out in
            let slots = UncheckedSlots(base: out.baseAddress!)
            // A few dozen `stat`s take less than starting the threads to share them.
            SnapshotRegions.forEach(recorded.count, inParallel: recorded.count > 64) { i in
                let f = recorded[i]
                var st = stat()
                guard stat(f.path, &st) == 0 else { return }
                let isFile = st.st_mode & S_IFMT != S_IFDIR
                if check == .folders, !isFile, Self.nanoseconds(st) == f.mtime { slots.base[i] = true; return }
                let now = Self.digest(f.path, isFile: isFile, files: false, stat: check == .files || isFile).0
                slots.base[i] = now.count == f.count && now.names == f.names && (check == .folders || now.digest == f.digest)
            }
        }
        return !ok.contains(false)
    }

    /// How many texts the snapshot was built from.
    var fileCount: UInt64 { folders.reduce(0) { $0 + $1.count } }

    /// The first difference between what was recorded (`self`) and what is on disk now, said
    /// for a person: `'a.txt' changed`, `'b.txt' was added`, `'c.txt' was removed`.
    public func firstDifference(from now: SourceList) -> String? {
        var i = 0, j = 0
        while i < files.count || j < now.files.count {
            if j == now.files.count || (i < files.count && files[i].path < now.files[j].path) {
                return "'\(files[i].path)' was removed"
            }
            if i == files.count || now.files[j].path < files[i].path { return "'\(now.files[j].path)' was added" }
            if files[i] != now.files[j] { return "'\(files[i].path)' changed" }
            i += 1; j += 1
        }
        return folders == now.folders ? nil : "a folder changed"
    }

    /// Roots and folder digests into the payload, the per-file list into the extra region.
    func encode(into w: inout ByteWriter, files x: inout ByteWriter) {
        encodeFolders(into: &w)
        x.strings(files.map(\.path))
        x.block(files.map(\.size))
        x.block(files.map(\.mtime))
        x.block(files.map(\.inode))
    }

    /// The roots and folder digests alone (an incremental update writes the per-file list
    /// from the stored one: `SourceFileSplice`).
    func encodeFolders(into w: inout ByteWriter) {
        w.strings(roots)
        w.strings(folders.map(\.path))
        w.block(folders.map(\.count))
        w.block(folders.map(\.digest))
        w.block(folders.map(\.names))
        w.block(folders.map(\.mtime))
        // Each folder's census (format version 10): its counts, then its other files by label.
        w.block(folders.map { UInt64($0.census.reports) })
        w.block(folders.map { UInt64($0.census.irregular) })
        w.block(folders.map { UInt8($0.census.escapedNames ? 1 : 0) })
        w.block(folders.map { UInt32($0.census.otherLabels.count) })
        w.strings(folders.flatMap(\.census.otherLabels))
        w.block(folders.flatMap { $0.census.otherCounts.map(UInt64.init) })
    }

    /// Roots and folder digests; the per-file list only when `files` is true (it is needed
    /// only to name what changed).
    static func decode(from r: inout ByteReader, files extra: ByteReader?) throws -> SourceList {
        let roots = try r.strings(), paths = try r.strings()
        let counts = try r.array(UInt64.self), digests = try r.array(UInt64.self)
        let names = try r.array(UInt64.self), mtimes = try r.array(Int64.self)
        guard [counts.count, digests.count, names.count, mtimes.count].allSatisfy({ $0 == paths.count }) else {
            throw SnapshotError.malformed("source folders")
        }
        let reports = try r.array(UInt64.self), irregular = try r.array(UInt64.self), escaped = try r.array(UInt8.self)
        let otherCounts = try r.array(UInt32.self), labels = try r.strings(), labelCounts = try r.array(UInt64.self)
        guard [reports.count, irregular.count, escaped.count, otherCounts.count].allSatisfy({ $0 == paths.count }),
              labels.count == labelCounts.count, otherCounts.reduce(0, { $0 + Int($1) }) == labels.count else {
            throw SnapshotError.malformed("source folders")
        }
        var next = 0
        let folders = paths.indices.map { i in
            var census = FolderCensus()
            census.reports = Int(clamping: reports[i])
            census.irregular = Int(clamping: irregular[i])
            census.escapedNames = escaped[i] != 0
            for k in next..<(next + Int(otherCounts[i])) { census.countOther(labels[k], Int(clamping: labelCounts[k])) }
            next += Int(otherCounts[i])
            return SourceFolder(path: paths[i], count: counts[i], digest: digests[i], names: names[i], mtime: mtimes[i], census: census)
        }
        guard var x = extra else { return SourceList(roots: roots, folders: folders, files: []) }
        let filePaths = try x.strings()
        let sizes = try x.array(UInt64.self), fileTimes = try x.array(Int64.self), inodes = try x.array(UInt64.self)
        guard sizes.count == filePaths.count, fileTimes.count == filePaths.count, inodes.count == filePaths.count else {
            throw SnapshotError.malformed("source list")
        }
        let files = filePaths.indices.map { SourceFile(path: filePaths[$0], size: sizes[$0], mtime: fileTimes[$0], inode: inodes[$0]) }
        return SourceList(roots: roots, folders: folders, files: files)
    }
}

/// A folder as the file system knows it, whatever path reached it.
struct FolderIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
}

/// Lets parallel workers fill disjoint slots of one buffer.
private struct UncheckedSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
