/// One zip entry found and inflated by hand: the end-of-central-directory record, the central
/// directory walked to the entry, its local header, and its raw deflate stream inflated by zlib
/// in one call into one buffer of its declared size (`govq_inflate_raw`). ZIPFoundation copied
/// the whole file into its `Archive`, read every header through a `FILE*` and inflated in
/// chunks, a quarter of a LibreOffice `.docx`'s read.
///
/// It reads only zips it models, and gives what ZIPFoundation's `archive[name]` and
/// `extract(_:bufferSize:skipCRC32:consumer:)` (Linux, zlib) would give; anything else gives nil,
/// and the caller reads the zip with ZIPFoundation, so a damaged zip keeps its error:
/// - the end record right at the end (no comment: ZIPFoundation looks there first), no zip64
///   locator before it;
/// - every entry's central and local header whole and within the file, in the central
///   directory's order, every name of printable ASCII (the bytes then are the path whichever
///   encoding ZIPFoundation decodes them with), none encrypted, none zip64 (version 4.5, or a
///   zip64 extra field in either header), local and central name, flags and method alike;
/// - one entry of the name, a plain file (not a directory or symlink by its attributes), stored
///   or deflated; with a data descriptor (bit 3, as LibreOffice writes), one whose sizes are the
///   central directory's;
/// - stored: its bytes within the file; deflated: a stream of exactly its compressed size that
///   inflates to exactly its declared size, at most `limit` (ZIPFoundation inflates from the
///   data on until the stream ends, whatever the sizes say: a stream shorter or longer than
///   the headers say is left to it).
/// No CRC-32, as ZIPFoundation's extract with `skipCRC32`. `ZipEntryTests` compares the two on
/// every `.docx` fixture and on hundreds of damaged zips.
import CGovqInflate
import Foundation

enum ZipEntry {
    /// The bytes of the entry `name`, or nil when the zip holds anything not modelled here.
    static func read(_ zip: UnsafeRawBufferPointer, name: String, limit: Int) -> Data? {
        guard let base = zip.baseAddress else { return nil }
        let z = Bytes(p: base.assumingMemoryBound(to: UInt8.self), n: zip.count)
        guard let entry = z.find(Array(name.utf8)) else { return nil }
        switch entry.method {
        case 0:
            guard entry.size <= limit, entry.size <= z.n - entry.data else { return nil }
            return Data(bytes: z.p + entry.data, count: entry.size)
        case 8:
            guard entry.size <= limit, entry.compressed <= z.n - entry.data else { return nil }
            // At least one byte of room, so that zlib is never given a null buffer.
            guard let out = malloc(max(entry.size, 1)) else { return nil }
            var used = 0
            let written = govq_inflate_raw(z.p + entry.data, entry.compressed, out.assumingMemoryBound(to: UInt8.self), entry.size, &used)
            guard written == entry.size, used == entry.compressed else {
                free(out)
                return nil
            }
            return Data(bytesNoCopy: out, count: Int(written), deallocator: .free)
        default:
            return nil
        }
    }

    /// Whether ZIPFoundation would read from past the end of the zip: its memory file
    /// (`Archive(data:)`) traps (a Swift range check: the whole process ends) on a read after a
    /// seek past the end, and it seeks to offsets the zip gives: the central directory, each
    /// entry's local header and data, and the data descriptor after the data of an entry
    /// flagged with one (bit 3), by the sizes of its central or its local header. Such a zip is
    /// refused before ZIPFoundation sees it; in a whole zip every one of these lies within it.
    /// The end record is looked for as ZIPFoundation looks (backwards, past a comment of up to
    /// 64 KB); a field of all ones with a zip64 field or locator (a zip64 value, kept there) is
    /// not judged; headers that
    /// are not whole stop the walk (ZIPFoundation reads them short, an error).
    static func readsPastEnd(_ zip: UnsafeRawBufferPointer) -> Bool {
        guard let base = zip.baseAddress, zip.count >= 22 else { return false }
        let z = Bytes(p: base.assumingMemoryBound(to: UInt8.self), n: zip.count)
        let unknown = 0xFFFF_FFFF
        var end = z.n - 22
        while end > 0, end > z.n - 22 - 0xFFFF, z.u32(end) != Bytes.endSignature { end -= 1 }
        guard z.u32(end) == Bytes.endSignature else { return false }
        // The zip64 locator's offset of the zip64 end record (eight bytes from its eighth).
        if end >= 20, z.u32(end - 20) == Bytes.zip64LocatorSignature, z.u32(end - 8) != 0 || z.u32(end - 12) > z.n { return true }
        let zip64 = end >= 20 && z.u32(end - 20) == Bytes.zip64LocatorSignature
        var at = z.u32(end + 16)
        if at > z.n, !(zip64 && at == unknown) { return true }
        for _ in 0..<z.u16(end + 10) {
            guard z.holds(at, 46), z.u32(at) == Bytes.centralSignature else { return false }
            let nameCount = z.u16(at + 28), extraCount = z.u16(at + 30), commentCount = z.u16(at + 32)
            let local = z.u32(at + 42)
            // All ones is a zip64 value only with a zip64 field in the extra field.
            let wide = z.holds(at + 46 + nameCount, extraCount) && z.hasZip64Field(at + 46 + nameCount, extraCount)
            if local > z.n, !(wide && local == unknown) { return true }
            if z.holds(local, 30) {
                let data = local + 30 + z.u16(local + 26) + z.u16(local + 28)
                if data > z.n { return true }
                if (z.u16(at + 8) | z.u16(local + 6)) & 8 != 0 {
                    // (method, compressed size, size) of the central header, then of the local one.
                    for (method, compressed, size) in [(z.u16(at + 10), z.u32(at + 20), z.u32(at + 24)),
                                                       (z.u16(local + 8), z.u32(local + 18), z.u32(local + 22))] {
                        let length = method == 0 ? size : compressed
                        if data + length > z.n, !(wide && length == unknown) { return true }
                    }
                }
            }
            at += 46 + nameCount + extraCount + commentCount
        }
        return false
    }

