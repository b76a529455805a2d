/// Bar charts: widths by display width, eighths, negatives left of an axis, NULL, fitting the
/// width, and sparklines for a `by year` series. Expected lines are drawn by hand.
import GovqEngine
import Testing
@testable import GovqRender

@Suite struct BarRendererTests {
    let bars = BarRenderer(width: 30)

    @Test func barsScaleToTheLargestValueInEighths() {
        // 30 columns: label 4 (下城区 is 6 wide, "a" pads), value 2, so 30 − 6 − 2 − 3 = 19 cells of bar.
        let r = ResultSet(columns: [ResultColumn("d", .text), ResultColumn("n", .integer)],
                          rows: [[.text("下城区"), .integer(10)], [.text("a"), .integer(5)], [.text("b"), .integer(0)]])
        #expect(bars.render(r) == """
            d      n
            下城区 ███████████████████ 10
            a      █████████▌          5
            b                          0

            """)
    }

    @Test func negativesGrowLeftOfTheAxis() {
        // Labels 1 wide, values 4 ("NULL"): 30 − 1 − 4 − 3 = 22 cells of bar; the negatives get
        // 22 × 5/20 = 5.5 → 6 of them, then the axis, then 15 for the positives.
        let r = ResultSet(columns: [ResultColumn("d", .text), ResultColumn("n", .integer)],
                          rows: [[.text("x"), .integer(15)], [.text("y"), .integer(-5)], [.text("z"), .null]])
        let lines = bars.render(r).split(separator: "\n").map(String.init)
        #expect(lines[1] == "x       │███████████████ 15")
        #expect(lines[1].hasSuffix(" 15"))
        #expect(lines[2].hasPrefix("y ██████│"))
        #expect(lines[2].hasSuffix(" -5"))
        #expect(lines[3] == "z NULL")
    }

    @Test func everyLineFitsTheWidth() {
        let r = ResultSet(columns: [ResultColumn("district", .text), ResultColumn("n", .integer)],
                          rows: [[.text("济宁经济技术开发区济宁经济技术开发区"), .integer(123_456)], [.text("下城区"), .integer(-7)]])
        for width in [20, 40, 80] {
            for line in BarRenderer(width: width).render(r).split(separator: "\n") {
                #expect(DisplayWidthForTests.of(line) <= width, "\(width): \(line)")
            }
        }
        #expect(BarRenderer(width: 40).render(r).contains("…"))
    }

    @Test func aYearSeriesGetsASparkline() {
        let r = ResultSet(columns: [ResultColumn("district", .text), ResultColumn("year", .integer), ResultColumn("new", .integer)],
                          rows: [[.text("甲"), .integer(2019), .integer(0)], [.text("甲"), .integer(2021), .integer(70)],
                                 [.text("乙"), .integer(2019), .integer(35)], [.text("乙"), .integer(2020), .null],
                                 [.text("乙"), .integer(2021), .integer(70)]])
        // 甲: 2019 ▁, 2020 missing (blank), 2021 █; 乙: 35 of 70 is level 3.5 → 4 (▅), NULL blank, █.
        #expect(bars.render(r) == """
            district new 2019–2021
            甲       ▁ █  0 → 70
            乙       ▅ █  35 → 70

            """)
    }
}

enum DisplayWidthForTests {
    static func of(_ s: some StringProtocol) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 && $1.value < 0xFF00 ? 2 : 1) }
    }
}
