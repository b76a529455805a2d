/// `word/document.xml` read in one pass without libxml2, for the documents it fully
/// understands: memchr to each `<`, names compared as bytes, every tag checked in the strict
/// form `DocumentXMLCondenser` cuts from (ASCII names, quoted UTF-8 values without `<` or `&`,
/// no attribute twice, matching end tags), text checked as libxml2 checks it (whole UTF-8
/// scalars, the five predefined entities and character references to XML characters, no `]]>`)
/// and given to the same `DOCXEvents` as libxml2's events. Anything else gives nil, and the
/// caller reads the document through libxml2, the reference: a declaration other than
/// version 1.0 in UTF-8, a DOCTYPE, a comment, CDATA or processing instruction, any other
/// reference, a carriage return in read text (libxml2 folds line ends), blanks in a `w:val`
/// read, nesting past the condenser's 200 levels, a limit of `DOCXEvents` reached, a damaged
/// or truncated document. So a document read here reads as libxml2 reads it, and a bad one
/// fails with libxml2's error. `CondensedReadTests` and the DOCX fuzz target compare the two.
/// An unread subtree whose bytes are those of one read before in full is skipped
/// (`SubtreeMemo`; `SubtreeMemoTests` compares it with the whole read).
import GovqDocument
import GovqXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct DirectDocumentReader {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private let table: UnsafePointer<UInt8>
    private let names: KeptNames
    /// The attribute names and values of the tag being read.
    private let attributes: UnsafeMutablePointer<XMLBytes.Attribute>
    /// Under the events' own limit (`DocumentLimits.maxDepth`, 256): the events count depth only
    /// to refuse nesting past it, so they are not told of the elements they do not read (their
    /// start and end change nothing else), and the depth they count never reaches it here.
    static let maxDepth = DocumentXMLCondenser.maxDepth
    /// Made once: the names the events tell apart.
    /// Containers are told apart too: not remembered whole (they hold what is read).
    private static let vocabulary = KeptNames(DOCXEvents.vocabulary, readingAttributesOf: [], containers: DOCXEvents.containers)

    /// The document, or nil when it holds anything not modelled here (read it with libxml2).
    static func read(_ xml: UnsafeRawBufferPointer) -> Document? {
        var skipped = 0
        return read(xml, skipped: &skipped)
    }

    /// `read`, counting the subtrees skipped as copies of ones read before (`SubtreeMemo`).
    static func read(_ xml: UnsafeRawBufferPointer, skipped: inout Int) -> Document? {
        let buffer = xml.assumingMemoryBound(to: UInt8.self)
        guard let base = buffer.baseAddress, buffer.count > 0, MarkupBytes.hasOnlyPlainCharacters(buffer) else { return nil }
        let r = DirectDocumentReader(p: base, n: buffer.count, table: ByteClass.table, names: vocabulary,
                                     attributes: .allocate(capacity: XMLBytes.maxAttributes))
        defer { r.attributes.deallocate() }
        // Every byte of text is checked to be UTF-8 below (`text`), scalar by scalar.
        let events = DOCXEvents(checkedText: true)
        guard let root = r.prologEnd(), r.scan(from: root, into: events, skipped: &skipped), events.error == nil else { return nil }
        return Document(kind: .docx, lines: events.lines)
    }

    /// Where the root element starts: after a BOM, the declaration as LibreOffice and Word
    /// write it (` version="1.0"`, ` encoding="UTF-8"`, ` standalone="yes|no"`, in that order,
    /// one space before each) and blanks.
    private func prologEnd() -> Int? {
        var i = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
        if starts(i, "<?xml") {
            guard let v = pseudoAttribute(i + 5, "version", ["1.0"]) else { return nil }
            i = v
            if let e = pseudoAttribute(i, "encoding", ["UTF-8", "utf-8"]) { i = e }
            if let s = pseudoAttribute(i, "standalone", ["yes", "no"]) { i = s }
            guard starts(i, "?>") else { return nil }
            i += 2
        }
        while i < n, table[Int(p[i])] & ByteClass.blank != 0 { i += 1 }
        guard i + 1 < n, p[i] == 0x3C, table[Int(p[i + 1])] & ByteClass.nameStart != 0 else { return nil }
        return i
    }

    /// ` name="value"` (or in single quotes) with one of `values`: just after it.
    private func pseudoAttribute(_ i: Int, _ name: String, _ values: [String]) -> Int? {
        guard starts(i, " " + name + "=") else { return nil }
        let q = i + name.utf8.count + 2
        guard q < n, p[q] == 0x22 || p[q] == 0x27 else { return nil }
        for v in values where starts(q + 1, v) {
            let close = q + 1 + v.utf8.count
            if close < n, p[close] == p[q] { return close + 1 }
        }
        return nil
    }

    private func starts(_ i: Int, _ s: String) -> Bool {
        var k = i
        for b in s.utf8 {
            guard k < n, p[k] == b else { return false }
            k += 1
        }
        return true
    }

    /// The elements from the root's start tag (at `root`) to its end tag, then only blanks.
    private func scan(from root: Int, into events: DOCXEvents, skipped: inout Int) -> Bool {
        let stack = UnsafeMutablePointer<(start: Int, count: Int, id: Int)>.allocate(capacity: Self.maxDepth + 1)
        defer { stack.deallocate() }
        var depth = 0
        var i = root
        var decoded: [UInt8] = []
        let memo = SubtreeMemo(p: p, n: n)
        defer { memo.deallocate() }
        // The unread elements being read that may be remembered, outermost first: each one's
        // `<`, the depth it starts at, the deepest its subtree reaches so far, its memo slot,
        // and where its events (of the elements read by their `w:val` alone) start in the log.
        // An inner one is remembered too (its outer one may differ in other bytes).
        // One at most at each depth.
        let candidates = UnsafeMutablePointer<(start: Int, depth: Int, reach: Int, slot: Int, events: Int)>.allocate(capacity: Self.maxDepth + 1)
        defer { candidates.deallocate() }
        var open = 0
        var log: [SubtreeMemo.Event] = []
        /// The innermost candidate ended at `end`: remembered, its reach given to the one around it.
        func close(_ end: Int) {
            open -= 1
            let c = candidates[open]
            memo.remember(c.start, end, depth: c.reach - c.depth, slot: c.slot, events: c.events..<log.count)
            if open > 0 { candidates[open - 1].reach = max(candidates[open - 1].reach, c.reach) }
        }
        while true {
            // At `i` is a `<`.
            guard i + 1 < n else { return false }
            if p[i + 1] == 0x2F {
                guard depth > 0 else { return false }
                let element = stack[depth - 1]
                guard let end = xml.endTag(at: i, name: element.start, count: element.count) else { return false }
                depth -= 1
                if element.id >= 0 { events.end(element.id) }
                if open > 0 {
                    if element.id >= 0 { log.append(SubtreeMemo.Event(id: element.id, value: nil, isEnd: true)) }
                    if candidates[open - 1].depth == depth { close(end) }
                }
                i = end
            } else {
                // An unread subtree read before, byte for byte: skipped (`SubtreeMemo`).
                let slot = events.inText ? -1 : memo.slot(at: i)
                if slot >= 0, let (end, nesting, given) = memo.match(at: i, slot: slot, room: Self.maxDepth - depth) {
                    // Its events again, in order (and in the log too, for the subtrees around it).
                    for k in given {
                        let e = log[k]
                        if e.isEnd { events.end(e.id) } else { guard events.start(e.id, value: e.value) else { return false } }
                        if open > 0 { log.append(e) }
                    }
                    if open > 0 { candidates[open - 1].reach = max(candidates[open - 1].reach, depth + nesting) }
                    i = end
                    skipped += 1
                } else {
                    // A comment, CDATA, DOCTYPE or processing instruction fails here (no name start).
                    guard depth < Self.maxDepth, let tag = xml.startTag(at: i, attributes: attributes) else { return false }
                    let (id, kind) = names.lookup(p + i + 1, tag.nameEnd - i - 1, readable: n - i - 1)
                    if id >= 0 {
                        // Only what is read by its `w:val` alone may be given again.
                        if !DOCXEvents.readsValue(id) { open = 0 }
                    } else if kind == .unread, !events.inText {
                        candidates[open] = (i, depth, depth + 1, slot, log.count)
                        open += 1
                    }
                    if open > 0 { candidates[open - 1].reach = max(candidates[open - 1].reach, depth + 1) }
                    var value: String?
                    if DOCXEvents.readsValue(id) {
                        guard let v = valueAttribute(tag.attributeCount) else { return false }
                        value = v
                    }
                    if id >= 0 { guard events.start(id, value: value) else { return false } }
                    if open > 0, id >= 0 { log.append(SubtreeMemo.Event(id: id, value: value, isEnd: false)) }
                    if tag.empty {
                        if id >= 0 { events.end(id) }
                        if open > 0 {
                            if id >= 0 { log.append(SubtreeMemo.Event(id: id, value: nil, isEnd: true)) }
                            if candidates[open - 1].start == i { close(tag.end) }
                        }
                    } else {
                        stack[depth] = (i + 1, tag.nameEnd - i - 1, id)
                        depth += 1
                    }
                    i = tag.end
                }
            }
            if depth == 0 {
                while i < n, table[Int(p[i])] & ByteClass.blank != 0 { i += 1 }
                return i == n
            }
            guard i < n else { return false }
            if p[i] != 0x3C {
                guard let hit = memchr(p + i, 0x3C, n - i) else { return false }
                let next = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(hit))
                guard text(i, next, into: events, &decoded) else { return false }
                i = next
            }
        }
    }

    /// Checks the text `a..<b` and gives it to the events (decoded) when they read it.
    private func text(_ a: Int, _ b: Int, into events: DOCXEvents, _ decoded: inout [UInt8]) -> Bool {
        let keep = events.inText
        var i = a, plain = a, decodes = false
        while i < b {
            let c = p[i]
            if c >= 0x80 {
                // A CJK ideograph (lead E4–E9, two continuation bytes: always a whole scalar,
                // as `scalarLength` finds) at once: most of a Chinese report's text.
                if c &- 0xE4 < 6, i + 2 < b, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 {
                    i += 3
                    continue
                }
                guard let len = xml.scalarLength(at: i) else { return false }
                i += len
                continue
            }
            if c == 0x26 {
                guard let (after, scalar) = reference(at: i, b) else { return false }
                if keep {
                    decoded.append(contentsOf: UnsafeBufferPointer(start: p + plain, count: i - plain))
                    Self.appendUTF8(scalar, to: &decoded)
                    decodes = true
                }
                i = after
                plain = after
                continue
            }
            if c == 0x0D, keep { return false }
            if c == 0x3E, i - a >= 2, p[i - 1] == 0x5D, p[i - 2] == 0x5D { return false }
            i += 1
        }
        guard keep else { return true }
        if !decodes {
            events.text(UnsafeBufferPointer(start: p + a, count: b - a))
        } else {
            decoded.append(contentsOf: UnsafeBufferPointer(start: p + plain, count: b - plain))
            decoded.withUnsafeBufferPointer { events.text($0) }
            decoded.removeAll(keepingCapacity: true)
        }
        return true
    }

    /// The reference at `i` (its `&`, before `b`): a predefined entity or a character reference
    /// to an XML character: just after its `;`, and the scalar; or nil.
    private func reference(at i: Int, _ b: Int) -> (Int, UInt32)? {
        guard let hit = memchr(p + i, 0x3B, min(b - i, 12)) else { return nil }
        let semi = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(hit))
        let body = UnsafeBufferPointer(start: p + i + 1, count: semi - i - 1)
        var scalar: UInt32 = 0
        if body.count >= 2, body[0] == 0x23 {
            let hex = body[1] == 0x78
            let digits = body[(hex ? 2 : 1)...]
            guard !digits.isEmpty, digits.count <= 7 else { return nil }
            for d in digits {
                let v: UInt32
                switch d {
                case 0x30...0x39: v = UInt32(d - 0x30)
                case 0x61...0x66 where hex: v = UInt32(d - 0x61 + 10)
                case 0x41...0x46 where hex: v = UInt32(d - 0x41 + 10)
                default: return nil
                }
                scalar = scalar * (hex ? 16 : 10) + v
            }
            let isChar = scalar == 0x09 || scalar == 0x0A || scalar == 0x0D || (0x20...0xD7FF).contains(scalar)
                || (0xE000...0xFFFD).contains(scalar) || (0x10000...0x10FFFF).contains(scalar)
            guard isChar else { return nil }
        } else {
            switch String(decoding: body, as: UTF8.self) {
            case "lt": scalar = 0x3C
            case "gt": scalar = 0x3E
            case "amp": scalar = 0x26
            case "quot": scalar = 0x22
            case "apos": scalar = 0x27
            default: return nil
            }
        }
        return (semi + 1, scalar)
    }

    private static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        if s < 0x80 {
            out.append(UInt8(s))
        } else if s < 0x800 {
            out += [UInt8(0xC0 | s >> 6), UInt8(0x80 | s & 0x3F)]
        } else if s < 0x10000 {
            out += [UInt8(0xE0 | s >> 12), UInt8(0x80 | s >> 6 & 0x3F), UInt8(0x80 | s & 0x3F)]
        } else {
            out += [UInt8(0xF0 | s >> 18), UInt8(0x80 | s >> 12 & 0x3F), UInt8(0x80 | s >> 6 & 0x3F), UInt8(0x80 | s & 0x3F)]
        }
    }

    /// The first `w:val` (compared without case, as `MarkupAttributes.value`) of the tag just
    /// read: "" when there is none (nil is returned only for a value with blanks, which libxml2
    /// would fold: not modelled).
    private func valueAttribute(_ count: Int) -> String?? {
        for k in 0..<count {
            let name = attributes[k].name
            guard name.count == 5 else { continue }
            let lower = (0..<5).map { p[name.lowerBound + $0] | (MarkupBytes.isLetter(p[name.lowerBound + $0]) ? 0x20 : 0) }
            guard lower == Array("w:val".utf8) else { continue }
            let value = UnsafeBufferPointer(start: p + attributes[k].value.lowerBound, count: attributes[k].value.count)
            if value.contains(where: { table[Int($0)] & ByteClass.blank != 0 }) { return nil }
            return .some(String(decoding: value, as: UTF8.self))
        }
        return .some(nil)
    }

    /// The byte checks this reader shares with the other one-pass reader of document.xml.
    @inline(__always) private var xml: XMLBytes { XMLBytes(p: p, n: n, table: table) }
}
