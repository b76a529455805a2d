/// The per-file source list of an old snapshot read in place (the extra region's first four
/// blocks: paths, sizes, mtimes, inodes), and the new list an incremental update writes from
/// it: runs of stored entries copied as bytes, with the files of the folders read again merged
/// in by path. The 10^5 paths of a large corpus are never decoded into `String`s (decoding
/// them, comparing each with the folders read again and encoding them again was a fifth of an
/// update's instructions).
import Foundation

/// The stored per-file list (`SourceList.encode`), read where it lies.
struct StoredSourceFiles {
    let paths: StoredStrings
    private let sizes: UnsafeRawBufferPointer, mtimes: UnsafeRawBufferPointer, inodes: UnsafeRawBufferPointer

    var count: Int { paths.count }

    /// `extra`: the snapshot's extra region, which starts with the list.
    init(_ extra: UnsafeRawBufferPointer) throws {
        var r = ByteReader(extra)
        paths = try StoredStrings(&r)
        sizes = try r.block()
        mtimes = try r.block()
        inodes = try r.block()
        guard [sizes, mtimes, inodes].allSatisfy({ $0.count == 8 * paths.count }) else { throw SnapshotError.malformed("source list") }
    }

    func file(_ i: Int) -> SourceFile {
        SourceFile(path: paths.string(i), size: Self.u64(sizes, i), mtime: Int64(bitPattern: Self.u64(mtimes, i)), inode: Self.u64(inodes, i))
    }

    private static func u64(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt64 {
        UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
    }

    /// Entries `run`'s sizes, mtimes and inodes, as stored.
    func fields(_ run: Range<Int>) -> [UnsafeRawBufferPointer] {
        [sizes, mtimes, inodes].map { UnsafeRawBufferPointer(rebasing: $0[(8 * run.lowerBound)..<(8 * run.upperBound)]) }
    }
}

/// The new per-file list: the stored entries less `dropped` (the files of the folders read
/// again), with `fresh` (those folders' files now, sorted by path) merged in, as
/// `SourceList.rescan` merges them.
struct SourceFileSplice {
    let stored: StoredSourceFiles
    /// A run of stored entries, or a fresh one.
    enum Piece { case stored(Range<Int>), fresh(Int) }
    let fresh: [SourceFile]
    let pieces: [Piece]
    let count: Int

    /// `dropped`: stored indices not kept, ascending; `insertAt[k]`: the stored index fresh
    /// entry `k` goes before (ascending with `k`).
    init(stored: StoredSourceFiles, dropped: [Int], fresh: [SourceFile], insertAt: [Int]) {
        self.stored = stored
        self.fresh = fresh
        var pieces: [Piece] = [], count = 0
        var d = 0, f = 0, start = 0
        func close(_ end: Int) {
            if end > start { pieces.append(.stored(start..<end)); count += end - start }
            start = end
        }
        for i in 0..<stored.count {
            if f < fresh.count, insertAt[f] == i {
                close(i)
                while f < fresh.count, insertAt[f] == i { pieces.append(.fresh(f)); count += 1; f += 1 }
            }
            if d < dropped.count, dropped[d] == i {
                close(i)
                start = i + 1
                d += 1
            }
        }
        close(stored.count)
        while f < fresh.count { pieces.append(.fresh(f)); count += 1; f += 1 }
        self.pieces = pieces
        self.count = count
    }

    /// The four blocks `SourceList.encode` writes for the same files.
    func encode(into x: inout ByteWriter) {
        var ends: [UInt32] = []
        ends.reserveCapacity(count)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(stored.paths.utf8.count + 64 * fresh.count)
        var fields = [[UInt8]](repeating: [], count: 3)
        for k in 0..<3 { fields[k].reserveCapacity(8 * count) }
        for piece in pieces {
            switch piece {
            case .stored(let run):
                let from = run.lowerBound == 0 ? 0 : stored.paths.end(run.lowerBound - 1), to = stored.paths.end(run.upperBound - 1)
                let shift = UInt32(utf8.count) &- UInt32(from)
                for i in run { ends.append(UInt32(stored.paths.end(i)) &+ shift) }
                utf8.append(raw: UnsafeRawBufferPointer(rebasing: stored.paths.utf8[from..<to]))
                for (k, raw) in stored.fields(run).enumerated() { fields[k].append(raw: raw) }
            case .fresh(let f):
                let file = fresh[f]
                utf8.append(contentsOf: file.path.utf8)
                ends.append(UInt32(utf8.count))
                for (k, v) in [file.size, UInt64(bitPattern: file.mtime), file.inode].enumerated() {
                    withUnsafeBytes(of: v.littleEndian) { fields[k].append(contentsOf: $0) }
                }
            }
        }
        x.block(ends)
        x.block(utf8)
        for f in fields { x.block(f) }
    }
}

extension SourceList {
    /// `rescan(check:)` for a list whose files are still stored (`self.files` is empty):
    /// the stored entries in folders that are as recorded are kept as stored bytes.
    func rescan(check: SourceCheck, stored: StoredSourceFiles) -> (list: SourceList, files: SourceFileSplice, changes: SourceChanges) {
        let (folders, fresh, again) = rescanFolders(check: check)
        // The stored files that lie in a folder read again (compared as bytes: F/name, or F itself).
        let prefixes = again.map { Array(($0 + "/").utf8) }, asFiles = again.map { Array($0.utf8) }
        var dropped: [Int] = [], before: [SourceFile] = []
        if !again.isEmpty {
            for i in 0..<stored.count {
                let p = stored.paths.bytes(i)
                if Self.lies(p, inOneOf: prefixes, asFiles) {
                    dropped.append(i)
                    before.append(stored.file(i))
                }
            }
        }
        var changes = SourceChanges(recorded: before, now: fresh)
        changes.unchanged += stored.count - dropped.count
        // Where each fresh file goes among the stored ones: where its own stored entry was, or
        // (a new path) where a search by `String` order puts it, as `merge` does.
        var insertAt: [Int] = []
        insertAt.reserveCapacity(fresh.count)
        var b = 0
        for file in fresh {
            while b < before.count, before[b].path < file.path { b += 1 }
            if b < before.count, before[b].path == file.path {
                insertAt.append(dropped[b])
                continue
            }
            var lo = insertAt.last ?? 0, hi = stored.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if stored.paths.string(mid) < file.path { lo = mid + 1 } else { hi = mid }
            }
            insertAt.append(lo)
        }
        let list = SourceList(roots: roots, folders: folders, files: [])
        return (list, SourceFileSplice(stored: stored, dropped: dropped, fresh: fresh, insertAt: insertAt), changes)
    }

    /// Whether `path` is F/name (no further `/`) for one of the folders F, or is one of them.
    private static func lies(_ path: UnsafeRawBufferPointer, inOneOf prefixes: [[UInt8]], _ asFiles: [[UInt8]]) -> Bool {
        guard let base = path.baseAddress else { return false }
        for (k, prefix) in prefixes.enumerated() {
            if path.count == asFiles[k].count, memcmp(base, asFiles[k], path.count) == 0 { return true }
            guard path.count > prefix.count, memcmp(base, prefix, prefix.count) == 0 else { continue }
            if memchr(base + prefix.count, Int32(UInt8(ascii: "/")), path.count - prefix.count) == nil { return true }
        }
        return false
    }
}
