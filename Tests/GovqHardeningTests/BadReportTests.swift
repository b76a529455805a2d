/// The bad-input suite for report files (issue 6): each broken file is loaded from a folder
/// next to a good sample. The broken one must be skipped with a reason or read with errors
/// that name the file, the line and what is wrong; a number it cannot read must be missing
/// (NULL), never clamped, truncated or made up; and the good sample's numbers must be exact.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader
import Testing

/// What a broken report must lead to.
enum Expected: Sendable {
    /// Not loaded; the reason contains this text.
    case skipped(String)
    /// Loaded; these cells hold these values (nil: missing). With `error`, an error-severity
    /// diagnostic must point at `line` and mention `mentions`.
    case read([CellExpectation], error: (line: Int?, mentions: String)? = nil)
}

struct CellExpectation: Sendable {
    var outcome: Outcome
    var applicant: ApplicantType
    var value: Int32?
    /// Other acceptable values (a duplicated row may keep its first reading).
    var orAlso: Int32?? = .none

    init(_ outcome: Outcome, _ applicant: ApplicantType, _ value: Int32?, orAlso: Int32?? = .none) {
        self.outcome = outcome
        self.applicant = applicant
        self.value = value
        self.orAlso = orAlso
    }
}

struct BadReport: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: @Sendable () -> [UInt8]
    var expect: Expected
    /// Set while the loader does not yet behave as the case demands: the reason, who owns the
    /// fix. The case then passes as a known issue, and fails once the loader is fixed, so the
    /// marker gets removed.
    var knownIssue: String? = nil
    var testDescription: String { name }
}

/// Cells of the base report that every readable variant must keep.
let baseCells: [CellExpectation] = [
    .init(.new, .naturalPerson, 10), .init(.new, .business, 2), .init(.granted, .naturalPerson, 5),
    .init(.unavailableNotHeld, .research, 1), .init(.handled, .naturalPerson, 10), .init(.carriedForward, .otherOrg, 1),
]

/// Row `（一）予以公开` (line 11) with its first cell replaced.
func grantedRow(_ first: String) -> @Sendable () -> [UInt8] {
    { Array(Hardening.base(replacingLine: 11, with: "（一）予以公开\t\(first)\t1\t0\t0\t0\t0\t6").utf8) }
}

/// The first cell of `（一）予以公开` is unreadable: it must be NULL with an error on line 11 that
/// quotes it, and the row's other cells stay in their columns (business is still 1, not shifted
/// left, not clamped).
func unreadableGranted(_ cell: String) -> Expected {
    .read([.init(.granted, .naturalPerson, nil), .init(.granted, .business, 1), .init(.granted, .research, 0),
           .init(.new, .naturalPerson, 10)],
          error: (11, "'\(cell)'"))
}

let prose = String(repeating: "本年度，我单位持续推进政务公开，依法依规办理政府信息公开申请。", count: 1) + "\n"

