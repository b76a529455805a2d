/// What changed among a snapshot's source files: the files recorded when it was built against
/// the files on disk now, by path, size, modification time and inode. A file moved to another
/// folder is one removed and one added; a file replaced by another with the same size and
/// mtime (`cp -p`) is changed, by its inode.
import Dispatch
import Foundation
import GovqLoader

/// The recorded-vs-disk difference of two source lists, each sorted by path.
public struct SourceChanges: Sendable, Equatable {
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []
    /// Files on disk that are as recorded.
    public var unchanged = 0

    public init(recorded: [SourceFile], now: [SourceFile]) {
        var i = 0, j = 0
        while i < recorded.count || j < now.count {
            if j == now.count || (i < recorded.count && recorded[i].path < now[j].path) {
                removed.append(recorded[i].path)
                i += 1
            } else if i == recorded.count || now[j].path < recorded[i].path {
                added.append(now[j].path)
                j += 1
            } else {
                if recorded[i] == now[j] { unchanged += 1 } else { changed.append(now[j].path) }
                i += 1
                j += 1
            }
        }
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// The paths on disk whose text must be parsed again.
    public var parseAgain: Set<String> { Set(added).union(changed) }

    /// `1 added, 0 changed, 0 removed (100,000 unchanged)`.
    public var summary: String {
        "\(Self.grouped(added.count)) added, \(Self.grouped(changed.count)) changed, \(Self.grouped(removed.count)) removed (\(Self.grouped(unchanged)) unchanged)"
    }

    /// The first change, said for a person (as a stale snapshot's warning names it).
    public var first: String? {
        if let p = changed.first { return "'\(p)' changed" }
        if let p = added.first { return "'\(p)' was added" }
        if let p = removed.first { return "'\(p)' was removed" }
        return nil
    }

    /// 100000 → `100,000`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}

extension SourceChanges {
    init(added: [String], changed: [String], removed: [String], unchanged: Int) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
    }
}

extension SourceList {
    /// The list as it is on disk now (`self` is the recorded one), and what changed. A folder
    /// that `check` finds as recorded keeps its recorded files without a `String` built for
    /// any of them (with `.folders`, one whose own mtime is unchanged costs one `stat`); only
    /// the other folders are read again, file by file.
    func rescan(check: SourceCheck) -> (list: SourceList, changes: SourceChanges) {
        let (folders, fresh, again) = rescanFolders(check: check)
        // A file lies in folder F when its path is F/name (or is F, a file given as a root);
        // compared as bytes, with no String made per file.
        let folderPrefixes = again.map { Array(($0 + "/").utf8) }, asFiles = again.map { Array($0.utf8) }
        func inAgain(_ p: String) -> Bool {
            guard !again.isEmpty else { return false }
            var path = p
            return path.withUTF8 { bytes in
                for (k, prefix) in folderPrefixes.enumerated() {
                    if bytes.elementsEqual(asFiles[k]) { return true }
                    guard bytes.count > prefix.count, bytes.starts(with: prefix) else { continue }
                    if !bytes[prefix.count...].contains(UInt8(ascii: "/")) { return true }
                }
                return false
            }
        }
        var kept: [SourceFile] = [], before: [SourceFile] = []
        kept.reserveCapacity(files.count)
        for f in files {
            if inAgain(f.path) { before.append(f) } else { kept.append(f) }
        }
        var changes = SourceChanges(recorded: before, now: fresh)
        changes.unchanged += kept.count
        let now = SourceList(roots: roots, folders: folders, files: Self.merge(kept, fresh))
        return (now, changes)
    }

