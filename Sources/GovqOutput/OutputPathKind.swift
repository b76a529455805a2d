/// What is at an output path before govq writes to it, and whether govq may replace it.
///
/// govq replaces only a plain file (or creates a new one). It never replaces a symbolic link,
/// a device node, a FIFO or a socket with a regular file, and it never writes through a link:
/// a link planted where the output goes (in a shared folder, say) would otherwise aim govq at a
/// file its owner never named. The one exception is standard output itself (`-o /dev/stdout`,
/// or any name of the file, pipe or terminal that fd 1 already is), which is written in place.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thing at an output path, as `lstat` sees it.
public enum OutputPathKind: Equatable, Sendable {
    /// Nothing there yet: a new file gets 0666 less the umask.
    case absent
    /// A plain file: replaced, keeping its permission bits (and owner, when govq runs as root).
    case plainFile(mode: mode_t, owner: uid_t, group: gid_t)
    /// The path names what fd 1 already is (a terminal, a pipe, a device): written in place.
    case standardOutput
    /// Anything else; the reason is said in govq's words (`is a symbolic link; …`).
    case refused(String)

    /// Looks at `path` without following a final symbolic link (except to recognise stdout).
    public static func classify(_ path: String) -> OutputPathKind {
        var own = stat()
        guard lstat(path, &own) == 0 else {
            return errno == ENOENT ? .absent : .refused(OutputFile.systemError())
        }
        let type = own.st_mode & S_IFMT
        if type == S_IFREG {
            return .plainFile(mode: own.st_mode & 0o777, owner: own.st_uid, group: own.st_gid)
        }
        if isStandardOutput(path) { return .standardOutput }
        switch type {
        case S_IFDIR: return .refused("is a directory")
        case S_IFLNK:
            return .refused("is a symbolic link; govq does not write through links (name the file it points to)")
        case S_IFCHR, S_IFBLK: return .refused("is a device; govq writes only plain files (or standard output)")
        case S_IFIFO: return .refused("is a FIFO (named pipe); govq writes only plain files (or standard output)")
        case S_IFSOCK: return .refused("is a socket; govq writes only plain files (or standard output)")
        default: return .refused("is not a plain file")
        }
    }

    /// Whether `path`, links followed, is the very file, pipe or device that fd 1 is; never
    /// for a plain file, which is replaced like any other (a shell's `> f` and `-o f` together).
    static func isStandardOutput(_ path: String) -> Bool {
        var out = stat(), there = stat()
        guard fstat(1, &out) == 0, stat(path, &there) == 0 else { return false }
        return out.st_mode & S_IFMT != S_IFREG && out.st_dev == there.st_dev && out.st_ino == there.st_ino
            && out.st_rdev == there.st_rdev
    }
}
