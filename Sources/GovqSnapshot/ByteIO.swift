/// Little-endian byte writing and bounds-checked reading for the snapshot file, and its checksum.
/// Reads copy whole columns with `memcpy`; nothing here parses values one by one.
import Foundation

/// Appends fixed-width integers, strings and 8-byte-aligned blocks to a growing buffer.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u32(UInt32($0.count)); bytes.append(contentsOf: $0) }
    }

    mutating func optionalString(_ s: String?) {
        if let s { u8(1); string(s) } else { u8(0) }
    }

    mutating func align() { while bytes.count & 7 != 0 { bytes.append(0) } }

    /// A length-prefixed block of raw element bytes, aligned so the reader can copy it whole.
    mutating func block<T>(_ values: [T]) {
        align()
        u64(UInt64(values.count * MemoryLayout<T>.stride))
        values.withUnsafeBytes { bytes.append(raw: $0) }
        align()
    }
}

/// Why a snapshot could not be read; every case leads to a rebuild from the texts.
public enum SnapshotError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case badMagic
    case unsupportedVersion(UInt32)
    case truncated
    case checksumMismatch
    case malformed(String)

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot read it: \(why)"
        case .badMagic: "it is not a govq snapshot (bad magic number)"
        case .unsupportedVersion(let v): "it has format version \(v); this govq reads version \(SnapshotFormat.version)"
        case .truncated: "it is truncated"
        case .checksumMismatch: "its checksum does not match (the file is corrupt)"
        case .malformed(let what): "it is malformed (\(what))"
        }
    }
}

/// Reads what `ByteWriter` wrote, throwing `.truncated` instead of reading past the end.
struct ByteReader {
    let base: UnsafeRawBufferPointer
    var offset: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    private mutating func need(_ n: Int) throws {
        guard n >= 0, offset <= base.count, base.count - offset >= n else { throw SnapshotError.truncated }
    }

    mutating func u8() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return base[offset]
    }

    mutating func u32() throws -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }

    mutating func string() throws -> String {
        let n = Int(try u32())
        try need(n)
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[offset..<offset + n]), as: UTF8.self)
    }

    mutating func optionalString() throws -> String? { try u8() == 0 ? nil : try string() }

    mutating func align() { offset = (offset + 7) & ~7 }

    /// The raw bytes of the next block (see `ByteWriter.block`).
    mutating func block() throws -> UnsafeRawBufferPointer {
        align()
        let n = try u64()
        guard n <= UInt64(Int.max) else { throw SnapshotError.truncated }
        try need(Int(n))
        defer { offset += Int(n); align() }
        return UnsafeRawBufferPointer(rebasing: base[offset..<offset + Int(n)])
    }

    /// A block copied into an array of `T` in one `memcpy`.
    mutating func array<T>(_: T.Type) throws -> [T] {
        let raw = try block()
        guard raw.count % MemoryLayout<T>.stride == 0 else { throw SnapshotError.malformed("block size") }
        let n = raw.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: n) { buf, count in
            if n > 0 { UnsafeMutableRawBufferPointer(buf).copyMemory(from: raw) }
            count = n
        }
    }
}

/// Every code below `limit`: by the largest, which vectorises (`allSatisfy` tests one code at a
/// time, 6 instructions each, 2.6 so: 2×10^4 district codes checked in 120 K, now 56 K).
func allBelow(_ codes: [UInt32], _ limit: Int) -> Bool {
    codes.withUnsafeBufferPointer { b in
        guard let p = b.baseAddress, b.count > 0 else { return true }
        var top: UInt32 = 0
        for i in 0..<b.count { top = max(top, p[i]) }
        return Int(top) < limit
    }
}

/// A 64-bit checksum: four FNV-style multiply-xor lanes over 8-byte words (several GB/s, so
/// checking a 10^5-report snapshot costs a few milliseconds), FNV-1a over the tail. Any
/// change to a single word changes the result: multiplying by an odd number is a bijection.
enum Checksum {
    static func of(_ data: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var a: UInt64 = 0xCBF2_9CE4_8422_2325, b = a ^ 1, c = a ^ 2, d = a ^ 3
        let words = data.count / 32
        var i = 0
        while i < words * 32 {
            a = (a ^ data.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
            b = (b ^ data.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* prime
            c = (c ^ data.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* prime
            d = (d ^ data.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* prime
            // Fold the high bits down now and then: multiplication only carries upward.
            if i & 0xFF == 0 { a ^= a >> 29; b ^= b >> 31; c ^= c >> 27; d ^= d >> 33 }
            i += 32
        }
        // Each step is a bijection of the lane it adds, so no single-lane change cancels out.
        var h = a
        h = (h ^ (b << 17 | b >> 47)) &* prime
        h = (h ^ (c << 31 | c >> 33)) &* prime
        h = (h ^ (d << 47 | d >> 17)) &* prime
        while i < data.count {
            h = (h ^ UInt64(data[i])) &* prime
            i += 1
        }
        h ^= UInt64(data.count)
        h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD; h ^= h >> 33
        return h
    }
}
