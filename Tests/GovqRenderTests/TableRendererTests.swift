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
}
