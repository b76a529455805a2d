/// `-o FILE`: the format follows the extension, the file appears whole or not at all, and an
/// existing file survives a failed run. Checked on the real binary, in a scratch folder.
import Foundation
import Testing

/// A class, so that `deinit` removes each test's scratch folder.
@Suite final class OutputFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("govq-o-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.sorted()
    }

    @Test func csvFileFromExtensionWithBOM() throws {
        let target = folder.appendingPathComponent("denied.csv")
        let run = try GovqProcess.run(["--data", "Samples/reports", "-e", "sum denied by district", "-o", target.path, "--bom"])
        #expect(run.status == 0)
        #expect(run.stdout == "")
        let bytes = [UInt8](try Data(contentsOf: target))
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        // Read from the reports: 历城 22 (1+11+3+1+6), 济宁 0, 临淄 0, 城阳 4 (denied.process), 下城 6 (2+2+2).
        #expect(text == "district,denied\r\n济南市历城区,22\r\n济宁经济技术开发区,0\r\n临淄区,0\r\n青岛市城阳区,4\r\n下城区,6\r\n")
        #expect(try leftovers() == [])
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o044 } == 0o044 || mode == nil, "readable like any new file, not mkstemp's 0600")
    }

    @Test func failedQueryLeavesTheExistingFileAlone() throws {
        let target = folder.appendingPathComponent("keep.json")
        try Data("precious\n".utf8).write(to: target)
        let run = try GovqProcess.run(["--data", "Samples/reports", "-e", "count reports", "-e", "sum )", "-o", target.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: "))
        #expect(try String(contentsOf: target, encoding: .utf8) == "precious\n")
        #expect(try leftovers() == [])
    }

    @Test func missingFolderIsAFileError() throws {
        let target = folder.appendingPathComponent("no/such/dir/out.csv")
        let run = try GovqProcess.run(["--data", "Samples/reports", "-e", "count reports", "-o", target.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix("error: cannot write '\(target.path)': no such file or directory\n"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func aDirectoryIsNeverReplaced() throws {
        let target = folder.appendingPathComponent("dir.csv")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let run = try GovqProcess.run(["--data", "Samples/reports", "-e", "count reports", "-o", target.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix("error: cannot write '\(target.path)': is a directory\n"))
        #expect(try leftovers() == [])
    }

    @Test func unknownExtensionAsksForFormat() throws {
        let target = folder.appendingPathComponent("out.parquet")
        let run = try GovqProcess.run(["--data", "Samples/reports", "-e", "count reports", "-o", target.path])
        #expect(run.status == 2)
        #expect(run.stderr == """
        error: cannot tell the format of '\(target.path)' from its extension
          = help: use .csv, .tsv, .json, .jsonl, .md, .txt or .xlsx, or pass --format

        """)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func jsonFromExtension() throws {
        let target = folder.appendingPathComponent("years.json")
        let run = try GovqProcess.run(["--data", "Samples/reports", "-e", "count reports by year", "-o", target.path])
        #expect(run.status == 0)
        // Four reports are for 2019 (历城, 临淄, 城阳, 下城), one for 2020 (济宁).
        let text = try String(contentsOf: target, encoding: .utf8)
        #expect(text == "[\n{\"year\": 2019, \"count reports\": 4},\n{\"year\": 2020, \"count reports\": 1}\n]\n")
    }
}
