/// Scripts and the REPL: splitting at `;` outside strings and comments, and telling an
/// unfinished input (ask for another line) from a finished or wrong one (run or report it).
import Testing
import GovqSyntax

struct SplitCase: Sendable, CustomTestStringConvertible {
    let script: String
    let statements: [String]
    let lines: [Int]
    var testDescription: String { script }
}

let splitCases: [SplitCase] = [
    SplitCase(script: "sum denied by district", statements: ["sum denied by district"], lines: [1]),
    SplitCase(script: "sum denied;sum granted；show years;", statements: ["sum denied", "           sum granted", "                       show years"], lines: [1, 1, 1]),
    SplitCase(script: "-- report queries; two of them\nsum denied;\n\n;;\n  sum new -- the new ones; not old\n  by applicant;\n",
              statements: ["sum denied", "  sum new -- the new ones; not old\n  by applicant"], lines: [2, 5]),
    SplitCase(script: "sum denied where district = 'a;b' ; show districts where district ~ “;”",
              statements: ["sum denied where district = 'a;b'", "                                    show districts where district ~ “;”"],
              lines: [1, 1]),
    // An unterminated string swallows the rest, `;` included: the parser then reports it.
    SplitCase(script: "sum denied where district = 'a; show years", statements: ["sum denied where district = 'a; show years"], lines: [1]),
    SplitCase(script: "  ;  -- nothing\n ; ", statements: [], lines: []),
]

@Test(arguments: splitCases)
func splits(_ c: SplitCase) {
    let result = QueryParser.splitStatements(c.script)
    #expect(result.map(\.text) == c.statements)
    #expect(result.map(\.line) == c.lines)
}

@Test(arguments: [
    // Finished: run it.
    ("sum denied by district", true),
    ("sum denied by district;", true),
    ("", true),
    ("   ", true),
    ("-- just a comment", true),
    ("show districts", true),
    // Wrong, but not for lack of input: run it so the REPL shows the error.
    ("sum denied by by", true),
    ("sum denied # x", true),
    ("sum denied limit ten", true),
    ("sum denied where (year = 2019 by", true),
    ("sum denied; sum by district", true),
    // Unfinished: ask for another line.
    ("sum", false),
    ("sum denied,", false),
    ("sum denied by", false),
    ("sum denied by district,", false),
    ("sum denied where year =", false),
    ("sum denied where year = 2019 and", false),
    ("sum denied where (year = 2019", false),
    ("sum denied where year in (2019, 2020", false),
    ("sum denied where district ~ '历城", false),
    ("sum denied where district ~ “历城", false),
    ("sum denied order", false),
    ("sum denied / ", false),
    ("show", false),
    ("sum denied by district; sum", false),
    ("sum denied by -- group by what?", false),
])
func completeness(_ input: String, _ complete: Bool) {
    #expect(QueryParser.isComplete(input) == complete)
}

/// Completion reads what the parser expected at the end of an unfinished query.
@Test(arguments: [
    ("sum ", SyntaxError.Expectation.measure),
    ("sum denied by ", .dimension),
    ("sum denied by district, ", .dimension),
    ("sum corrected from ", .table),
    ("show ", .showSubject),
    ("sum denied pivot ", .dimension),
    ("sum denied where year ", .comparison),
    ("sum denied where year = ", .expression),
    ("sum denied order ", .token("by")),
])
func expectationAtEnd(_ input: String, _ expected: SyntaxError.Expectation) {
    let error = QueryParser.syntaxError(in: input)
    #expect(error?.atEndOfInput == true)
    #expect(error?.expected == expected)
}
