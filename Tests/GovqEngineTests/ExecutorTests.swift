/// Queries over the hand-built fixture (see Fixtures.swift); every expected value below is
/// worked out by hand from the fixture's table, not copied from the engine's output.
/// Rows are written as `value | value`, NULL as `NULL`, decimals as Swift prints a Double.
import GovqCube
import Testing
@testable import GovqEngine

struct QueryCase: CustomTestStringConvertible, Sendable {
    var query: String
    var columns: String
    var rows: [String]
    var testDescription: String { query }

    init(_ query: String, _ columns: String, _ rows: [String]) {
        self.query = query
        self.columns = columns
        self.rows = rows
    }
}

func show(_ v: Value) -> String {
    switch v {
    case .null: "NULL"
    case .integer(let i): String(i)
    case .decimal(let d): String(d)
    case .text(let s): s
    }
}

func check(_ engine: QueryEngine, _ c: QueryCase) throws {
    let r = try engine.run(c.query)
    #expect(r.columns.map(\.name).joined(separator: " | ") == c.columns)
    #expect(r.rows.map { $0.map(show).joined(separator: " | ") } == c.rows)
}

@Suite struct ExecutorTests {
    static let aggregates: [QueryCase] = [
        // denied per report: a 3+1, b 1, c 6+1, d 0; 济南 < 临淄 < 下城 in pinyin order
        .init("sum denied by district", "district | denied", ["济南市历城区 | 7", "临淄区 | 1", "下城区 | 4"]),
        .init("denied by district", "district | denied", ["济南市历城区 | 7", "临淄区 | 1", "下城区 | 4"]),
        .init("sum 不予公开 by 地区", "district | 不予公开", ["济南市历城区 | 7", "临淄区 | 1", "下城区 | 4"]),
        // b states no handled row at all: NULL, not 0
        .init("sum handled by district", "district | handled", ["济南市历城区 | 14", "临淄区 | NULL", "下城区 | 16"]),
        .init("count reports by year", "year | count reports", ["2019 | 2", "2020 | 1", "2021 | 1"]),
        .init("sum new by applicant", "applicant | new",
              ["natural_person | 41", "business | 2", "research | 1", "nonprofit | 0", "legal_service | 0", "other_org | 0"]),
        .init("sum denied, handled", "denied | handled", ["12 | 30"]),
        .init("sum granted, partial, denied", "granted | partial | denied", ["20 | 0 | 12"]),
        // handled per report: a 10, b NULL, c 14, d 6
        .init("count handled, count reports, avg handled, min handled, max handled",
              "count handled | count reports | avg handled | min handled | max handled", ["3 | 4 | 10.0 | 6 | 14"]),
        .init("max denied, handled", "max denied | max handled", ["7 | 14"]),
        .init("avg new by year", "year | avg new", ["2019 | 8.0", "2020 | 21.0", "2021 | 7.0"]),
        // Complete cases: b.txt states no handled, so its denied 1 is left out: (4 + 7) / (10 + 14 + 6).
        .init("sum denied / handled", "sum denied / handled", ["0.36666666666666664"]),
        .init("sum denied / handled as rate by district", "district | rate", ["济南市历城区 | 0.5", "临淄区 | NULL", "下城区 | 0.25"]),
        // granted a 6, b 3, c 7, d 4; b is left out with its missing handled: 17 / 30.
        .init("sum granted / handled", "sum granted / handled", ["0.5666666666666667"]),
        // Separate items stay plain sums (b's denied 1 counts); coverage asks for both measures.
        .init("sum denied, handled by district with coverage", "district | denied | handled | reports used | reports left out",
              ["济南市历城区 | 7 | 14 | 1 | 0", "临淄区 | 1 | NULL | 0 | 1", "下城区 | 4 | 16 | 2 | 0"]),
        .init("count distinct district by year", "year | count distinct district", ["2019 | 2", "2020 | 1", "2021 | 1"]),
        .init("count distinct year by district", "district | count distinct year", ["济南市历城区 | 1", "临淄区 | 1", "下城区 | 2"]),
        // A measure in where: a report's own total (b states no handled: no comparison holds).
        .init("count reports where handled > 0", "count reports", ["3"]),
        .init("sum new where handled = 6", "new", ["7"]),
        .init("sum new by district order by 2 desc", "district | new", ["济南市历城区 | 21", "下城区 | 19", "临淄区 | 4"]),
        .init("sum new / 0", "sum new / 0", ["NULL"]),
        .init("sum denied / carried_over", "sum denied / carried_over", ["NULL"]),
        .init("sum new * 2 + 1 as x", "x", ["89"]),
        .init("-sum new", "-sum new", ["-44"]),
        .init("sum(granted) + sum(partial) as disclosed", "disclosed", ["20"]),
        .init("sum received", "received", ["44"]),
        // `other` is a leaf in 2019-template reports and a group of three from 2021
        .init("sum other by template", "template | other", ["2019 | 0", "2021 | 2"]),
        .init("sum other.misc by template", "template | other.misc", ["2019 | NULL", "2021 | 2"]),
        .init("sum new by unit", "unit | new",
              ["济南市历城区人民政府办公室 | 21", "临淄区人民政府办公室 | 4", "下城区人民政府办公室 | 19"]),
        .init("sum new by year, district", "year | district | new",
              ["2019 | 临淄区 | 4", "2019 | 下城区 | 12", "2020 | 济南市历城区 | 21", "2021 | 下城区 | 7"]),
        .init("sum new by file", "file | new", ["a.txt | 12", "b.txt | 4", "c.txt | 21", "d.txt | 7"]),
    ]

