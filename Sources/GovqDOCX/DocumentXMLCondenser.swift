/// `word/document.xml` made smaller for libxml2: most of a real report's XML is formatting
/// (`w:rPr` on every run, `w:pPr`, `w:tcW`, `w:sectPr`, bookmarks, proofing marks) that the
/// reader never reads. An element is cut when its whole subtree is markup the reader skips:
/// no element the reader tells apart, no text (not even blanks), no comment or processing
/// instruction, and every tag in the strict form below, which is well-formed XML by
/// construction (names of ASCII letters, digits and `_.:-`; quoted attribute values of valid
/// UTF-8 without `<` or `&`, one space at least before each, no name twice; end tags that
/// match). So libxml2 gives the reader the same events, and finds the same error in a damaged
/// file: what is cut could hold none. At the first tag not in that form the cutting stops and
/// the rest goes to libxml2 as it is; a document in another encoding than UTF-8, or with a
/// control character, is parsed whole. `DocumentXMLCondenserTests` and the DOCX fuzz target
/// check it against the whole document's parse.
import GovqXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct DocumentXMLCondenser {
    private let p: UnsafeBufferPointer<UInt8>
    /// The element names the reader reads, never cut: all in one array, and each one's range.
    private let keptBytes: [UInt8]
    private let kept: [Range<Int>]
    private var out: CondensedMarkup
    /// Subtrees to cut, in order; a parent cut replaces its children's.
    private var cuts: [Range<Int>] = []
    /// Set at the first thing not modelled: nothing after it is cut.
    private var stopped = false
    /// Cuts stay well inside the readers' nesting limit (256).
    private static let maxDepth = 200

    private init(_ p: UnsafeBufferPointer<UInt8>, kept: [String]) {
        self.p = p
        var bytes: [UInt8] = [], ranges: [Range<Int>] = []
        for name in kept {
            ranges.append(bytes.count..<(bytes.count + name.utf8.count))
            bytes += name.utf8
        }
        keptBytes = bytes
        self.kept = ranges
        out = CondensedMarkup(p)
    }

    /// The document with its skipped subtrees cut, or nil to parse it whole.
    static func condense(_ xml: UnsafeRawBufferPointer, keeping names: [String]) -> CondensedMarkup? {
        let p = xml.assumingMemoryBound(to: UInt8.self)
        guard p.count > 0, MarkupBytes.hasOnlyPlainCharacters(p) else { return nil }
        var c = DocumentXMLCondenser(p, kept: names)
        guard let root = c.prologEnd() else { return nil }
        _ = c.element(at: root, depth: 0)
        guard !c.cuts.isEmpty else { return nil }
        for r in c.cuts { c.out.cut(r) }
        c.out.finish()
        return c.out
    }

    /// Where the root element starts, after the declaration (UTF-8 or none named), comments,
    /// processing instructions and blanks; nil for a DTD or anything else.
    private func prologEnd() -> Int? {
        var i = p.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if p[i...].starts(with: Array("<?xml".utf8)) {
            guard let end = find("?>", from: i) else { return nil }
            let decl = p[i..<end].map { MarkupBytes.isLetter($0) ? $0 | 0x20 : $0 }
            if let e = Self.search(decl, "encoding") {
                let value = decl[(e + 8)...].drop { $0 != 0x22 && $0 != 0x27 }.dropFirst().prefix { $0 != 0x22 && $0 != 0x27 }
                guard Array(value) == Array("utf-8".utf8) else { return nil }
            }
            i = end + 2
        }
        while i < p.count {
            if MarkupBytes.isBlank(p[i]) { i += 1; continue }
            guard p[i] == 0x3C, i + 1 < p.count else { return nil }
            if p[i + 1] == 0x3F, let end = find("?>", from: i) { i = end + 2; continue }
            if p[i...].starts(with: Array("<!--".utf8)), let end = find("-->", from: i + 4) { i = end + 3; continue }
            return MarkupBytes.isLetter(p[i + 1]) || p[i + 1] == 0x5F ? i : nil
        }
        return nil
    }

    /// Reads the element whose start tag is at `lt`: just after it, and whether its whole
    /// subtree may be cut (its cut, or its children's, are then in `cuts`); nil once stopped.
    private mutating func element(at lt: Int, depth: Int) -> (end: Int, skippable: Bool)? {
        guard !stopped, depth < Self.maxDepth, let tag = startTag(at: lt) else { stopped = true; return nil }
        let name = (lt + 1)..<tag.nameEnd
        var skippable = depth >= 1 && !isKept(name)
        let mark = cuts.count
        var i = tag.end
        while !tag.empty {
            guard let next = MarkupBytes.find(0x3C, in: p, from: i), next + 1 < p.count else { stopped = true; return nil }
            if next > i { skippable = false }
            switch p[next + 1] {
            case 0x2F:
                guard let end = endTag(at: next, matching: name) else { stopped = true; return nil }
                i = end
            case 0x21, 0x3F:
                // A comment, CDATA or processing instruction: libxml2 reads it, and finds its
                // end; nothing after it is cut.
                stopped = true
                return nil
            default:
                guard let child = element(at: next, depth: depth + 1) else { return nil }
                if !child.skippable { skippable = false }
                i = child.end
                continue
            }
            break
        }
        if skippable {
            if cuts.count > mark { cuts.removeSubrange(mark...) }
            cuts.append(lt..<i)
        }
        return (i, skippable)
    }

    private struct StartTag { var nameEnd: Int; var end: Int; var empty: Bool }
    /// The names of the attributes of the tag being read (kept to reuse the storage).
    private var attributes: [Range<Int>] = []

    /// `<name (S+ name S? = S? "value")* S? (> | />)`, with no attribute named twice.
    private mutating func startTag(at lt: Int) -> StartTag? {
        guard let nameEnd = name(at: lt + 1) else { return nil }
        var i = nameEnd
        attributes.removeAll(keepingCapacity: true)
        while true {
            let blanks = i
            while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
            guard i < p.count else { return nil }
            if p[i] == 0x3E { return StartTag(nameEnd: nameEnd, end: i + 1, empty: false) }
            if p[i] == 0x2F { return i + 1 < p.count && p[i + 1] == 0x3E ? StartTag(nameEnd: nameEnd, end: i + 2, empty: true) : nil }
            guard i > blanks, let attributeEnd = name(at: i) else { return nil }
            let attribute = i..<attributeEnd
            for a in attributes where a.count == attribute.count && same(a.lowerBound, attribute.lowerBound, attribute.count) { return nil }
            attributes.append(attribute)
            i = attributeEnd
            while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
            guard i < p.count, p[i] == 0x3D else { return nil }
            i += 1
            while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
            guard i < p.count, p[i] == 0x22 || p[i] == 0x27, let close = MarkupBytes.find(p[i], in: p, from: i + 1),
                  isPlainValue((i + 1)..<close) else { return nil }
            i = close + 1
        }
    }

    /// `</name S? >` closing `open`: just after it.
    private func endTag(at lt: Int, matching open: Range<Int>) -> Int? {
        let nameEnd = lt + 2 + open.count
        guard nameEnd < p.count, same(lt + 2, open.lowerBound, open.count), !Self.isNameByte(p[nameEnd]) else { return nil }
        var i = nameEnd
        while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
        return i < p.count && p[i] == 0x3E ? i + 1 : nil
    }

    /// The end of an ASCII XML name at `i`.
    private func name(at i: Int) -> Int? {
        guard i < p.count, MarkupBytes.isLetter(p[i]) || p[i] == 0x5F else { return nil }
        var k = i + 1
        while k < p.count, Self.isNameByte(p[k]) { k += 1 }
        return k
    }

    /// A letter, digit, `_`, `.`, `:` or `-`.
    @inline(__always) private static func isNameByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x3A || c == 0x5F || c == 0x2D || c == 0x2E
    }

    /// Whether the `count` bytes at `a` and `b` are the same.
    @inline(__always) private func same(_ a: Int, _ b: Int, _ count: Int) -> Bool {
        memcmp(p.baseAddress! + a, p.baseAddress! + b, count) == 0
    }

    /// An attribute value libxml2 takes as it is: no markup, no reference, valid UTF-8 of XML
    /// characters (controls and U+FFFE/U+FFFF are refused for the whole document before).
    private func isPlainValue(_ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            let b = p[i]
            if b < 0x80 {
                if b == 0x3C || b == 0x26 { return false }
                i += 1
                continue
            }
            let len = b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0
            guard len > 0, i + len <= r.upperBound else { return false }
            for k in 1..<len where p[i + k] & 0xC0 != 0x80 { return false }
            let second = p[i + 1]
            // Overlong forms, surrogates and past U+10FFFF.
            if b == 0xE0 && second < 0xA0 || b == 0xED && second >= 0xA0 || b == 0xF0 && second < 0x90 || b == 0xF4 && second >= 0x90 { return false }
            i += len
        }
        return true
    }

    private func isKept(_ name: Range<Int>) -> Bool {
        keptBytes.withUnsafeBufferPointer { k in
            for r in kept where r.count == name.count && memcmp(k.baseAddress! + r.lowerBound, p.baseAddress! + name.lowerBound, r.count) == 0 { return true }
            return false
        }
    }

    private func find(_ s: String, from: Int) -> Int? {
        let n = Array(s.utf8)
        var i = from
        while let k = MarkupBytes.find(n[0], in: p, from: i) {
            if k + n.count <= p.count, p[k..<(k + n.count)].elementsEqual(n) { return k }
            i = k + 1
        }
        return nil
    }

    private static func search(_ hay: [UInt8], _ needle: String) -> Int? {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return nil }
        return (0...(hay.count - n.count)).first { hay[$0..<($0 + n.count)].elementsEqual(n) }
    }
}
