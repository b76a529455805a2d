import GovqEngine
import Testing
@testable import GovqRender

@Suite struct JSONRendererTests {
    @Test func arrayOfObjectsInColumnOrder() {
        #expect(JSONRenderer().render(Fixtures.rates) == """
        [
        {"district": "济南市历城区", "handled": 293, "denial_rate": 0.07508532423208192},
        {"district": "临淄区", "handled": null, "denial_rate": null},
        {"district": "青岛市城阳区", "handled": 270, "denial_rate": 0.014814814814814815}
        ]

        """)
    }

    @Test func emptyIsAnEmptyArray() {
        #expect(JSONRenderer().render(Fixtures.empty) == "[]\n")
    }

    @Test func stringsAreEscaped() {
        #expect(JSONRenderer.quoted("say \"hi\"\\\n\t\u{1}") == #""say \"hi\"\\\n\t\u0001""#)
        // No formula guard in JSON: the text is data, not a spreadsheet cell.
        #expect(JSONRenderer.quoted("=1") == "\"=1\"")
    }
}

@Suite struct MarkdownRendererTests {
    @Test func githubTableWithRightAlignedNumbers() {
        #expect(MarkdownRenderer().render(Fixtures.rates) == """
        | district     | handled | denial_rate |
        | ------------ | ------: | ----------: |
        | 济南市历城区 |     293 |      0.0751 |
        | 临淄区       |         |             |
        | 青岛市城阳区 |     270 |      0.0148 |

        """)
    }

    @Test func pipesAndLineBreaksAreEscaped() {
        #expect(MarkdownRenderer.escaped("a|b\\c\nd") == "a\\|b\\\\c<br>d")
    }
}

@Suite struct OutputFormatTests {
    @Test(arguments: [
        ("out.csv", OutputFormat.csv), ("x/y.TSV", .tsv), ("r.json", .json), ("r.md", .markdown),
        ("r.txt", .table), ("noextension", .table), ("dir.v2/result", .table),
        ("r.jsonl", .jsonl), ("r.ndjson", .jsonl), ("结果.XLSX", .xlsx),
    ])
    func formatFromFileName(name: String, format: OutputFormat) {
        #expect(OutputFormat(fileName: name) == format)
    }

    @Test func unknownExtensionIsNotGuessed() {
        #expect(OutputFormat(fileName: "out.parquet") == nil)
        #expect(OutputFormat(fileName: "out.xlsx") == .xlsx)
    }

    @Test func bomOnlyForSpreadsheetFormats() {
        #expect(OutputFormat.allCases.filter(\.acceptsByteOrderMark) == [.csv, .tsv])
    }
}
