/// Turns a report file's raw bytes into UTF-8 bytes: UTF-8 with or without a byte-order mark,
/// UTF-16 LE/BE with a byte-order mark, else GB18030 (which includes GBK and GB2312), the
/// encoding Windows exports of Chinese documents often use. Foundation on Linux does not know
/// GB18030, so that path goes through glibc's `iconv`.
import CGovqText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encodings the loader recognises.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
}

enum TextDecoding {
    /// UTF-8 bytes without a byte-order mark, or nil when the bytes are none of the encodings.
    static func decode(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: TextEncoding)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            return isValidUTF8(rest) ? (rest, .utf8BOM) : nil
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true).map { ($0, .utf16LE) } }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false).map { ($0, .utf16BE) } }
        // A NUL byte means binary data or BOM-less UTF-16; neither is a report we can read.
        if bytes.withUnsafeBufferPointer({ $0.isEmpty ? false : memchr($0.baseAddress!, 0, $0.count) != nil }) { return nil }
        if isValidUTF8(bytes) { return (bytes, .utf8) }
        let invalid = invalidUTF8Count(bytes)
        if invalid == 0 { return (bytes, .utf8) }
        // A UTF-8 file with a stray broken character (a cut at the end, one bad byte) is still
        // UTF-8: replace the few bad sequences rather than read it as GB18030 (GB18030 text is
        // invalid UTF-8 at nearly every Chinese character).
        if invalid * 1000 < bytes.count { return (Array(String(decoding: bytes, as: UTF8.self).utf8), .utf8) }
        return gb18030(bytes).map { ($0, .gb18030) }
    }

    /// Whether the bytes are valid UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past
    /// U+10FFFF).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(isValidUTF8) }

    /// Whether `decode` would return these very bytes as UTF-8 (no byte-order mark, no NUL,
    /// valid): then the text needs no copy.
    static func isPlainUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) || b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) { return false }
        if let base = b.baseAddress, memchr(base, 0, b.count) != nil { return false }
        return isValidUTF8(b)
    }

    /// 32 bytes a step where the CPU has AVX2 (CGovqText): validating every file was 6% of a
    /// load at four instructions a byte, and is about half an instruction a byte this way.
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        return govq_utf8_valid(base, b.count) != 0
    }

    /// The same by the plain path, a sequence at a time (the vector path is tested against it).
    static func isValidUTF8Plain(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in b.baseAddress.map { govq_utf8_valid_scalar($0, b.count) != 0 } ?? true }
    }

    /// How many invalid sequences the bytes hold as UTF-8 (0: valid).
    static func invalidUTF8Count(_ bytes: [UInt8], stopAtFirst: Bool = false) -> Int {
        // Most of a report is ASCII or 3-byte CJK; a hand loop avoids building a String.
        var i = 0, bad = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            if let len = sequenceLength(bytes, i) {
                i += len
            } else {
                bad += 1
                if stopAtFirst { return bad }
                i += 1
            }
        }
        return bad
    }

    /// The length of the valid UTF-8 sequence starting with a non-ASCII byte at `i`, or nil.
    private static func sequenceLength(_ bytes: [UInt8], _ i: Int) -> Int? {
        bytes.withUnsafeBufferPointer { sequenceLength($0, i) }
    }

    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let b = bytes[i]
        let len: Int
        if b & 0xE0 == 0xC0, b >= 0xC2 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4 } else { return nil }
        if i + len > bytes.count { return nil }
        for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return nil }
        let b1 = bytes[i + 1]
        if len == 3, (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { return nil }
        if len == 4, (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { return nil }
        return len
    }

    static func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8]? {
        guard body.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i < body.endIndex {
            let a = UInt16(body[i]), b = UInt16(body[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 3)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        return failed ? nil : out
    }

    static func gb18030(_ bytes: [UInt8]) -> [UInt8]? {
        if bytes.isEmpty { return [] }
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        // A GB18030 character of 2 bytes becomes 3 UTF-8 bytes; of 4 bytes, at most 4.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let written else { return nil }
        output.removeSubrange(written...)
        return output
    }
}
