/// A page made smaller for libxml2: the reader never reads an attribute, so a start tag's
/// attribute list is cut (`<td style='…' width=649>` → `<td>`; 64–74% of a Word-pasted
/// page's bytes), and so is a script's or style sheet's body (libxml2 hands it over as CDATA,
/// which the reader drops). libxml2 still parses what is left, and gives the reader the same
/// elements, text and text offsets (mapped back to the page's own bytes) as from the whole
/// page: the scan below follows libxml2 2.9's HTML tokenizer on the markup it models (start
/// and end tags, comments, `<!DOCTYPE>`, `<?…>`, script and style bodies), and at the first
/// thing it does not model it stops cutting and leaves the rest of the page as it is. A page
/// with control characters is parsed whole. `PageCondenserTests` check every fixture page,
/// and the HTML fuzz target every input, against the whole page's parse.
import GovqXML

enum PageCondenser {
    /// The page with its attribute lists and script bodies cut, or nil to parse it whole
    /// (nothing to cut, or bytes libxml2 treats in ways not modelled here).
    static func condense(_ page: UnsafeRawBufferPointer) -> CondensedMarkup? {
        let p = page.assumingMemoryBound(to: UInt8.self)
        guard p.count > 0, MarkupBytes.hasOnlyPlainCharacters(p) else { return nil }
        var out = CondensedMarkup(p)
        var i = 0
        scan: while let lt = MarkupBytes.find(0x3C, in: p, from: i) {
            guard lt + 1 < p.count else { break }
            let next = p[lt + 1]
            if MarkupBytes.isLetter(next) {
                guard let tag = startTag(p, at: lt) else { break scan }
                if tag.attributes.count > 0, !tag.keepsAttributes { out.cut(tag.attributes) }
                i = tag.end
                if let raw = tag.rawText {
                    // libxml2 reads a script's body up to the first `</` followed by its name
                    // in any case, and gives it as CDATA.
                    // `</scriptx>` ends the body too, but libxml2 drops that end tag and reads
                    // on as script: only the element's own end tag is followed.
                    guard let close = rawTextEnd(p, from: i, name: raw), let end = endTag(p, at: close), name(p, at: close + 2) == close + 2 + raw.count
                    else { break scan }
                    out.cut(i..<close)
                    i = end
                }
            } else if next == 0x2F {
                guard let end = endTag(p, at: lt) else { break scan }
                i = end
            } else if next == 0x21 {
                if lt + 3 < p.count, p[lt + 2] == 0x2D, p[lt + 3] == 0x2D {
                    guard let end = comment(p, at: lt) else { break scan }
                    i = end
                } else if let end = doctype(p, at: lt) {
                    i = end
                } else if isDoctype(p, at: lt) {
                    break scan
                } else {
                    // `<![if !supportLists]>`: libxml2 gives the '<' as text and reads on.
                    i = lt + 1
                }
            } else if next == 0x3F {
                // `<?xml:namespace … />`: libxml2 ends it at the first `>`.
                guard let gt = MarkupBytes.find(0x3E, in: p, from: lt + 2), MarkupBytes.find(0x3C, in: p, from: lt + 1).map({ $0 > gt }) ?? true
                else { break scan }
                i = gt + 1
            } else {
                // `< `, `<1`, `<中`, `<_a`: the '<' is text.
                i = lt + 1
            }
        }
        guard out.isCut else { return nil }
        out.finish()
        return out
    }

    struct StartTag {
        /// The bytes after the name up to the closing `>` or `/>`.
        var attributes: Range<Int>
        /// Just after the tag.
        var end: Int
        /// `script` or `style` (lower case) when its body is raw text.
        var rawText: [UInt8]?
        /// `<html>`, `<head>`, `<body>` and `<meta>`: libxml2 does more with these than open
        /// them (a misplaced one is merged or dropped, a meta can name a charset).
        var keepsAttributes: Bool
    }

    /// `<name (attr (= value)?)* S? (> | />)` as libxml2's `htmlParseStartTag` reads it, or nil
    /// when the tag is one it would read otherwise (a name past its 100-byte buffer, a bogus
    /// attribute, no end).
    static func startTag(_ p: UnsafeBufferPointer<UInt8>, at lt: Int) -> StartTag? {
        var i = lt + 1
        guard let nameEnd = name(p, at: i), nameEnd - i <= 60 else { return nil }
        // A '-' in a tag's name could end it in `-->` once its attributes are cut.
        for k in i..<nameEnd where p[k] == 0x2D { return nil }
        let tagName = i..<nameEnd
        i = nameEnd
        let attributesStart = i
        while true {
            while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
            guard i < p.count else { return nil }
            if p[i] == 0x3E { break }
            if p[i] == 0x2F, i + 1 < p.count, p[i + 1] == 0x3E { break }
            // An attribute: a name, then `= value` or not.
            guard let attributeEnd = name(p, at: i), attributeEnd - i <= 60 else { return nil }
            i = attributeEnd
            while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
            guard i < p.count, p[i] == 0x3D else { continue }
            i += 1
            while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
            guard i < p.count else { return nil }
            let quote = p[i]
            if quote == 0x22 || quote == 0x27 {
                // Up to the same quote (an entity in it never runs past it); libxml2 refuses a
                // value past 10 MB.
                guard let close = MarkupBytes.find(quote, in: p, from: i + 1), close - i < 1 << 20 else { return nil }
                i = close + 1
            } else {
                // Unquoted: up to a blank or `>`, whatever else it holds (a '/' is part of
                // it: `clear=all/>` is no empty-element tag).
                let start = i
                while i < p.count, !MarkupBytes.isBlank(p[i]), p[i] != 0x3E { i += 1 }
                guard i > start else { return nil }
            }
        }
        let selfClosing = p[i] == 0x2F
        let end = i + (selfClosing ? 2 : 1)
        var raw: [UInt8]?
        if !selfClosing { raw = [Self.script, Self.style].first { named(p, tagName, $0) } }
        let keeps = tagName.count == 4 && (named(p, tagName, Self.html) || named(p, tagName, Self.head) || named(p, tagName, Self.body) || named(p, tagName, Self.meta))
        return StartTag(attributes: attributesStart..<i, end: end, rawText: raw, keepsAttributes: keeps)
    }

