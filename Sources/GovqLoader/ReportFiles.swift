/// Which files of a folder are reports, how the others are counted, and file names that are
/// not UTF-8. A folder is searched for the forms reports are published in; a Word 97 or WPS
/// file is picked up too, so that it is listed as skipped with what to do about it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ReportFiles {
    /// The extensions (lower case) of the files a folder is searched for.
    public static let extensions = ["txt", "md", "html", "htm", "shtml", "pdf", "docx", "doc", "wps"]
    private static let extensionBytes = extensions.map { Array($0.utf8) }

    /// Whether a file name (its bytes) ends with `.` and one of `extensions`, in any case.
    public static func isReportName(_ name: UnsafeRawBufferPointer) -> Bool {
        let n = name.count
        for ext in extensionBytes where n > ext.count && name[n - ext.count - 1] == 0x2E {
            var k = 0
            while k < ext.count, name[n - ext.count + k] | 0x20 == ext[k] { k += 1 }
            if k == ext.count { return true }
        }
        return false
    }

    /// `.jpg` for `a.JPG`; `(no extension)` for `README`.
    static func extensionLabel(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else { return "(no extension)" }
        return "." + name[name.index(after: dot)...].lowercased()
    }

    /// `skipped 12 files: .xls 3, .jpg 2, …`, most first: the files in the folders that are no report.
    public static func describe(_ others: [String: Int]) -> String {
        let total = others.values.reduce(0, +)
        let parts = others.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
        return "skipped \(total) file\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// A file name as shown: its UTF-8, or, when it is not UTF-8, each byte that is not part
    /// of a character as `\xff` (and `\` as `\\`), so that the name can be opened again.
    static func displayName(_ bytes: UnsafeRawBufferPointer) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0
            if len > 0, i + len <= bytes.count, let s = String(validating: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + len)]), as: UTF8.self) {
                out += s == "\\" ? "\\\\" : s
                i += len
            } else {
                out += "\\x" + String(b, radix: 16).leftPadded
                i += 1
            }
        }
        return out
    }

    /// The bytes to open for a path shown by `displayName`, when it is not the path itself
    /// (nil: open the path as it is).
    static func fileSystemPath(_ path: String) -> [CChar]? {
        // A byte search (ByteSearch): `contains` with a String argument is Foundation's
        // locale-aware one here, 1.3% of a whole load for this one test a file.
        guard path.includes("\\x") else { return nil }
        var st = stat()
        if stat(path, &st) == 0 { return nil }
        var out: [UInt8] = []
        let u = Array(path.utf8)
        var i = 0
        while i < u.count {
            if u[i] == 0x5C, i + 1 < u.count, u[i + 1] == 0x5C { out.append(0x5C); i += 2; continue }
            if u[i] == 0x5C, i + 3 < u.count, u[i + 1] == 0x78, let b = UInt8(String(decoding: u[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                out.append(b); i += 4; continue
            }
            out.append(u[i]); i += 1
        }
        return out.map { CChar(bitPattern: $0) } + [0]
    }

    /// What a path is when it is there but no regular file (`FIFO`, `socket`, `device`).
    static func nonRegularKind(_ path: [CChar]) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return "a device"
        }
    }

    /// A regular file's bytes by its raw path; opened without blocking (a FIFO put in its
    /// place meanwhile is refused, not waited on).
    static func read(_ path: [CChar]) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return out }
            out += chunk[0..<n]
        }
    }
}

private extension String {
    var leftPadded: String { count < 2 ? "0" + self : self }
}
