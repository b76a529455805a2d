/// The data cells of a table result as the table shows them: every cell's bytes in one buffer,
/// with its display width, measured in one pass over the cell's UTF-8. A cell that holds a
/// character that must not reach a terminal (`TerminalText.isUnsafe`) is escaped and measured
/// the careful way, through `TerminalText.escaped` and `TableBytes.width`; `TableCellsTests`
/// checks that both ways give the same bytes and width for every kind of text.
import GovqDiagnostics
import GovqEngine

struct TableCells {
    /// `widths` of a NULL cell, and of a cell past the end of a short row (shown as NULL,
    /// but not counted in its column's width).
    static let null = -1, absent = -2

    /// Every shown cell's bytes, row by row.
    var text: [UInt8] = []
    /// Where each cell's bytes end in `text` (row-major, `columns` a row).
    var ends: [Int] = []
    /// Each cell's display width, or `null` / `absent`.
    var widths: [Int] = []

    init(_ rows: [[Value]], columns: Int) {
        ends.reserveCapacity(rows.count * columns)
        widths.reserveCapacity(rows.count * columns)
        text.reserveCapacity(rows.count * columns * 12)
        for row in rows {
            for i in 0..<columns {
                if i < row.count { append(row[i]) } else { widths.append(Self.absent) }
                ends.append(text.count)
            }
        }
    }

    /// One cell, as `ValueText.display` spells it and `TerminalText.escaped` makes it safe.
    mutating func append(_ value: Value) {
        switch value {
        case .null: widths.append(Self.null)
        case .integer(let n): widths.append(Self.appendDecimalDigits(n, to: &text))
        case .text(let s): widths.append(Self.append(s, to: &text))
        case .decimal(let d):
            if let s = ValueText.displayDecimal(d) { widths.append(Self.append(s, to: &text)) } else { widths.append(Self.null) }
        }
    }

    /// `String(n)`'s bytes, appended; its width (one column a character).
    static func appendDecimalDigits(_ n: Int64, to out: inout [UInt8]) -> Int {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for a sign and 20 digits, without an allocation
        return withUnsafeMutableBytes(of: &digits) { d in
            let base = d.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let count = writeDecimalDigits(n, at: base) - base
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
            return count
        }
    }

    /// `String(n)`'s bytes written at `at`, which has room for a sign and 20 digits; the byte
    /// after them. The digits are counted first, then written from the last one back.
    static func writeDecimalDigits(_ n: Int64, at: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var at = at
        if n < 0 { at.pointee = UInt8(ascii: "-"); at += 1 }
        var m = n.magnitude, count = 1
        while m >= 10 { m /= 10; count += 1 }
        m = n.magnitude
        var p = at + count
        repeat {
            p -= 1
            p.pointee = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10)
            m /= 10
        } while m > 0
        return at + count
    }

    /// `s` as the table shows it, appended; its display width.
    static func append(_ s: String, to out: inout [UInt8]) -> Int {
        var s = s
        if let w = s.withUTF8({ u -> Int? in
            guard let w = safeWidth(u) else { return nil }
            out.append(contentsOf: u)
            return w
        }) {
            return w
        }
        let shown = TerminalText.escaped(s)
        out.append(contentsOf: shown.utf8)
        return TableBytes.width(shown)
    }

    /// The display width of valid UTF-8 (a String's bytes), or nil when it holds a character
    /// `TerminalText` escapes.
    static func safeWidth(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        var w = 0, i = 0
        while i < u.count {
            let b = u[i]
            if b < 0x80 {
                guard b >= 0x20, b != 0x7F else { return nil }
                w += 1
                i += 1
                continue
            }
            // U+4E00…U+9FFF (E4 B8… to E9 …), nearly every character of a name: two columns and
            // safe, told without decoding the scalar (`TableCellsTests` compares every scalar).
            if b >= 0xE5 && b <= 0xE9 || b == 0xE4 && u[i + 1] >= 0xB8 { w += 2; i += 3; continue }
            let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            var v = UInt32(b) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
            for k in 1..<n { v = v << 6 | UInt32(u[i + k] & 0x3F) }
            guard let scalar = Unicode.Scalar(v), !TerminalText.isUnsafe(scalar) else { return nil }
            w += DisplayWidth.of(scalar)
            i += n
        }
        return w
    }
}
