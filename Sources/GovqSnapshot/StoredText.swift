/// Strings made from a snapshot's stored string areas (a dictionary's names, the account's
/// strings). Every area is checked to be UTF-8 once, whole (`govq_utf8_valid`, 32 bytes a step);
/// a string inside a valid area that starts and ends on character boundaries is valid too, and
/// is then made without a check of its own (Swift 6.2's `UTF8Span(unchecked:)`). Anything else,
/// and any compiler without it, takes `String(decoding:)`, which repairs what is not UTF-8.
/// Decoding 1,586 district names one by one was 6% of a `sum denied by district` process.
import CGovqText

enum StoredText {
    /// Whether the whole area is valid UTF-8.
    static func isValid(_ area: UnsafeRawBufferPointer) -> Bool {
        guard let base = area.baseAddress, !area.isEmpty else { return true }
        return govq_utf8_valid(base.assumingMemoryBound(to: UInt8.self), area.count) != 0
    }

    /// The string at `area[start..<end]`; `valid`: `isValid(area)` held.
    static func string(_ area: UnsafeRawBufferPointer, _ start: Int, _ end: Int, valid: Bool) -> String {
        let bytes = UnsafeRawBufferPointer(rebasing: area[start..<end])
        #if compiler(>=6.2)
        if valid, start == end || isBoundary(area[start]) && (end == area.count || isBoundary(area[end])) {
            return String(copying: UTF8Span(unchecked: bytes.assumingMemoryBound(to: UInt8.self).span, isKnownASCII: false))
        }
        #endif
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A byte that starts a character (not a continuation byte).
    private static func isBoundary(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }
}
