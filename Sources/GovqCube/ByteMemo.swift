/// Codes of a dimension column's values by their UTF-8 bytes: a memo in front of the column's
/// `[String: UInt32]` index, which hashes a String through its normalised form (some thousand
/// instructions for a Chinese name). Identical bytes are an identical String, and the index
/// never changes the code of a value it holds, so a code found here is the one the index gives;
/// a value not found is asked of the index, as before, and remembered.
///
/// A value not found is new to the column, and goes to `add` without the index's hashing (a
/// file name is always new), while bytes decide String equality: every value given so far was
/// remembered (no walk was cut short) and, like the new one, is made only of characters that
/// are in normal form and compose with nothing (ASCII, the common CJK ideographs and
/// punctuation, full-width forms). Two such spellings are equal Strings only if their bytes are
/// equal. Anything else (`é` spelt `e` + U+0301, the Kelvin sign that is `K`, a compatibility
/// ideograph) goes to the index, and so does every value after it.
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
    /// Every value given was remembered and is in `isPlain`'s characters: one not found is new.
    private var addsNew = true

    /// The code of `value`: remembered; or, when new, `add(value)` remembered now; or, when the
    /// memo cannot tell, `lookUp(value)`.
    mutating func code(of value: String, lookUp: (String) -> UInt32, add: (String) -> UInt32) -> UInt32 {
        let found: UInt32?? = value.utf8.withContiguousStorageIfAvailable { bytes in code(of: bytes, value, lookUp, add) }
        if let found, let found { return found }
        let bytes = Array(value.utf8)
        return bytes.withUnsafeBufferPointer { code(of: $0, value, lookUp, add) }
    }

    private mutating func code(of bytes: UnsafeBufferPointer<UInt8>, _ value: String, _ lookUp: (String) -> UInt32,
                               _ add: (String) -> UInt32) -> UInt32 {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        var probes = 0
        while slots[s] != 0 {
            // A long walk (names made to collide) goes to the index, not remembered: the memo
            // never costs more than a bounded walk a value.
            probes += 1
            if probes > 32 { addsNew = false; return lookUp(value) }
            let e = Int(slots[s]) - 1
            if counts[e] == bytes.count, arena.withUnsafeBufferPointer({ a in
                bytes.count == 0 || memcmp(a.baseAddress! + starts[e], bytes.baseAddress!, bytes.count) == 0
            }) {
                return codes[e]
            }
            s = (s + 1) & mask
        }
        if addsNew, !Self.isPlain(bytes) { addsNew = false }
        let c = addsNew ? add(value) : lookUp(value)
        slots[s] = Int32(codes.count + 1)
        starts.append(arena.count)
        counts.append(bytes.count)
        codes.append(c)
        arena.append(contentsOf: bytes)
        // At most half full: grow and place every entry again.
        if codes.count * 2 > slots.count { grow() }
        return c
    }

    /// Whether every character is ASCII, U+3000–U+3029, U+3030–U+303F (CJK punctuation, not
    /// its combining tone marks), U+3400–U+4DBF, U+4E00–U+9FFF (ideographs, not compatibility
    /// ones) or U+FF01–U+FF5E: each its own normal form, none composing with a neighbour.
    static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let b0 = b[i]
            if b0 < 0x80 { i += 1; continue }
            guard b0 & 0xF0 == 0xE0, i + 2 < b.count else { return false }
            let u = UInt32(b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
            guard 0x3000...0x3029 ~= u || 0x3030...0x303F ~= u || 0x3400...0x4DBF ~= u || 0x4E00...0x9FFF ~= u
                    || 0xFF01...0xFF5E ~= u else { return false }
            i += 3
        }
        return true
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
