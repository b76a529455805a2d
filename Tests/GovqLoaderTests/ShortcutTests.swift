/// The table readers' shortcuts against the careful readings they shortcut: the same answer on
/// every input, over tables of hand-picked cases and many generated ones (a seeded generator, so
/// that a failure repeats). A shortcut that cannot answer says so and the careful reading runs.
import Testing
@testable import GovqLoader

/// A deterministic generator (SplitMix64), so that every run tries the same strings.
private struct Seeded {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }

    /// A string of `count` pieces drawn from `alphabet`.
    mutating func string(_ alphabet: [String], count: Int) -> String {
        (0..<count).map { _ in alphabet[next(alphabet.count)] }.joined()
    }
}

/// The words of `text` as the careful `words` reads them, and as the shortcut does (nil when
/// the shortcut declines).
private func bothWords(_ text: String) -> (careful: [String], shortcut: [String]?) {
    withBytes(text) { s in
        var careful: [Bytes] = [], fast: [Bytes] = []
        CellScanner.words(s, into: &careful)
        let took = CellScanner.spaceSeparatedWords(s, into: &fast)
        let show = { (w: [Bytes]) in w.map { String(decoding: $0, as: UTF8.self) } }
        return (show(careful), took ? show(fast) : nil)
    }
}

@Suite struct ShortcutTests {
    /// Lines the shortcut reads, and lines it must leave to `words` (a blank other than a
    /// space, a digit pair a blank may join, a control character).
    @Test(arguments: [
        ("一、本年新收政府信息公开申请数量 155 0 0 1 0 0 156", true),
        ("（三）不予公开  (1)属于国家秘密  无  无  无", true),
        ("3、危及“三安全一稳定” 4 0 0 0 0 0 4", true),
        ("5", true), ("a&b 1", false), ("3 04 1", false), ("3  04 1", true), ("1 0 0", true),
        ("1\u{00A0}2", false), ("1\u{3000}2", false), ("1\u{2009}2", false), ("1\u{FEFF}2", false),
        ("1\u{1B}[0m2", false), ("1\t2", false), ("1 &nbsp; 2", false), ("（二）部分公开 36", true),
    ])
    func readsWhatItCoversAsWordsDoes(text: String, covered: Bool) {
        let (careful, shortcut) = bothWords(text)
        #expect((shortcut != nil) == covered, "\(text)")
        if let shortcut { #expect(shortcut == careful, "\(text)") }
    }

    /// Many generated lines of digits, Han words, punctuation and every kind of blank: wherever
    /// the shortcut answers, it answers as `words` does, and it answers for most plain lines.
    @Test func agreesWithWordsOnGeneratedLines() {
        var g = Seeded(state: 2026)
        let alphabet = ["0", "1", "2", "5", "04", " ", " ", "  ", "公开", "、", "（", "）", "“", "—", "无", "/", "-",
                        "\u{00A0}", "\u{3000}", "\u{2002}", "\u{200B}", "\u{FEFF}", "&nbsp;", "&", "\t", "\u{1B}[5m", "a", "."]
        var answered = 0
        for _ in 0..<20_000 {
            let text = g.string(alphabet, count: 1 + g.next(24))
            let (careful, shortcut) = bothWords(text)
            guard let shortcut else { continue }
            answered += 1
            #expect(shortcut == careful, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(answered > 1_000)
    }

    /// Every byte the mask says starts no blank starts none, whatever follows it.
    @Test func theBlankMaskMissesNoBlank() {
        let tails: [[UInt8]] = [[], [0x80, 0x80], [0xA0], [0x80, 0x8B], [0x81, 0x9F], [0xBB, 0xBF], [0x5B, 0x30, 0x6D],
                                Array("nbsp;".utf8), Array("#160;".utf8), [0x80, 0xAF]]
        for b in 0...255 where !CellScanner.mayStartBlank(UInt8(b)) {
            for tail in tails {
                let bytes = [UInt8(b)] + tail
                let width = bytes.withUnsafeBufferPointer { CellScanner.whitespaceWidth($0[...], 0) }
                #expect(width == 0, "byte \(b) with \(tail)")
            }
        }
        // And the blanks themselves pass it.
        for blank in [" ", "\t", "\u{0C}", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{200B}", "\u{202F}", "\u{205F}", "\u{FEFF}", "&nbsp;", "\u{1B}[0m"] {
            #expect(CellScanner.mayStartBlank(Array(blank.utf8)[0]), "\(blank.unicodeScalars.first!.value)")
        }
    }

    /// Lines of digits and plain ASCII (no slash, no `o`), answered as page markers on the
    /// bytes, as the normalised text answers them.
    @Test func pageMarkersOnBytesAgreeWithTheText() {
        var g = Seeded(state: 7)
        let alphabet = ["0", "1", "2", "7", "9", " ", "  ", "-", "~", "'", "\"", "x", "P", "1/2", "of", "4 of 12"]
        var cases = ["1 2", "12 3", "0 5 5 0 10 4 8 0 0 12 4 8 7 6 25", "7", "07", "1 0 0 0", "12345", "4 / 12", "4 of 12",
                     "1 2 3 4 5", "3 '4'", "2 \"1\""]
        for _ in 0..<5_000 { cases.append(String((0..<(1 + g.next(3))).map { _ in "0123456789".randomElement(using: &g)! }) + g.string(alphabet, count: g.next(8))) }
        var plain = 0
        for text in cases {
            withBytes(text) { line in
                let t = CellScanner.trim(line)
                guard PageFurniture.isPlainASCII(t) else { return }
                plain += 1
                #expect(PageFurniture.plainMarker(t) == PageFurniture.markerByText(t), "\(text)")
            }
        }
        #expect(plain > 1_000)
    }
}

extension Seeded: RandomNumberGenerator {
    mutating func next() -> UInt64 { UInt64(next(Int.max)) }
}
