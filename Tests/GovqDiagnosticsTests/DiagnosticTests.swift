import Testing
@testable import GovqDiagnostics

@Suite struct DiagnosticFormatterTests {
    @Test func caretUnderTokenWithChineseBeforeIt() {
        let d = Diagnostic.error("unknown measure 'denid'", source: "<query>",
                                 location: SourceLocation(line: 1, column: 10, length: 5),
                                 sourceLine: "sum 不予公开 denid", help: "did you mean 'denied'?")
        #expect(DiagnosticFormatter.format(d) == """
        error: unknown measure 'denid'
         --> <query>:1:10
          |
        1 | sum 不予公开 denid
          |              ^^^^^
          = help: did you mean 'denied'?

        """)
    }

    @Test func longLineIsShownAroundTheCaret() {
        // Column 1001 of a 2000-character line: 40 characters either side, cut marks, caret moved.
        let line = String(repeating: "a", count: 1000) + "denid" + String(repeating: "b", count: 995)
        let d = Diagnostic.error("unknown measure 'denid'", source: "<query>",
                                 location: SourceLocation(line: 1, column: 1001, length: 5), sourceLine: line)
        let a40 = String(repeating: "a", count: 40), b40 = String(repeating: "b", count: 40)
        #expect(DiagnosticFormatter.format(d) == """
        error: unknown measure 'denid'
         --> <query>:1:1001
          |
        1 | …\(a40)denid\(b40)…
          |  \(String(repeating: " ", count: 40))^^^^^

        """)
    }

    @Test(arguments: [("denid", "denied"), ("distrct", "district"), ("yaer", "year"), ("zzzzzz", nil)] as [(String, String?)])
    func nearestName(word: String, expected: String?) {
        #expect(EditDistance.nearest(word, in: ["denied", "district", "year", "granted"]) == expected)
    }

    @Test func displayWidthCountsChineseAsTwo() {
        #expect(DisplayWidth.of("临淄区 12") == 9)
        #expect(DisplayWidth.of("（一）") == 6)
    }
}
