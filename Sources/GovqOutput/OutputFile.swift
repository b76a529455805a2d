/// One output file written so that it is complete or untouched (`-o`, `export -o`, `index -o`,
/// the REPL's `.export`, a snapshot's rebuild): the bytes go to a fresh temporary file beside
/// the target (`TemporaryFiles`), are flushed to disk, and only then renamed over it. A failure
/// at any step removes the temporary file and leaves the target as it was. What may be replaced
/// is `OutputPathKind`'s rule: a plain file or nothing; standard output is written in place.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class OutputFile {
    /// `cannot write 'PATH': REASON`, the reason in govq's words.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        /// The errno behind the failure (EPIPE lets a caller end quietly), or 0.
        public var code: Int32 = 0
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    public let path: String
    /// Where the bytes go: the temporary file, or 1 for standard output.
    public let fd: Int32
    private let temporary: String?
    private let folder: String
    private let target: OutputPathKind
    private var finished = false

    /// Checks the target, removes what killed runs left in its folder, and opens a temporary
    /// file there (or standard output, when the path names it).
    public init(path: String) throws(Failure) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        target = OutputPathKind.classify(path)
        switch target {
        case .refused(let reason):
            throw Failure(path: path, reason: reason)
        case .standardOutput:
            fd = 1
            temporary = nil
            return
        case .absent, .plainFile:
            guard !name.isEmpty else { throw Failure(path: path, reason: "is a directory") }
        }
        TemporaryFiles.removeAbandoned(in: folder)
        guard let (fd, temp) = TemporaryFiles.create(in: folder, for: name) else {
            throw Failure(path: path, reason: OutputFile.systemError(), code: errno)
        }
        self.fd = fd
        temporary = temp
    }

    deinit { if !finished { abandon() } }

    /// Writes every byte (retrying short writes and EINTR).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var done = 0
        while done < bytes.count {
            let n = rawWrite(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: OutputFile.systemError(), code: errno)
            }
            done += n
        }
    }

    public func write(_ bytes: [UInt8]) throws(Failure) {
        let result: Result<Void, Failure> = bytes.withUnsafeBytes { raw in
            do throws(Failure) { try write(raw); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    /// Flushes, gives the file the target's mode, and renames it into place.
    public func commit() throws(Failure) {
        guard let temporary else { finished = true; return }
        func fail(_ reason: String, _ code: Int32) -> Failure {
            abandon()
            return Failure(path: path, reason: reason, code: code)
        }
        // The temporary file is 0600 until it is complete; then it takes the mode the target has
        // (or a new file would have), and as root the target's owner too.
        switch target {
        case .plainFile(let mode, let owner, let group):
            if geteuid() == 0 { _ = fchown(fd, owner, group) }
            if fchmod(fd, mode) != 0 { throw fail(OutputFile.systemError(), errno) }
        default:
            let mask = umask(0)
            umask(mask)
            if fchmod(fd, 0o666 & ~mask) != 0 { throw fail(OutputFile.systemError(), errno) }
        }
        if fsync(fd) != 0 { throw fail(OutputFile.systemError(), errno) }
        // Something else may have appeared at the path since `init` looked; the rule holds then too.
        if case .refused(let reason) = OutputPathKind.classify(path) { throw fail(reason, 0) }
        if rename(temporary, path) != 0 { throw fail(OutputFile.systemError(), errno) }
        finished = true
        close(fd)
        // Make the rename itself durable; the file is already complete either way.
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// Removes the temporary file; the target stays as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if let temporary {
            close(fd)
            unlink(temporary)
        }
    }

    /// Replaces (or creates) `path` with `bytes` in one step.
    public static func replace(_ path: String, with bytes: [UInt8]) throws(Failure) {
        let file = try OutputFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Appends `bytes` to `path` (the REPL's `.output FILE` after its first result), by the same
    /// rule as a replacement: a plain file or standard output, never through a link (a link or
    /// a FIFO planted after `.output` emptied the file is refused, not written to).
    public static func append(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        switch OutputPathKind.classify(path) {
        case .refused(let reason):
            throw Failure(path: path, reason: reason)
        case .standardOutput:
            try write(bytes, to: 1, path: path)
        case .absent, .plainFile:
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o666)
            guard fd >= 0 else { throw Failure(path: path, reason: systemError(), code: errno) }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
                throw Failure(path: path, reason: "is not a plain file")
            }
            try write(bytes, to: fd, path: path)
        }
    }

    private static func write(_ bytes: [UInt8], to fd: Int32, path: String) throws(Failure) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { rawWrite(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: systemError(), code: errno)
            }
            done += n
        }
    }

    /// `strerror(errno)` with a lower-case first letter, as govq's messages are written.
    public static func systemError(_ code: Int32 = errno) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// `write(2)`, under a name the method `write` does not hide.
private func rawWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
