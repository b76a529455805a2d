/// The sqlite3-style dot-commands of issue 17: `.headers`, `.nullvalue`, `.read`, `.tables`,
/// `.schema`, `.shell`/`.system`, `.echo`, `.mode line|jsonl|xlsx` and xlsx to a file. The
/// fixture cube has three reports (济南市历城区, 临淄区, 下城区), one per district.
import Foundation
import GovqEngine
import GovqREPL
import Testing

@Suite struct DotCommandParseTests {
    @Test(arguments: [
        (".headers off", MetaCommand.headers(false)),
        (".header ON", .headers(true)),
        (".headers", .headers(nil)),
        (".nullvalue NA", .nullvalue("NA")),
        (".nullvalue ''", .nullvalue("")),
        (".read script.govq", .read("script.govq")),
        (".tables", .tables),
        (".schema", .schema),
        (".shell ls -l 'a b'", .shell("ls -l 'a b'")),
        (".system echo hi", .shell("echo hi")),
        (".echo on", .echo(true)),
        (".mode line", .mode("line")),
    ])
    func parses(line: String, command: MetaCommand) throws {
        #expect(try MetaCommand.parse(line) == command)
    }

    @Test(arguments: [".nullvalue", ".read", ".shell"])
    func needsItsArgument(line: String) {
        #expect(throws: (any Error).self) { try MetaCommand.parse(line) }
    }
}

@Suite struct DotCommandSessionTests {
    @Test func headersOffDropsTheHeaderLine() {
        let s = session([".mode csv", ".headers off", "count reports by district", ".headers"])
        #expect(lines(s.out).dropFirst() == ["济南市历城区,1", "临淄区,1", "下城区,1", "headers are off", ""])
    }

    @Test func modeLineAndJSONLines() {
        let s = session([".mode line", "count reports by district", ".mode jsonl", "count reports by district"])
        #expect(s.out.contains("district = 济南市历城区\n reports = 1\n\ndistrict = 临淄区\n"))
        #expect(s.out.contains("{\"district\": \"下城区\", \"reports\": 1}\n"))
        #expect(s.err == "")
    }

    @Test func nullValueIsUsedForNull() {
        let c = Captured()
        let nulls: (QueryEngine, String) throws -> ResultSet = { _, _ in
            ResultSet(columns: [ResultColumn("district", .text), ResultColumn("rate", .decimal)],
                      rows: [[.text("临淄区"), .null]])
        }
        let repl = REPL(data: Fixtures.data, paths: [], reader: ScriptedLineReader([".mode csv", ".nullvalue NA", "x"]),
                        runner: nulls, stdout: { c.out += $0 }, stderr: { c.err += $0 })
        repl.run()
        #expect(lines(c.out).suffix(3) == ["district,rate", "临淄区,NA", ""])
    }

    @Test func tablesAndSchemaRunTheShowQueries() {
        let c = Captured()
        var asked: [String] = []
        let record: (QueryEngine, String) throws -> ResultSet = { _, text in
            asked.append(text.trimmingCharacters(in: .whitespaces))
            return ResultSet(columns: [ResultColumn("name", .text)], rows: [])
        }
        let repl = REPL(data: Fixtures.data, paths: [], reader: ScriptedLineReader([".tables", ".schema"]),
                        runner: record, stdout: { c.out += $0 }, stderr: { c.err += $0 })
        repl.run()
        #expect(asked == ["show tables", "show measures", "show dimensions"])
    }

    @Test func readRunsAFileOfQueriesAndDotCommands() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("s.govq")
        try ".mode csv\ncount reports by\n  district\n.headers off\ncount reports by district;\n"
            .write(to: script, atomically: true, encoding: .utf8)
        let s = session([".read \(script.path)", ".read \(dir.path)/missing.govq"])
        #expect(lines(s.out).dropFirst() == ["district,reports", "济南市历城区,1", "临淄区,1", "下城区,1",
                                             "济南市历城区,1", "临淄区,1", "下城区,1", ""])
        #expect(s.err.contains("error: cannot read '\(dir.path)/missing.govq': no such file\n"))
    }

    @Test func readThatReadsItselfStops() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("loop.govq")
        try ".read \(script.path)\n".write(to: script, atomically: true, encoding: .utf8)
        let s = session([".read \(script.path)"])
        #expect(s.err.contains("error: '.read' is nested more than 16 deep"))
    }

    @Test func shellShowsTheCommandsOutputAndAFailure() {
        let s = session([".shell echo 你好", ".system exit 3"])
        #expect(lines(s.out).dropFirst() == ["你好", ""])
        #expect(s.err.contains("error: 'exit 3' exited with status 3\n"))
    }

    @Test func echoPrintsTheQueryBeforeItsResult() {
        let s = session([".mode csv", ".echo on", "count reports by district"])
        #expect(lines(s.out).dropFirst().prefix(2) == ["count reports by district", "district,reports"])
    }

    @Test func xlsxIsRefusedOnTheScreenAndWrittenByOnce() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.xlsx").path
        let s = session([".mode xlsx", "count reports by district", ".once \(file)", "count reports by district"])
        #expect(s.err.contains("error: an xlsx workbook cannot be shown on the screen\n"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(bytes.prefix(2) == Data("PK".utf8))   // a zip archive; its sheets are read in GovqEndToEndTests
    }
}

@Suite struct XLSXExportTests {
    @Test func exportToXLSXSaysWhatItWroteOrWhyItCouldNot() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.xlsx").path
        let s = session(["count reports by district", ".export \(file)", ".export \(dir.path)/no/such/r.xlsx"])
        #expect(s.out.contains("wrote 3 rows to \(file) (xlsx)\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).prefix(2) == Data("PK".utf8))
        #expect(!s.out.contains("no/such/r.xlsx (xlsx)"))
        #expect(s.err.contains("error: cannot write '\(dir.path)/no/such/r.xlsx'"))
    }
}
