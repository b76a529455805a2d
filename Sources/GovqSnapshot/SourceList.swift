/// The report texts a snapshot was built from: every `*.txt` under the roots, with size and
/// modification time, so that opening the snapshot notices a changed, added or removed file.
import Foundation

/// One source text as it was when the snapshot was built.
public struct SourceFile: Sendable, Equatable {
    public var path: String
    public var size: UInt64
    /// Nanoseconds since 1970.
    public var mtime: Int64
}

public struct SourceList: Sendable, Equatable {
    /// The paths given to `govq index` (folders or files).
    public var roots: [String]
    /// Every file found under them, sorted by path.
    public var files: [SourceFile]

    /// Walks the roots as the loader does: a file as given, a folder recursively for `*.txt`.
    public static func scan(_ roots: [String]) -> SourceList {
        var files: [SourceFile] = []
        for root in roots {
            var st = stat()
            guard stat(root, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                walk(root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root, into: &files)
            } else {
                files.append(SourceFile(path: root, size: UInt64(st.st_size), mtime: nanoseconds(st)))
            }
        }
        files.sort { $0.path < $1.path }
        return SourceList(roots: roots, files: files)
    }

    private static func nanoseconds(_ st: stat) -> Int64 {
        Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

    /// readdir + fstatat relative to the open folder: no path is resolved twice.
    private static func walk(_ dir: String, into files: inout [SourceFile]) {
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        let fd = dirfd(d)
        var subdirs: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var st = stat()
            guard fstatat(fd, name, &st, 0) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                subdirs.append(dir + "/" + name)
            } else if name.lowercased().hasSuffix(".txt") {
                files.append(SourceFile(path: dir + "/" + name, size: UInt64(st.st_size), mtime: nanoseconds(st)))
            }
        }
        for s in subdirs { walk(s, into: &files) }
    }

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
        return nil
    }

    func encode(into w: inout ByteWriter) {
        w.strings(roots)
        w.strings(files.map(\.path))
        w.block(files.map(\.size))
        w.block(files.map(\.mtime))
    }

    static func decode(from r: inout ByteReader) throws -> SourceList {
        let roots = try r.strings(), paths = try r.strings()
        let sizes = try r.array(UInt64.self), mtimes = try r.array(Int64.self)
        guard sizes.count == paths.count, mtimes.count == paths.count else { throw SnapshotError.malformed("source list") }
        var files: [SourceFile] = []
        files.reserveCapacity(paths.count)
        for i in paths.indices { files.append(SourceFile(path: paths[i], size: sizes[i], mtime: mtimes[i])) }
        return SourceList(roots: roots, files: files)
    }
}
