/// CSV (RFC 4180) and TSV, the formats spreadsheets and data tools read.
///
/// CSV: fields separated by `,`, records ended by CRLF (as RFC 4180 says; Python, R, pandas and
/// Excel all read it), a field quoted with `"` when it holds `,` `"` CR or LF (inner `"` doubled).
/// TSV: fields separated by a tab, records ended by LF, no quoting; a tab, line break or
/// backslash inside a field is written `\t` `\n` `\r` `\\` (the "linear TSV" convention).
/// Both: UTF-8, a header line of column names, NULL as an empty field, numbers as plain digits
/// (decimals in full precision), and text that a spreadsheet would run as a formula prefixed
/// with `'` (see `ValueText.neutralised`).
import GovqEngine

public struct DelimitedRenderer: ResultRenderer {
    public enum Dialect: Sendable { case csv, tsv }
    public var dialect: Dialect
    public var options: RenderOptions

    public static let csv = DelimitedRenderer(dialect: .csv)
    public static let tsv = DelimitedRenderer(dialect: .tsv)

    public init(dialect: Dialect, options: RenderOptions = RenderOptions()) {
        self.dialect = dialect
        self.options = options
    }

    public func write(_ result: ResultSet, to out: inout some TextOutputStream) {
        var bytes: [UInt8] = []
        write(result, bytes: &bytes)
        out.write(String(decoding: bytes, as: UTF8.self))
    }

    /// The records as UTF-8, each field appended as bytes: no String a field, no `joined` (which
    /// cost a query of 1,340 rows two fifths of its process, 3,600 instructions a row).
    public func write(_ result: ResultSet, bytes out: inout [UInt8]) {
        let result = result.markingTotalRows
        let separator = dialect == .csv ? UInt8(ascii: ",") : 0x09
        let newline: [UInt8] = dialect == .csv ? [0x0D, 0x0A] : [0x0A]
        var null: [UInt8] = []
        if let text = options.nullText { append(text, neutralised: false, to: &null) }
        var header: [UInt8] = []
        if options.header {
            for (i, column) in result.columns.enumerated() {
                if i > 0 { header.append(separator) }
                append(column.name, neutralised: true, to: &header)
            }
            header.append(contentsOf: newline)
        }
        // The records written through a pointer into room measured first (a text field at most
        // twice its bytes and three more, an integer 20 digits and a sign): appending to the
        // array a byte or a field at a time was 860 instructions a row of a query by district.
        var decimals: [String?] = []
        var room = header.count
        for row in result.rows {
            room += newline.count + row.count
            for value in row {
                switch value {
                case .null: room += null.count
                case .integer: room += 21
                case .text(let t): room += 2 * t.utf8.count + 3
                case .decimal:
                    let text = ValueText.exact(value)
                    decimals.append(text)
                    room += text?.utf8.count ?? null.count
                }
            }
        }
        let records = [UInt8](unsafeUninitializedCapacity: room) { buffer, written in
            var at = buffer.baseAddress!, d = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                at.update(from: base, count: bytes.count)
                at += bytes.count
            }
            header.withUnsafeBufferPointer(put)
            for row in result.rows {
                for (i, value) in row.enumerated() {
                    if i > 0 { at.pointee = separator; at += 1 }
                    switch value {
                    case .null: null.withUnsafeBufferPointer(put)
                    // Numbers are never quoted nor neutralised: their text holds no separator or quote.
                    case .integer(let n): at = TableCells.writeDecimalDigits(n, at: at)
                    case .decimal:
                        if var text = decimals[d] { text.withUTF8(put) } else { null.withUnsafeBufferPointer(put) }
                        d += 1
                    case .text(var t): t.withUTF8 { at = field($0, neutralised: true, at) }
                    }
                }
                newline.withUnsafeBufferPointer(put)
            }
            written = at - buffer.baseAddress!
        }
        if out.isEmpty { out = records } else { out.append(contentsOf: records) }
    }

    /// Whether `u` holds a byte that CSV quotes or TSV escapes (`,` `"` tab LF CR `\\`). Eight
    /// bytes at a time: a word whose bytes all have the high bit set (most of a Chinese name)
    /// holds none of them.
    static func hasSpecial(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var i = 0
        func special(_ b: UInt8) -> Bool {
            // Bits 0x09, 0x0A, 0x0D, 0x22 and 0x2C of the bytes below 64; and the backslash.
            b < 64 ? (0x0000_1004_0000_2600 as UInt64) >> b & 1 != 0 : b == 0x5C
        }
        while i + 8 <= u.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0x8080_8080_8080_8080 {
                for k in i..<(i + 8) where special(base[k]) { return true }
            }
            i += 8
        }
        while i < u.count {
            if special(base[i]) { return true }
            i += 1
        }
        return false
    }

    /// A text field at `at` as `append(_:neutralised:to:)` writes it; the byte after it. `at`
    /// has room for twice its bytes and three more.
    private func field(_ u: UnsafeBufferPointer<UInt8>, neutralised: Bool, _ at: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var at = at
        guard !Self.hasSpecial(u) else {
            // The rare field that is quoted or escaped: through the byte-at-a-time writer.
            var bytes: [UInt8] = []
            append(String(decoding: u, as: UTF8.self), neutralised: neutralised, to: &bytes)
            bytes.withUnsafeBufferPointer { at.update(from: $0.baseAddress!, count: $0.count) }
            return at + bytes.count
        }
        if neutralised && ValueText.isFormulaStart(u.first) { at.pointee = UInt8(ascii: "'"); at += 1 }
        if let base = u.baseAddress, !u.isEmpty { at.update(from: base, count: u.count) }
        return at + u.count
    }

    /// A text field: `'` first when a spreadsheet would run it as a formula (`ValueText.neutralised`),
    /// then quoted (CSV) or escaped (TSV) when it holds a separator, quote or line break.
    private func append(_ text: String, neutralised: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { u in
            let guarded = neutralised && ValueText.isFormulaStart(u.first)
            switch dialect {
            case .csv:
                let quoted = u.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                if quoted { out.append(UInt8(ascii: "\"")) }
                if guarded { out.append(UInt8(ascii: "'")) }
                if quoted {
                    for b in u {
                        out.append(b)
                        if b == UInt8(ascii: "\"") { out.append(b) }
                    }
                    out.append(UInt8(ascii: "\""))
                } else {
                    out.append(contentsOf: u)
                }
            case .tsv:
                if guarded { out.append(UInt8(ascii: "'")) }
                guard u.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "\\") }) else {
                    out.append(contentsOf: u)
                    return
                }
                for b in u {
                    switch b {
                    case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                    case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                    case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                    case UInt8(ascii: "\\"): out.append(contentsOf: [b, b])
                    default: out.append(b)
                    }
                }
            }
        }
    }
}