    static let (script, style) = (Array("script".utf8), Array("style".utf8))
    static let (html, head, body, meta) = (Array("html".utf8), Array("head".utf8), Array("body".utf8), Array("meta".utf8))

    /// Whether the name at `range` is `lower` in any case.
    @inline(__always) static func named(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ lower: [UInt8]) -> Bool {
        guard range.count == lower.count else { return false }
        for k in 0..<lower.count where p[range.lowerBound + k] | 0x20 != lower[k] { return false }
        return true
    }

    /// The end of an HTML name at `i` (libxml2's `htmlParseHTMLName`: a letter, '_', ':' or
    /// '.', then letters, digits, ':', '-', '_', '.'), or nil when none starts there.
    static func name(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < p.count, MarkupBytes.isLetter(p[i]) || p[i] == 0x5F || p[i] == 0x3A || p[i] == 0x2E else { return nil }
        var k = i + 1
        while k < p.count, (p[k] | 0x20) &- 0x61 < 26 || p[k] &- 0x30 < 10 || p[k] == 0x3A || p[k] == 0x2D || p[k] == 0x5F || p[k] == 0x2E { k += 1 }
        return k
    }

    /// `</name S? >`: just after it, or nil.
    static func endTag(_ p: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int? {
        guard var i = name(p, at: lt + 2), i - (lt + 2) <= 60 else { return nil }
        while i < p.count, MarkupBytes.isBlank(p[i]) { i += 1 }
        return i < p.count && p[i] == 0x3E ? i + 1 : nil
    }

    /// Where a script's or style's body ends: its `</name` (any case).
    static func rawTextEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int, name: [UInt8]) -> Int? {
        var i = from
        while let lt = MarkupBytes.find(0x3C, in: p, from: i) {
            guard lt + 1 + name.count < p.count else { return nil }
            if p[lt + 1] == 0x2F, named(p, (lt + 2)..<(lt + 2 + name.count), name) { return lt }
            i = lt + 1
        }
        return nil
    }

    /// `<!-- … -->`: just after it, or nil for one that libxml2 may end elsewhere (`<!-->`,
    /// `<!--->`, `--!>`) or not at all, or one past a megabyte.
    static func comment(_ p: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int? {
        let body = lt + 4
        guard body + 1 < p.count, p[body] != 0x3E, !(p[body] == 0x2D && p[body + 1] == 0x3E) else { return nil }
        var i = body
        while let gt = MarkupBytes.find(0x3E, in: p, from: i) {
            guard gt - body <= 1 << 20 else { return nil }
            if gt >= body + 2, p[gt - 1] == 0x2D, p[gt - 2] == 0x2D { return gt + 1 }
            if gt >= body + 3, p[gt - 1] == 0x21, p[gt - 2] == 0x2D, p[gt - 3] == 0x2D { return nil }
            i = gt + 1
        }
        return nil
    }

    /// Whether `<!DOCTYPE` (any case) starts at `lt`.
    static func isDoctype(_ p: UnsafeBufferPointer<UInt8>, at lt: Int) -> Bool {
        let word = Array("DOCTYPE".utf8)
        return lt + 2 + word.count <= p.count && (0..<word.count).allSatisfy({ p[lt + 2 + $0] & 0xDF == word[$0] })
    }

    /// `<!DOCTYPE …>` with no `<` before its `>`, and no `<` or `>` in a quoted literal: just
    /// after it.
    static func doctype(_ p: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int? {
        guard isDoctype(p, at: lt) else { return nil }
        var i = lt + 9
        while i < p.count {
            switch p[i] {
            case 0x3E: return i + 1
            case 0x3C: return nil
            case 0x22, 0x27:
                guard let close = MarkupBytes.find(p[i], in: p, from: i + 1) else { return nil }
                if p[(i + 1)..<close].contains(0x3C) || p[(i + 1)..<close].contains(0x3E) { return nil }
                i = close + 1
            default: i += 1
            }
        }
        return nil
    }
}
