/// The pieces under the table readers: cell classification, label matching, titles, places.
import GovqCorpus
import Testing
@testable import GovqCube
@testable import GovqLoader

/// `body` over the bytes of `text`, as the scanner sees a line.
func withBytes<T>(_ text: String, _ body: (Bytes) -> T) -> T {
    let lines = TextLines(Array(text.utf8))
    return withExtendedLifetime(lines) { body(lines.bytes[...]) }
}

/// What `CellScanner.classify` makes of a word, as text.
func classified(_ text: String) -> Cell.Value {
    let lines = TextLines(Array(text.utf8))
    return withExtendedLifetime(lines) {
        lines.value(of: Cell(kind: CellScanner.classify(lines.bytes[...]), line: 0, start: 0, end: lines.bytes.count))
    }
}

@Suite struct ScannerTests {
    @Test(arguments: [
        ("12", Cell.Value.number(12, note: nil)),
        ("１２", .number(12, note: nil)),
        ("12（属公安机关刑事司法信息）", .number(12, note: "属公安机关刑事司法信息")),
        ("3件", .number(3, note: nil)),
        ("1,234", .number(1234, note: nil)),
        ("—", .blank), ("-", .blank), ("/", .blank), ("无", .blank), ("－", .blank),
        ("1.属于国家秘密", .text("1.属于国家秘密")),
    ])
    func classifiesCells(text: String, kind: Cell.Value) {
        #expect(classified(text) == kind)
    }

    @Test func splitsTabsSpacesAndKeepsBlankCells() {
        let lines = TextLines(Array("\t　\n\t\n\n一、本年新收 1  2\t3\n\t 4 \n".utf8))
        let kinds = CellScanner.cells(lines, 0..<lines.count).map(lines.value)
        #expect(kinds == [.blank, .blank, .text("一、本年新收"), .number(1, note: nil), .number(2, note: nil),
                          .number(3, note: nil), .number(4, note: nil)])
    }

    @Test func joinsLinesThatContinueATabIndentedCell() {
        let lines = TextLines(Array("\t商\n业\n企\n业\n\t科研机构\n\t1\n".utf8))
        #expect(CellScanner.cells(lines, 0..<lines.count).map(lines.value) == [.text("商业企业"), .text("科研机构"), .number(1, note: nil)])
    }

    /// A continued label is its first piece as written, then each later line: a page marker
    /// between is no part of it, nor is the pipe that closes the first piece's row.
    @Test func joinsAcrossPageMarkersAndAfterPipes() {
        let marker = TextLines(Array("\t三、本年\n第 2 页\n度办理结果\n\t1\n".utf8))
        #expect(CellScanner.cells(marker, 0..<marker.count).map(marker.value) == [.text("三、本年度办理结果"), .number(1, note: nil)])
        let pipe = TextLines(Array("\t| 总计 |\n续\n".utf8))
        #expect(CellScanner.cells(pipe, 0..<pipe.count).map(pipe.value) == [.text("总计续")])
    }

    @Test(arguments: [
        ("1.属于国家秘密", nil, Outcome.deniedStateSecret),
        ("(2)其他法律、行政法规禁止公开", nil, .deniedProhibited),
        ("3.危及三安全一稳定", nil, .deniedSecurity),
        ("（四）无法提供1.本机关不掌握相关政府信息", nil, .unavailableNotHeld),
        ("2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", .other, .otherNoFee),
        ("3.其他", .other, .otherMisc),
        ("(七)总计", nil, .handled),
        ("四、结转下年度继续办理", nil, .carriedForward),
    ] as [(String, RowGroup?, Outcome)])
    func matchesLabelsByKeyword(label: String, group: RowGroup?, outcome: Outcome) {
        #expect(RowLabels.leaf(in: Array(RowLabels.normalize(label).utf8), rowsBegun: true, group: group) == outcome)
    }

    @Test func headerWordsAreNotRows() {
        #expect(RowLabels.leaf(in: Array("总计".utf8), rowsBegun: false, group: nil) == nil)
        #expect(RowLabels.leaf(in: Array("其他".utf8), rowsBegun: true, group: nil) == nil)
        // a header repeated after a page break, inside （三）不予公开
        #expect(RowLabels.leaf(in: Array("总计".utf8), rowsBegun: true, group: .denied) == nil)
    }

    @Test(arguments: [
        ("临淄区人民政府办公室2019年政府信息公开工作年度报告", "临淄区人民政府办公室", 2019),
        ("2019年下城区政府信息公开年度工作报告", "下城区", 2019),
        ("青岛市城阳区人民政府2019年政府信息公开工作报告", "青岛市城阳区人民政府", 2019),
        ("某某市人民政府信息公开工作2020年度报告", "某某市人民政府", 2020),
    ])
    func readsTitles(title: String, unit: String, year: Int) {
        let got = Metadata.parseTitle(title)
        #expect(got?.0 == unit && got?.1 == year)
    }

    @Test(arguments: [
        ("临淄区人民政府办公室", "临淄区"), ("青岛市城阳区人民政府", "青岛市城阳区"), ("济宁经济技术开发区", "济宁经济技术开发区"),
        ("某某新区管委会", "某某新区"), ("某某区市场监督管理局", "某某区"), ("济南市历城区", "济南市历城区"),
    ])
    func derivesDistricts(unit: String, district: String) {
        #expect(Metadata.district(of: unit) == district)
    }
}

