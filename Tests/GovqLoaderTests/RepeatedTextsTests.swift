/// `PageFurniture.RepeatedTexts` groups the lines beside page breaks exactly as the
/// `[String: [Int]]` it replaced: by String equality (canonical equivalence), a line once,
/// whether its texts are keyed by bytes (only scalars NFC leaves alone) or not.
import GovqCorpus
import Testing
@testable import GovqLoader

@Suite struct RepeatedTextsTests {
    /// The old grouping: a String-keyed dictionary, a line added once to its text's group.
    static func byString(_ adds: [(String, Int)]) -> Set<[Int]> {
        var seen: [String: [Int]] = [:]
        for (text, line) in adds where seen[text]?.contains(line) != true { seen[text, default: []].append(line) }
        return Set(seen.values)
    }

    static func byRepeatedTexts(_ adds: [(String, Int)]) -> Set<[Int]> {
        var seen = PageFurniture.RepeatedTexts()
        for (text, line) in adds { seen.add(text, line: line) }
        return Set(seen.groups(seenAtLeast: 1).map(\.lines))
    }

    @Test(arguments: [
        // Bytes only: Han, ASCII, CJK punctuation, full-width forms; a line seen twice.
        [("某某区人民政府2023年政府信息公开工作年度报告", 3), ("某某区人民政府2023年政府信息公开工作年度报告", 40),
         ("某某区人民政府2023年政府信息公开工作年度报告", 40), ("— ２ —", 41), ("— ２ —", 90), ("「附件」", 12)],
        // A compatibility ideograph (U+F900) equals its unified one (U+8C48) as a String:
        // the first text outside the byte set moves the groups to Strings, and they still meet.
        [("\u{8C48}城区政府信息公开", 5), ("\u{F900}城区政府信息公开", 50), ("\u{8C48}城区政府信息公开", 95)],
        [("\u{F900}城区政府信息公开", 5), ("\u{8C48}城区政府信息公开", 50)],
        // Precomposed and decomposed accents (U+0301: outside the byte set); a middle dot.
        [("Café 年度报告", 1), ("Cafe\u{301} 年度报告", 2), ("济南·历城", 3), ("济南·历城", 30), ("济南历城", 31)],
        // A combining CJK mark (U+302A) after an ideograph, and the ideograph alone.
        [("区\u{302A}报告", 7), ("区报告", 8), ("区\u{302A}报告", 70)],
        // Distinct texts that differ only past a long common start.
        [(String(repeating: "政府", count: 60) + "甲", 1), (String(repeating: "政府", count: 60) + "乙", 2),
         (String(repeating: "政府", count: 60) + "甲", 3)],
    ] as [[(String, Int)]])
    func groupsAsTheStringDictionary(_ adds: [(String, Int)]) {
        #expect(Self.byRepeatedTexts(adds) == Self.byString(adds))
    }

    /// Raw lines, normalised on their bytes (valid UTF-8) or through their repaired String
    /// (not), group as their normalised Strings do; and only groups seen often enough are given.
    @Test func rawLinesGroupAsTheirNormalisedStrings() {
        var rng = CorpusRandom(seed: 91)
        let pieces = ["某某区", "人民政府", "年度报告", "— 2 —", " ", "\u{3000}", "\u{A0}", "“", "”", "２０２３", "·", "Page", "\u{F900}",
                      "e\u{301}", "é", "区\u{302A}", "\t"]
        for _ in 0..<2_000 {
            var adds: [([UInt8], Int)] = []
            var line = 0
            for _ in 0..<rng.int(in: 1...24) {
                var b = rng.chance(0.4) && !adds.isEmpty ? rng.pick(adds).0
                    : Array((0..<rng.int(in: 1...4)).map { _ in rng.pick(pieces) }.joined().utf8)
                if rng.chance(0.03), !b.isEmpty { b[rng.int(b.count)] = rng.pick([0x80, 0xE4, 0xFF]) }
                if rng.chance(0.7) { line += rng.int(in: 1...30) }
                adds.append((b, line))
            }
            var seen = PageFurniture.RepeatedTexts()
            for (bytes, line) in adds {
                let lines = TextLines(bytes)
                withExtendedLifetime(lines) { seen.add(lines.bytes[...], line: line) }
            }
            let strings = adds.map { (RowLabels.normalize(String(decoding: $0.0, as: UTF8.self)), $0.1) }
            #expect(Set(seen.groups(seenAtLeast: 1).map(\.lines)) == Self.byString(strings), "\(adds)")
            let twice = Set(seen.groups(seenAtLeast: 2).map(\.lines))
            #expect(twice == Self.byString(strings).filter { $0.count >= 2 })
            #expect(Set(seen.groups(seenAtLeast: 2).map(\.text)).isSubset(of: Set(strings.map(\.0))))
        }
    }

    /// Thousands of breaks with the same header: each line once, in bounded time.
    @Test func manyRepeatsOfOneText() {
        var seen = PageFurniture.RepeatedTexts()
        let bytes = Array("某某区人民政府".utf8)
        let lines = TextLines(bytes)
        withExtendedLifetime(lines) {
            for i in 0..<20_000 { seen.add(lines.bytes[...], line: i / 2 * 3) }
        }
        let groups = seen.groups(seenAtLeast: 2)
        #expect(groups.count == 1 && groups[0].text == "某某区人民政府" && groups[0].lines == (0..<10_000).map { $0 * 3 })
    }

    @Test(arguments: [
        ("某某区２０２３年度报告 — 1 —", true),
        ("Page 3 of 12", true),
        ("「」、。〇", true),
        ("济南·历城 — 2 —", true),      // U+00B7 and U+2014
        ("Cafe\u{301}", false),         // a combining accent
        ("\u{0100}", false),            // two bytes past Latin-1
        ("\u{F900}", false),           // a compatibility ideograph NFC changes
        ("区\u{302A}", false),          // a combining mark
        ("\u{2000}", false),           // canonically U+2002
        ("😀", false),                 // four bytes
    ])
    func stableBytesOnlyForScalarsNFCLeavesAlone(_ text: String, stable: Bool) {
        #expect((PageFurniture.RepeatedTexts.stableBytes(text) != nil) == stable)
    }
}
