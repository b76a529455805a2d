/// The parser maps queries to AST shapes, written as S-expressions (`Query.sExpression`):
/// `(sum denied)` is an aggregate, a bare `denied` is a name for the planner to resolve.
import Testing
import GovqSyntax

struct ParseCase: Sendable, CustomTestStringConvertible {
    let input: String
    let tree: String
    var testDescription: String { input }
    init(_ input: String, _ tree: String) { self.input = input; self.tree = tree }
}

let parseCases: [ParseCase] = [
    // Aggregates; a bare name in the select list is a sum, or inherits the last function.
    ParseCase("sum denied", "(select (sum denied))"),
    ParseCase("denied", "(select (sum denied))"),
    ParseCase("sum granted, partial, denied", "(select (sum granted) (sum partial) (sum denied))"),
    ParseCase("max granted, partial, min denied, handled",
              "(select (max granted) (max partial) (min denied) (min handled))"),
    ParseCase("count reports by year", "(select (count reports) (by year))"),
    ParseCase("avg(new), sum(handled)", "(select (avg new) (sum handled))"),
    ParseCase("sum denied / handled as denial_rate",
              "(select (as (/ (sum denied) (sum handled)) denial_rate))"),
    ParseCase("sum denied * 100 / handled", "(select (/ (* (sum denied) 100) (sum handled)))"),
    ParseCase("sum granted + partial - denied", "(select (- (+ (sum granted) (sum partial)) (sum denied)))"),
    ParseCase("sum granted + partial * 2", "(select (+ (sum granted) (* (sum partial) 2)))"),
    ParseCase("sum denied + (granted + partial) * 2",
              "(select (+ (sum denied) (* (+ (sum granted) (sum partial)) 2)))"),
    ParseCase("-sum denied, - -1.5", "(select (- (sum denied)) (- (- 1.5)))"),
    ParseCase("sum denied.third_party, 不予公开", "(select (sum denied.third_party) (sum 不予公开))"),
    ParseCase("sum denied . third_party", "(select (sum denied.third_party))"),
    ParseCase("sum x.count", "(select (sum x.count))"),
    // Grouping, and clauses in any order, each at most once.
    ParseCase("sum denied by district", "(select (sum denied) (by district))"),
    ParseCase("sum denied by district, year", "(select (sum denied) (by district year))"),
    ParseCase("sum corrected from reviews by proceeding", "(select (sum corrected) (from reviews) (by proceeding))"),
    ParseCase("sum denied limit 3 by district", "(select (sum denied) (by district) (limit 3))"),
    ParseCase("sum denied by district pivot year", "(select (sum denied) (by district) (pivot year))"),
    ParseCase("sum 不予公开 by 地区", "(select (sum 不予公开) (by 地区))"),
    ParseCase("SUM Denied BY District", "(select (sum Denied) (by District))"),
    // where: names stay names; explicit aggregates stay aggregates.
    ParseCase("sum new where year = 2019 and applicant in (business, legal_service)",
              "(select (sum new) (where (and (= year 2019) (in applicant business legal_service))))"),
    ParseCase("sum denied where year != 2020", "(select (sum denied) (where (!= year 2020)))"),
    ParseCase("sum denied where year <> 2020", "(select (sum denied) (where (!= year 2020)))"),
    ParseCase("sum denied where year < 2020 or year >= 2021",
              "(select (sum denied) (where (or (< year 2020) (>= year 2021))))"),
    ParseCase("sum denied where year between 2019 and 2020 and district ~ '历城'",
              "(select (sum denied) (where (and (between year 2019 2020) (~ district \"历城\"))))"),
    ParseCase("sum denied where year not between 2019 and 2020",
              "(select (sum denied) (where (not-between year 2019 2020)))"),
    ParseCase("sum denied where applicant not in (business)",
              "(select (sum denied) (where (not-in applicant business)))"),
    ParseCase("sum denied where not year = 2019 and not not district = x",
              "(select (sum denied) (where (and (not (= year 2019)) (not (not (= district x))))))"),
    ParseCase("sum denied where year not = 2019", "(select (sum denied) (where (not (= year 2019))))"),
    ParseCase("sum denied where a = 1 or b = 2 and c = 3",
              "(select (sum denied) (where (or (= a 1) (and (= b 2) (= c 3)))))"),
    ParseCase("sum denied where (a = 1 or b = 2) and c = 3",
              "(select (sum denied) (where (and (or (= a 1) (= b 2)) (= c 3))))"),
    ParseCase("sum denied where ((a = 1))", "(select (sum denied) (where (= a 1)))"),
    // A parenthesis that opens an expression, not a condition.
    ParseCase("sum denied where (a + b) * 2 > 3", "(select (sum denied) (where (> (* (+ a b) 2) 3)))"),
    ParseCase("sum denied where ((a)) = 1", "(select (sum denied) (where (= a 1)))"),
    ParseCase("sum denied where (a) in (1, 2)", "(select (sum denied) (where (in a 1 2)))"),
    ParseCase("sum denied where (a) not between 1 and 2 or ((b) ~ 'x')",
              "(select (sum denied) (where (or (not-between a 1 2) (~ b \"x\"))))"),
    // having and order by: bare names are names, `sum x` is an aggregate.
    ParseCase("sum handled by district having sum handled > 100 and denied < 5",
              "(select (sum handled) (by district) (having (and (> (sum handled) 100) (< denied 5))))"),
    ParseCase("sum denied by district order by denied desc, district",
              "(select (sum denied) (by district) (order (desc denied) (asc district)))"),
    ParseCase("sum denied by district order by sum denied / sum handled asc limit 2",
              "(select (sum denied) (by district) (order (asc (/ (sum denied) (sum handled)))) (limit 2))"),
    // Strings in every quote style, Chinese punctuation, comments.
    ParseCase("sum denied where district in (“历城”, ‘城阳’, 「下城」, 『临淄』, \"济宁\", 'it''s')",
              "(select (sum denied) (where (in district \"历城\" \"城阳\" \"下城\" \"临淄\" \"济宁\" \"it's\")))"),
    ParseCase("sum new where applicant in （business，legal_service） and 年份 ＝ 2019；",
              "(select (sum new) (where (and (in applicant business legal_service) (= 年份 2019))))"),
    ParseCase("sum new where applicant in (商业企业、法律服务机构)",
              "(select (sum new) (where (in applicant 商业企业 法律服务机构)))"),
    ParseCase("sum denied -- how many refusals\n  by district -- per place\n",
              "(select (sum denied) (by district))"),
    // show
    ParseCase("show measures", "(show measures)"),
    ParseCase("SHOW districts where year = 2019", "(show districts (where (= year 2019)))"),
    ParseCase("show 地区;", "(show 地区)"),
]

