/// Every error path of the lexer and parser, as the exact text a user sees
/// (`DiagnosticFormatter.format`): message, location, source line and caret run.
import Testing
import GovqDiagnostics
import GovqSyntax

/// The rendered diagnostic for `query`, or "parsed" when it parses.
func rendered(_ query: String, source: String = "<query>") -> String {
    do {
        _ = try QueryParser.parse(query, source: source)
        return "parsed"
    } catch let d as Diagnostic {
        return DiagnosticFormatter.format(d)
    } catch {
        return "unexpected error: \(error)"
    }
}

struct ErrorCase: Sendable, CustomTestStringConvertible {
    let query: String
    let expected: String
    var testDescription: String { query.count > 60 ? String(query.prefix(60)) + "…" : query }
    init(_ query: String, _ expected: String) { self.query = query; self.expected = expected }
}

let errorCases: [ErrorCase] = [
    // Lexical errors.
    ErrorCase("sum denied # by district", """
        error: unknown character '#'
         --> <query>:1:12
          |
        1 | sum denied # by district
          |            ^

        """),
    ErrorCase("sum denied where year ! 2019", """
        error: unknown character '!'
         --> <query>:1:23
          |
        1 | sum denied where year ! 2019
          |                       ^
          = help: did you mean '!='? to negate a condition, write 'not'

        """),
    // The BEL is shown escaped (it never reaches the terminal), the caret under all of '\u{7}'.
    ErrorCase("sum\u{7}denied", """
        error: unknown character 'U+0007'
         --> <query>:1:4
          |
        1 | sum\\u{7}denied
          |    ^^^^^

        """),
    ErrorCase("sum denied where year ＜ 2020", """
        error: unknown character '＜'
         --> <query>:1:23
          |
        1 | sum denied where year ＜ 2020
          |                       ^^
          = help: this is the full-width '＜'; type the ASCII '<'

        """),
    // The first problem in reading order wins: here the lexer's, after the parser's `by`.
    ErrorCase("sum denied by #", """
        error: unknown character '#'
         --> <query>:1:15
          |
        1 | sum denied by #
          |               ^

        """),
    ErrorCase("sum by # district", """
        error: expected measure name after 'sum', found 'by'
         --> <query>:1:5
          |
        1 | sum by # district
          |     ^^

        """),
    ErrorCase("sum denied where district ~ “历城", """
        error: unterminated string: expected '”' before end of query
         --> <query>:1:29
          |
        1 | sum denied where district ~ “历城
          |                             ^

        """),
    ErrorCase("sum denied where district = '历城", """
        error: unterminated string: expected ''' before end of query
         --> <query>:1:29
          |
        1 | sum denied where district = '历城
          |                             ^

        """),
    // Missing names.
    ErrorCase("sum by district", """
        error: expected measure name after 'sum', found 'by'
         --> <query>:1:5
          |
        1 | sum by district
          |     ^^

        """),
    ErrorCase("sum denied, max", """
        error: expected measure name after 'max', found end of query
         --> <query>:1:16
          |
        1 | sum denied, max
          |                ^

        """),
    ErrorCase("count", """
        error: expected what to count ('reports') after 'count', found end of query
         --> <query>:1:6
          |
        1 | count
          |      ^

        """),
    ErrorCase("sum denied by", """
        error: expected dimension name after 'by', found end of query
         --> <query>:1:14
          |
        1 | sum denied by
          |              ^

        """),
    ErrorCase("sum 不予公开 by", """
        error: expected dimension name after 'by', found end of query
         --> <query>:1:12
          |
        1 | sum 不予公开 by
          |                ^

        """),
    ErrorCase("sum denied where year =   -- to do", """
        error: expected a name, a number, a string or '(' after '=', found end of query
         --> <query>:1:24
          |
        1 | sum denied where year =   -- to do
          |                        ^

        """),
    ErrorCase("show", """
        error: expected what to show (measures, dimensions, tables, districts, years, …) after 'show', found end of query
         --> <query>:1:5
          |
        1 | show
          |     ^

        """),
    ErrorCase("sum denied from", """
        error: expected table name after 'from', found end of query
         --> <query>:1:16
          |
        1 | sum denied from
          |                ^

        """),
    ErrorCase("sum denied as 1", """
        error: expected column name after 'as', found '1'
         --> <query>:1:15
          |
        1 | sum denied as 1
          |               ^

        """),
    // Parentheses.
    ErrorCase("sum denied where (year = 2019 or year = 2020", """
        error: expected ')' (to close '(' at 1:18), found end of query
         --> <query>:1:45
          |
        1 | sum denied where (year = 2019 or year = 2020
          |                                             ^

        """),
    ErrorCase("denied * (granted + 1 by district", """
        error: expected ')' (to close '(' at 1:10), found 'by'
         --> <query>:1:23
          |
        1 | denied * (granted + 1 by district
          |                       ^^

        """),
    ErrorCase("sum (granted + partial) by district", """
        error: expected ')' (to close '(' at 1:5), found '+'
         --> <query>:1:14
          |
        1 | sum (granted + partial) by district
          |              ^
          = help: an aggregate takes one measure: write 'sum a + b', not 'sum (a + b)'

        """),
    ErrorCase("sum denied\nby district\nwhere year = (2019", """
        error: expected ')' (to close '(' at 3:14), found end of query
         --> <query>:3:19
          |
        3 | where year = (2019
          |                   ^

        """),
    // Clauses.
    ErrorCase("sum denied by district order denied desc", """
        error: expected 'by' after 'order', found 'denied'
         --> <query>:1:30
          |
        1 | sum denied by district order denied desc
          |                              ^^^^^^
          = help: write 'order by' followed by a column, e.g. 'order by denied desc'

        """),
    ErrorCase("sum denied limit ten", """
        error: expected integer after 'limit', found 'ten'
         --> <query>:1:18
          |
        1 | sum denied limit ten
          |                  ^^^
          = help: 'limit' takes a whole number of rows, e.g. 'limit 10'

        """),
    ErrorCase("sum denied limit 2.5", """
        error: expected integer after 'limit', found '2.5'
         --> <query>:1:18
          |
        1 | sum denied limit 2.5
          |                  ^^^
          = help: 'limit' takes a whole number of rows, e.g. 'limit 10'

        """),
    ErrorCase("sum denied limit 99999999999999999999", """
        error: limit '99999999999999999999' is out of range
         --> <query>:1:18
          |
        1 | sum denied limit 99999999999999999999
          |                  ^^^^^^^^^^^^^^^^^^^^
          = help: the largest limit is 9223372036854775807

        """),
    ErrorCase("sum denied where year = 2019 where district ~ '历城'", """
        error: duplicate 'where' clause
         --> <query>:1:30
          |
        1 | sum denied where year = 2019 where district ~ '历城'
          |                              ^^^^^
          = help: combine the conditions in one 'where' with 'and'

        """),
    ErrorCase("sum denied district", """
        error: expected ',' or a clause (by, where, having, pivot, order by, limit, from), found 'district'
         --> <query>:1:12
          |
        1 | sum denied district
          |            ^^^^^^^^
          = help: write ', district' for another column, or 'by district' to group

        """),
    ErrorCase("sum denied group by district", """
        error: expected ',' or a clause (by, where, having, pivot, order by, limit, from), found 'group'
         --> <query>:1:12
          |
        1 | sum denied group by district
          |            ^^^^^
          = help: govq groups with 'by' alone: 'sum denied by district'

        """),
    ErrorCase("show districts by year", """
        error: expected 'where' or end of query, found 'by'
         --> <query>:1:16
          |
        1 | show districts by year
          |                ^^

        """),
    ErrorCase("sum denied; sum granted", """
        error: expected ',' or a clause (by, where, having, pivot, order by, limit, from), found 'sum'
         --> <query>:1:13
          |
        1 | sum denied; sum granted
          |             ^^^

        """),
    // Conditions.
    ErrorCase("sum denied where year 2019", """
        error: expected a comparison (=, !=, <, <=, >, >=, ~, between, in) after 'year', found '2019'
         --> <query>:1:23
          |
        1 | sum denied where year 2019
          |                       ^^^^

        """),
    ErrorCase("sum denied where year not 2019", """
        error: expected 'in', 'between' or a comparison after 'not', found '2019'
         --> <query>:1:27
          |
        1 | sum denied where year not 2019
          |                           ^^^^

        """),
    ErrorCase("sum new where applicant in business", """
        error: expected '(' after 'in', found 'business'
         --> <query>:1:28
          |
        1 | sum new where applicant in business
          |                            ^^^^^^^^

        """),
    ErrorCase("sum denied where year between 2019 or 2020", """
        error: expected 'and' after '2019', found 'or'
         --> <query>:1:36
          |
        1 | sum denied where year between 2019 or 2020
          |                                    ^^

        """),
    ErrorCase("sum denied where (year) and x = 1", """
        error: expected a comparison (=, !=, <, <=, >, >=, ~, between, in) after ')', found 'and'
         --> <query>:1:25
          |
        1 | sum denied where (year) and x = 1
          |                         ^^^

        """),
    ErrorCase("sum denied where (year and x = 1)", """
        error: expected a comparison (=, !=, <, <=, >, >=, ~, between, in) after 'year', found 'and'
         --> <query>:1:24
          |
        1 | sum denied where (year and x = 1)
          |                        ^^^

        """),
]

