/// The byte-level checks both one-pass readers of document.xml make alike
/// (`DocumentXMLCondenser` and `DirectDocumentReader`), so that they take the same bytes as the
/// strict form and refuse the same ones.
struct XMLBytes {
    let p: UnsafePointer<UInt8>
    let n: Int
    /// `ByteClass.table`.
    let table: UnsafePointer<UInt8>

    /// `</name S? >` closing the element named by the `count` bytes at `name`: just after it.
    @inline(__always) func endTag(at lt: Int, name: Int, count: Int) -> Int? {
        let nameEnd = lt + 2 + count
        guard nameEnd < n, Self.same(p + lt + 2, p + name, count), table[Int(p[nameEnd])] & ByteClass.name == 0 else { return nil }
        var i = nameEnd
        while i < n, table[Int(p[i])] & ByteClass.blank != 0 { i += 1 }
        return i < n && p[i] == 0x3E ? i + 1 : nil
    }

    /// Whether the `count` bytes at `a` and `b` are the same (names are short: no memcmp call).
    @inline(__always) static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }

    /// The length of the UTF-8 scalar at `i` (a lead byte at or over 0x80), or nil when it is
    /// not one libxml2 takes as it is: overlong forms, surrogates and past U+10FFFF refused
    /// (controls and U+FFFE/U+FFFF are refused for the whole document before).
    @inline(__always) func scalarLength(at i: Int) -> Int? {
        let b = p[i]
        let len = b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0
        guard len > 0, i + len <= n else { return nil }
        for k in 1..<len where p[i + k] & 0xC0 != 0x80 { return nil }
        let second = p[i + 1]
        if b == 0xE0 && second < 0xA0 || b == 0xED && second >= 0xA0 || b == 0xF0 && second < 0x90 || b == 0xF4 && second >= 0x90 { return nil }
        return len
    }

    /// A start tag in the strict form: where its name ends, where its attributes end (before
    /// `>` or `/>`), how many it has, and the byte after it.
    struct StartTag { var nameEnd: Int; var attributesEnd: Int; var attributeCount: Int; var end: Int; var empty: Bool }
    /// An attribute's name and its value (inside the quotes), as byte ranges.
    typealias Attribute = (name: Range<Int>, value: Range<Int>)
    /// More attributes on one tag than this: not modelled (libxml2 reads that tag).
    static let maxAttributes = 64

    /// `<name (S+ name S? = S? "value")* S? (> | />)`, with no attribute named twice; the
    /// attributes are written to `attributes` (room for `maxAttributes`).
    func startTag(at lt: Int, attributes: UnsafeMutablePointer<Attribute>) -> StartTag? {
        var i = lt + 1
        guard i < n, table[Int(p[i])] & ByteClass.nameStart != 0 else { return nil }
        i += 1
        while i < n, table[Int(p[i])] & ByteClass.name != 0 { i += 1 }
        let nameEnd = i
        var seen = 0
        while true {
            let blanks = i
            while i < n, table[Int(p[i])] & ByteClass.blank != 0 { i += 1 }
            guard i < n else { return nil }
            let b = p[i]
            if b == 0x3E { return StartTag(nameEnd: nameEnd, attributesEnd: i, attributeCount: seen, end: i + 1, empty: false) }
            if b == 0x2F {
                guard i + 1 < n, p[i + 1] == 0x3E else { return nil }
                return StartTag(nameEnd: nameEnd, attributesEnd: i, attributeCount: seen, end: i + 2, empty: true)
            }
            guard i > blanks, table[Int(b)] & ByteClass.nameStart != 0, seen < Self.maxAttributes else { return nil }
            let start = i
            i += 1
            while i < n, table[Int(p[i])] & ByteClass.name != 0 { i += 1 }
            let count = i - start
            for k in 0..<seen where attributes[k].name.count == count && Self.same(p + attributes[k].name.lowerBound, p + start, count) { return nil }
            let name = start..<i
            while i < n, table[Int(p[i])] & ByteClass.blank != 0 { i += 1 }
            guard i < n, p[i] == 0x3D else { return nil }
            i += 1
            while i < n, table[Int(p[i])] & ByteClass.blank != 0 { i += 1 }
            guard i < n else { return nil }
            let quote = p[i]
            guard quote == 0x22 || quote == 0x27 else { return nil }
            i += 1
            // The value: ASCII but `<` and `&`, or whole UTF-8 scalars, to the quote.
            let valueStart = i
            while true {
                guard i < n else { return nil }
                let v = p[i]
                if v == quote { break }
                if table[Int(v)] & ByteClass.plainValue != 0 { i += 1; continue }
                guard v >= 0x80, let len = scalarLength(at: i) else { return nil }
                i += len
            }
            attributes[seen] = (name, valueStart..<i)
            seen += 1
            i += 1
        }
    }
}