    /// The folders on disk now (the recorded one where `check` finds it as recorded), the
    /// files of the others as they are now (sorted by path), and which recorded folders must
    /// have their files compared one by one (read again, or gone).
    func rescanFolders(check: SourceCheck) -> (folders: [SourceFolder], fresh: [SourceFile], again: Set<String>) {
        var found: [(path: String, isFile: Bool)] = []
        for root in roots {
            var st = stat()
            guard stat(root, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                let dir = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
                if check == .folders { listFolders(dir, into: &found) } else { Self.listFolders(dir, into: &found) }
            } else {
                found.append((root, true))
            }
        }
        var recorded: [String: SourceFolder] = [:]
        for f in folders { recorded[f.path] = f }
        let list = found, known = recorded
        // Per folder: the recorded one (unchanged), or the folder read again with its files.
        var results = [(folder: SourceFolder, files: [SourceFile]?)](repeating: (SourceFolder(path: "", count: 0, digest: 0, names: 0, mtime: 0), nil),
                                                                      count: list.count)
        results.withUnsafeMutableBufferPointer { out in
            let slots = FolderSlots(base: out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: list.count) { i in
                let (path, isFile) = list[i]
                if var old = known[path] {
                    var st = stat()
                    if check == .folders, !isFile, stat(path, &st) == 0, Self.nanoseconds(st) == old.mtime {
                        slots.base[i] = (old, nil)
                        return
                    }
                    let now = Self.digest(path, isFile: isFile, files: false, stat: check == .files || isFile).0
                    if now.count == old.count, now.names == old.names, check == .folders || now.digest == old.digest {
                        // Its reports are as recorded, but not its other entries, maybe.
                        old.mtime = now.mtime
                        if !isFile { old.census = ReportLoader.census(ofFolder: path) }
                        slots.base[i] = (old, nil)
                        return
                    }
                }
                var (folder, files) = Self.digest(path, isFile: isFile, files: true, stat: true)
                if !isFile { folder.census = ReportLoader.census(ofFolder: path) }
                slots.base[i] = (folder, files.sorted { $0.path < $1.path })
            }
        }
        // Folders read again, and folders that are gone: their files are compared one by one.
        var again = Set(results.indices.filter { results[$0].files != nil }.map { list[$0].path })
        let present = Set(list.map(\.path))
        for f in folders where !present.contains(f.path) { again.insert(f.path) }
        let fresh = results.compactMap(\.files).flatMap { $0 }.sorted { $0.path < $1.path }
        return (results.map(\.folder), fresh, again)
    }

    /// `SourceList.listFolders` for a `.folders` check, which trusts a folder whose own mtime is
    /// as recorded to hold the entries it held (no entry added, removed or renamed): such a
    /// folder's subfolders are the recorded ones, and it is not read (at 10^5 texts in 100
    /// folders, reading them all was 10^5 directory entries for the 100 subfolder names). A
    /// folder whose mtime changed, or that was not recorded, is read as `listFolders` reads it.
    func listFolders(_ dir: String, into out: inout [(path: String, isFile: Bool)]) {
        var recorded: [String: (mtime: Int64, children: [String])] = [:]
        for f in folders { recorded[f.path] = (f.mtime, []) }
        for f in folders {
            guard let slash = f.path.lastIndex(of: "/") else { continue }
            let parent = String(f.path[..<slash])
            recorded[parent]?.children.append(f.path)
        }
        var visited = Set<FolderIdentity>()
        Self.listFolders(dir, into: &out, visited: &visited, recorded: recorded)
    }

    private static func listFolders(_ dir: String, into out: inout [(path: String, isFile: Bool)], visited: inout Set<FolderIdentity>,
                                    recorded: [String: (mtime: Int64, children: [String])]) {
        var own = stat()
        guard stat(dir, &own) == 0, visited.insert(FolderIdentity(device: UInt64(own.st_dev), inode: UInt64(own.st_ino))).inserted else { return }
        out.append((dir, false))
        let unchanged = recorded[dir].map { nanoseconds(own) == $0.mtime } ?? false
        for s in unchanged ? recorded[dir]!.children.sorted() : subfolders(of: dir) {
            listFolders(s, into: &out, visited: &visited, recorded: recorded)
        }
    }

    /// Two lists sorted by path, as one.
    private static func merge(_ a: [SourceFile], _ b: [SourceFile]) -> [SourceFile] {
        guard !b.isEmpty else { return a }
        var out: [SourceFile] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].path < b[j].path) { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        return out
    }
}

/// Lets parallel workers fill disjoint slots of one buffer.
private struct FolderSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<(folder: SourceFolder, files: [SourceFile]?)>
}
