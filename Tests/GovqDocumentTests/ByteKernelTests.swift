/// The documents' word-at-a-time byte loops against their rules byte by byte, wherever the
/// bytes stand against the blocks and the end: the whole-buffer check before a one-pass read
/// (`MarkupBytes.hasOnlyPlainCharacters`, SSE2: no control but tab, line feed and carriage
/// return, no U+FFFE or U+FFFF) and a rendered cell's copy (`RenderedDocument.append`: its
/// length in scalars, its tabs and breaks made spaces).
import Testing
import GovqCorpus
@testable import GovqDocument
@testable import GovqXML

@Suite struct PlainCharactersTests {
    static func reference(_ b: [UInt8]) -> Bool {
        for (k, c) in b.enumerated() {
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { return false }
            if c == 0xEF, k + 2 < b.count, b[k + 1] == 0xBF, b[k + 2] == 0xBE || b[k + 2] == 0xBF { return false }
        }
        return true
    }

    /// Each troublesome piece (and its harmless neighbours) at every position of buffers of
    /// 1 to 140 bytes of Chinese text, ASCII and blanks (both the AVX2 and the SSE2 path).
    @Test func agreesWithTheRuleByteByByte() {
        let pieces: [[UInt8]] = [[0x00], [0x1F], [0x08], [0x0B], [0x09], [0x0A], [0x0D], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF],
                                 [0xEF, 0xBF, 0xBD], [0xEF, 0xBC, 0x8C], [0xEF, 0xBF], [0xEF], [0x7F], [0xBF, 0xBF]]
        let filler: [UInt8] = Array("中文，a b\t\n".utf8)
        var checked = 0
        for count in 1...140 {
            let base = (0..<count).map { filler[$0 % filler.count] }
            for piece in pieces {
                for at in 0..<count {
                    var b = base
                    b.replaceSubrange(at..<min(count, at + piece.count), with: piece.prefix(count - at))
                    let fast = b.withUnsafeBufferPointer { MarkupBytes.hasOnlyPlainCharacters($0) }
                    let sse2 = b.withUnsafeBufferPointer { MarkupBytes.hasOnlyPlainCharactersSSE2($0) }
                    #expect(fast == Self.reference(b) && sse2 == fast, "\(b)")
                    checked += 1
                }
            }
        }
        // Random bytes from the troublesome set too.
        var rng = SplitMix(state: 5)
        let bytes: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x41, 0xBE, 0xBF, 0xEF, 0xE4, 0xB8]
        for _ in 0..<5000 {
            // Mostly plain bytes, so that the wide steps pass some before a troublesome one.
            let b = (0..<(rng.below(200) + 1)).map { _ in rng.below(8) == 0 ? bytes[rng.below(bytes.count)] : filler[rng.below(filler.count)] }
            let sse2 = b.withUnsafeBufferPointer { MarkupBytes.hasOnlyPlainCharactersSSE2($0) }
            #expect(b.withUnsafeBufferPointer { MarkupBytes.hasOnlyPlainCharacters($0) } == Self.reference(b) && sse2 == Self.reference(b), "\(b)")
        }
        #expect(checked > 100_000)
    }
}

@Suite struct RenderedCellTests {
    @Test func copiesAndCountsAsByteByByte() {
        var rng = SplitMix(state: 9)
        let pieces: [[UInt8]] = [Array("中".utf8), Array("a".utf8), [0x09], [0x0A], [0x0D], [0x0B], [0x0E], [0x0C], Array("\u{1F600}".utf8), Array("é".utf8), [0x20]]
        for _ in 0..<3000 {
            let cell = (0..<rng.below(12)).flatMap { _ in pieces[rng.below(pieces.count)] }
            var out: [UInt8] = [0x41]
            let length = cell.withUnsafeBufferPointer { RenderedDocument.append($0, to: &out) }
            #expect(length == String(decoding: cell, as: UTF8.self).unicodeScalars.count, "\(cell)")
            #expect(out == [0x41] + cell.map { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, "\(cell)")
        }
    }
}

/// The direct Word reader's and the collapse's step over a CJK ideograph at once, on bytes
/// around it that are not one: cut short before a tag or the end, a byte that is no
/// continuation, the lead bytes beside E4–E9, in read text and beside spaces: read as libxml2
/// reads the whole document (the same cells, or the same error).
@Suite struct IdeographStepTests {
    static let around: [[UInt8]] = [
        [0xE4, 0xB8, 0xAD], [0xE9, 0xBF, 0xBF], [0xE4, 0xB8], [0xE4], [0xE4, 0x41, 0x42], [0xE5, 0xB8, 0x20], [0xE3, 0x80, 0x80],
        [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xEA, 0xB0, 0x80], [0xE4, 0xB8, 0xAD, 0xE3, 0x80, 0x80, 0xE4, 0xB8, 0xAD],
        [0x61, 0x20, 0xE4, 0xB8, 0xAD, 0x20, 0x62], [0xE4, 0xB8, 0xAD, 0xC2, 0xA0, 0xE5, 0x9B, 0xBD], [0xE4, 0xB8, 0xAD, 0xBF],
    ]

    @Test func readsAsTheWholeDocument() {
        let head = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>".utf8)
        let tail = Array("</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>".utf8)
        for bytes in Self.around {
            CondensedReadTests.expectSameXML(head + bytes + tail, "\(bytes)")
            CondensedReadTests.expectSameXML(head + bytes + Array("x".utf8) + bytes + tail, "\(bytes) twice")
            CondensedReadTests.expectSameXML(head + bytes, "\(bytes) at the end")
        }
    }
}