    /// The entry read: its method, where its data starts, its compressed and declared sizes.
    struct Entry {
        var method: Int
        var data: Int
        var compressed: Int
        var size: Int
    }

    /// Little-endian fields of the zip, every read checked against its length.
    struct Bytes {
        let p: UnsafePointer<UInt8>
        let n: Int

        func u16(_ i: Int) -> Int { Int(p[i]) | Int(p[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        /// Whether `count` bytes from `i` lie within the zip.
        func holds(_ i: Int, _ count: Int) -> Bool { i >= 0 && count >= 0 && i <= n && count <= n - i }

        static let endSignature = 0x0605_4B50, zip64LocatorSignature = 0x0706_4B50
        static let centralSignature = 0x0201_4B50, localSignature = 0x0403_4B50, descriptorSignature = 0x0807_4B50

        /// The one entry named `name`, walking the whole central directory; nil on anything
        /// not modelled.
        func find(_ name: [UInt8]) -> Entry? {
            let end = n - 22
            guard end >= 0, u32(end) == Self.endSignature, u16(end + 20) == 0 else { return nil }
            if end >= 20, u32(end - 20) == Self.zip64LocatorSignature { return nil }
            let count = u16(end + 10)
            var at = u32(end + 16)
            var found: Entry?
            for _ in 0..<count {
                guard holds(at, 46), u32(at) == Self.centralSignature else { return nil }
                let nameCount = u16(at + 28), extraCount = u16(at + 30), commentCount = u16(at + 32)
                let local = u32(at + 42)
                let flags = u16(at + 8), method = u16(at + 10)
                guard holds(at + 46, nameCount + extraCount + commentCount),
                      flags & 1 == 0, u16(at + 6) & 0xFF < 45, !hasZip64Field(at + 46 + nameCount, extraCount),
                      (0..<nameCount).allSatisfy({ (0x20...0x7E).contains(p[at + 46 + $0]) }) else { return nil }
                // The local header, as ZIPFoundation reads it for every entry it passes.
                guard holds(local, 30), u32(local) == Self.localSignature else { return nil }
                let localNameCount = u16(local + 26), localExtraCount = u16(local + 28)
                guard holds(local + 30, localNameCount + localExtraCount), localNameCount == nameCount,
                      memcmp(p + local + 30, p + at + 46, nameCount) == 0, u16(local + 6) == flags, u16(local + 8) == method,
                      !hasZip64Field(local + 30 + nameCount, localExtraCount) else { return nil }
                let compressed = u32(at + 20), size = u32(at + 24)
                let data = local + 30 + localNameCount + localExtraCount
                // ZIPFoundation reads every passed entry's data descriptor, from after its data:
                // past the end of the zip its memory file traps.
                let descriptor = data + (method == 0 ? size : compressed)
                if flags & 8 != 0, descriptor > n { return nil }
                if nameCount == name.count, memcmp(p + at + 46, name, nameCount) == 0 {
                    guard found == nil, isPlainFile(at), method == 0 || method == 8 else { return nil }
                    if flags & 8 != 0 {
                        // ZIPFoundation takes the declared size from the descriptor (its signature
                        // optional) when it is there: the same sizes, or not modelled.
                        guard holds(descriptor, 16) else { return nil }
                        let k = u32(descriptor) == Self.descriptorSignature ? descriptor + 4 : descriptor
                        guard u32(k + 4) == compressed, u32(k + 8) == size else { return nil }
                    }
                    found = Entry(method: method, data: data, compressed: compressed, size: size)
                }
                at += 46 + nameCount + extraCount + commentCount
            }
            return found
        }

        /// Whether the extra field at `i` holds a zip64 field, walked as ZIPFoundation walks it.
        func hasZip64Field(_ i: Int, _ count: Int) -> Bool {
            var k = 0
            while k < count - 4 {
                if u16(i + k) == 1 { return true }
                let next = k + 4 + u16(i + k + 2)
                guard next <= count else { return false }
                k = next
            }
            return false
        }

        /// Whether ZIPFoundation takes the entry whose central header is at `at` for a file (not
        /// a directory or symlink): by the mode for a Unix or macOS maker, by the DOS directory
        /// attribute for a DOS one, else by the name (never ending in `/` here).
        func isPlainFile(_ at: Int) -> Bool {
            let attributes = u32(at + 38)
            switch u16(at + 4) >> 8 {
            case 3, 19:
                let mode = attributes >> 16 & 0o170000
                return mode != 0o040000 && mode != 0o120000
            case 0: return attributes >> 4 != 1
            default: return true
            }
        }
    }
}
