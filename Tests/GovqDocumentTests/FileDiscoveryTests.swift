/// Finding reports in folders: the extensions picked up, the kind told by content, the other
/// files counted by extension, FIFOs skipped without hanging, non-UTF-8 names loaded.
import Foundation
import Testing
@testable import GovqLoader

@Suite struct FileDiscoveryTests {
    static let kinds: [(String, String, FileKind)] = [
        ("%PDF-1.7\n…", "a.txt", .pdf),
        ("\u{FEFF}%PDF-1.4", "report", .pdf),
        ("PK\u{3}\u{4}....word/document.xml....", "report.bin", .docx),
        ("PK\u{3}\u{4}....xl/workbook.xml....", "book.docx", .otherZip),
        ("<!DOCTYPE html><html><body>", "page.txt", .html),
        ("  \n<table><tr><td>1</td></tr></table>", "t.md", .html),
        ("三、收到和处理政府信息公开申请情况", "page.html", .html),
        ("三、收到和处理政府信息公开申请情况 <table>", "r.txt", .text),
        ("| 一、本年新收 | 5 |", "r.md", .text),
        ("{\\rtf1\\ansi 三、", "r.doc", .rtf),
        ("<html><body><table>", "saved-as.doc", .html),
    ]

    @Test(arguments: kinds)
    func kindByContentThenName(_ content: String, _ name: String, _ kind: FileKind) {
        var bytes = Array(content.utf8)
        #expect(bytes.withUnsafeMutableBufferPointer { FileKind.of(UnsafeBufferPointer($0), name: name) } == kind)
    }

    @Test func oleFilesAreWordBinaries() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]
        #expect(ole.withUnsafeBufferPointer { FileKind.of($0, name: "x.wps") } == .wordBinary)
    }

    static let names: [(String, Bool)] = [
        ("a.txt", true), ("A.TXT", true), ("r.md", true), ("p.html", true), ("p.HTM", true), ("p.shtml", true),
        ("r.pdf", true), ("r.docx", true), ("r.doc", true), ("r.wps", true),
        ("r.xls", false), ("r.jpg", false), ("txt", false), (".txt", true), ("r.txt.bak", false), ("rdocx", false),
    ]

    @Test(arguments: names)
    func reportNames(_ name: String, _ isReport: Bool) {
        #expect(Array(name.utf8).withUnsafeBytes { ReportLoader.isReportName($0) } == isReport)
    }

    @Test func summaryCountsOtherFilesByExtensionMostFirst() {
        #expect(ReportFiles.describe([".doc": 7, ".xls": 3, ".jpg": 2]) == "skipped 12 files: .doc 7, .xls 3, .jpg 2")
        #expect(ReportFiles.describe([".b": 1, ".a": 1]) == "skipped 2 files: .a 1, .b 1")
        #expect(ReportFiles.describe(["(no extension)": 1]) == "skipped 1 file: (no extension) 1")
    }

    @Test func aFolderOfEveryKind() throws {
        let dir = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.copyItem(atPath: Fixtures.path("hongze_2024.docx"), toPath: dir + "/r.docx")
        try fm.copyItem(atPath: Fixtures.path("hongze_2024.pdf"), toPath: dir + "/r.pdf")
        try fm.copyItem(atPath: Fixtures.path("pingtan_jjf_2019.html"), toPath: dir + "/p.shtml")
        // A PDF under a wrong name is read as the PDF it is.
        try fm.copyItem(atPath: Fixtures.path("hongze_2024.pdf"), toPath: dir + "/renamed.txt")
        for name in ["a.jpg", "b.jpg", "c.xls", "README"] { _ = fm.createFile(atPath: dir + "/" + name, contents: Data("x".utf8)) }
        _ = fm.createFile(atPath: dir + "/old.doc", contents: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]))
        #expect(mkfifo(dir + "/pipe.txt", 0o644) == 0)
        // A name that is not UTF-8: `bad\xff.txt`.
        let bad = Array((dir + "/bad").utf8) + [0xFF] + Array(".docx".utf8)
        let source = try #require(fm.contents(atPath: Fixtures.path("hongze_2024.docx")))
        let fd = open(bad.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        _ = source.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        let result = ReportLoader.load(paths: [dir])
        let status = Dictionary(uniqueKeysWithValues: result.reports.map { (String($0.file.dropFirst(dir.count + 1)), $0.status == .skipped ? $0.reason ?? "" : $0.status.rawValue) })
        #expect(status == [
            "bad\\xff.docx": "ok", "old.doc": "Word 97 or WPS file: convert to .docx or .pdf", "p.shtml": "ok",
            "pipe.txt": "not a regular file (a FIFO)", "r.docx": "ok", "r.pdf": "ok", "renamed.txt": "ok",
        ])
        #expect(result.otherFiles == [".jpg": 2, ".xls": 1, "(no extension)": 1])
        #expect(result.diagnostics.map(\.message).contains("skipped 4 files: .jpg 2, (no extension) 1, .xls 1"))
        #expect(result.cube.reportCount == 5)
    }
}
