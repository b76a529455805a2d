/// Writing an output file so that it is either complete or untouched: the bytes go to a temporary
/// file in the same folder (same file system, so the rename is atomic), are flushed to disk with
/// fsync, and only then renamed over the target. A failure at any step removes the temporary
/// file and leaves an existing target as it was.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write '\(path)': \(reason)" }
    }

    static func write(_ text: String, to path: String) throws(WriteError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// The same for bytes that are not text (an `.xlsx` workbook).
    static func write(bytes: [UInt8], to path: String) throws(WriteError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw WriteError(path: path, reason: "is a directory") }
        var template = Array("\(folder).\(name).govq-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(path: path, reason: systemError()) }
        let temp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)

        func fail(_ reason: String) -> WriteError {
            close(fd)
            unlink(temp)
            return WriteError(path: path, reason: reason)
        }
        if let reason = writeAll(fd, bytes) { throw fail(reason) }
        // mkstemp creates mode 0600; give the file the mode a new file (or the old one) would have.
        var info = stat()
        let mode: mode_t
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw fail("is a directory") }
            mode = info.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        if fchmod(fd, mode) != 0 { throw fail(systemError()) }
        if fsync(fd) != 0 { throw fail(systemError()) }
        if close(fd) != 0 {
            unlink(temp)
            throw WriteError(path: path, reason: systemError())
        }
        if rename(temp, path) != 0 {
            let reason = systemError()
            unlink(temp)
            throw WriteError(path: path, reason: reason)
        }
        // Make the rename itself durable; the file is already complete either way.
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// `strerror(errno)` with a lower-case first letter, as govq's messages are written.
    static func systemError() -> String {
        let text = String(cString: strerror(errno))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// Writes every byte (retrying short writes and EINTR); the error text, or nil.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
        if n < 0 {
            if errno == EINTR { continue }
            return AtomicFile.systemError()
        }
        done += n
    }
    return nil
}