@Suite struct DecodingTests {
    @Test func gb18030IsDetectedAndDecoded() throws {
        // 临淄区 in GB18030
        let (bytes, encoding) = try #require(TextDecoding.decode([0xC1, 0xD9, 0xD7, 0xCD, 0xC7, 0xF8]))
        #expect(encoding == .gb18030)
        #expect(String(decoding: bytes, as: UTF8.self) == "临淄区")
    }

    @Test func utf8WithOneBrokenCharacterStaysUTF8() throws {
        // a report cut in the middle of its last character: 临淄区 + the first byte of 报
        let text = Array(String(repeating: "临淄区人民政府办公室2019年政府信息公开工作年度报告\n", count: 40).utf8) + [0xE6]
        let (bytes, encoding) = try #require(TextDecoding.decode(text))
        #expect(encoding == .utf8)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("临淄区人民政府办公室"))
    }

    @Test func binaryIsRefused() {
        #expect(TextDecoding.decode([0x41, 0x00, 0x42]) == nil)
    }
}

@Suite struct PageMarkerTests {
    @Test(arguments: [("第 2 页", true), ("第2页 共5页", true), ("- 3 -", true), ("2", false), ("第三方", false), ("-", false),
                      ("Page 2 of 5", true), ("page 3", true), ("Page", false), ("PDF", false),
                      ("第２页", true), ("- - -", false), ("第三方", false),
                      // indented far (pdftotext -layout centres the footer), dashes of every kind
                      (String(repeating: " ", count: 44) + "- 7 -", true), ("— 7 —", true), ("-4-", true), ("－ 7 －", true),
                      ("\u{3000}\u{3000}- 12 -", true), ("\t— 3 —", true), ("4/12", true), ("4 / 12", true), ("12/4", false),
                      ("第 4 页，共 12 页", true), ("第4页/共12页", true), ("共12页 第4页", true), ("第四页", false),
                      ("7", false), ("1/2属于", false), ("-5", false), ("—", false), ("- 7", false), ("4 of 12", true),
                      // section 四's data row, cells by tabs or spaces, its first and last an NA dash
                      // (维持 -, 纠正 -, 其他 6, 未审结 4, 总计 10, …): no page 6410
                      ("-\t-\t6\t4\t10\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-", false), ("-  -  6  4  10  -  -  -", false), ("— 1 2 —", false),
                      // forty digits: no page, and no overflow reading them (a fuzz input)
                      (String(repeating: "9", count: 40), false), (String(repeating: "9", count: 40) + "/1", false)])
    func recognisesPageHeadersAndFooters(line: String, isMarker: Bool) {
        #expect(withBytes(line, CellScanner.isPageMarker) == isMarker)
    }
}

