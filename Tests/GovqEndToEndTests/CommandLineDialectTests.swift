/// Issue 17 end to end, on the built binary: a copy runs anywhere on its embedded samples,
/// `--version`, sqlite3/DuckDB flags, dot-command scripts, `-echo`, xlsx read back with openpyxl,
/// and `export` refusing what it cannot write. Numbers are the five samples', read by hand:
/// 4 reports on 2019 and 1 on 2020; denied 6 in 下城区; 临淄区's handled is missing.
import Foundation
import GovqSamples
import Testing

@Suite struct InstallTests {
    @Test func aCopiedBinaryInAnEmptyFolderAnswersFromTheEmbeddedSamples() throws {
        let dir = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("govq")
        try FileManager.default.copyItem(at: try #require(GovqProcess.binary), to: copy)
        let run = try GovqProcess.run(["--format", "csv", "-e", "count reports"], directory: dir, binary: copy)
        #expect(run.stdout == "count reports\r\n5\r\n")
        #expect(run.status == 0)
        // The loader names them as it always has.
        let check = try GovqProcess.run(["check"], directory: dir, binary: copy)
        #expect(check.stdout.hasPrefix("<samples>/000_55b3ad02e644708f.txt  济南市历城区"))
    }

    @Test func theEmbeddedSamplesAreSamplesReportsByteForByte() throws {
        let folder = GovqProcess.root.appendingPathComponent("Samples/reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(SampleData.reports.map(\.name) == files, "run scripts/embed-samples.py")
        for sample in SampleData.reports {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(sample.name)))
            #expect(sample.bytes == bytes, "\(sample.name) differs: run scripts/embed-samples.py")
        }
    }

    @Test func versionPrintsTheVersionAndCommitAndExitsZero() throws {
        for flag in ["--version", "-version"] {
            let run = try GovqProcess.run([flag])
            #expect(run.stdout.hasPrefix("govq 0.17.0 (commit "), "\(flag)")
            #expect(run.status == 0)
        }
    }
}

@Suite struct SqliteFlagTests {
    @Test(arguments: [
        (["-csv", "-c", "count reports by year"], "year,count reports\r\n2019,4\r\n2020,1\r\n"),
        (["-c", "count reports by year", "-csv", "-noheader"], "2019,4\r\n2020,1\r\n"),
        (["-csv", "--no-header", "-c", "count reports by year"], "2019,4\r\n2020,1\r\n"),
        (["-tabs", "-header", "-c", "count reports by year"], "year\tcount reports\n2019\t4\n2020\t1\n"),
        (["-line", "-e", "sum denied by district where district = 下城区"], "district = 下城区\n  denied = 6\n"),
        (["-jsonl", "-e", "count reports by year"], "{\"year\": 2019, \"count reports\": 4}\n{\"year\": 2020, \"count reports\": 1}\n"),
        (["-csv", "-nullvalue", "NA", "-e", "sum handled by district where district = 临淄区"], "district,handled\r\n临淄区,NA\r\n"),
        (["-markdown", "-e", "count reports by year where year = 2020"], "| year | count reports |\n| ---: | ------------: |\n| 2020 |             1 |\n"),
        // A value is never rewritten: after `-nullvalue`, `-json` is the text NULL is shown as.
        (["-csv", "-e", "count reports", "-nullvalue", "-json"], "count reports\r\n5\r\n"),
    ])
    func flag(arguments: [String], expected: String) throws {
        let run = try GovqProcess.run(arguments)
        #expect(run.stdout == expected)
        #expect(run.status == 0)
    }

    @Test func anUnknownOptionReadsLikeGovqsOwnErrors() throws {
        let run = try GovqProcess.run(["--fromat", "csv", "-e", "count reports"])
        #expect(run.stderr == "error: unknown option '--fromat'\n  = help: did you mean '--format'?\n")
        #expect(run.status == 2)
        let missing = try GovqProcess.run(["-c"])
        #expect(missing.stderr.hasPrefix("error: missing value for '-c <query>'\n  = help: "))
        #expect(missing.status == 2)
    }

    @Test func echoLabelsEachResultOfAScriptWithItsQuery() throws {
        let run = try GovqProcess.run(["-csv", "-echo", "-f", "-"], stdin: "count reports;\ncount reports by year\n")
        #expect(run.stdout == "count reports\ncount reports\r\n5\r\n\r\ncount reports by year\nyear,count reports\r\n2019,4\r\n2020,1\r\n")
    }
}