let badReports: [BadReport] = [
    BadReport(name: "empty file", bytes: { [] }, expect: .skipped("empty")),
    BadReport(name: "only blank lines", bytes: { Array(" \n\r\n\t\n".utf8) }, expect: .skipped("empty")),
    BadReport(name: "binary file (PNG header, NUL bytes)",
              bytes: { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Hardening.noise(count: 4096, seed: 7) },
              expect: .skipped("")),
    BadReport(name: "binary file without NUL bytes",
              bytes: { Hardening.noise(count: 65536, seed: 11).map { $0 == 0 ? 1 : $0 } }, expect: .skipped("")),
    BadReport(name: "50 MB file (the report, then 50 MB of prose)",
              bytes: {
                  var b = Array(Hardening.base.utf8)
                  let line = Array(prose.utf8)
                  b.reserveCapacity(50 << 20 + line.count)
                  while b.count < 50 << 20 { b += line }
                  return b
              },
              expect: .read(baseCells)),
    BadReport(name: "cut off in the middle of the table (inside row 2.其他法律行政法规禁止公开)",
              bytes: {
                  let text = Hardening.base
                  let cut = text.range(of: "2.其他法律行政法规禁止公开\t1\t0")!.upperBound
                  return Array(text[..<cut].utf8)
              },
              expect: .read([.init(.new, .naturalPerson, 10), .init(.granted, .naturalPerson, 5),
                             .init(.deniedSecurity, .naturalPerson, nil), .init(.handled, .naturalPerson, nil),
                             .init(.carriedForward, .naturalPerson, nil)],
                            error: (nil, "denied.security"))),
    BadReport(name: "GBK (GB18030) file", bytes: { Hardening.gb18030(Hardening.base) }, expect: .read(baseCells)),
    BadReport(name: "GBK file with CRLF", bytes: { Hardening.gb18030(Hardening.base.replacingOccurrences(of: "\n", with: "\r\n")) },
              expect: .read(baseCells)),
    BadReport(name: "UTF-16LE with BOM", bytes: { Hardening.utf16(Hardening.base, littleEndian: true) }, expect: .read(baseCells)),
    BadReport(name: "UTF-16BE with BOM", bytes: { Hardening.utf16(Hardening.base, littleEndian: false) }, expect: .read(baseCells)),
    BadReport(name: "UTF-16LE without BOM", bytes: { Hardening.utf16(Hardening.base, littleEndian: true, bom: false) },
              expect: .skipped("")),
    BadReport(name: "UTF-16 with an odd byte count", bytes: { Hardening.utf16(Hardening.base, littleEndian: true) + [0x41] },
              expect: .skipped("")),
    BadReport(name: "1 MB line in the prose",
              bytes: { Array(Hardening.base(inserting: [String(repeating: "很长的一段说明文字", count: 1 << 20 / 27)], before: 3).utf8) },
              expect: .read(baseCells)),
    BadReport(name: "1 MB line of ASCII without spaces before the title",
              bytes: { Array((String(repeating: "x", count: 1 << 20) + "\n" + Hardening.base).utf8) },
              expect: .read(baseCells)),
    BadReport(name: "number beyond Int64", bytes: grantedRow("99999999999999999999"),
              expect: unreadableGranted("99999999999999999999")),
    BadReport(name: "number beyond Int32 (the cube's cell type)", bytes: grantedRow("3000000000"),
              expect: unreadableGranted("3000000000")),
    BadReport(name: "full-width digits beyond Int64", bytes: grantedRow("９９９９９９９９９９９９９９９９９９９９９"),
              expect: unreadableGranted("９９９９９９９９９９９９９９９９９９９９９")),
    BadReport(name: "negative number", bytes: grantedRow("-5"), expect: unreadableGranted("-5")),
    BadReport(name: "negative number with a full-width minus", bytes: grantedRow("－5"), expect: unreadableGranted("－5")),
    BadReport(name: "number with a plus sign", bytes: grantedRow("+5"), expect: unreadableGranted("+5")),
    BadReport(name: "letters in a number cell", bytes: grantedRow("abc"), expect: unreadableGranted("abc")),
    BadReport(name: "N/A in a number cell", bytes: grantedRow("N/A"), expect: unreadableGranted("N/A")),
    BadReport(name: "digits then letters in a number cell", bytes: grantedRow("5x"), expect: unreadableGranted("5x")),
    BadReport(name: "a fraction in a number cell", bytes: grantedRow("4.5"), expect: unreadableGranted("4.5")),
    BadReport(name: "a misplaced thousands comma", bytes: grantedRow("12,34"), expect: unreadableGranted("12,34")),
    BadReport(name: "a number too large in section 四",
              bytes: { Array(Hardening.base(replacingLine: 34, with: "行政复议\t1\t0\t3000000000\t1\t2").utf8) },
              expect: .read(baseCells, error: (34, "review, other: '3000000000' is larger than a count can be (2147483647)"))),
    BadReport(name: "duplicated row with other numbers",
              bytes: { Array(Hardening.base(inserting: ["（一）予以公开\t7\t1\t0\t0\t0\t0\t8"], before: 12).utf8) },
              expect: .read([.init(.granted, .naturalPerson, 5, orAlso: .some(nil)), .init(.new, .naturalPerson, 10)],
                            error: (11, "予以公开"))),
    BadReport(name: "two applications tables",
              bytes: {
                  let lines = Hardening.base.components(separatedBy: "\n")
                  var second = Array(lines[5..<31])
                  second[2] = "一、本年新收政府信息公开申请数量\t20\t2\t1\t0\t1\t0\t24"
                  return Array(Hardening.base(inserting: second, before: 32).utf8)
              },
              expect: .read([.init(.new, .naturalPerson, 10), .init(.granted, .naturalPerson, 5)], error: (nil, ""))),
]