@Test(arguments: parseCases)
func parses(_ c: ParseCase) throws {
    #expect(try QueryParser.parse(c.input).sExpression == c.tree)
}

/// Names carry their source range so the planner can put a caret under them.
@Test func namesCarryRanges() throws {
    guard case .select(let q) = try QueryParser.parse("sum 不予公开 by denied.third_party") else {
        Issue.record("not a select"); return
    }
    guard case .aggregate(.sum, let name, let range) = q.items[0].expr else { Issue.record("not an aggregate"); return }
    #expect(name.text == "不予公开")
    #expect([name.range.line, name.range.column, name.range.length] == [1, 5, 4])
    #expect([range.column, range.length] == [1, 8])
    let by = q.groupBy[0]
    #expect(by.text == "denied.third_party")
    #expect([by.range.column, by.range.length, by.range.start, by.range.end] == [13, 18, 20, 38])
}

@Test func numbersKeepTheirText() throws {
    guard case .select(let q) = try QueryParser.parse("sum denied where year = 2019 and x > 0.25"),
          case .and(.comparison(_, _, .number(let a, let at, _)), .comparison(_, _, .number(let b, let bt, _))) = q.filter
    else { Issue.record("unexpected shape"); return }
    #expect(a == 2019 && at == "2019" && b == 0.25 && bt == "0.25")
}

/// `or` chains are balanced: 1,000 alternatives nest about ten levels, not a thousand.
@Test func longOrChainsAreShallow() throws {
    let query = "sum denied where " + (0..<1000).map { "year = \($0)" }.joined(separator: " or ")
    guard case .select(let q) = try QueryParser.parse(query), let filter = q.filter else {
        Issue.record("no filter"); return
    }
    func depth(_ c: Condition) -> Int {
        switch c {
        case .and(let a, let b), .or(let a, let b): return 1 + max(depth(a), depth(b))
        case .not(let x): return 1 + depth(x)
        default: return 1
        }
    }
    func leaves(_ c: Condition) -> [String] {
        switch c {
        case .or(let a, let b): return leaves(a) + leaves(b)
        default: return [c.sExpression]
        }
    }
    #expect(depth(filter) == 11)
    #expect(leaves(filter) == (0..<1000).map { "(= year \($0))" })
}