@Test(arguments: errorCases)
func reportsError(_ c: ErrorCase) {
    #expect(rendered(c.query) == c.expected)
}

@Test func emptyQuery() {
    #expect(rendered("") == "error: expected a measure or 'show', found end of query\n --> <query>:1:1\n  |\n1 | \n  | ^\n")
    #expect(rendered("  -- nothing\n", source: "<repl>") ==
        "error: expected a measure or 'show', found end of query\n --> <repl>:1:1\n  |\n1 |   -- nothing\n  | ^\n")
}

/// 10,000 nested parentheses, `not`s or minus signs: an error at level 257, not a stack overflow.
@Test(arguments: [
    (String(repeating: "(", count: 10_000) + "denied" + String(repeating: ")", count: 10_000), 257, 1),
    ("sum denied where " + String(repeating: "(", count: 10_000) + "year = 1" + String(repeating: ")", count: 10_000), 274, 1),
    ("sum denied where " + String(repeating: "not ", count: 10_000) + "year = 1", 17 + 256 * 4 + 1, 3),
    // "- " and not "-": two minus signs in a row start a comment.
    (String(repeating: "- ", count: 10_000) + "denied", 1 + 256 * 2, 1),
    ("denied" + String(repeating: " + denied", count: 10_000), 6 + 256 * 9 + 2, 1),
])
func nestingIsBounded(_ query: String, _ column: Int, _ width: Int) {
    let text = rendered(query)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "error: expression is nested too deeply (more than 256 levels)")
    #expect(lines[1] == " --> <query>:1:\(column)")
    // The 20,000-character line is shown around the caret: `…`, the 40 characters before it, the token.
    let before = String(query.unicodeScalars.dropFirst(column - 41).prefix(40))
    #expect(lines[3].hasPrefix("1 | …" + before))
    #expect(lines[4] == "  | " + String(repeating: " ", count: 41) + String(repeating: "^", count: width))
    #expect(lines[5] == "  = help: each '(', 'not', unary '-' and each operator in a chain of '+', '-', '*', '/' is a level")
}

/// A diagnostic for a statement of a script points at the line in the file.
@Test func statementLinesAreFileLines() {
    let script = "sum denied by district;\n\n  sum granted\n  by;"
    let statements = QueryParser.splitStatements(script)
    #expect(statements.map(\.line) == [1, 3])
    do {
        _ = try QueryParser.parse(statements[1].text, source: "q.govq", firstLine: statements[1].line)
        Issue.record("parsed")
    } catch let d as Diagnostic {
        #expect(DiagnosticFormatter.format(d) == """
            error: expected dimension name after 'by', found end of query
             --> q.govq:4:5
              |
            4 |   by
              |     ^

            """)
    } catch {
        Issue.record("\(error)")
    }
}
