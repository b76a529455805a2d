/// The analysis clauses: a leading mode, `within`, `from YEAR to YEAR` beside `from TABLE`,
/// `with …` and `min MEASURE N`, as S-expressions, and their syntax errors.
import Testing
@testable import GovqSyntax

let analysisParseCases: [ParseCase] = [
    ParseCase("share new by applicant", "(select (sum new) (by applicant) (mode share))"),
    ParseCase("share new by district, applicant within district",
              "(select (sum new) (by district applicant) (mode share) (within district))"),
    ParseCase("change new by district from 2019 to 2021", "(select (sum new) (by district) (mode change) (years 2019 2021))"),
    ParseCase("change total from reviews by district from 2019 to 2021",
              "(select (sum total) (from reviews) (by district) (mode change) (years 2019 2021))"),
    ParseCase("yoy new by year", "(select (sum new) (by year) (mode yoy))"),
    ParseCase("rank disclosure_rate by district min handled 30 with ci",
              "(select (sum disclosure_rate) (by district) (mode rank) (with ci) (min handled 30))"),
    ParseCase("sum denied by district with totals, ci", "(select (sum denied) (by district) (with totals ci))"),
    ParseCase("SHARE New BY Applicant WITH Totals", "(select (sum New) (by Applicant) (mode share) (with Totals))"),
    ParseCase("sum reviews.total / sum handled", "(select (/ (sum reviews.total) (sum handled)))"),
    ParseCase("max new, min denied by year", "(select (max new) (min denied) (by year))"),
]

@Test(arguments: analysisParseCases)
func parsesAnalysis(_ c: ParseCase) throws {
    #expect(try QueryParser.parse(c.input).sExpression == c.tree)
}

let analysisErrorCases: [ErrorCase] = [
    ErrorCase("change new by district from 2019", """
        error: expected 'to' after '2019', found end of query
         --> <query>:1:33
          |
        1 | change new by district from 2019
          |                                 ^
          = help: write the years as 'from 2019 to 2021'

        """),
    ErrorCase("change new from 2019 to 2020 from 2019 to 2021", """
        error: duplicate 'from … to' clause
         --> <query>:1:30
          |
        1 | change new from 2019 to 2020 from 2019 to 2021
          |                              ^^^^
          = help: a query has at most one 'from … to' clause

        """),
    ErrorCase("rank disclosure_rate min handled", """
        error: expected integer after 'handled', found end of query
         --> <query>:1:33
          |
        1 | rank disclosure_rate min handled
          |                                 ^
          = help: write the guard as 'min handled 30'

        """),
    ErrorCase("sum denied by district with", """
        error: expected 'totals', 'ci' or 'coverage' after 'with', found end of query
         --> <query>:1:28
          |
        1 | sum denied by district with
          |                            ^

        """),
    ErrorCase("share by applicant", """
        error: expected a measure, a number or '(' after 'share', found 'by'
         --> <query>:1:7
          |
        1 | share by applicant
          |       ^^

        """),
]

@Test(arguments: analysisErrorCases)
func reportsAnalysisError(_ c: ErrorCase) {
    #expect(rendered(c.query) == c.expected)
}
