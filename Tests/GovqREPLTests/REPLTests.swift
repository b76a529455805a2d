/// The REPL loop driven by a scripted `LineReader`: prompts, multi-line input, Ctrl-C, errors
/// that do not end the session, and every dot-command. (`nil` in a script is Ctrl-C.)
import Foundation
import GovqCube
import GovqEngine
import GovqLoader
import GovqREPL
import Testing

/// Output captured from one session.
final class Captured: @unchecked Sendable {
    var out = ""
    var err = ""
}

func session(_ lines: [String?], loader: @escaping @Sendable ([String]) -> LoadResult = { _ in Fixtures.data })
    -> (repl: REPL<ScriptedLineReader>, out: String, err: String) {
    let c = Captured()
    let repl = REPL(data: Fixtures.data, paths: ["fixtures"], reader: ScriptedLineReader(lines), loader: loader,
                    runner: Fixtures.run, stdout: { c.out += $0 }, stderr: { c.err += $0 })
    repl.run()
    return (repl, c.out, c.err)
}

/// Lines of `text` without the CSV line ending.
func lines(_ text: String) -> [String] {
    text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
}

@Suite struct REPLLoopTests {
    @Test func welcomeSaysWhatIsLoadedAndWhereHelpIs() {
        let s = session([])
        #expect(s.out == "govq: 3 reports, years 2019–2020, 3 districts. Enter a query, or .help for help.\n")
    }

    @Test func aQueryPrintsItsResultInTheCurrentMode() {
        let s = session([".mode csv", "count reports by district"])
        #expect(lines(s.out).dropFirst() == ["district,reports", "济南市历城区,1", "临淄区,1", "下城区,1", ""])
        #expect(s.err == "")
    }

