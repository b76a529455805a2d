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

    /// A column's total over a range (`sum` with no groups): vector and plain paths against the
    /// sum written out, counts at each width's maximum, lengths past the kernels' steps, and
    /// negative 32-bit counts (a snapshot may hold them).
    @Test(arguments: [0, 1, 7, 8, 31, 32, 33, 1000, 4096, 70_000, 600_000])
    func totals(_ len: Int) {
        for from in [0, 3] {
            let u8 = Self.column(len, count: from + len, as: UInt8.self)
            let u16 = Self.column(len + 1, count: from + len, as: UInt16.self)
            let i32 = Self.column(len + 2, count: from + len, as: UInt32.self).enumerated().map { i, v in
                i % 5 == 0 ? Int32.min + Int32(i % 3) : Int32(truncatingIfNeeded: v % 3 == 0 ? UInt32(Int32.max) : v)
            }
            func expected<T: BinaryInteger>(_ c: [T]) -> Int64 { c[from...].reduce(0) { $0 + Int64($1) } }
            #expect(govq_total_u8(u8, from, len) == expected(u8), "u8 \(len) from \(from)")
            #expect(govq_total_u8_plain(u8, from, len) == expected(u8))
            #expect(govq_total_u16(u16, from, len) == expected(u16), "u16 \(len) from \(from)")
            #expect(govq_total_u16_plain(u16, from, len) == expected(u16))
            #expect(govq_total_i32(i32, from, len) == expected(i32), "i32 \(len) from \(from)")
            #expect(govq_total_i32_plain(i32, from, len) == expected(i32))
        }
    }
}