@Suite struct DotCommandScriptTests {
    @Test func dotCommandsWorkInAPipedScript() throws {
        let run = try GovqProcess.run([], stdin: ".mode csv\ncount reports by year\n")
        #expect(run.stdout == "year,count reports\r\n2019,4\r\n2020,1\r\n")
        #expect(run.status == 0)
    }

    @Test func aFailingLineIsReportedTheRestRunsAndTheStatusIsTwo() throws {
        let run = try GovqProcess.run([], stdin: ".mode csv\nsum deneid\n.headers off\ncount reports\n")
        #expect(run.stdout == "5\r\n")
        #expect(run.stderr.contains("error: unknown measure 'deneid'"))
        #expect(run.status == 2)
    }
}

@Suite struct WorkbookTests {
    /// Reads the workbook with openpyxl (installed by .ci/run) and prints what a test compares.
    static let reader = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            out.append({"title": ws.title, "frozen": ws.freeze_panes, "bold": [c.font.b for c in ws[1]],
                        "rows": [[c.value for c in row] for row in ws.iter_rows()]})
        print(json.dumps(out, ensure_ascii=False))
        """

    @Test func oneSheetPerQueryNumbersNumericNullEmptyChineseIntact() throws {
        let dir = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("结果.xlsx").path
        let run = try GovqProcess.run(["-e", "count reports by year",
                                       "-e", "sum handled, denied / handled as rate by district where year = 2019",
                                       "-o", file])
        #expect(run.status == 0)
        let sheets = try Self.read(file)
        #expect(sheets.count == 2)
        #expect(sheets[0]["title"] as? String == "query 1")
        #expect(sheets[0]["frozen"] as? String == "A2")
        #expect(sheets[0]["bold"] as? [Bool] == [true, true])
        let first = try #require(sheets[0]["rows"] as? [[Any]])
        #expect(first.map { $0.map { "\($0)" } } == [["year", "count reports"], ["2019", "4"], ["2020", "1"]])
        #expect(first[1][1] is Int)   // a number, not the text "4"
        let second = try #require(sheets[1]["rows"] as? [[Any]])
        #expect(second[0].map { "\($0)" } == ["district", "handled", "rate"])
        // 济南市历城区: handled 293, denied 22; 临淄区: handled missing, so both cells are empty.
        #expect(second[1][0] as? String == "济南市历城区")
        #expect(second[1][1] as? Int == 293)
        #expect(abs((second[1][2] as? Double ?? 0) - 22.0 / 293.0) < 1e-12)
        let zibo = try #require(second.first { $0[0] as? String == "临淄区" })
        #expect(zibo[1] is NSNull && zibo[2] is NSNull)
    }

    @Test func aWorkbookIsNotWrittenToATerminalButIsToAPipe() throws {
        let run = try GovqProcess.run(["--format", "xlsx", "-e", "count reports"])
        #expect(run.stdout.hasPrefix("PK"))
        #expect(run.status == 0)
    }

    static func read(_ file: String) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", reader, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openpyxl could not read \(file) (pip install openpyxl)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }
}

@Suite struct ExportFormatTests {
    @Test(arguments: ["cube.parquet", "cube.xlsx", "cube.txt"])
    func anExtensionExportCannotWriteIsRefusedAndNothingIsWritten(name: String) throws {
        let dir = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name).path
        let run = try GovqProcess.run(["export", "-o", file])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: cannot export to '\(file)': govq export writes CSV or JSON Lines"))
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func bomStartsTheExportedCSV() throws {
        let run = try GovqProcess.run(["export", "--bom"])
        #expect(run.stdout.hasPrefix("\u{FEFF}file,district,unit,year,template,applicant,outcome,count\r\n"))
        let plain = try GovqProcess.run(["export"])
        #expect(plain.stdout.hasPrefix("file,district"))
    }
}

/// A fresh folder for one test; the test removes it.
enum Scratch {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govq-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite struct DotCommandArgumentTests {
    @Test func anExecuteArgumentMayBeADotCommand() throws {
        let run = try GovqProcess.run(["-e", ".mode csv", "-e", "count reports by year where year = 2020"])
        #expect(run.stdout == "year,count reports\r\n2020,1\r\n")
        #expect(run.status == 0)
    }
}
