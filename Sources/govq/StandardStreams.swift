/// The process's standard streams as govq writes to them: whole strings, unbuffered by Swift,
/// plus whether each is a terminal (colour and the default output style depend on it).
///
/// A write that fails is an error, never a crash: stdout closed (`>&-`), full (`> /dev/full`)
/// or gone (a reader that left, SIGPIPE ignored). A broken pipe ends the run quietly with
/// status 1, as `| head` users expect; any other stdout failure says so on stderr and exits 1;
/// a failed stderr write is remembered and makes the run exit 1 when it ends.
import Foundation

enum StandardStreams {
    /// Set when a write to stderr failed; the run then ends with status 1.
    nonisolated(unsafe) static var stderrFailed = false

    /// A closed fd 0, 1 or 2 gets /dev/null opened read-only in its place, before govq opens
    /// anything: else the next file opened (a report, a temporary output file) would take the
    /// number and receive what was meant for the stream. Writes to it then fail (EBADF).
    static func reserveClosedDescriptors() {
        for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0, null != fd { dup2(null, fd); close(null) }
        }
    }

    /// Writes to stdout. Each result is written in one call, so output interleaves sensibly
    /// with stderr when both go to a terminal.
    static func out(_ text: String) {
        var text = text
        text.withUTF8 { out(bytes: $0) }
    }

    static func out(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { out(bytes: $0) }
    }

    static func out(bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty, let code = writeAll(1, bytes) else { return }
        if code != EPIPE {
            _ = writeAll(2, "error: cannot write to standard output: \(systemError(code))\n")
        }
        exit(1)
    }

    static func err(_ text: String) {
        guard !text.isEmpty, writeAll(2, text) != nil else { return }
        stderrFailed = true
    }

    /// Writes every byte, retrying EINTR and short writes; the errno of a failure, or nil.
    static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(fd, $0) }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }

    static func systemError(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// Colour is on for a terminal, unless `NO_COLOR` is set (no-color.org) or `TERM=dumb`.
    static func wantsColor(fd: Int32) -> Bool {
        // getenv, not ProcessInfo's environment (a dictionary of all of it, built per call).
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), strcmp(t, "dumb") == 0 { return false }
        return isatty(fd) != 0
    }

    /// Everything on stdin, as UTF-8 (invalid bytes become U+FFFD); nil when it is longer than
    /// `limit` bytes (reading stops there).
    static func readAllInput(limit: Int = .max) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[..<n]
            if bytes.count > limit { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