    static let drillDown: [QueryCase] = [
        .init("sum denied by outcome", "outcome | denied", [
            "denied.state_secret | 1", "denied.prohibited | 0", "denied.security | 0", "denied.third_party | 4",
            "denied.internal | 0", "denied.process | 1", "denied.enforcement | 0", "denied.inquiry | 6",
        ]),
        .init("sum new, denied.inquiry by outcome", "outcome | new | denied.inquiry",
              ["new | 44 | NULL", "denied.inquiry | NULL | 6"]),
        .init("sum denied by outcome where outcome = denied.process", "outcome | denied", ["denied.process | 1"]),
        .init("sum denied by district, outcome where outcome in (denied.inquiry, denied.state_secret)",
              "district | outcome | denied",
              ["济南市历城区 | denied.state_secret | 0", "济南市历城区 | denied.inquiry | 6",
               "临淄区 | denied.state_secret | 1", "临淄区 | denied.inquiry | 0",
               "下城区 | denied.state_secret | 0", "下城区 | denied.inquiry | 0"]),
    ]

    static let filters: [QueryCase] = [
        .init("sum new where applicant = organization", "new", ["3"]),
        .init("sum new where applicant in (business, legal_service)", "new", ["2"]),
        .init("sum new where applicant not in (natural_person)", "new", ["3"]),
        .init("sum new where applicant = 商业企业", "new", ["2"]),
        .init("sum new where year = 2019 and applicant in (business, legal_service)", "new", ["2"]),
        // b's cells all survive; elsewhere only business cells: c's business new is 0
        .init("sum new by district where district = 临淄区 or applicant = business", "district | new",
              ["济南市历城区 | 0", "临淄区 | 4", "下城区 | 2"]),
        .init("sum new by applicant where applicant = business or district = 临淄区", "applicant | new",
              ["natural_person | 4", "business | 2", "research | 0", "nonprofit | 0", "legal_service | 0", "other_org | 0"]),
        .init("sum new by district, applicant where applicant = business", "district | applicant | new",
              ["济南市历城区 | business | 0", "临淄区 | business | 0", "下城区 | business | 2"]),
        .init("count reports where year between 2019 and 2020", "count reports", ["3"]),
        .init("count reports where year not between 2019 and 2019", "count reports", ["2"]),
        .init("count reports where district ~ \"城\"", "count reports", ["3"]),
        .init("count reports where district ~ '历城' or year > 2020", "count reports", ["2"]),
        .init("count reports where not (year = 2019)", "count reports", ["2"]),
        .init("count reports where year != 2019 and district != 下城区", "count reports", ["1"]),
        .init("count reports where year <= 2019", "count reports", ["2"]),
        .init("count reports where template = 2021", "count reports", ["1"]),
        .init("count reports by district where district in (临淄区, \"下城区\")", "district | count reports",
              ["临淄区 | 1", "下城区 | 2"]),
        // new is not among denied's leaves: nothing contributes
        .init("sum new where outcome = denied", "new", ["NULL"]),
        .init("sum new, count reports where year > 2021", "new | count reports", ["NULL | 0"]),
        .init("sum new by district where year > 2021", "district | new", []),
        .init("count reports by applicant where district = 临淄区", "applicant | count reports",
              ["natural_person | 1", "business | 1", "research | 1", "nonprofit | 1", "legal_service | 1", "other_org | 1"]),
    ]

