/// Geography through the built binary: `--as-of`, `show changes`, snapshots keeping the place
/// columns, `govq check` listing a report it cannot place, and export's place columns.
import Foundation
import Testing

@Suite struct GeographyEndToEndTests {
    @Test func asOfMovesXiachengUnderGongshu() throws {
        let r = try GovqProcess.run(["--as-of", "2024", "--format", "csv", "-e", "sum new by county where city = 杭州市", "-e", "show changes"])
        #expect(r.status == 0)
        #expect(r.stdout == "county,new\r\n拱墅区,161\r\n\r\nfrom,from_adcode,to,to_adcode,date,reports\r\n下城区,330103,拱墅区,330105,2021-04-09,1\r\n", "\(r.stdout)")
        let bad = try GovqProcess.run(["--as-of", "someday", "-e", "sum new"])
        #expect(bad.status == 2 && bad.stderr.contains("'--as-of someday' is not a date"))
    }

    @Test func aSnapshotKeepsThePlaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govq-geo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("s.govq").path
        let index = try GovqProcess.run(["index", "-o", snapshot, "Samples/reports"])
        #expect(index.status == 0, "\(index.stderr)")
        let r = try GovqProcess.run(["--data", snapshot, "--format", "csv", "-e", "sum new by province, body_kind"])
        #expect(r.stdout == "province,body_kind,new\r\n山东省,development_zone,0\r\n山东省,government,584\r\n山东省,government_office,35\r\n浙江省,government,161\r\n",
                "\(r.stdout)\(r.stderr)")
        let asOf = try GovqProcess.run(["--data", snapshot, "--as-of", "2024", "--format", "csv", "-e", "sum new by county where province = 浙江省"])
        #expect(asOf.stdout == "county,new\r\n拱墅区,161\r\n")
    }

    @Test func checkListsAReportItCannotPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govq-geo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = try String(contentsOf: GovqProcess.root.appendingPathComponent("Samples/reports/004_7c44efe8d794ab26.txt"), encoding: .utf8)
        try sample.replacingOccurrences(of: "下城区", with: "鼓楼区").write(to: dir.appendingPathComponent("gulou.txt"), atomically: true, encoding: .utf8)
        let r = try GovqProcess.run(["check", dir.path])
        #expect(r.stdout.contains("not placed (no province, city or county):\n  \(dir.path)/gulou.txt  unplaced: '鼓楼区' is 4 divisions:"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("1 report: 1 ok, 0 inconsistent, 0 skipped; 0 errors, 1 warning; 1 unplaced\n"), "\(r.stdout)")
        // Unplaced is not inconsistent: the exit status is the report's own.
        #expect(r.status == 0)
        // A snapshot keeps the reason: its check lists the same line.
        let snapshot = dir.appendingPathComponent("s.govq").path
        let index = try GovqProcess.run(["index", "-o", snapshot, dir.path])
        #expect(index.status == 0, "\(index.stderr)")
        let fromSnapshot = try GovqProcess.run(["check", "--data", snapshot])
        #expect(fromSnapshot.stdout.contains("gulou.txt  unplaced: '鼓楼区' is 4 divisions:"), "\(fromSnapshot.stdout)\(fromSnapshot.stderr)")
    }

    /// `why` shows how each report was placed, from a snapshot too.
    @Test func whyFromASnapshotShowsThePlacement() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govq-geo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("s.govq").path
        #expect(try GovqProcess.run(["index", "-o", snapshot, "Samples/reports"]).status == 0)
        let r = try GovqProcess.run(["--data", snapshot, "--format", "csv", "-e", "why sum denied where district = 下城区"])
        #expect(r.stdout.contains(",placed: '下城区' is 杭州市下城区 (330103)"), "\(r.stdout)\(r.stderr)")
    }

    @Test func exportCarriesThePlaceColumns() throws {
        let r = try GovqProcess.run(["export", "--data", "Samples/reports/000_55b3ad02e644708f.txt"])
        let lines = r.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "file,district,unit,year,template,status,province,city,county,adcode,level,body_kind,applicant,outcome,count")
        #expect(lines[1].hasPrefix("Samples/reports/000_55b3ad02e644708f.txt,济南市历城区,"))
        #expect(lines[1].contains(",2019,2019,ok,山东省,济南市,历城区,370112,county,government,natural_person,new,304"), "\(lines[1])")
    }
}
