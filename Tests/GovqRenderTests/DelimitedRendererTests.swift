import GovqEngine
import Testing
@testable import GovqRender

@Suite struct DelimitedRendererTests {
    @Test func csvHasCRLFLineEndsAndPlainNumbers() {
        #expect(DelimitedRenderer.csv.render(Fixtures.deniedByDistrict) ==
            "district,denied\r\n济南市历城区,22\r\n济宁经济技术开发区,0\r\n临淄区,0\r\n青岛市城阳区,4\r\n下城区,6\r\n")
    }

    @Test func csvNullIsAnEmptyFieldAndDecimalsKeepFullPrecision() {
        #expect(DelimitedRenderer.csv.render(Fixtures.rates) ==
            "district,handled,denial_rate\r\n济南市历城区,293,0.07508532423208192\r\n临淄区,,\r\n青岛市城阳区,270,0.014814814814814815\r\n")
    }

    @Test func csvQuotesAndNeutralisesFormulas() {
        let lines = DelimitedRenderer.csv.render(Fixtures.hostile).components(separatedBy: "\r\n")
        #expect(lines == [
            "unit,n",
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",-3",   // negative number untouched
            "'+1,1",
            "'-2,2",
            "'@SUM(A1),3",
            "\"a,b\",4",
            "\"say \"\"hi\"\"\",5",
            "\"two\nlines\",6",
            "tab\there|pipe\\,7",
            "",
        ])
    }

    @Test func tsvEscapesTabsAndLineBreaks() {
        let lines = DelimitedRenderer.tsv.render(Fixtures.hostile).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == [
            "unit\tn",
            "'=HYPERLINK(\"http://x\",\"点我\")\t-3",
            "'+1\t1",
            "'-2\t2",
            "'@SUM(A1)\t3",
            "a,b\t4",
            "say \"hi\"\t5",
            "two\\nlines\t6",
            "tab\\there|pipe\\\\\t7",
            "",
        ])
    }

    @Test func nullTextIsQuotedButNotNeutralisedAndTheHeaderCanGo() {
        let csv = DelimitedRenderer(dialect: .csv, options: RenderOptions(header: false, nullText: "-,-"))
        #expect(csv.render(Fixtures.rates) ==
            "济南市历城区,293,0.07508532423208192\r\n临淄区,\"-,-\",\"-,-\"\r\n青岛市城阳区,270,0.014814814814814815\r\n")
        let tsv = DelimitedRenderer(dialect: .tsv, options: RenderOptions(nullText: "-\t"))
        #expect(tsv.render(Fixtures.rates).split(separator: "\n")[2] == "临淄区\t-\\t\t-\\t")
    }

    @Test func aFormulaStartThatIsALineBreakIsGuardedInsideTheQuotes() {
        let result = ResultSet(columns: [ResultColumn("=unit", .text)], rows: [[.text("\rx")], [.decimal(-0.5)], [.decimal(.nan)]])
        #expect(DelimitedRenderer.csv.render(result) == "'=unit\r\n\"'\rx\"\r\n-0.5\r\n\r\n")
        #expect(DelimitedRenderer.tsv.render(result) == "'=unit\n'\\rx\n-0.5\n\n")
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
    func formulaStartsAreNeutralised(text: String) {
        #expect(ValueText.neutralised(text) == "'" + text)
    }

    @Test(arguments: ["济南市历城区", "1+1", "a=b", "", "'quoted"])
    func ordinaryTextIsLeftAlone(text: String) {
        #expect(ValueText.neutralised(text) == text)
    }
}
