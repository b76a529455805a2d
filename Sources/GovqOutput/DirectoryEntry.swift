/// A directory entry's name, read where `readdir` left it. `entry.pointee.d_name` would copy
/// the whole 280-byte `struct dirent`, but the kernel's record is only as long as its name: for
/// the last entry of a buffer that copy reads past the buffer's end, and faults when the buffer
/// ends a mapped page (it did, listing /tmp in the tests).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum DirectoryEntry {
    /// `body(name)` with the name's bytes (no terminating NUL).
    public static func withName<R>(_ entry: UnsafeMutablePointer<dirent>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return body(UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self))))
    }
}