    @Test func anErrorIsShownWithItsCaretAndTheSessionGoesOn() {
        let s = session(["sum deneid", ".mode csv", "count reports by district"])
        #expect(s.err == """
            error: unknown measure 'deneid'
             --> <repl>:1:5
              |
            1 | sum deneid
              |     ^^^^^^
              = help: did you mean 'denied'?

            """)
        #expect(s.out.contains("临淄区,1"))
        #expect(s.repl.reader.prompts == ["govq> ", "govq> ", "govq> ", "govq> "])
    }

    @Test func anIncompleteLineContinuesWithTheContinuationPrompt() {
        let s = session([".mode csv", "count reports by", "", "  district"])
        #expect(s.repl.reader.prompts == ["govq> ", "govq> ", " ...> ", " ...> ", "govq> "])
        #expect(s.err == "")
        #expect(s.out.contains("临淄区,1"))
        // One history entry per query, on one line.
        #expect(s.repl.reader.history == [".mode csv", "count reports by district"])
    }

    @Test func ctrlCAbandonsAPendingQuery() {
        // Without the interrupt the two lines would run as one query and fail.
        let s = session([".mode csv", "count reports by", nil, "count reports by district"])
        #expect(s.repl.reader.prompts == ["govq> ", "govq> ", " ...> ", "govq> ", "govq> "])
        #expect(s.err == "")
        #expect(s.out.contains("下城区,1"))
        #expect(!s.repl.reader.history.contains("count reports by"))
    }

    @Test func quitEndsTheSessionAndBlankLinesAreSkipped() {
        let s = session(["", "   ", ".quit", "count reports by district"])
        #expect(s.repl.reader.prompts.count == 3)
        #expect(s.repl.reader.history == [".quit"])
        #expect(s.repl.lastResult == nil)
    }

    @Test func severalStatementsOnOneLineRunInOrder() {
        let s = session([".mode csv", "count reports by district; sum nothing"])
        #expect(s.out.contains("济南市历城区,1"))
        #expect(s.err.hasPrefix("error: unknown measure 'nothing'\n"))
    }
}

@Suite struct DotCommandTests {
    @Test func modeChangesTheNextResultAndReportsUnknownModes() {
        let s = session([".mode", ".mode jsno", ".mode json", ".mode", "count reports by district"])
        #expect(s.out.contains("current output mode: table\n"))
        #expect(s.out.contains("current output mode: json\n"))
        #expect(s.out.contains("\"district\""))
        #expect(s.err == """
            error: unknown output mode 'jsno'
             --> <repl>:1:7
              |
            1 | .mode jsno
              |       ^^^^
              = help: did you mean 'json'?

            """)
    }

    @Test func unknownCommandSuggestsTheNearest() {
        let s = session([".mdoe csv", ".frobnicate"])
        #expect(s.err.contains("error: unknown command '.mdoe'\n"))
        #expect(s.err.contains("  = help: did you mean '.mode'?\n"))
        #expect(s.err.contains("error: unknown command '.frobnicate'\n"))
        #expect(s.err.contains("  = help: commands are: .asof, .check, .echo, .exit,"))
    }

    @Test func outputSendsResultsToAFileUntilReset() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.csv").path
        let s = session([".mode csv", ".output \(file)", "count reports by district", "count reports by district",
                         ".output", "count reports by district"])
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(lines(written).filter { $0 == "临淄区,1" }.count == 2)
        #expect(lines(s.out).filter { $0 == "临淄区,1" }.count == 1)
    }

    /// `.output` empties its file once and appends each result after: a link planted there in
    /// between is refused (results go back to the screen), never written through.
    @Test func outputNeverWritesThroughALinkPlantedAfterIt() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.csv").path
        let victim = dir.appendingPathComponent("victim").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let s = session([".mode csv", ".output \(file)", "count reports by district",
                         ".shell rm '\(file)' && ln -s '\(victim)' '\(file)'", "count reports by district",
                         "count reports by district"])
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(s.err.contains("error: cannot write '\(file)': is a symbolic link; govq does not write through links"))
        #expect(lines(s.out).filter { $0 == "临淄区,1" }.count == 1, "after the refusal the next result is on the screen")
    }

    @Test func onceSendsOnlyTheNextResult() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("once.txt").path
        let s = session([".mode csv", ".once \(file)", "count reports by district", "count reports by district"])
        #expect(lines(try String(contentsOfFile: file, encoding: .utf8)).filter { $0 == "下城区,1" }.count == 1)
        #expect(lines(s.out).filter { $0 == "下城区,1" }.count == 1)
    }

    @Test(arguments: [
        ("last.csv", "district,reports"),
        ("last.json", "\"district\""),
        ("last.md", "| district"),
    ])
    func exportWritesTheLastResultInTheExtensionsFormat(name: String, marker: String) throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name).path
        let s = session(["count reports by district", ".export \(file)"])
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written.contains(marker))
        #expect(written.contains("济南市历城区"))
        #expect(s.out.contains("wrote 3 rows to \(file)"))
    }

    @Test func exportNeedsAResultAndAKnownExtension() {
        let s = session([".export a.csv", "count reports by district", ".export a.xyz", ".export"])
        #expect(s.err.contains("error: nothing to export: run a query first\n"))
        #expect(s.err.contains("error: cannot tell the format of 'a.xyz' from its extension\n"))
        #expect(s.err.contains("error: '.export' needs a file name\n"))
    }

    @Test func loadAddsReportsAndRebuildsTheEngine() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seen = Captured()
        let s = session([".load \(dir.path)", ".mode csv", "count reports by district", ".load /no/such/place"],
                        loader: { paths in
                            seen.out = paths.joined(separator: "|")
                            var more = Fixtures.data
                            var b = CubeBuilder()
                            b.append(contentsOf: more.cube)
                            b.append(contentsOf: more.cube)
                            more.cube = b.cube
                            return more
                        })
        #expect(seen.out == "fixtures|\(dir.path)")
        #expect(s.out.contains("added 3 reports; now 6 reports, years 2019–2020, 3 districts\n"))
        #expect(s.out.contains("临淄区,2"))
        #expect(s.err.contains("error: no such file or folder '/no/such/place'\n"))
        #expect(s.repl.paths == ["fixtures", dir.path])
    }

    @Test func checkListsReportsAndDiagnostics() {
        let s = session([".check"])
        #expect(s.out.contains("r1.txt  临淄区        2019  2019  ok\n"))
        #expect(s.out.contains("3 reports, 0 not ok, 0 diagnostics\n"))
    }

    @Test func timerShowsRunTime() {
        let s = session([".timer", ".timer on", "count reports by district", ".timer off", ".timer maybe"])
        #expect(s.out.contains("timer is off\n"))
        #expect(lines(s.out).contains { $0.hasPrefix("Run Time: ") && $0.hasSuffix(" s") })
        #expect(s.err.contains("error: expected 'on' or 'off' after '.timer', found 'maybe'\n"))
    }

    @Test(arguments: ["quit", "exit", "  QUIT ", "exit;"])
    func bareQuitLeaves(word: String) {
        // Nothing after it runs: the session ended at the word.
        let s = session([word, ".mode csv", "count reports by district"])
        #expect(s.err == "")
        #expect(!s.out.contains("临淄区"))
        #expect(s.repl.reader.prompts == ["govq> "])
    }

    @Test func bareHelpPrintsTheHelp() {
        let s = session(["help"])
        #expect(s.err == "")
        for name in MetaCommand.names where name != ".exit" {
            #expect(s.out.contains("\n" + name), "\(name) missing from help")
        }
    }

    @Test func langSwitchesHeadersToChineseAndBack() {
        let s = session([".mode csv", ".lang zh", "count reports by district", ".lang", ".lang en", "count reports by district", ".lang fr"])
        let out = lines(s.out)
        #expect(out.contains("地区,报告数"))
        #expect(out.contains("current language: zh"))
        #expect(out.contains("district,reports"))
        #expect(s.err.contains("error: unknown language 'fr'"))
    }

    @Test func helpListsEveryCommand() {
        let s = session([".help"])
        for name in MetaCommand.names where name != ".exit" {
            #expect(s.out.contains("\n" + name), "\(name) missing from .help")
        }
    }
}

@Suite struct MetaCommandParseTests {
    @Test(arguments: [
        (".help", MetaCommand.help),
        (".mode csv", .mode("csv")),
        ("  .mode   CSV  ", .mode("CSV")),
        (".output", .output(nil)),
        (".output out.csv", .output("out.csv")),
        (".output \"my file.csv\"", .output("my file.csv")),
        (".once a.json", .once("a.json")),
        (".export 结果.csv", .export("结果.csv")),
        (".load Samples/reports", .load("Samples/reports")),
        (".check", .check),
        (".timer on", .timer(true)),
        (".timer OFF", .timer(false)),
        (".timer", .timer(nil)),
        (".lang zh", .lang("zh")),
        (".lang", .lang(nil)),
        (".quit", .quit),
        (".exit", .quit),
    ])
    func parses(line: String, command: MetaCommand) throws {
        #expect(try MetaCommand.parse(line) == command)
    }
}

/// `.load` of reports already loaded (a copy of the samples in another folder) counts none twice.
@Suite struct REPLLoadTwiceTests {
    @Test func loadingACopyOfTheSamplesDoesNotDouble() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let samples = root.appendingPathComponent("Samples/reports").path
        let copy = NSTemporaryDirectory() + "govq-load-twice-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: samples, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let c = Captured()
        let repl = REPL(data: ReportLoader.load(paths: [samples]), paths: [samples],
                        reader: ScriptedLineReader([".mode csv", "sum denied", ".load " + copy, "sum denied"]),
                        stdout: { c.out += $0 }, stderr: { c.err += $0 })
        repl.run()
        // 32 denied over the five samples (README), before and after the copy is loaded.
        #expect(lines(c.out).filter { $0 == "32" }.count == 2)
        #expect(c.out.contains("added 0 reports"))
    }
}

/// `why QUERY` and `.why N` in a session on the samples: the cells behind a number, with the
/// line each is printed on (read by hand from 000_55b3ad02e644708f.txt).
@Suite struct REPLWhyTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/reports").path

    func run(_ lines: [String?]) -> Captured {
        let c = Captured()
        REPL(data: ReportLoader.load(paths: [Self.samples]), paths: [Self.samples], reader: ScriptedLineReader(lines),
             stdout: { c.out += $0 }, stderr: { c.err += $0 }).run()
        return c
    }

    @Test func whyRowOneOfTheLastResultListsLichengsDeniedCells() {
        let c = run([".mode csv", "sum denied by district", ".why 1"])
        let file = Self.samples + "/000_55b3ad02e644708f.txt"
        let cells = lines(c.out).filter { $0.hasPrefix("1,") }
        #expect(cells == [
            "1,\(file),183,2,2.其他法律行政法规禁止公开,自然人,1,1,placed: '济南市 › 历城区' is 济南市历城区 (370112)",
            "1,\(file),205,2,4.保护第三方合法权益,自然人,10,10,",
            "1,\(file),209,2,4.保护第三方合法权益,法律服务机构,1,1,",
            "1,\(file),227,2,6.属于四类过程性信息,自然人,3,3,",
            "1,\(file),238,2,7.属于行政执法案卷,自然人,1,1,",
            "1,\(file),249,2,8.属于行政查询事项,自然人,6,6,",
        ])
    }

    /// An NA marker read as 0 adds nothing, yet it is a reading: `why` lists its cell with the
    /// marker and its note. (`一、本年新收 1 0 2 1 / 1 ／ 1&nbsp;4` in the loader's fixture.)
    @Test func whyListsNAMarkersReadAsZero() {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GovqLoaderTests/Fixtures/na-markers-blanks.txt").path
        let c = Captured()
        REPL(data: ReportLoader.load(paths: [file]), paths: [file], reader: ScriptedLineReader([".mode csv", "why sum new where applicant = nonprofit or applicant = other_org by applicant"]),
             stdout: { c.out += $0 }, stderr: { c.err += $0 }).run()
        let cells = lines(c.out).filter { $0.contains(file) }
        // Each result row's first cell of a report also says how the report was placed (the
        // fixture's 某某市示范区 is no division).
        let placed = "placed: unplaced: '某某市示范区' names no division; nothing in the text or the folders names it either; "
        #expect(cells == [
            "1,\(file),8,26,一、本年新收政府信息公开申请数量,社会公益组织,/,0,\(placed)NA marker '/' read as 0",
            "2,\(file),8,30,一、本年新收政府信息公开申请数量,其他,／,0,\(placed)NA marker '／' read as 0",
        ])
    }

    @Test func whyQueryAndWhyBeforeAnyResult() {
        let c = run([".why 2", "why sum denied where district = 济南市历城区"])
        #expect(c.err.hasPrefix("error: '.why' explains the last result, and there is none yet"))
        // 1 + 10 + 1 + 3 + 1 + 6 = 22, the 历城 denied total.
        let values = lines(c.out).compactMap { line -> Int? in
            let cells = line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
            return cells.count > 8 ? Int(cells[7]) : nil
        }
        #expect(values.reduce(0, +) == 22)
    }
}
