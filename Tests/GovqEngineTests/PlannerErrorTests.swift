/// Binder errors, as the user sees them: the exact rendered diagnostic, caret and help.
import GovqDiagnostics
import Testing
@testable import GovqEngine

struct ErrorCase: CustomTestStringConvertible, Sendable {
    var query: String
    var rendered: String
    var testDescription: String { query }
    init(_ query: String, _ rendered: String) {
        self.query = query
        self.rendered = rendered
    }
}

@Suite struct PlannerErrorTests {
    static let cases: [ErrorCase] = [
        .init("sum denid by district", """
        error: unknown measure 'denid'
         --> <query>:1:5
          |
        1 | sum denid by district
          |     ^^^^^
          = help: did you mean 'denied'?

        """),
        .init("sum 不予公开开开 by 地区", """
        error: unknown measure '不予公开开开'
         --> <query>:1:5
          |
        1 | sum 不予公开开开 by 地区
          |     ^^^^^^^^^^^^
          = help: did you mean '不予公开'?

        """),
        .init("sum xyzzyqwv", """
        error: unknown measure 'xyzzyqwv'
         --> <query>:1:5
          |
        1 | sum xyzzyqwv
          |     ^^^^^^^^
          = help: measures are: new, carried_over, received, granted, partial, denied, unavailable, not_processed, other, handled, carried_forward

        """),
        .init("sum corrected by proceeding", """
        error: 'corrected' is a measure of reviews — add 'from reviews'
         --> <query>:1:5
          |
        1 | sum corrected by proceeding
          |     ^^^^^^^^^

        """),
        .init("sum denied from reviews", """
        error: 'denied' is a measure of applications — remove 'from reviews'
         --> <query>:1:5
          |
        1 | sum denied from reviews
          |     ^^^^^^

        """),
        .init("sum denied by distrct", """
        error: unknown dimension 'distrct'
         --> <query>:1:15
          |
        1 | sum denied by distrct
          |               ^^^^^^^
          = help: did you mean 'district'?

        """),
        .init("sum new by proceeding", """
        error: 'proceeding' is a dimension of reviews — add 'from reviews'
         --> <query>:1:12
          |
        1 | sum new by proceeding
          |            ^^^^^^^^^^

        """),
        // A measure in 'where' filters reports (count reports where new = 0), but text is no number.
        .init("sum denied where denied = 三", """
        error: expected a number to compare 'denied' with, found '三'
         --> <query>:1:27
          |
        1 | sum denied where denied = 三
          |                           ^^
        
        """),
        .init("sum denied where upheld > 3", """
        error: 'upheld' is a measure of reviews — add 'from reviews'
         --> <query>:1:18
          |
        1 | sum denied where upheld > 3
          |                  ^^^^^^

        """),
        .init("sum new where applicant = busness", """
        error: unknown applicant 'busness'
         --> <query>:1:27
          |
        1 | sum new where applicant = busness
          |                           ^^^^^^^
          = help: did you mean 'business'?

        """),
        .init("sum new where outcome = deniedd", """
        error: unknown outcome 'deniedd'
         --> <query>:1:25
          |
        1 | sum new where outcome = deniedd
          |                         ^^^^^^^
          = help: did you mean 'denied'?

        """),
        .init("sum new where year = abc", """
        error: expected a number for 'year', found 'abc'
         --> <query>:1:22
          |
        1 | sum new where year = abc
          |                      ^^^

        """),
        .init("sum new where year ~ \"20\"", """
        error: '~' needs text, and 'year' is a number
         --> <query>:1:15
          |
        1 | sum new where year ~ "20"
          |               ^^^^
          = help: use '=' or 'between'

        """),
        .init("sum new where applicant < business", """
        error: '<' does not apply to 'applicant'
         --> <query>:1:15
          |
        1 | sum new where applicant < business
          |               ^^^^^^^^^
          = help: use '=', '!=', 'in' or '~'

        """),
        .init("sum new by year pivot year", """
        error: cannot pivot on 'year': it is also in 'by'
         --> <query>:1:23
          |
        1 | sum new by year pivot year
          |                       ^^^^
          = help: remove 'year' from 'by' or from 'pivot'

        """),
        .init("sum district", """
        error: 'district' is a dimension, not a measure
         --> <query>:1:5
          |
        1 | sum district
          |     ^^^^^^^^
          = help: group by it with 'by district'

        """),
        .init("sum new by denied", """
        error: 'denied' is a measure, not a dimension
         --> <query>:1:12
          |
        1 | sum new by denied
          |            ^^^^^^
          = help: dimensions are: district, unit, year, template, file, status, province, city, county, adcode, level, body_kind, applicant, outcome

        """),
        .init("sum new from reveiws", """
        error: unknown table 'reveiws'
         --> <query>:1:14
          |
        1 | sum new from reveiws
          |              ^^^^^^^
          = help: did you mean 'reviews'?

        """),
        .init("show distrcts", """
        error: cannot show 'distrcts'
         --> <query>:1:6
          |
        1 | show distrcts
          |      ^^^^^^^^
          = help: did you mean 'districts'?

        """),
        .init("sum new by district pivot year order by 2018", """
        error: unknown column '2018'
         --> <query>:1:41
          |
        1 | sum new by district pivot year order by 2018
          |                                         ^^^^
          = help: did you mean '2019'?

        """),
        // 44 × 10^18 is past Int64.max: the second product overflows
        .init("sum new * 1000000000 * 1000000000 * 1000000000", """
        error: integer overflow in 'sum new * 1000000000 * 1000000000'
         --> <query>:1:1
          |
        1 | sum new * 1000000000 * 1000000000 * 1000000000
          | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

        """),
    ]

    @Test(arguments: cases) func diagnosticText(_ c: ErrorCase) {
        do {
            let r = try Fixture.engine.run(c.query)
            Issue.record("expected an error, got \(r.rows)")
        } catch let d as Diagnostic {
            #expect(DiagnosticFormatter.format(d) == c.rendered)
        } catch {
            Issue.record("not a Diagnostic: \(error)")
        }
    }
}
