/// Report text never drives the terminal (issue 13, item 5). `TerminalText` is the one helper;
/// the end-to-end cases run the built govq on a report titled with an OSC sequence that would
/// rename the window (`ESC ] 0 ; HACKED BEL`), a bidirectional override and a zero-width space,
/// beside an empty file whose name holds a newline and a clear-screen sequence.
import Foundation
import GovqDiagnostics
import Testing

@Suite("Terminal-safe text")
struct TerminalEscapeTests {
    static let escapeCases: [(String, String)] = [
        ("济南市历城区", "济南市历城区"),
        ("\u{1B}]0;HACKED\u{7}区", "\\u{1B}]0;HACKED\\u{7}区"),
        ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
        ("\u{7F}\u{85}\u{9B}", "\\u{7F}\\u{85}\\u{9B}"),
        ("abc\u{202E}txt.exe", "abc\\u{202E}txt.exe"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}", "\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{2066}\\u{2067}\\u{2068}\\u{2069}"),
        ("历\u{200B}城\u{200C}\u{200D}\u{2060}\u{FEFF}", "历\\u{200B}城\\u{200C}\\u{200D}\\u{2060}\\u{FEFF}"),
        ("\u{200E}\u{200F}\u{61C}", "\\u{200E}\\u{200F}\\u{61C}"),
        ("（一）予以公开 　 — ≠ …", "（一）予以公开 　 — ≠ …"),   // full-width space and punctuation are text
    ]

    @Test(arguments: escapeCases) func escaped(_ input: String, _ shown: String) {
        #expect(TerminalText.escaped(input) == shown)
    }

    @Test func layoutIsKeptWhereItIsTheRenderings() {
        #expect(TerminalText.escapedKeepingLayout("a,b\r\n\u{1B}[2J,1\r\n") == "a,b\r\n\\u{1B}[2J,1\r\n")
        #expect(TerminalText.escapedKeepingLayout("x\ty\nlone\rcr\n") == "x\ty\nlone\\rcr\n")
        #expect(TerminalText.escapedKeepingLayout("{\"d\": \"\u{202E}\u{85}\"}\n", style: .json) == "{\"d\": \"\\u202e\\u0085\"}\n")
        #expect(TerminalText.escapedKeepingTabs("a\tb\u{1B}c\n") == "a\tb\\u{1B}c\\n")
    }

    /// A diagnostic quoting hostile text: every part escaped, the caret still under the token.
    @Test func diagnosticsAreEscapedAndCaretsFollow() {
        let d = Diagnostic.error("'\u{1B}[5m04' is not a number", source: "x\n\u{1B}.txt",
                                 location: SourceLocation(line: 3, column: 3, length: 5), sourceLine: "1 \u{1B}[5m04 2",
                                 help: "a\u{202E}b")
        #expect(DiagnosticFormatter.format(d) == """
            error: '\\u{1B}[5m04' is not a number
             --> x\\n\\u{1B}.txt:3:3
              |
            3 | 1 \\u{1B}[5m04 2
              |   ^^^^^^^^^^
              = help: a\\u{202E}b

            """)
    }

    /// The hostile folder: `t.txt` (the base report, titled with the OSC sequence, a bidi
    /// override and a zero-width space, and its 总计 cell for natural_person changed from 10 to
    /// 11 so that it does not add up) and an empty file named `bad⏎name ESC[2J.txt`.
    static func hostileFolder() throws -> URL {
        let folder = try Hardening.scratchFolder()
        let title = "\u{1B}]0;HACKED\u{7}示\u{202E}范\u{200B}区2020年政府信息公开工作年度报告"
        let text = Hardening.base(replacingLine: 1, with: title)
            .replacingOccurrences(of: "（七）总计\t10\t", with: "（七）总计\t11\t")
        try Data(text.utf8).write(to: folder.appendingPathComponent("t.txt"))
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("bad\nname\u{1B}[2J.txt").path, contents: Data())
        return folder
    }

    static let district = "\\u{1B}]0;HACKED\\u{7}示\\u{202E}范\\u{200B}区"

    /// Nothing a terminal would act on: no ESC, BEL, CR, C1 control, bidi or zero-width
    /// character (line feeds and tabs are layout).
    static func isInert(_ s: String) -> Bool {
        !s.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" && $0 != "\t" }
    }

    @Test func queryTableAndWarnings() throws {
        let folder = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Govq.run(["--data", ".", "-e", "sum new by district"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(Self.isInert(r.out) && Self.isInert(r.err), "\(r.out)\(r.err)")
        #expect(r.out.contains("│ \(Self.district) │  14 │"), "\(r.out)")
        #expect(r.err == """
            warning: skipped './bad\\nname\\u{1B}[2J.txt': empty file
            warning: 1 of 1 reports does not add up (\(Self.district) 2020); run 'govq check' for details

            """)
    }

    /// `govq check`: one line per file, the names escaped; the diagnostics escaped too.
    @Test func checkListing() throws {
        let folder = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Govq.run(["check", "."], in: folder)
        #expect(r.status == 1)
        #expect(Self.isInert(r.out) && Self.isInert(r.err), "\(r.out)\(r.err)")
        let listing = r.out.components(separatedBy: "\n\n")[0].components(separatedBy: "\n")
        #expect(listing.count == 2, "\(listing)")
        #expect(listing.first?.hasPrefix("./bad\\nname\\u{1B}[2J.txt  ") == true, "\(listing)")
        #expect(listing.last?.contains(Self.district) == true, "\(listing)")
        #expect(r.out.contains("error: natural_person: "), "\(r.out)")
    }

    /// CSV, TSV, Markdown and JSON on a terminal (a pseudo-terminal made by `script`) are
    /// escaped; the same query into a pipe keeps the exact bytes.
    @Test(arguments: ["csv", "tsv", "markdown", "json"]) func delimitedFormatsOnATerminal(_ format: String) throws {
        let folder = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = "\"$GOVQ\" --data . --format \(format) -e 'sum new by district' 2>/dev/null"
        let tty = try Shell.run("script -qec '\(command.replacingOccurrences(of: "'", with: "'\\''"))' /dev/null", in: folder)
        #expect(tty.status == 0, "\(tty.err)")
        // The terminal turns each LF into CR LF (CSV's own CRLF into CR CR LF); what is left
        // must be inert.
        let screen = tty.out.replacingOccurrences(of: "\r\r\n", with: "\n").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(Self.isInert(screen), "\(screen)")
        #expect(screen.contains(format == "json" ? "\\u001b]0;HACKED\\u0007示\\u202e范\\u200b区" : Self.district), "\(screen)")
        let piped = try Shell.run(command + " | cat", in: folder)
        #expect(piped.out.contains("\u{1B}]0;HACKED") || format == "json", "a pipe gets the bytes as they are")
    }
}
