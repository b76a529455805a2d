/// The eighth round's shortcuts around the tables, each against the careful reading it stands
/// in for: the headings' words read on bytes (a String only when the bytes are not valid UTF-8
/// or Characters decide), the page marker test that refuses a line holding Han other than
/// 第 共 页, and the clause start found by one test a byte. Hand-picked cases and seeded
/// mutations of them, so that a failure repeats.
import GovqCorpus
import Testing
@testable import GovqLoader

@Suite struct OutsideTablesShortcutTests {
    /// The headings as `Headings` found them before: every line's words decoded to a String.
    private static func carefulHeadings(_ lines: TextLines) -> (applications: [Int], reviews: [Int], closing: [Int]) {
        var a: [Int] = [], r: [Int] = [], c: [Int] = []
        let numerals: [UInt32] = "三四五六".unicodeScalars.map { u in Array(String(u).utf8).reduce(0) { $0 << 8 | UInt32($1) } }
        for i in 0..<lines.count {
            let line = lines[i]
            var at = line.startIndex
            while at < line.endIndex, line[at] == 0x20 || line[at] == 0x09 { at += 1 }
            if at + 2 < line.endIndex, line[at] == 0xE3, line[at + 1] == 0x80, line[at + 2] == 0x80 { at += 3 }
            guard line.endIndex - at >= 6, line[at] == 0xE4 || line[at] == 0xE5 else { continue }
            let numeral = UInt32(line[at]) << 16 | UInt32(line[at + 1]) << 8 | UInt32(line[at + 2])
            guard let which = numerals.firstIndex(of: numeral) else { continue }
            var after = line[(at + 3)...]
            while after.first == 0x20 { after = after.dropFirst() }
            guard after.count >= 3 else { continue }
            let b0 = after[after.startIndex]
            let sep = UInt32(b0) << 16 | UInt32(after[after.startIndex + 1]) << 8 | UInt32(after[after.startIndex + 2])
            guard sep == 0xE38081 || sep == 0xEFBC8E || sep == 0xEFBC8C || b0 == 0x2E || b0 == 0x2C else { continue }
            let rest = RowLabels.normalize(String(decoding: after.prefix(180), as: UTF8.self))
            switch which {
            case 0 where rest.includes("申请") && rest.count <= 40: a.append(i)
            case 1 where rest.includes("复议") || rest.includes("诉讼"): r.append(i)
            case 2, 3: c.append(i)
            default: break
            }
        }
        return (a, r, c)
    }

    static let headingLines = [
        "三、收到和处理政府信息公开申请情况", "  三、收到和处理政府信息公开申请情况", "\u{3000}三、收到和处理政府信息公开申请情况",
        "三 、收到和处理政府信息公开申请情况", "三．收到和处理政府信息公开申请情况", "三，收到和处理政府信息公开申请情况", "三.收到 申 请",
        "三、本年度办理结果 （一）予以公开 11 0 0 1 0 0 12", "三、收到和处理政府信息公开“申请”情况",
        "三、收到和处理政府信息公开申请情况" + String(repeating: "很", count: 30),
        "三、申请" + String(repeating: "e\u{301}", count: 30), "三、申请" + String(repeating: "a", count: 45),
        "三、" + String(repeating: "文", count: 58) + "申请", "三、" + String(repeating: "文", count: 59) + "申请",
        "三、" + String(repeating: "a", count: 178) + "申请", "三、a" + String(repeating: "文", count: 59) + "申请",
        "三、申请" + String(repeating: "a", count: 38), "三、申请" + String(repeating: "a", count: 39), "三、ＡＢ申请",
        "四、政府信息公开行政复议、行政诉讼情况", "四、结转下年度继续办理 8 0 0 0 0 0 8", "四、行政 复 议", "四，诉讼",
        "四、" + String(repeating: "文", count: 59) + "复议", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "三是加强申请办理",
    ]

