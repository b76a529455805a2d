import CGovqScan
import Testing

/// `CGovqScan`'s column sums (the executor's inner loop for `sum` over many stored columns):
/// the vector path and the plain path against a sum written out here, over lengths on and off
/// the 16-count step and the 512-report block, offsets into the columns, and counts at their
/// widths' maxima (a block of 48 columns of 65,535 must not carry out of its 32-bit lanes).
@Suite struct ColumnSumTests {
    static let lengths = [0, 1, 15, 16, 17, 511, 512, 513, 1000, 4096]
    static let columnCounts = [0, 1, 3, 4, 48]

    /// Deterministic counts: mostly small, some at the width's maximum.
    static func column<T: FixedWidthInteger & UnsignedInteger>(_ seed: Int, count: Int, as _: T.Type) -> [T] {
        var x = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return x % 7 == 0 ? T.max : T(truncatingIfNeeded: x % 40)
        }
    }

    func check<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, sum: (UnsafeMutablePointer<Int64>, UnsafePointer<UnsafePointer<T>?>?, Int, Int, Int) -> Void) {
        for n in Self.columnCounts {
            for len in Self.lengths {
                for from in [0, 5] {
                    let columns = (0..<n).map { Self.column($0 + 31 * len, count: from + len, as: T.self) }
                    var expected = (0..<len).map { Int64($0) - 3 }
                    for c in columns { for i in 0..<len { expected[i] += Int64(c[from + i]) } }
                    var got = (0..<len).map { Int64($0) - 3 }
                    // Each column in memory of its own, as a snapshot's regions are.
                    let stored = columns.map { c in
                        let p = UnsafeMutablePointer<T>.allocate(capacity: max(c.count, 1))
                        p.initialize(from: c, count: c.count)
                        return p
                    }
                    defer { for p in stored { p.deallocate() } }
                    let pointers = stored.map { UnsafePointer<T>?(UnsafePointer($0)) }
                    pointers.withUnsafeBufferPointer { p in got.withUnsafeMutableBufferPointer { v in
                        if let base = v.baseAddress { sum(base, p.baseAddress, n, from, len) }
                    } }
                    #expect(got == expected, "\(T.self): \(n) columns, \(len) reports from \(from)")
                }
            }
        }
    }

    @Test func eightBitColumns() {
        check(UInt8.self) { govq_add_columns_u8($0, $1, $2, $3, $4) }
        check(UInt8.self) { govq_add_columns_u8_scalar($0, $1, $2, $3, $4) }
    }

    @Test func sixteenBitColumns() {
        check(UInt16.self) { govq_add_columns_u16($0, $1, $2, $3, $4) }
        check(UInt16.self) { govq_add_columns_u16_scalar($0, $1, $2, $3, $4) }
    }
}
