/// What `listing(of:)` would find under one folder, counted without naming the reports: how
/// many report files, whether any of them is not a plain file, and the other files by
/// extension. The incremental index keeps the names of unchanged reports from its snapshot
/// and needs only these counts (and the warning about the other files) to list as a load does.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GovqDiagnostics

/// The counts of one folder's walk, as `ReportLoader.listing` walks it.
public struct FolderCensus: Sendable, Equatable {
    /// Entries with a report's name that are not folders.
    public var reports = 0
    /// Of those, entries not known to be plain files (a link, a FIFO, a type `readdir` did
    /// not say): the snapshot's source list sees only plain files, so these need a full listing.
    public var irregular = 0
    /// Files that are no report, by `ReportFiles.extensionLabel`.
    public var others: [String: Int] {
        get { Dictionary(uniqueKeysWithValues: zip(otherLabels, otherCounts)) }
        set {
            otherLabels = newValue.keys.sorted()
            otherCounts = otherLabels.map { newValue[$0]! }
        }
    }
    /// `others` in label order, as two arrays: a query run decodes every folder's census
    /// from its snapshot, and the first `[String: Int]` a process makes looks its key's
    /// `Hashable` conformance up through every conformance record of the binary.
    public private(set) var otherLabels: [String] = []
    public private(set) var otherCounts: [Int] = []
    /// A folder name that is not UTF-8 (or holds `\`) was met: its paths are shown escaped.
    public var escapedNames = false

    public init() {}

    /// The counts of two walks together (a folder's and its subfolders').
    public mutating func add(_ other: FolderCensus) {
        reports += other.reports
        irregular += other.irregular
        for (label, n) in zip(other.otherLabels, other.otherCounts) { countOther(label, n) }
        escapedNames = escapedNames || other.escapedNames
    }

    /// Counts `n` more files that are no report under `label`.
    public mutating func countOther(_ label: String, _ n: Int = 1) {
        var i = 0
        while i < otherLabels.count, otherLabels[i] < label { i += 1 }
        if i < otherLabels.count, otherLabels[i] == label {
            otherCounts[i] += n
        } else {
            otherLabels.insert(label, at: i)
            otherCounts.insert(n, at: i)
        }
    }

    /// The warning `listing(of: [root])` gives about the other files, if any.
    public func othersWarning(root: String) -> Diagnostic? {
        otherLabels.isEmpty ? nil : Diagnostic(.warning, ReportFiles.describe(others), source: root)
    }
}

extension ReportLoader {
    /// Walks `root` (a folder, given as a load is given it) the way `listing(of:)` does, by
    /// the same rules (`list`): folders by `d_type` (a link to one is not followed), a report
    /// by its name, every other file counted by extension.
    public static func census(of root: String) -> FolderCensus {
        var census = FolderCensus()
        let dir = root.hasSuffix("/") ? String(root.dropLast()) : root
        walk(dir, &census, recursive: true)
        return census
    }

    /// The same for `dir`'s own entries, its subfolders not walked (their names are still
    /// checked): the incremental index stores each folder's and reads again only the folders
    /// whose mtime changed.
    public static func census(ofFolder dir: String) -> FolderCensus {
        var census = FolderCensus()
        walk(dir, &census, recursive: false)
        return census
    }

    private static func walk(_ dir: String, _ census: inout FolderCensus, recursive: Bool) {
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        var subfolders: [String] = []
        while let e = readdir(d) {
            let type = e.pointee.d_type
            let start = UnsafeRawPointer(e) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let bytes = UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self)))
            if bytes.count == 1 && bytes[0] == 0x2E || bytes.count == 2 && bytes[0] == 0x2E && bytes[1] == 0x2E { continue }
            var isDir = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var st = stat()
                isDir = lstat(dir + "/" + String(decoding: bytes, as: UTF8.self), &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            if isDir {
                if !plain(bytes) { census.escapedNames = true }
                subfolders.append(dir + "/" + ReportFiles.displayName(bytes))
            } else if isReportName(bytes) {
                census.reports += 1
                if type != UInt8(DT_REG) { census.irregular += 1 }
                if !plain(bytes) { census.escapedNames = true }
            } else {
                census.countOther(ReportFiles.extensionLabel(ReportFiles.displayName(bytes)))
            }
        }
        if recursive { for s in subfolders { walk(s, &census, recursive: true) } }
    }

    /// Whether a name is shown as it is: UTF-8 without a `\` (`ReportFiles.displayName`).
    private static func plain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var ascii = true
        for b in bytes {
            if b == 0x5C { return false }
            if b >= 0x80 { ascii = false }
        }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }
}
