/// Codes of a dimension column's values by their UTF-8 bytes: a memo in front of the column's
/// `[String: UInt32]` index, which hashes a String through its normalised form (some thousand
/// instructions for a Chinese name). Identical bytes are an identical String, and the index
/// never changes the code of a value it holds, so a code found here is the one the index gives;
/// a value not found is asked of the index, as before, and remembered.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ByteMemo: Sendable {
    /// The remembered values' bytes, one after the other.
    private var arena: [UInt8] = []
    /// Per remembered value: where its bytes start in `arena`, how many, and its code.
    private var starts: [Int] = [], counts: [Int] = [], codes: [UInt32] = []
    /// Open addressing: an entry's index + 1, or 0 for an empty slot (a power of two long).
    private var slots = [Int32](repeating: 0, count: 64)

    /// The code of `value`: remembered, or `lookUp(value)` remembered now.
    mutating func code(of value: String, lookUp: (String) -> UInt32) -> UInt32 {
        let found: UInt32?? = value.utf8.withContiguousStorageIfAvailable { bytes in code(of: bytes, value, lookUp) }
        if let found, let found { return found }
        let bytes = Array(value.utf8)
        return bytes.withUnsafeBufferPointer { code(of: $0, value, lookUp) }
    }

    private mutating func code(of bytes: UnsafeBufferPointer<UInt8>, _ value: String, _ lookUp: (String) -> UInt32) -> UInt32 {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        var probes = 0
        while slots[s] != 0 {
            // A long walk (names made to collide) goes to the index, not remembered: the memo
            // never costs more than a bounded walk a value.
            probes += 1
            if probes > 32 { return lookUp(value) }
            let e = Int(slots[s]) - 1
            if counts[e] == bytes.count, arena.withUnsafeBufferPointer({ a in
                bytes.count == 0 || memcmp(a.baseAddress! + starts[e], bytes.baseAddress!, bytes.count) == 0
            }) {
                return codes[e]
            }
            s = (s + 1) & mask
        }
        let c = lookUp(value)
        slots[s] = Int32(codes.count + 1)
        starts.append(arena.count)
        counts.append(bytes.count)
        codes.append(c)
        arena.append(contentsOf: bytes)
        // At most half full: grow and place every entry again.
        if codes.count * 2 > slots.count { grow() }
        return c
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        arena.withUnsafeBufferPointer { a in
            for e in 0..<codes.count {
                var s = Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: a[starts[e]..<(starts[e] + counts[e])]))) & mask
                while slots[s] != 0 { s = (s + 1) & mask }
                slots[s] = Int32(e + 1)
            }
        }
    }

    /// Eight bytes a step, multiplied and folded (names made to collide cost at most the
    /// bounded walk above).
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(b.count)
        guard let base = b.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count { tail |= UInt64(b[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 32)
    }
}
