/// `.asof DATE|off`: the REPL counts reports under that date's divisions (geography).
import GovqCube
import GovqLoader
import GovqREPL
import Testing

@Suite struct AsOfCommandTests {
    /// 下城区 (merged into 拱墅区 on 2021-04-09) in 2019 and 历城区 (unchanged) in 2019.
    static var data: LoadResult {
        var b = CubeBuilder()
        for (file, county, code, city, province) in [("a.txt", "下城区", "330103", "杭州市", "浙江省"), ("b.txt", "历城区", "370112", "济南市", "山东省")] {
            var r = ReportRecord(file: file, district: county, unit: county, year: 2019, template: .t2019)
            r.place = ReportPlace(province: province, city: city, county: county, adcode: code, level: "county",
                                  bodyKind: "government", reason: "")
            b.append(r)
        }
        return LoadResult(cube: b.cube)
    }

    @Test func asOfMapsAndOffRestores() {
        let c = Captured()
        let repl = REPL(data: Self.data, paths: ["x"], reader: ScriptedLineReader([
            ".mode csv", "count reports by county", ".asof 2024", "count reports by county", "show changes",
            ".asof", ".asof off", ".asof", "count reports by county", ".asof someday",
        ]), stdout: { c.out += $0 }, stderr: { c.err += $0 })
        repl.run()
        let out = lines(c.out).dropFirst().filter { !$0.isEmpty }
        #expect(Array(out) == [
            "county,count reports", "历城区,1", "下城区,1",
            "county,count reports", "拱墅区,1", "历城区,1",
            "from,from_adcode,to,to_adcode,date,reports", "下城区,330103,拱墅区,330105,2021-04-09,1",
            "counting reports under the divisions of 2024-12-31",
            "counting reports under the divisions they were filed under",
            "county,count reports", "历城区,1", "下城区,1",
        ])
        #expect(c.err.contains("error: 'someday' is not a date"))
    }

    @Test func parse() throws {
        #expect(try MetaCommand.parse(".asof 2024") == .asOf("2024"))
        #expect(try MetaCommand.parse(".asof") == .asOf(nil))
        #expect(try MetaCommand.parse(".ASOF off") == .asOf("off"))
    }
}
