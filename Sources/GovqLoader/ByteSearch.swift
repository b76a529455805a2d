/// Substring tests by UTF-8 bytes. The metadata reader asks them of every line before the
/// table; Foundation's `contains` (a locale-aware search) and the standard library's
/// `firstRange(of:)` cost a tenth of the whole parse there.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
extension String {
    /// Whether `needle` occurs in this string.
    func includes(_ needle: String) -> Bool { byteOffset(of: needle) != nil }

    /// The first occurrence of `needle`. A match of valid UTF-8 in valid UTF-8 starts and
    /// ends on character boundaries, so the byte offsets are valid indices.
    func byteRange(of needle: String) -> Range<String.Index>? {
        guard let at = byteOffset(of: needle) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: at)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    private func byteOffset(of needle: String) -> Int? {
        // Native strings (nearly all) searched where they are stored: `withUTF8` needs copies
        // of both (`var`), two retains and two releases a call, and the metadata reader makes
        // about sixty calls a report.
        let inPlace: Int??? = utf8.withContiguousStorageIfAvailable { h in
            needle.utf8.withContiguousStorageIfAvailable { n in firstOffset(of: n, in: h) }
        }
        if let both = inPlace, let found = both { return found }
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in firstOffset(of: n, in: h) } }
    }

    /// Whether this string ends with `suffix` (compared as bytes). Native strings are compared
    /// in place with memcmp: the generic suffix walk cost about 700 instructions a call, and
    /// the metadata reader asks this of every title candidate for a dozen endings.
    func endsWith(_ suffix: String) -> Bool {
        let n = utf8.count, k = suffix.utf8.count
        guard n >= k else { return false }
        let compared: Bool?? = utf8.withContiguousStorageIfAvailable { h in
            suffix.utf8.withContiguousStorageIfAvailable { t in
                k == 0 || memcmp(h.baseAddress! + (n - k), t.baseAddress!, k) == 0
            }
        }
        if let c = compared, let c { return c }
        return utf8.suffix(k).elementsEqual(suffix.utf8)
    }

    /// This string without 《 and 》 (book-title marks around a report's name).
    var withoutTitleMarks: String {
        guard includes("《") || includes("》") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "《" && $0 != "》" }))
    }
}

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// Where `needle` first occurs in these bytes, as an index of the slice.
    func offset(of needle: [UInt8]) -> Int? {
        let h = UnsafeBufferPointer(rebasing: self)
        return needle.withUnsafeBufferPointer { n in firstOffset(of: n, in: h).map { startIndex + $0 } }
    }
}

extension Array where Element == UInt8 {
    /// Whether `key` occurs at `i` (a plain loop: `elementsEqual` on slices was not specialised).
    func matches(_ key: [UInt8], at i: Int) -> Bool {
        guard i + key.count <= count else { return false }
        for k in 0..<key.count where self[i + k] != key[k] { return false }
        return true
    }

    /// Where `needle` first occurs in these bytes.
    func offset(of needle: [UInt8]) -> Int? {
        withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in firstOffset(of: n, in: h) } }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Every position of `needle` in these bytes, in order; `body` returns false to stop.
    /// memchr looks for the needle's byte at `anchor`: choose one that few bytes of the text
    /// are (in the generated corpus, a continuation byte such as B0 is one byte in 170, a lead
    /// such as E5 one in ten).
    func forEachOffset(of needle: [UInt8], anchor: Int, _ body: (Int) -> Bool) {
        guard let base = baseAddress, needle.count <= count, needle.indices.contains(anchor) else { return }
        let last = count - needle.count
        var from = anchor
        while from <= last + anchor, let hit = memchr(base + from, Int32(needle[anchor]), last + anchor + 1 - from) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
            var k = 0
            while k < needle.count && self[i + k] == needle[k] { k += 1 }
            if k == needle.count, !body(i) { return }
            from = i + anchor + 1
        }
    }
}

/// The first position of `needle` in `haystack` (0 for an empty needle). memchr looks for the
/// needle's second byte, many bytes at a step: in a Chinese needle that is a continuation byte,
/// which few bytes of the text are (its first byte, a lead like E6, is one character in six).
private func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !needle.isEmpty else { return 0 }
    guard needle.count <= haystack.count, let base = haystack.baseAddress else { return nil }
    let last = haystack.count - needle.count
    guard needle.count >= 2 else {
        return memchr(base, Int32(needle[0]), haystack.count).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
    }
    // A hit of the second byte at `j` is a match starting at `j - 1`, for starts 0…last.
    var from = 1
    let second = Int32(needle[1])
    while from <= last + 1, let hit = memchr(base + from, second, last + 2 - from) {
        let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - 1
        if haystack[i] == needle[0] {
            var k = 2
            while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
        }
        from = i + 2
    }
    return nil
}
