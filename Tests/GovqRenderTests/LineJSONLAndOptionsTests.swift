/// The line and JSON Lines formats, `-header`/`-noheader` and `-nullvalue` across formats, and
/// a table fitted to the terminal's width. Expected text is written out by hand from the
/// fixtures' numbers (denied per district; 临淄's handled and rate are NULL).
import GovqEngine
import GovqRender
import Testing

@Suite struct LineFormatTests {
    @Test func namesAreRightAlignedToTheWidestWithAnEmptyLineBetweenRows() {
        let text = OutputFormat.line.renderer().render(Fixtures.rates)
        #expect(text == """
               district = 济南市历城区
                handled = 293
            denial_rate = 0.0751

               district = 临淄区
                handled = NULL
            denial_rate = NULL

               district = 青岛市城阳区
                handled = 270
            denial_rate = 0.0148

            """)
    }

    @Test func nullValueReplacesNullAndControlCharactersAreVisible() {
        let r = ResultSet(columns: [ResultColumn("unit", .text), ResultColumn("n", .integer)],
                          rows: [[.text("a\u{1B}[31mb"), .null]])
        #expect(LineRenderer(options: RenderOptions(nullText: "-")).render(r) == "unit = a\\u{1B}[31mb\n   n = -\n")
    }
}

@Suite struct JSONLinesTests {
    @Test func oneObjectPerLineWithoutBrackets() {
        #expect(OutputFormat.jsonl.renderer().render(Fixtures.rates) == """
            {"district": "济南市历城区", "handled": 293, "denial_rate": 0.07508532423208192}
            {"district": "临淄区", "handled": null, "denial_rate": null}
            {"district": "青岛市城阳区", "handled": 270, "denial_rate": 0.014814814814814815}

            """)
    }

    @Test func anEmptyResultIsNoLineAtAll() {
        #expect(OutputFormat.jsonl.renderer().render(Fixtures.empty) == "")
    }

    @Test func nullValueDoesNotTouchJSONNull() {
        let options = RenderOptions(nullText: "NA")
        #expect(OutputFormat.jsonl.renderer(options: options).render(Fixtures.rates).contains("\"handled\": null"))
        #expect(OutputFormat.json.renderer(options: options).render(Fixtures.rates).contains("\"handled\": null"))
    }
}

@Suite struct HeaderAndNullOptionTests {
    static let noHeader = RenderOptions(header: false, nullText: "NA")

    @Test func csvWithoutHeaderAndWithNullText() {
        #expect(OutputFormat.csv.renderer(options: Self.noHeader).render(Fixtures.rates)
                == "济南市历城区,293,0.07508532423208192\r\n临淄区,NA,NA\r\n青岛市城阳区,270,0.014814814814814815\r\n")
    }

    @Test func tsvWithoutHeader() {
        #expect(OutputFormat.tsv.renderer(options: RenderOptions(header: false)).render(Fixtures.deniedByDistrict)
                    .split(separator: "\n").first == "济南市历城区\t22")
    }

    @Test func tableWithoutHeaderHasNoHeaderRule() {
        let text = OutputFormat.table.renderer(options: Self.noHeader).render(Fixtures.rates)
        #expect(text == """
            ┌──────────────┬─────┬────────┐
            │ 济南市历城区 │ 293 │ 0.0751 │
            │ 临淄区       │  NA │     NA │
            │ 青岛市城阳区 │ 270 │ 0.0148 │
            └──────────────┴─────┴────────┘

            """)
    }

    @Test func markdownShowsNullText() {
        let text = OutputFormat.markdown.renderer(options: Self.noHeader).render(Fixtures.rates)
        #expect(text.contains("| 临淄区       |      NA |          NA |"))
    }
}

@Suite struct TableFittingTests {
    @Test func aWideTableIsCutToTheWidthWithEllipses() {
        let wide = ResultSet(columns: [ResultColumn("name", .text), ResultColumn("description", .text)],
                             rows: [[.text("denied"), .text("不予公开的申请，按不予公开的理由分为八类")]])
        let text = TableRenderer(options: RenderOptions(maxWidth: 30)).render(wide)
        let lines = text.split(separator: "\n").map(String.init)
        // 30 columns: "│ denied │ " is 11, " │" 2, so the cell gets 17: eight characters of 2 and `…`.
        #expect(lines[0] == "┌────────┬───────────────────┐")
        #expect(lines[3] == "│ denied │ 不予公开的申请，… │")
        #expect(lines.last == "(1 column cut to fit 30 columns; '.mode line' or '--format line' shows every value whole)")
        for line in lines.dropLast() { #expect(DisplayWidthProbe.width(line) <= 30, "\(line)") }
    }

    @Test func aTableThatFitsIsUnchanged() {
        let plain = TableRenderer().render(Fixtures.deniedByDistrict)
        #expect(TableRenderer(options: RenderOptions(maxWidth: 80)).render(Fixtures.deniedByDistrict) == plain)
    }
}

/// Display width as a terminal counts it: CJK ideographs and full-width punctuation take two.
enum DisplayWidthProbe {
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            n + ((0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value)
                 || (0xAC00...0xD7A3).contains(u.value) || (0xF900...0xFAFF).contains(u.value)
                 || (0xFF00...0xFF60).contains(u.value) ? 2 : 1)
        }
    }
}
