/// What changed among a snapshot's source files: the files recorded when it was built against
/// the files on disk now, by path, size, modification time and inode. A file moved to another
/// folder is one removed and one added; a file replaced by another with the same size and
/// mtime (`cp -p`) is changed, by its inode.

/// The recorded-vs-disk difference of two source lists, each sorted by path.
public struct SourceChanges: Sendable, Equatable {
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []
    /// Files on disk that are as recorded.
    public var unchanged = 0

    public init(recorded: [SourceFile], now: [SourceFile]) {
        var i = 0, j = 0
        while i < recorded.count || j < now.count {
            if j == now.count || (i < recorded.count && recorded[i].path < now[j].path) {
                removed.append(recorded[i].path)
                i += 1
            } else if i == recorded.count || now[j].path < recorded[i].path {
                added.append(now[j].path)
                j += 1
            } else {
                if recorded[i] == now[j] { unchanged += 1 } else { changed.append(now[j].path) }
                i += 1
                j += 1
            }
        }
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// The paths on disk whose text must be parsed again.
    public var parseAgain: Set<String> { Set(added).union(changed) }

    /// `1 added, 0 changed, 0 removed (100,000 unchanged)`.
    public var summary: String {
        "\(Self.grouped(added.count)) added, \(Self.grouped(changed.count)) changed, \(Self.grouped(removed.count)) removed (\(Self.grouped(unchanged)) unchanged)"
    }

    /// The first change, said for a person (as a stale snapshot's warning names it).
    public var first: String? {
        if let p = changed.first { return "'\(p)' changed" }
        if let p = added.first { return "'\(p)' was added" }
        if let p = removed.first { return "'\(p)' was removed" }
        return nil
    }

    /// 100000 → `100,000`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
