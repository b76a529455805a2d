/// `-o FILE`: the whole output replaces FILE in one step, or FILE is left as it was. The rules
/// (plain files only, no links followed, safe temporary names, modes kept) are `OutputFile`'s.
import GovqOutput

enum AtomicFile {
    typealias WriteError = OutputFile.Failure

    static func write(_ text: String, to path: String) throws(WriteError) {
        try OutputFile.replace(path, with: Array(text.utf8))
    }

    /// The same for bytes that are not text (an `.xlsx` workbook).
    static func write(bytes: [UInt8], to path: String) throws(WriteError) {
        try OutputFile.replace(path, with: bytes)
    }

    /// `strerror(errno)` with a lower-case first letter, as govq's messages are written.
    static func systemError() -> String { OutputFile.systemError() }
}