@Suite("bad report files")
struct BadReportTests {
    @Test(arguments: badReports)
    func badFileNextToAGoodOne(_ bad: BadReport) throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let badPath = folder.appendingPathComponent("bad.txt").path
        let goodPath = folder.appendingPathComponent("good.txt").path
        #expect(FileManager.default.createFile(atPath: badPath, contents: Data(bad.bytes())))
        try FileManager.default.copyItem(atPath: Hardening.goodSample, toPath: goodPath)

        let result = ReportLoader.load(paths: [folder.path])

        // The good neighbour is untouched.
        let good = try #require(result.report(endingWith: "/good.txt"))
        #expect(result.cube.district[report: good] == Hardening.goodDistrict)
        for (o, a, v) in Hardening.goodCells { #expect(result.value(good, o, a) == v, "good.txt \(o) \(a)") }
        #expect(result.reports.first { $0.file == goodPath }?.status == .ok)

        if let issue = bad.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) { try checkBadFile(bad, result, badPath: badPath, goodPath: goodPath) }
        } else {
            try checkBadFile(bad, result, badPath: badPath, goodPath: goodPath)
        }
    }

    func checkBadFile(_ bad: BadReport, _ result: LoadResult, badPath: String, goodPath: String) throws {
        // Every diagnostic about the bad file names it.
        let summary = try #require(result.reports.first { $0.file == badPath })
        let mine = result.diagnostics.filter { $0.source == badPath }
        #expect(result.diagnostics.allSatisfy { $0.source == badPath || $0.source == goodPath || $0.severity != .error })

        switch bad.expect {
        case .skipped(let reason):
            #expect(summary.status == .skipped)
            #expect(summary.reason.map { !$0.isEmpty && (reason.isEmpty || $0.contains(reason)) } == true,
                    "reason: \(summary.reason ?? "none")")
            #expect(result.report(endingWith: "/bad.txt") == nil, "a skipped file must add no numbers")
        case .read(let cells, let error):
            let r = try #require(result.report(endingWith: "/bad.txt"), "skipped: \(summary.reason ?? "")")
            for c in cells {
                let v = result.value(r, c.outcome, c.applicant)
                if case .some(let alt) = c.orAlso {
                    #expect(v == c.value || v == alt, "\(c.outcome) \(c.applicant)")
                } else {
                    #expect(v == c.value, "\(c.outcome) \(c.applicant): \(DiagnosticFormatter.format(mine))")
                }
            }
            if let error {
                #expect(summary.status == .inconsistent)
                let hit = mine.contains { d in
                    d.severity == .error && (error.line == nil || d.location?.line == error.line)
                        && (error.mentions.isEmpty || d.message.contains(error.mentions) || d.help?.contains(error.mentions) == true)
                }
                #expect(hit, "expected an error\(error.line.map { " on line \($0)" } ?? "") mentioning '\(error.mentions)'; got:\n\(DiagnosticFormatter.format(mine))")
            } else {
                #expect(summary.status == .ok, "\(DiagnosticFormatter.format(mine))")
            }
        }
    }

    /// A folder of many bad files still loads every good report, in path order.
    @Test func everyBadFileTogether() throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (i, bad) in badReports.enumerated() where !bad.name.hasPrefix("50 MB") {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(String(format: "bad-%02d.txt", i)).path,
                                               contents: Data(bad.bytes()))
        }
        try FileManager.default.copyItem(atPath: Hardening.goodSample, toPath: folder.appendingPathComponent("good.txt").path)
        let result = ReportLoader.load(paths: [folder.path])
        #expect(result.reports.count == badReports.count)
        let good = try #require(result.report(endingWith: "/good.txt"))
        for (o, a, v) in Hardening.goodCells { #expect(result.value(good, o, a) == v) }
    }

    /// A path that does not exist, and a folder without reports, are errors, not crashes.
    @Test func missingPathAndEmptyFolder() throws {
        let folder = try Hardening.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = ReportLoader.load(paths: [folder.path, folder.appendingPathComponent("nope").path, Hardening.goodSample])
        #expect(result.cube.reportCount == 1)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("nope") })
    }
}
