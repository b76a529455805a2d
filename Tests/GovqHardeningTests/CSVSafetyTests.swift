/// CSV that is safe to open in Excel, end to end (issue 6; the renderer's guard is in
/// GovqRender/ValueText.swift): district and unit names come from untrusted titles, so a text
/// cell starting with = + - @ (or a tab or CR) is written with a leading ', numbers never are.
/// Runs the built govq on a report whose title makes its district a formula.
import Foundation
import Testing

@Suite("CSV safe for spreadsheets")
struct CSVSafetyTests {
    /// Titles whose district a spreadsheet would run as a formula.
    static let hostile = ["=1+2示范区", "+1示范区", "-1示范区", "@SUM(1)示范区"]

    static func folder() throws -> URL {
        let folder = try Hardening.scratchFolder()
        for (i, name) in hostile.enumerated() {
            let text = Hardening.base(replacingLine: 1, with: "\(name)2020年政府信息公开工作年度报告")
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("r\(i).txt").path, contents: Data(text.utf8))
        }
        return folder
    }

    @Test func queryOutputAsCSV() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Govq.run(["--data", folder.path, "--format", "csv", "-e", "sum new, -sum new as neg by district"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        for name in Self.hostile {
            // The name is neutralised; the numbers, negative ones included, are left alone.
            let line = lines.first { $0.contains(name) }
            #expect(line?.hasPrefix("'" + name + ",14,-14") == true || line?.hasPrefix("\"'" + name) == true, "\(lines)")
        }
        #expect(!lines.contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("@") || $0.hasPrefix("-") })
    }

    @Test func exportAsCSV() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Govq.run(["export", "--data", folder.path, "-o", "out.csv"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        let text = try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8)
        for name in Self.hostile { #expect(text.contains(",'" + name + ",") , "\(name)") }
        // No field starts with a formula character: split on the separators and look.
        let fields = text.split(whereSeparator: { $0 == "," || $0 == "\r\n" || $0 == "\n" })
        #expect(!fields.contains { f in ["=", "+", "@"].contains(f.first) || (f.first == "-" && Int(f) == nil) })
        // Written through a temporary file: nothing but the target is left in the folder.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("tmp") || $0.hasPrefix(".out") }
        #expect(left.isEmpty, "\(left)")
    }
}
