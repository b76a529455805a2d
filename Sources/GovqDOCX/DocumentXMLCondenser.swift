/// `word/document.xml` made smaller for libxml2: most of a real report's XML is formatting
/// (`w:rPr` on every run, `w:pPr`, `w:tcW`, `w:sectPr`, bookmarks, proofing marks) and
/// attributes that the reader never reads. The reader tells apart only the elements it keeps
/// (`DOCXEvents.vocabulary`); any other element only counts toward its depth limit. So:
/// - an element is cut whole when its subtree holds nothing the reader reads: no element it
///   keeps, no text (not even blanks), no comment or processing instruction;
/// - any other element it does not keep (`w:r`, `w:tcPr`, `w:body`) loses its start and end
///   tags, its content stays;
/// - an element it keeps loses its attributes, unless the reader reads them (`w:gridSpan`,
///   `w:vMerge`).
/// Every tag cut from is in a strict form that is well-formed XML by construction (names of
/// ASCII letters, digits and `_.:-`; quoted attribute values of valid UTF-8 without `<` or `&`,
/// one space at least before each, no name twice; end tags that match), so libxml2 gives the
/// reader the same events for what it keeps, and finds the same error in a damaged file: what
/// is cut could hold none. A cut never joins two pieces of text (it is followed by a tag, or
/// by a blank after a blank), which libxml2 could read as one token (`&am` + `p;`, CR + LF).
/// An element is unwrapped only once its end tag is read, and the scan stops well inside the
/// reader's nesting limit, so the depth the reader counts is never less where it could fail.
/// At the first tag not in that form the cutting stops and the rest goes to libxml2 as it is;
/// a document in another encoding than UTF-8, or with a control character, is parsed whole.
/// `CondensedReadTests` and the DOCX fuzz target check it against the whole document's parse.
///
/// One pass over the bytes with a byte-class table and an explicit stack (a recursive scan
/// with bounds-checked slices cost about 40 instructions a byte; this one a few).
import GovqXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct DocumentXMLCondenser {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private let names: KeptNames
    /// `ByteClass.table`, read once (a global costs a check at each use).
    private let table: UnsafePointer<UInt8>
    private var out: CondensedMarkup
    /// Ranges to cut, in order. An open element holds a place (`mark`) for the cut of its start
    /// tag or attribute list; a subtree cut replaces the cuts inside it.
    private var cuts: [Range<Int>] = []
    /// The elements of text (`w:t`) that hold text only, in order: the runs that may be joined.
    private var runs: [TextRunJoins.Run] = []
    private var shortcuts = true
    /// The attributes of the tag being read.
    private let attributes: UnsafeMutablePointer<XMLBytes.Attribute>
    /// The open elements of a subtree tried whole (`formattingEnd`): each name's start and
    /// length.
    private let subtree: UnsafeMutablePointer<(start: Int, count: Int)>
    private var memo: TagMemo
    /// Cuts stay well inside the readers' nesting limit (256).
    static let maxDepth = 200

    private init(_ p: UnsafePointer<UInt8>, _ n: Int, names: KeptNames) {
        self.p = p
        self.n = n
        self.names = names
        table = ByteClass.table
        out = CondensedMarkup(UnsafeBufferPointer(start: p, count: n))
        cuts.reserveCapacity(n / 64)
        attributes = .allocate(capacity: XMLBytes.maxAttributes)
        subtree = .allocate(capacity: Self.maxDepth + 1)
        memo = TagMemo()
    }

    /// The document with what the reader never reads cut, or nil to parse it whole.
    /// `keeping`: the element names the reader tells apart; `readingAttributesOf`: those of
    /// them whose attributes it reads; `containers`: unread elements that usually hold what it
    /// reads (`w:r`), not tried as a whole subtree first (only a shortcut: the cuts are the same);
    /// `joiningRunsOf`: the kept element of text whose adjacent runs are joined (`TextRunJoins`);
    /// `shortcuts`: formatting tried whole first (`formattingEnd`) and tags read before taken
    /// from the memo (`TagMemo`); off in the test of them, which must give the same bytes.
    static func condense(_ xml: UnsafeRawBufferPointer, keeping kept: [String], readingAttributesOf read: [String],
                         containers: [String] = [], joiningRunsOf text: String? = nil, shortcuts: Bool = true) -> CondensedMarkup? {
        let buffer = xml.assumingMemoryBound(to: UInt8.self)
        guard let base = buffer.baseAddress, buffer.count > 0, MarkupBytes.hasOnlyPlainCharacters(buffer) else { return nil }
        var c = DocumentXMLCondenser(base, buffer.count, names: KeptNames(kept, readingAttributesOf: read, containers: containers, text: text))
        defer { c.attributes.deallocate(); c.subtree.deallocate(); c.memo.deallocate() }
        guard let root = c.prologEnd() else { return nil }
        c.shortcuts = shortcuts
        c.scan(from: root)
        guard c.cuts.contains(where: { !$0.isEmpty }) else { return nil }
        c.out.cutAll(TextRunJoins.apply(c.runs, to: c.cuts, in: c.p), keepingOffsets: false)
        return c.out
    }

    /// Where the root element starts, after the declaration (UTF-8 or none named), comments,
    /// processing instructions and blanks; nil for a DTD or anything else.
    private func prologEnd() -> Int? {
        let bytes = UnsafeBufferPointer(start: p, count: n)
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if bytes[i...].starts(with: Array("<?xml".utf8)) {
            guard let end = find("?>", from: i) else { return nil }
            let decl = bytes[i..<end].map { MarkupBytes.isLetter($0) ? $0 | 0x20 : $0 }
            if let e = Self.search(decl, "encoding") {
                let value = decl[(e + 8)...].drop { $0 != 0x22 && $0 != 0x27 }.dropFirst().prefix { $0 != 0x22 && $0 != 0x27 }
                guard Array(value) == Array("utf-8".utf8) else { return nil }
            }
            i = end + 2
        }
        while i < n {
            if MarkupBytes.isBlank(p[i]) { i += 1; continue }
            guard p[i] == 0x3C, i + 1 < n else { return nil }
            if p[i + 1] == 0x3F, let end = find("?>", from: i) { i = end + 2; continue }
            if bytes[i...].starts(with: Array("<!--".utf8)), let end = find("-->", from: i + 4) { i = end + 3; continue }
            return MarkupBytes.isLetter(p[i + 1]) || p[i + 1] == 0x5F ? i : nil
        }
        return nil
    }

    /// An element whose start tag has been read and whose end tag has not.
    private struct Open {
        var lt: Int
        var nameEnd: Int
        /// Its attribute list with the blanks before the tag's end: `lt + 1 + name ..< > or />`.
        var attributes: Range<Int>
        var tagEnd: Int
        var mark: Int
        var kind: KeptNames.Kind
        /// No text, comment or element the reader keeps in it so far.
        var skippable: Bool
    }

    /// The scan, from the root's start tag to its end tag, or to the first thing not modelled.
    private mutating func scan(from root: Int) {
        let stack = UnsafeMutablePointer<Open>.allocate(capacity: Self.maxDepth + 1)
        defer { stack.deallocate() }
        var depth = 0
        var i = root
        // At `i` is the `<` of a start tag.
        while true {
            guard depth < Self.maxDepth, let (tag, kind) = readTag(at: i) else { return }
            // Formatting (`w:rPr`, `w:pPr`, `w:tcBorders`): tried whole first, by a scan that
            // keeps no records; what it does not take is read tag by tag, to the same cuts.
            if shortcuts, depth >= 1, kind == .unread, let end = formattingEnd(tag, at: i, depth: depth), mayCut(i, end) {
                cuts.append(i..<end)
                i = end
            } else {
                var element = Open(lt: i, nameEnd: tag.nameEnd, attributes: tag.attributes, tagEnd: tag.end, mark: cuts.count,
                                   kind: kind, skippable: depth >= 1 && kind.isUnread)
                if tag.empty {
                    close(&element, endTag: tag.end..<tag.end, depth: depth, parent: depth > 0 ? stack + (depth - 1) : nil)
                    i = tag.end
                } else {
                    cuts.append(0..<0)
                    stack[depth] = element
                    depth += 1
                    i = tag.end
                }
            }
            // Content: text, end tags, until the next start tag.
            while true {
                guard depth > 0 else { return }
                var next = i
                if next < n, p[next] != 0x3C {
                    guard let hit = memchr(p + i, 0x3C, n - i) else { return }
                    next = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(hit))
                    stack[depth - 1].skippable = false
                }
                guard next + 1 < n else { return }
                let c = p[next + 1]
                if c == 0x2F {
                    let open = stack[depth - 1]
                    guard let end = xml.endTag(at: next, name: open.lt + 1, count: open.nameEnd - open.lt - 1) else { return }
                    depth -= 1
                    close(&stack[depth], endTag: next..<end, depth: depth, parent: depth > 0 ? stack + (depth - 1) : nil)
                    i = end
                    continue
                }
                // A comment, CDATA or processing instruction: libxml2 reads it, and finds its
                // end; nothing after it is cut.
                if c == 0x21 || c == 0x3F { return }
                i = next
                break
            }
        }
    }

    /// The cuts of an element whose end tag (`endTag`, empty for `<x/>`) has been read.
    private mutating func close(_ e: inout Open, endTag: Range<Int>, depth: Int, parent: UnsafeMutablePointer<Open>?) {
        let end = endTag.upperBound
        if e.skippable, mayCut(e.lt, end) {
            if cuts.count > e.mark { cuts.removeSubrange(e.mark...) }
            cuts.append(e.lt..<end)
            return
        }
        parent?.pointee.skippable = false
        let placed = !endTag.isEmpty
        var first = 0..<0
        if e.kind.isUnread, depth >= 1, !endTag.isEmpty, mayCut(e.lt, e.tagEnd), mayCut(endTag.lowerBound, end) {
            first = e.lt..<e.tagEnd
            cuts.append(endTag)
        } else if e.kind != .readsAttributes {
            first = e.attributes
        }
        if placed { cuts[e.mark] = first } else if !first.isEmpty { cuts.append(first) }
        if e.kind == .text, placed, memchr(p + e.tagEnd, 0x3C, endTag.lowerBound - e.tagEnd) == nil {
            runs.append(TextRunJoins.Run(lt: e.lt, text: e.tagEnd..<endTag.lowerBound, end: end))
        }
    }

    /// Whether `a..<b` may be cut without joining the text before it to the text after it.
    @inline(__always) private func mayCut(_ a: Int, _ b: Int) -> Bool {
        guard b < n else { return false }
        let next = p[b]
        if next == 0x3C { return true }
        guard next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D, a > 0 else { return false }
        let before = p[a - 1]
        return before == 0x20 || before == 0x0A || before == 0x09
    }

    /// `startTag(at:)` and the kind of its name; from the memo when the same bytes were read
    /// before (with `shortcuts`).
    private mutating func readTag(at lt: Int) -> (StartTag, KeptNames.Kind)? {
        guard shortcuts, let hit = memchr(p + lt, 0x3E, min(n - lt, TagMemo.maxLength)) else {
            guard let tag = startTag(at: lt) else { return nil }
            return (tag, names.kind(p + lt + 1, tag.nameEnd - lt - 1, readable: n - lt - 1))
        }
        let gt = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(hit))
        let found = memo.find(p, lt, gt, n)
        if let e = found.entry {
            return (StartTag(nameEnd: lt + e.nameEnd, attributes: (lt + e.attributesStart)..<(lt + e.attributesEnd), end: gt + 1, empty: e.empty), e.kind)
        }
        guard let tag = startTag(at: lt) else { return nil }
        let kind = names.kind(p + lt + 1, tag.nameEnd - lt - 1, readable: n - lt - 1)
        if tag.end == gt + 1, let slot = found.slot {
            memo.keep(TagMemo.Entry(at: lt, length: gt + 1 - lt, hash: found.hash, nameEnd: tag.nameEnd - lt, attributesStart: tag.attributes.lowerBound - lt,
                                    attributesEnd: tag.attributes.upperBound - lt, empty: tag.empty, kind: kind), in: slot)
        }
        return (tag, kind)
    }

    private struct StartTag { var nameEnd: Int; var attributes: Range<Int>; var end: Int; var empty: Bool }

    /// The strict start tag at `lt` (`XMLBytes.startTag`), its attributes' span kept.
    private func startTag(at lt: Int) -> StartTag? {
        guard let t = xml.startTag(at: lt, attributes: attributes) else { return nil }
        return StartTag(nameEnd: t.nameEnd, attributes: t.nameEnd..<t.attributesEnd, end: t.end, empty: t.empty)
    }

    /// The end of the subtree whose start tag `tag` is at `lt` (its parent at `depth`), when
    /// the careful scan would cut it whole (before `mayCut`): every tag in the strict form,
    /// every element one the reader does not read, no text (not even blanks), comment or
    /// processing instruction, and within the depth limit. nil for any other: it is then read
    /// tag by tag. No cuts and no records: only a stack of the open names.
    private mutating func formattingEnd(_ tag: StartTag, at lt: Int, depth: Int) -> Int? {
        if tag.empty { return tag.end }
        var top = 0
        subtree[0] = (lt + 1, tag.nameEnd - lt - 1)
        var i = tag.end
        while true {
            guard i + 1 < n, p[i] == 0x3C else { return nil }
            if p[i + 1] == 0x2F {
                guard let end = xml.endTag(at: i, name: subtree[top].start, count: subtree[top].count) else { return nil }
                if top == 0 { return end }
                top -= 1
                i = end
                continue
            }
            // The careful scan's depth: the open elements around this tag.
            guard depth + 1 + top < Self.maxDepth, let (child, kind) = readTag(at: i), kind.isUnread else { return nil }
            if !child.empty {
                top += 1
                subtree[top] = (i + 1, child.nameEnd - i - 1)
            }
            i = child.end
        }
    }


    private func find(_ s: String, from: Int) -> Int? {
        let needle = Array(s.utf8)
        let bytes = UnsafeBufferPointer(start: p, count: n)
        var i = from
        while let k = MarkupBytes.find(needle[0], in: bytes, from: i) {
            if k + needle.count <= n, bytes[k..<(k + needle.count)].elementsEqual(needle) { return k }
            i = k + 1
        }
        return nil
    }

    private static func search(_ hay: [UInt8], _ needle: String) -> Int? {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return nil }
        return (0...(hay.count - n.count)).first { hay[$0..<($0 + n.count)].elementsEqual(n) }
    }

    /// The byte checks this reader shares with the other one-pass reader of document.xml.
    @inline(__always) private var xml: XMLBytes { XMLBytes(p: p, n: n, table: table) }
}
