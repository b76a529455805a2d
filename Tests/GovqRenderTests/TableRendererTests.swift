import GovqDiagnostics
import GovqEngine
import Testing
@testable import GovqRender

@Suite struct TableRendererTests {
    @Test func chineseAlignsByDisplayWidthAndNumbersAlignRight() {
        // 济宁经济技术开发区 is 9 characters, 18 columns: it sets the first column's width.
        #expect(TableRenderer().render(Fixtures.deniedByDistrict) == """
        ┌────────────────────┬────────┐
        │ district           │ denied │
        ├────────────────────┼────────┤
        │ 济南市历城区       │     22 │
        │ 济宁经济技术开发区 │      0 │
        │ 临淄区             │      0 │
        │ 青岛市城阳区       │      4 │
        │ 下城区             │      6 │
        └────────────────────┴────────┘

        """)
    }

    @Test func nullIsSpelledOutAndDecimalsRoundToFourPlaces() {
        #expect(TableRenderer().render(Fixtures.rates) == """
        ┌──────────────┬─────────┬─────────────┐
        │ district     │ handled │ denial_rate │
        ├──────────────┼─────────┼─────────────┤
        │ 济南市历城区 │     293 │      0.0751 │
        │ 临淄区       │    NULL │        NULL │
        │ 青岛市城阳区 │     270 │      0.0148 │
        └──────────────┴─────────┴─────────────┘

        """)
    }

    @Test func nullIsDimmedOnlyWithColour() {
        let coloured = TableRenderer(color: true).render(Fixtures.rates)
        #expect(coloured.contains("│    \u{1B}[2mNULL\u{1B}[0m │"))
        #expect(!TableRenderer(color: false).render(Fixtures.rates).contains("\u{1B}"))
    }

    @Test func emptyResultStillShowsTheHeader() {
        #expect(TableRenderer().render(Fixtures.empty) == """
        ┌──────────┬────────┐
        │ district │ denied │
        ├──────────┼────────┤
        └──────────┴────────┘

        """)
    }

    @Test func controlCharactersFromReportsCannotReachTheTerminal() {
        let r = ResultSet(columns: [ResultColumn("unit", .text)], rows: [[.text("a\u{1B}[31mb\nc")]])
        let text = TableRenderer().render(r)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("│ a\\u{1B}[31mb\\nc │"))
    }

    @Test(arguments: [
        (22.0 / 293.0, "0.0751"), (4.0 / 270.0, "0.0148"), (2.0, "2"), (0.5, "0.5"),
        (-1.25, "-1.25"), (1.0 / 3.0, "0.3333"), (0.00001, "1e-05"), (0.0, "0"),
    ])
    func decimalsForPeople(value: Double, shown: String) {
        #expect(ValueText.displayDecimal(value) == shown)
    }

    /// The renderer's byte-wise width is `DisplayWidth.of`, on every kind of text a cell holds.
    @Test(arguments: ["", "abc", "济南市历城区", "ÿé", "a\u{0}b", "e\u{301}", "𠀀𠀁x", "🙂", "ｱ", "가", "\u{200B}", "€10",
                      "阿坝藏族羌族自治州阿坝县", "\u{7F}\u{9F}", "\u{FE0F}", "\u{3000}"])
    func byteWiseWidthIsTheDisplayWidth(text: String) {
        #expect(TableBytes.width(text) == DisplayWidth.of(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    /// Every code point from U+0000 to U+3FFFF measures the same both ways (surrogates skipped).
    @Test func byteWiseWidthAgreesOnEveryScalar() {
        var differ: [UInt32] = []
        for v in UInt32(0)...0x3FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = "a" + String(Character(u)) + "中"
            if TableBytes.width(s) != DisplayWidth.of(s) { differ.append(v) }
        }
        #expect(differ.isEmpty, "\(differ.prefix(10))")
    }
}