/// The hand-written UTF-8 validator must agree with the standard library's, byte for byte.
@Suite struct UTF8ValidationTests {
    @Test(arguments: [
        ([0x41], true), ([0xE4, 0xB8, 0x80], true), ([0xF0, 0x9F, 0x98, 0x80], true), ([0xC2, 0xA0], true),
        ([0xC0, 0x80], false), ([0xE0, 0x80, 0x80], false), ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false),
        ([0xF5, 0x80, 0x80, 0x80], false), ([0xE4, 0xB8], false), ([0xE4, 0x41, 0x80], false), ([0x80], false),
        ([0xEF, 0xBF, 0xBF], true), ([0xED, 0x9F, 0xBF], true), ([0xE0, 0xA0, 0x80], true),
    ] as [([UInt8], Bool)])
    func judgesSequences(bytes: [UInt8], valid: Bool) {
        #expect(TextDecoding.isValidUTF8(bytes) == valid)
        #expect((String(validating: bytes, as: UTF8.self) != nil) == valid)
    }

    /// A surrogate (ED A0 80) or an overlong (E0 80 80) among runs of Chinese characters, at
    /// every offset: the validator reads such runs four characters at a time.
    @Test func findsBadLeadsInsideRunsOfChineseText() {
        let run = Array("本机关不掌握相关政府信息".utf8)
        for bad in [[0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xE4, 0x80, 0x41]] as [[UInt8]] {
            for at in stride(from: 0, through: run.count, by: 3) {
                let bytes = Array(run[..<at]) + bad + run[at...] + run
                #expect(!TextDecoding.isValidUTF8(bytes), "\(bad) at \(at)")
            }
        }
        #expect(TextDecoding.isValidUTF8(run + run + [0xED, 0x9F, 0xBF] + run + [0xE0, 0xA0, 0x80] + run))
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        // Mostly valid Chinese text with one byte changed: the cases a validator gets wrong.
        var rng = SplitMix(state: 7)
        let text = Array("本机关不掌握相关政府信息 304 件，abc（一）".utf8)
        for _ in 0..<20_000 {
            var bytes = text
            bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            if rng.next() % 4 == 0 { bytes.removeLast(Int(rng.next() % 3)) }
            #expect(TextDecoding.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}

/// The vector validator (32 bytes a step, AVX2 where the CPU has it) against the plain one and
/// the standard library's, on texts long enough to cross many steps: a broken sequence at every
/// offset around a step's edge, every cut, and random mixes of the sequences validators get wrong.
@Suite struct UTF8VectorValidationTests {
    func agree(_ bytes: [UInt8], _ note: @autoclosure () -> String) {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        #expect(TextDecoding.isValidUTF8(bytes) == expected, "vector: \(note())")
        #expect(TextDecoding.isValidUTF8Plain(bytes) == expected, "plain: \(note())")
    }

    @Test func findsABrokenSequenceAtEveryOffset() {
        let text = Array(("本机关不掌握相关政府信息 304 件，abc（一）😀é" + String(repeating: "政府信息公开", count: 12)).utf8)
        #expect(TextDecoding.isValidUTF8(text) && text.count > 200)
        for bad in [[0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xE4, 0x80, 0x41], [0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
                    [0xF0, 0x8F, 0xBF, 0xBF], [0xF5], [0xE4, 0xB8], [0xF0, 0x9F, 0x98]] as [[UInt8]] {
            for at in 0...text.count { agree(Array(text[..<at]) + bad + text[at...], "\(bad) at \(at)") }
        }
        // Every cut, mid-character ones included, and every valid prefix shifted by ASCII.
        for end in 0...text.count { agree(Array(text[..<end]), "cut at \(end)") }
        for pad in 0..<40 { agree(Array(repeating: 0x41, count: pad) + text, "after \(pad) ASCII bytes") }
    }

    @Test func agreesOnRandomMixesOfSequences() {
        var rng = SplitMix(state: 11)
        let pieces: [[UInt8]] = [[0x41], [0x0A], [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE4, 0xB8, 0x80], [0xE0, 0xA0, 0x80],
                                 [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
                                 [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0x80, 0x80],
                                 [0xC1, 0xBF], [0x80], [0xBF], [0xF8], [0xFF], [0xE4], [0xE4, 0xB8], [0xF0, 0x9F, 0x98]]
        for round in 0..<4_000 {
            var bytes: [UInt8] = []
            let length = Int(rng.next() % 160)
            // Mostly valid: one piece in ten is drawn from the whole list, bad ones included.
            while bytes.count < length {
                let any = rng.next() % 10 == 0
                bytes += pieces[Int(rng.next() % UInt64(any ? pieces.count : 11))]
            }
            agree(bytes, "round \(round): \(bytes)")
        }
    }
}

/// The corpus generator's SplitMix64, started at a fixed state so that a failure can be replayed.
typealias SplitMix = CorpusRandom
