/// The fast path's byte tests (table6), on a raw pointer into the report's bytes: a slice's
/// subscript checks its bounds at every byte, and the fast pass looks at every byte of the
/// two table regions. Each test answers as the `CellScanner` test it stands for, for the bytes
/// the fast path lets through.
enum FastBytes {
    /// Whether `b` may be a byte the fast path refuses (`FastReader.scan`): a control character
    /// but the tab, DEL, `&`, `|`, or E2 / EF, the lead bytes of blanks other than U+00A0 and
    /// U+3000 (C2 and E3 lead only those, which are let through). Two mask tests for most bytes.
    @inline(__always) static func mayRefuse(_ b: UInt8) -> Bool {
        if b < 0x40 { return (0x0000_0040_FFFF_FDFF as UInt64) >> UInt64(b) & 1 != 0 }   // 00–1F but 09, and 26
        if b < 0x80 { return b == 0x7C || b == 0x7F }
        return b == 0xE2 || b == 0xEF
    }

    /// Bytes of the blank at `i` (before `end`) among those the fast path lets through: space,
    /// tab, U+3000 (E3 80 80), U+00A0 (C2 A0); 0 when none.
    @inline(__always) static func blankWidth(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = p[i]
        if b == CellScanner.space || b == CellScanner.tab { return 1 }
        if b == 0xE3, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0x80 { return 3 }
        if b == 0xC2, i + 1 < end, p[i + 1] == 0xA0 { return 2 }
        return 0
    }

    /// How many bytes `b` are in `p[lo..<hi]`.
    @inline(__always) static func count(_ b: UInt8, _ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        var n = 0, k = lo
        while k < hi { if p[k] == b { n += 1 }; k += 1 }
        return n
    }

    /// The count `w` spells in ASCII digits only (at most nine, so it fits), or nil.
    @inline(__always) static func count(_ w: Bytes) -> Int32? {
        guard let p = w.base.baseAddress, !w.isEmpty else { return w.isEmpty ? 0 : nil }
        var n: Int32 = 0, k = w.startIndex
        while k < w.endIndex {
            let d = p[k] &- 0x30
            if d > 9 { return nil }
            n = n &* 10 &+ Int32(d)
            k += 1
        }
        return n
    }
}

extension FastBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `x` that is 0, exactly (no borrow into the next byte).
    @inline(__always) private static func zeros(_ x: UInt64) -> UInt64 {
        ~(((x & lows) &+ lows) | x) & highs
    }

    /// Whether any of the eight bytes at `p[k]` is one `mayRefuse` takes: the same bytes, eight
    /// at a time (a control character but the tab, `&`, `|`, DEL, E2, EF).
    @inline(__always) static func mayRefuseAny(_ p: UnsafePointer<UInt8>, _ k: Int) -> Bool {
        let x = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
        // Bytes below 0x20: their high bit is clear and adding 0x60 leaves it clear.
        let control = ~(((x & lows) &+ 0x6060_6060_6060_6060) | x) & highs
        let tabs = zeros(x ^ (0x09 &* ones))
        let others = zeros(x ^ (0x26 &* ones)) | zeros(x ^ (0x7C &* ones)) | zeros(x ^ (0x7F &* ones))
            | zeros(x ^ (0xE2 &* ones)) | zeros(x ^ (0xEF &* ones))
        return (control & ~tabs) | others != 0
    }

    /// The eight bytes at `p[k]`, byte 0 in the low bits (on any machine).
    @inline(__always) private static func load(_ p: UnsafePointer<UInt8>, _ k: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))
    }

    /// Whether `p[lo..<hi]` holds the byte `b`, eight bytes a step.
    @inline(__always) static func contains(_ b: UInt8, _ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        let pattern = UInt64(b) &* ones
        while k + 8 <= hi {
            if zeros(load(p, k) ^ pattern) != 0 { return true }
            k += 8
        }
        while k < hi { if p[k] == b { return true }; k += 1 }
        return false
    }
}
