/// The temporary files an output is written to before it is renamed into place.
///
/// A name is `.<target>.govq-<12 random letters and digits>.tmp`, beside the target, created
/// with `O_CREAT|O_EXCL|O_NOFOLLOW` (so a file or link planted under any predictable name is
/// never opened) and mode 0600 until it is complete. The writer holds an exclusive `flock` on it
/// while it writes: a file of that shape that is owned by this user and that nobody holds
/// locked is one a killed run left behind, and the next output into that folder removes it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum TemporaryFiles {
    static let marker = ".govq-"
    static let suffix = ".tmp"
    static let randomLength = 12

    /// Creates and locks a fresh temporary file in `folder` ("" is the working directory).
    static func create(in folder: String, for name: String) -> (fd: Int32, path: String)? {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        // Keep the whole name within NAME_MAX even for a long target name.
        let stem = String(decoding: Array(name.utf8.prefix(200)), as: UTF8.self)
        for _ in 0..<100 {
            let random = String(decoding: (0..<randomLength).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            let path = folder + "." + stem + marker + random + suffix
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                _ = flock(fd, LOCK_EX | LOCK_NB)
                return (fd, path)
            }
            if errno != EEXIST { return nil }
        }
        errno = EEXIST
        return nil
    }

    /// Whether a folder entry has the shape of one of these names.
    static func isTemporaryName(_ name: [UInt8]) -> Bool {
        let marker = Array(marker.utf8), suffix = Array(suffix.utf8)
        guard name.first == UInt8(ascii: "."), name.count > 1 + marker.count + randomLength + suffix.count,
              name.suffix(suffix.count).elementsEqual(suffix) else { return false }
        let randomEnd = name.count - suffix.count
        let randomStart = randomEnd - randomLength
        let markerStart = randomStart - marker.count
        guard markerStart >= 1, name[markerStart..<randomStart].elementsEqual(marker) else { return false }
        return name[randomStart..<randomEnd].allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// An entry's name, read where it lies: `entry.pointee.d_name` copies the whole 256-byte
    /// field, past the end of a short entry, and crashed when the entry was the last before an
    /// unmapped page (seen in a /tmp of thousands of entries).
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let name = (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self)
        return Array(UnsafeRawBufferPointer(start: name, count: strlen(name)))
    }

    /// Removes the temporary files killed runs left in `folder`: plain files of that shape,
    /// owned by this user, that no running writer holds locked. Links and anything else of
    /// that name are left alone; nothing here follows a link.
    @discardableResult
    static func removeAbandoned(in folder: String) -> Int {
        guard let dir = opendir(folder.isEmpty ? "." : folder) else { return 0 }
        defer { closedir(dir) }
        let dfd = dirfd(dir)
        var removed = 0
        while let entry = readdir(dir) {
            let name = entryName(entry)
            guard isTemporaryName(name) else { continue }
            let cName = name.map { CChar(bitPattern: $0) } + [0]
            let fd = openat(dfd, cName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == geteuid(),
                  flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            if unlinkat(dfd, cName, 0) == 0 { removed += 1 }
        }
        return removed
    }
}