    static let clauses: [QueryCase] = [
        .init("sum denied by district having denied > 1", "district | denied", ["济南市历城区 | 7", "下城区 | 4"]),
        .init("sum denied by district having sum handled > 15", "district | denied", ["下城区 | 4"]),
        .init("sum denied by district having district ~ 城", "district | denied", ["济南市历城区 | 7", "下城区 | 4"]),
        .init("sum handled by district having handled > 0 or handled < 0", "district | handled",
              ["济南市历城区 | 14", "下城区 | 16"]),
        .init("sum denied by district order by denied desc limit 2", "district | denied", ["济南市历城区 | 7", "下城区 | 4"]),
        .init("count reports as n by district order by n desc", "district | n", ["下城区 | 2", "济南市历城区 | 1", "临淄区 | 1"]),
        .init("sum handled by district order by handled", "district | handled", ["济南市历城区 | 14", "下城区 | 16", "临淄区 | NULL"]),
        .init("sum handled by district order by handled desc", "district | handled", ["下城区 | 16", "济南市历城区 | 14", "临淄区 | NULL"]),
        .init("sum new by district order by sum denied", "district | new", ["临淄区 | 4", "下城区 | 19", "济南市历城区 | 21"]),
        .init("sum new by district limit 1", "district | new", ["济南市历城区 | 21"]),
        .init("sum new by district pivot year", "district | 2019 | 2020 | 2021",
              ["济南市历城区 | NULL | 21 | NULL", "临淄区 | 4 | NULL | NULL", "下城区 | 12 | NULL | 7"]),
        .init("sum new, granted pivot template", "new 2019 | granted 2019 | new 2021 | granted 2021", ["37 | 16 | 7 | 4"]),
        .init("sum new by year pivot applicant where applicant in (natural_person, business)",
              "year | natural_person | business", ["2019 | 14 | 2", "2020 | 20 | 0", "2021 | 7 | 0"]),
        .init("sum new by district pivot year order by 2019 desc limit 2", "district | 2019 | 2020 | 2021",
              ["下城区 | 12 | NULL | 7", "临淄区 | 4 | NULL | NULL"]),
    ]

    static let reviews: [QueryCase] = [
        .init("sum corrected from reviews by proceeding", "proceeding | corrected",
              ["review | 1", "litigation_direct | 1", "litigation_after_review | 0"]),
        .init("sum total from reviews by district", "district | total", ["济南市历城区 | 4", "临淄区 | NULL", "下城区 | 4"]),
        .init("sum corrected from reviews where proceeding = litigation", "corrected", ["1"]),
        .init("sum 结果纠正 from 复议诉讼", "结果纠正", ["2"]),
        .init("sum upheld, pending from reviews by result", "result | upheld | pending", ["upheld | 2 | NULL", "pending | NULL | 4"]),
    ]

    @Test(arguments: aggregates) func aggregatesGiveHandComputedValues(_ c: QueryCase) throws { try check(Fixture.engine, c) }
    @Test(arguments: drillDown) func byOutcomeBreaksMeasuresIntoLeaves(_ c: QueryCase) throws { try check(Fixture.engine, c) }
    @Test(arguments: filters) func whereRestrictsReportsAndCells(_ c: QueryCase) throws { try check(Fixture.engine, c) }
    @Test(arguments: clauses) func havingOrderLimitPivot(_ c: QueryCase) throws { try check(Fixture.engine, c) }
    @Test(arguments: reviews) func reviewsTable(_ c: QueryCase) throws { try check(Fixture.engine, c) }

    @Test func columnKinds() throws {
        let r = try Fixture.engine.run("sum denied / handled as rate, sum new, avg new by district, year")
        #expect(r.columns.map(\.kind) == [.text, .integer, .decimal, .integer, .decimal])
        #expect(r.rows[0][1] == .integer(2020))
    }
}