    /// Every heading line, alone, in a text, and mutated: cut short, a byte dropped or
    /// replaced (invalid UTF-8 the careful reading repairs), spaces typed in.
    @Test func headingsOnBytesAreTheDecodedOnes() {
        var rng = CorpusRandom(seed: 81)
        var texts = Self.headingLines.map { Array($0.utf8) }
        texts.append(Array(Self.headingLines.joined(separator: "\n").utf8))
        for _ in 0..<3000 {
            var b = Array(rng.pick(Self.headingLines).utf8)
            switch rng.int(4) {
            case 0: b.removeLast(rng.int(in: 0...min(8, b.count)))
            case 1: b.remove(at: rng.int(in: 3...(b.count - 1)))
            case 2: b[rng.int(in: 3...(b.count - 1))] = rng.pick([0x80, 0xBF, 0xE4, 0xFF, 0x20, 0x0A])
            default: b.insert(0x20, at: rng.int(in: 3...b.count))
            }
            texts.append(b)
        }
        var found = 0
        for bytes in texts {
            let lines = TextLines(bytes)
            withExtendedLifetime(lines) {
                let fast = Headings(lines), careful = Self.carefulHeadings(lines)
                found += fast.applications.count + fast.reviews.count
                #expect(fast.applications == careful.applications && fast.reviews == careful.reviews && fast.closing == careful.closing,
                        "\(bytes)")
            }
        }
        #expect(found > 500, "only \(found) headings")
    }

    /// A line the Han test refuses is no marker by its text either; the markers are kept.
    @Test(arguments: [
        ("1 法律、行政法规", true), ("2 其他", true), ("第4页", false), ("第 4 页", false), ("第4页 共12页", false), ("共12页 第4页", false),
        ("第4页，共12页", false), ("- 7 -", false), ("4/12", false), ("Page 4 of 12", false), ("7", false), ("第二十条第（一）项 3", true),
        ("1 页", false), ("1 第", false), ("3 的", true),
    ])
    func pageMarkersWithOtherHanAreNone(_ text: String, _ refused: Bool) {
        withBytes(text) { line in
            let t = CellScanner.trim(line)
            #expect(PageFurniture.holdsHanBesidesPageWords(t) == refused)
            if refused { #expect(PageFurniture.markerByText(t) == nil) }
        }
    }

    @Test func pageMarkerTestAgreesWithTheTextOnGeneratedLines() {
        var rng = CorpusRandom(seed: 82)
        let pieces = ["第", "共", "页", "文", "的", "1", "12", "4", " ", "/", "／", "-", "—", "~", "·", "of", "Page", "，", "、", "(", "１",
                      "\u{3000}", "\u{301}", "\u{F9}"]
        var refused = 0, markers = 0
        for _ in 0..<20_000 {
            var b = Array((0..<rng.int(in: 1...8)).map { _ in rng.pick(pieces) }.joined().utf8)
            if rng.chance(0.1), !b.isEmpty { b[rng.int(b.count)] = rng.pick([0x80, 0xE4, 0xE9, 0xFF]) }
            let lines = TextLines(b)
            withExtendedLifetime(lines) {
                let t = CellScanner.trim(lines.bytes[...])
                guard !t.isEmpty else { return }
                let careful = PageFurniture.markerByText(t)
                if careful != nil { markers += 1 }
                if PageFurniture.holdsHanBesidesPageWords(t) {
                    refused += 1
                    #expect(careful == nil, "\(b)")
                }
            }
        }
        #expect(refused > 5000 && markers > 100, "\(refused) refused, \(markers) markers")
    }

    /// ASCII lines read on bytes as their normalised text reads: rows of counts and dashes,
    /// every page form, and pieces of them at random.
    @Test(arguments: ["- 7 -", "-7-", "~7~", "- - 6 4 10 -", "-\t-\t6\t4\t10\t-", "4/12", "4 / 12", "12/4", "0/3", "Page 4", "page 4 of 12",
                      "PAGE 4 OF 12", "4 of 12", "4of12", "of", "ofof", "oof", "page", "7", "07", "12345", "1 2", "- 1 2 -", "'7'", "\"-7-\"",
                      "-- 12 --", "-12", "12-", "page-4", "4 of 12 of 13", "-7/8-", "P 4", "１２", "\u{3000}１２", "１２\u{A0}", "－７－", "４／１２",
                      "Ｐａｇｅ ４", "４ ｏｆ １２", "\u{A0}7", "“7”",
                      "— 7 —", "—7—", "– 7 –", "― 7 ―", "· 7 ·", "• 7 •", "─ 7 ─", "‒ 7 ‒", "− 7 −", "——7——", "— 7 -", "第 4 页",
                      "第4页", "第4页 共12页", "第4页/共12页", "第 4 页，共 12 页", "共12页 第4页", "第4页、共12页", "共12页", "第12345页",
                      "第页", "第4", "第4页 第5页", "第4页共12页", "第４页", "4页", "第4页 of", "— 第4页 —", "第 4 / 12 页"])
    func asciiMarkersAreTheTextOnes(_ text: String) {
        withBytes(text) { line in
            let t = CellScanner.trim(line)
            guard !t.isEmpty else { return }
            let onBytes = PageFurniture.scalarMarker(t)
            #expect(onBytes.decided && onBytes.marker == PageFurniture.markerByText(t), "\(text)")
        }
    }

    /// Pieces of ASCII forms, and pieces of the 第…页 and dashed forms among scalars the bytes
    /// path leaves to the String (combining marks, a joiner, case mappings past ASCII).
    @Test(arguments: [
        (["-", "~", "/", "of", "OF", "Of", "page", "Page", "p", "o", "f", "0", "1", "4", "12", "123", "9999", " ", "\t", "'", "\"", "x", ".",
          "１", "２０", "／", "－", "ｏｆ", "\u{A0}", "\u{3000}", "“", "—", "第", "页", "é"], 1_000, 10_000),
        (["第", "共", "页", "第4页", "共12页", "—", "–", "―", "─", "−", "·", "•", "‒", "-", "4", "12", "0", "12345", " ", "，", "、", ",", "/", "／",
          "\u{3000}", "\u{301}", "\u{302A}", "\u{200D}", "ﾟ", "Ⅳ", "İ", "\u{212A}", "of", "Page", "x"], 250, 7_000),
    ] as [([String], Int, Int)])
    func asciiMarkersAgreeWithTheTextOnGeneratedLines(_ pieces: [String], _ leastMarkers: Int, _ leastDecided: Int) {
        var rng = CorpusRandom(seed: 84)
        var markers = 0, decided = 0
        for _ in 0..<20_000 {
            var bytes = Array((0..<rng.int(in: 1...7)).map { _ in rng.pick(pieces) }.joined().utf8)
            if rng.chance(0.05) { bytes[rng.int(bytes.count)] = rng.pick([0x80, 0xBC, 0xEF, 0xFF]) }
            let lines = TextLines(bytes)
            withExtendedLifetime(lines) {
                let t = CellScanner.trim(lines.bytes[...])
                guard !t.isEmpty else { return }
                let careful = PageFurniture.markerByText(t)
                if careful != nil { markers += 1 }
                let onBytes = PageFurniture.scalarMarker(t)
                if t.allSatisfy({ $0 < 0x80 }) { #expect(onBytes.decided) }
                guard onBytes.decided else { return }
                decided += 1
                #expect(onBytes.marker == careful, "\(bytes)")
            }
        }
        #expect(markers > leastMarkers && decided > leastDecided, "only \(markers) markers, \(decided) decided")
    }

    /// A line normalised from its bytes is the normalised text of its String: valid lines, and
    /// lines made invalid (which the String repairs, and the bytes path leaves to it).
    @Test func normalisedLinesAreTheTextOnes() {
        var rng = CorpusRandom(seed: 85)
        let pieces = ["临淄区", "人民政府", " ", "\t", "“", "”", "\u{3000}", "\u{A0}", "２０２１", "ＡＢ", "《", "》", "2021年", "e\u{301}", "\"", "'", "报告", ""]
        for _ in 0..<5000 {
            var lines: [[UInt8]] = []
            for _ in 0..<rng.int(in: 1...4) {
                var b = Array((0..<rng.int(in: 0...8)).map { _ in rng.pick(pieces) }.joined().utf8)
                if rng.chance(0.2), !b.isEmpty { b[rng.int(b.count)] = rng.pick([0x80, 0xBF, 0xE4, 0xFF]) }
                if rng.chance(0.1), !b.isEmpty { b.removeLast() }
                lines.append(b)
            }
            let text = TextLines(Array(lines.joined(separator: [0x0A])))
            withExtendedLifetime(text) {
                for i in 0..<text.count {
                    #expect(Metadata.normalizedText(text, i) == RowLabels.normalize(text.text(i)), "\(Array(text[i]))")
                    #expect(Array(Metadata.normalizedText(text, i).utf8) == Array(RowLabels.normalize(text.text(i)).utf8))
                }
            }
        }
    }

    /// The clause start as it was found before: every byte tested against the five separators.
    private static func carefulClauseStart(_ b: UnsafeBufferPointer<UInt8>, before at: Int, lineStart: Int) -> Int {
        var k = at
        while k > lineStart {
            let c = b[k - 1]
            if c == 0x2C || c == 0x3B { return k }
            if k - 3 >= lineStart,
               (b[k - 3] == 0xEF && b[k - 2] == 0xBC && (c == 0x8C || c == 0x9B)) || (b[k - 3] == 0xE3 && b[k - 2] == 0x80 && c == 0x82) {
                return k
            }
            k -= 1
        }
        return lineStart
    }

    @Test func clauseStartsAreTheCarefulOnes() {
        var rng = CorpusRandom(seed: 83)
        // Separators, bytes that share their low six bits (C2, 42, 6C, 7B, AC, DB, 02), and text.
        let pieces: [[UInt8]] = ["，", "。", "；", ",", ";", "受理", "申请", "件", "12", "a", "、", "：", "¬", "B", "l", "{", "Ｌ"].map { Array($0.utf8) }
            + [[0xC2], [0x42], [0x6C], [0x7B], [0xAC], [0xDB], [0x02], [0xBC, 0x8C], [0x80, 0x82], [0xEF], [0xE3]]
        for _ in 0..<5000 {
            let bytes = (0..<rng.int(in: 0...30)).flatMap { _ in rng.pick(pieces) }
            bytes.withUnsafeBufferPointer { b in
                guard !b.isEmpty else { return }
                let lineStart = rng.int(in: 0...(b.count - 1)), at = rng.int(in: lineStart...(b.count - 1))
                #expect(ProseCheck.clauseStart(b, before: at, lineStart: lineStart) == Self.carefulClauseStart(b, before: at, lineStart: lineStart),
                        "\(bytes) \(lineStart) \(at)")
            }
        }
    }
}
