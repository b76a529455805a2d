/// Whether the folders a snapshot was built from can be seen at all. A root that is gone
/// (moved, unmounted, the snapshot copied to another machine) says nothing about the reports:
/// a snapshot is never rebuilt, or shrunk, from sources that are out of reach.
import GovqOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SourceList {
    /// The recorded roots that cannot be checked now, each with why (`is missing`, or `is an
    /// empty folder` where the snapshot had texts: an unmounted mount point looks like that).
    public func unreachableRoots() -> [(root: String, why: String)] {
        roots.compactMap { root in
            if let why = Self.unreachable(root) { return (root, why) }
            let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
            // By bytes, as paths are: `hasPrefix` compares characters (grapheme breaking), 7,000
            // instructions a folder on every query's open.
            let under = Array((trimmed + "/").utf8)
            let recorded = folders.filter { $0.path.utf8.elementsEqual(trimmed.utf8) || $0.path.utf8.starts(with: under) }
                .reduce(0) { $0 + $1.count }
            return recorded > 0 && Self.isEmptyFolder(root) ? (root, "is an empty folder (not mounted?)") : nil
        }
    }

    /// Why `root` cannot be read at all, or nil when it can.
    public static func unreachable(_ root: String) -> String? {
        var st = stat()
        guard stat(root, &st) != 0 else { return nil }
        return errno == ENOENT || errno == ENOTDIR ? "is missing" : "cannot be read (\(String(cString: strerror(errno))))"
    }

    static func isEmptyFolder(_ path: String) -> Bool {
        guard let d = opendir(path) else { return false }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = DirectoryEntry.withName(e) { Array($0) }
            if name != [0x2E], name != [0x2E, 0x2E] { return false }
        }
        return true
    }
}
