/// Bytes in a named encoding → UTF-8, through iconv. Web pages name their charset (GBK,
/// GB2312, GB18030 are common on government sites); Word's XML is UTF-8 or UTF-16.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum Transcoding {
    /// `bytes` decoded from `encoding` (an iconv name) as UTF-8, or nil when they are not
    /// valid in it.
    public static func utf8(_ bytes: UnsafeRawBufferPointer, from encoding: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var inLeft = bytes.count, written = 0
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        while inLeft > 0 {
            if out.count - written < 16 { out += [UInt8](repeating: 0, count: out.count) }
            let ok = out.withUnsafeMutableBytes { raw -> Bool in
                var outPtr: UnsafeMutablePointer<CChar>? = raw.baseAddress!.advanced(by: written).assumingMemoryBound(to: CChar.self)
                var outLeft = raw.count - written
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                written = raw.count - outLeft
                return r != -1 || errno == E2BIG
            }
            if !ok { return nil }
        }
        out.removeSubrange(written...)
        return out
    }

    /// Whether the bytes are well-formed UTF-8.
    public static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            // ASCII eight bytes at a time (most of a page's markup).
            if i + 8 <= n, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            guard len > 0, i + len <= n else { return false }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }
}
