/// The REPL's `.check` listing shows names from the files escaped (issue 13, item 5): one line
/// per report even when a file name holds a newline, and no escape sequence reaches the screen.
import GovqDiagnostics
import GovqLoader
import GovqREPL
import Testing

@Suite struct CheckEscapeTests {
    @Test func hostileNamesStayOnTheirLine() {
        var data = LoadResult()
        data.reports = [
            ReportSummary(file: "bad\nname\u{1B}[2J.txt", status: .skipped, reason: "empty file"),
            ReportSummary(file: "t.txt", district: "\u{1B}]0;HACKED\u{7}示\u{202E}区", year: 2020, status: .ok),
        ]
        let text = REPL<StdinLineReader>.checkReport(data)
        // Widths by hand: the file column 22 (bad 3, \n 2, name 4, \u{1B} 6, [2J.txt 7), the
        // district 32 (\u{1B} 6, ]0;HACKED 9, \u{7} 5, 示 2, \u{202E} 8, 区 2), two spaces after each.
        #expect(text == """
            bad\\nname\\u{1B}[2J.txt  -                                 -     -  skipped (empty file)
            t.txt                   \\u{1B}]0;HACKED\\u{7}示\\u{202E}区  2020  -  ok
            2 reports, 1 not ok, 0 diagnostics

            """)
        #expect(!text.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" })
    }
}
