import Foundation
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

    /// The scan for bytes to quote or escape reads eight bytes at a time: each special byte at
    /// every position of texts across several words (CJK, whose bytes are all high, and ASCII)
    /// is still found, and a text without one is copied as it is.
    @Test(arguments: [",", "\"", "\n", "\r", "\t", "\\", nil] as [String?])
    func specialBytesAreFoundAtEveryPosition(special: String?) {
        for filler in ["区", "ab"] {
            for length in 0...9 {
                let plain = String(repeating: filler, count: length)
                for at in 0...plain.count {
                    var text = plain
                    if let special { text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: at)) }
                    let result = ResultSet(columns: [ResultColumn("x", .text)], rows: [[.text(text)]])
                    let csv = DelimitedRenderer.csv.render(result), tsv = DelimitedRenderer.tsv.render(result)
                    let quoted = [",", "\"", "\n", "\r"].contains(special ?? "")
                    let csvField = quoted ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
                    let tsvField = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                        .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
                    // A leading tab or CR is a formula start: guarded with `'`.
                    let guardMark = at == 0 && (special == "\t" || special == "\r") ? "'" : ""
                    let csvExpected = quoted ? "\"" + guardMark + csvField.dropFirst() : guardMark + csvField
                    #expect(csv == "x\r\n" + csvExpected + "\r\n", "csv \(text.debugDescription)")
                    #expect(tsv == "x\n" + guardMark + tsvField + "\n", "tsv \(text.debugDescription)")
                }
            }
        }
    }
}
