/// `PageFurniture.RepeatedTexts` groups the lines beside page breaks exactly as the
/// `[String: [Int]]` it replaced: by String equality (canonical equivalence), a line once,
/// whether its texts are keyed by bytes (only scalars NFC leaves alone) or not.
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
        return Set(seen.groups.map(\.lines))
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
