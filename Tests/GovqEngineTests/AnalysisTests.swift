/// The analyst's toolkit on the five samples: named metrics, both tables in one expression,
/// share, yoy, totals, rank with its guard and Wilson intervals. Every expected number is worked
/// out by hand from `truth.json` (the per-district cells are quoted beside each case).
import Foundation
import GovqCube
import GovqDiagnostics
import Testing
@testable import GovqEngine

/// Values as a reader sees them: decimals rounded half up to four places.
func shown(_ v: Value) -> String {
    guard case .decimal(let d) = v else { return show(v) }
    let r = (d * 10_000).rounded() / 10_000
    return r == r.rounded() ? String(Int64(r)) : String(r)
}

func checkRounded(_ engine: QueryEngine, _ c: QueryCase) throws {
    let r = try engine.run(c.query)
    #expect(r.columns.map(\.name).joined(separator: " | ") == c.columns, "\(c.query)")
    #expect(r.rows.map { $0.map(shown).joined(separator: " | ") } == c.rows, "\(c.query)")
}

@Suite struct MetricTests {
    // handled: 历城 293, 济宁 0, 临淄 missing, 城阳 270, 下城 165 (728 without 临淄).
    // granted + partial: 历城 113 + 19, 城阳 146 + 9, 下城 117 + 8; 临淄's 4 is left out.
    static let cases: [QueryCase] = [
        .init("disclosure_rate", "disclosure_rate", ["0.5659"]),                       // 412 / 728
        .init("公开率", "公开率", ["0.5659"]),
        .init("not_held_rate by district", "district | not_held_rate",
              ["济南市历城区 | 0.2867", "济宁经济技术开发区 | NULL", "临淄区 | NULL", "青岛市城阳区 | 0.3481", "下城区 | 0.1212"]),
        .init("denial_rate by district", "district | denial_rate",                      // 22/293, 4/270, 6/165
              ["济南市历城区 | 0.0751", "济宁经济技术开发区 | NULL", "临淄区 | NULL", "青岛市城阳区 | 0.0148", "下城区 | 0.0364"]),
        .init("not_disclosed_rate", "not_disclosed_rate", ["0.3434"]),                 // (32 + 206 + 12) / 728
        .init("backlog_rate", "backlog_rate", ["0.0382"]),                             // 30 / 785, 临淄 included
        .init("review_correction_rate", "review_correction_rate", ["0.1944"]),         // 7 / (44 − 8)
        .init("litigation_correction_rate", "litigation_correction_rate", ["0.2813"]), // 9 / (50 − 18)
        .init("contest_rate", "contest_rate", ["12.2253"]),                            // 100 × 89 / 728
        .init("contest_rate by district", "district | contest_rate",                   // 39/293, 8/270, 42/165
              ["济南市历城区 | 13.3106", "济宁经济技术开发区 | NULL", "临淄区 | NULL", "青岛市城阳区 | 2.963", "下城区 | 25.4545"]),
        .init("disclosure_rate by applicant where applicant in (natural_person, business)", "applicant | disclosure_rate",
              ["natural_person | 0.565", "business | 0.6286"]),                         // 387/685 (111+17+133+8+110+8), 22/35
        .init("disclosure_rate * 100 as pct", "pct", ["56.5934"]),
        .init("sum reviews.total / sum handled as r by district where year = 2019", "district | r",
              ["济南市历城区 | 0.1331", "临淄区 | NULL", "青岛市城阳区 | 0.0296", "下城区 | 0.2545"]),
        .init("sum applications.handled from reviews", "applications.handled", ["728"]),
        .init("review_correction_rate from reviews by proceeding", "proceeding | review_correction_rate",
              ["review | 0.1944", "litigation_direct | NULL", "litigation_after_review | NULL"]),
        .init("sum handled by district having disclosure_rate > 0.5", "district | handled",
              ["青岛市城阳区 | 270", "下城区 | 165"]),
    ]

    @Test(arguments: cases) func metric(_ c: QueryCase) throws { try checkRounded(Samples.engine, c) }

    @Test func aMetricSaysWhichReportsItLeftOut() throws {
        let r = try Samples.engine.run("disclosure_rate by district")
        #expect(r.warnings.contains("disclosure_rate for 临淄区: 1 of 1 reports left out (临淄区 2019), a cell it needs is missing"))
        // 济宁 has every cell (all 0): it is in, and its rate is 0 / 0 = NULL.
        #expect(!r.warnings.contains { $0.contains("济宁") })
        let overall = try Samples.engine.run("review_correction_rate")
        #expect(!overall.warnings.contains { $0.contains("left out") })   // section 四 is complete in all five
    }

    @Test func showMeasuresListsEveryMetricWithItsFormula() throws {
        let r = try Samples.engine.run("show measures")
        let rows = r.rows.map { $0.map(show) }
        for m in Metrics.all {
            let row = try #require(rows.first { $0[0] == m.name }, "\(m.name)")
            #expect(row.contains(m.formula))
            #expect(row.contains { $0.contains(m.aliases[0]) })
        }
        #expect(rows.first { $0[0] == "disclosure_rate" }?.contains("(granted + partial) / handled") == true)
    }
}

@Suite struct ShareChangeTests {
    static let cases: [QueryCase] = [
        // new: natural_person 735, business 36, research 0, nonprofit 0, legal_service 3, other_org 6 (780)
        .init("share new by applicant", "applicant | new | share",
              ["natural_person | 735 | 0.9423", "business | 36 | 0.0462", "research | 0 | 0", "nonprofit | 0 | 0",
               "legal_service | 3 | 0.0038", "other_org | 6 | 0.0077"]),
        // denied leaves over the five: prohibited 3, third_party 13, process 7, enforcement 1, inquiry 8 (32)
        .init("share denied by outcome where outcome in (denied.third_party, denied.inquiry)", "outcome | denied | share",
              ["denied.third_party | 13 | 0.6190", "denied.inquiry | 8 | 0.3810"].map { $0.replacingOccurrences(of: "0.6190", with: "0.619").replacingOccurrences(of: "0.3810", with: "0.381") }),
        .init("share denied by outcome having denied > 5", "outcome | denied | share",
              ["denied.third_party | 13 | 0.4063", "denied.process | 7 | 0.2188", "denied.inquiry | 8 | 0.25"]),
        // 历城 new: natural_person 304 of 315
        .init("share new by district, applicant within district where district = 济南市历城区 and applicant = natural_person",
              "district | applicant | new | share", ["济南市历城区 | natural_person | 304 | 1"]),
        .init("share new by district, applicant within district having new > 200", "district | applicant | new | share",
              ["济南市历城区 | natural_person | 304 | 0.9651", "青岛市城阳区 | natural_person | 244 | 0.9071"]),
        .init("share new, denied by year", "year | new | denied | new share | denied share",
              ["2019 | 780 | 32 | 1 | 1", "2020 | 0 | 0 | 0 | 0"]),
        // 2019: 780; 2020 (济宁 only): 0
        .init("yoy new by year", "year | new | previous | difference | change_pct",
              ["2019 | 780 | NULL | NULL | NULL", "2020 | 0 | 780 | -780 | -100"]),
        .init("change new by district from 2019 to 2020 where district in (济南市历城区, 济宁经济技术开发区)",
              "district | new 2019 | new 2020 | difference | change_pct",
              ["济南市历城区 | 315 | NULL | NULL | NULL", "济宁经济技术开发区 | NULL | 0 | NULL | NULL"]),
    ]

    @Test(arguments: cases) func analysis(_ c: QueryCase) throws { try checkRounded(Samples.engine, c) }

    // The fixture has 下城区 in 2019 (new 10 + 2) and 2021 (new 7), 临淄区 in 2019 only (4).
    static let fixtureCases: [QueryCase] = [
        .init("change new by district from 2019 to 2021", "district | new 2019 | new 2021 | difference | change_pct",
              ["临淄区 | 4 | NULL | NULL | NULL", "下城区 | 12 | 7 | -5 | -41.6667"]),
        .init("change new, granted by district from 2019 to 2021 where district = 下城区",
              "district | new 2019 | new 2021 | new difference | new change_pct | granted 2019 | granted 2021 | granted difference | granted change_pct",
              ["下城区 | 12 | 7 | -5 | -41.6667 | 6 | 4 | -2 | -33.3333"]),
        .init("yoy new by district, year where district = 下城区", "district | year | new | previous | difference | change_pct",
              ["下城区 | 2019 | 12 | NULL | NULL | NULL", "下城区 | 2021 | 7 | NULL | NULL | NULL"]),
        .init("change new by district from 2019 to 2021 with totals", "district | new 2019 | new 2021 | difference | change_pct",
              ["临淄区 | 4 | NULL | NULL | NULL", "下城区 | 12 | 7 | -5 | -41.6667", "合计 | 16 | 7 | -9 | -56.25"]),
    ]

    @Test(arguments: fixtureCases) func fixtureAnalysis(_ c: QueryCase) throws { try checkRounded(Fixture.engine, c) }
}

@Suite struct TotalsAndRankTests {
    static let cases: [QueryCase] = [
        .init("sum denied by district with totals", "district | denied",
              ["济南市历城区 | 22", "济宁经济技术开发区 | 0", "临淄区 | 0", "青岛市城阳区 | 4", "下城区 | 6", "合计 | 32"]),
        // A ratio's total is recomputed: 412 / 728, not the mean of the three rates.
        .init("disclosure_rate by district with totals where district in (济南市历城区, 青岛市城阳区, 下城区)", "district | disclosure_rate",
              ["济南市历城区 | 0.4505", "青岛市城阳区 | 0.5741", "下城区 | 0.7576", "合计 | 0.5659"]),
        // denied by column: 历城 21 natural_person, 1 legal_service; 城阳 4; 下城 5 and 1 other_org
        .init("sum denied by district, applicant with totals where applicant in (natural_person, legal_service) and district ~ \"区\" and year = 2019 having denied > 0",
              "district | applicant | denied",
              ["济南市历城区 | natural_person | 21", "济南市历城区 | legal_service | 1", "济南市历城区 | 小计 | 22",
               "青岛市城阳区 | natural_person | 4", "青岛市城阳区 | 小计 | 4", "下城区 | natural_person | 5", "下城区 | 小计 | 5", "合计 |  | 31"]),
        .init("sum denied by district pivot year with totals", "district | 2019 | 2020 | 合计",
              ["济南市历城区 | 22 | NULL | 22", "济宁经济技术开发区 | NULL | 0 | 0", "临淄区 | 0 | NULL | 0",
               "青岛市城阳区 | 4 | NULL | 4", "下城区 | 6 | NULL | 6", "合计 | 32 | 0 | 32"]),
        .init("share new by applicant with totals where applicant in (natural_person, business)", "applicant | new | share",
              ["natural_person | 735 | 0.9533", "business | 36 | 0.0467", "合计 | 771 | 1"]),
        // disclosure_rate: 下城 125/165, 城阳 155/270, 历城 132/293; 济宁 (handled 0) and 临淄 (missing) left out
        .init("rank disclosure_rate by district min handled 30", "rank | district | disclosure_rate",
              ["1 | 下城区 | 0.7576", "2 | 青岛市城阳区 | 0.5741", "3 | 济南市历城区 | 0.4505"]),
        .init("rank sum denied by district", "rank | district | denied",
              ["1 | 济南市历城区 | 22", "2 | 下城区 | 6", "3 | 青岛市城阳区 | 4", "4 | 济宁经济技术开发区 | 0", "4 | 临淄区 | 0"]),
        .init("rank denial_rate by district limit 2", "rank | district | denial_rate",
              ["1 | 济南市历城区 | 0.0751", "2 | 下城区 | 0.0364"]),
        // Wilson, z = 1.96: 125/165 → [0.6868, 0.8166]; 155/270 → [0.5145, 0.6316]; 132/293 → [0.3945, 0.5078]
        .init("rank disclosure_rate by district min handled 30 with ci", "rank | district | disclosure_rate | ci_low | ci_high",
              ["1 | 下城区 | 0.7576 | 0.6868 | 0.8166", "2 | 青岛市城阳区 | 0.5741 | 0.5145 | 0.6316",
               "3 | 济南市历城区 | 0.4505 | 0.3945 | 0.5078"]),
        .init("disclosure_rate by district with ci where district = 济宁经济技术开发区", "district | disclosure_rate | ci_low | ci_high",
              ["济宁经济技术开发区 | NULL | NULL | NULL"]),
        // 临淄 lacks （七）总计: one of 2019's four reports is left out of the rate.
        .init("disclosure_rate by year with totals, coverage", "year | disclosure_rate | reports used | reports left out",
              ["2019 | 0.5659 | 3 | 1", "2020 | NULL | 1 | 0", "合计 | 0.5659 | 4 | 1"]),
    ]

    @Test(arguments: cases) func totals(_ c: QueryCase) throws { try checkRounded(Samples.engine, c) }

    @Test func totalRowsAreMarked() throws {
        let r = try Samples.engine.run("sum denied by district, applicant with totals where applicant = business")
        #expect(r.rowKinds.filter { $0 == .subtotal }.count == 5)
        #expect(r.rowKinds.last == .total)
        let marked = r.markingTotalRows
        #expect(marked.columns.last?.name == "row_type")
        #expect(marked.rows.last?.last == .text("total"))
        #expect(marked.rows.first?.last == .text("member"))
    }

    @Test func theGuardSaysWhatItLeftOut() throws {
        let r = try Samples.engine.run("rank disclosure_rate by district min handled 30")
        #expect(r.warnings.contains("min handled 30 left out 2 of 5 rows: 济宁经济技术开发区 (0), 临淄区 (NULL)"))
    }

    @Test func wilsonMatchesTheFormula() {
        // 0 of 10: centre z²/2n / (1 + z²/n) = 0.1610, half the same → [0, 0.2775]
        let (low, high) = wilson(.integer(0), .integer(10))
        #expect(low == .decimal(0))
        #expect(shown(high) == "0.2775")
        #expect(wilson(.integer(3), .integer(0)) == (.null, .null))
    }
}

@Suite struct AnalysisErrorTests {
    static let cases: [(String, String)] = [
        ("yoy new by district", "'yoy' needs 'year' in 'by'"),
        ("share disclosure_rate by district", "'share' needs a sum, and 'disclosure_rate' is a ratio"),
        ("sum new by district, applicant within district", "'within' needs 'share'"),
        ("share new by applicant within district", "'within district' needs 'district' in 'by'"),
        ("change new by district", "'change' needs the two years"),
        ("change new by year from 2019 to 2020", "'change' compares two years, so it cannot also group by year"),
        ("sum new by district from 2019 to 2020", "'from 2019 to 2020' needs 'change'"),
        ("sum denied by district with ci", "'with ci' needs a rate"),
        ("sum denied by district with totls", "unknown option 'totls' after 'with'"),
        ("disclosure_rate by outcome", "a metric cannot be broken down by 'outcome'"),
        ("contest_rate by applicant", "this query reads the reviews table, which has no 'applicant'"),
        ("contest_rate where applicant = business", "this query reads both tables, so 'where' may name only report dimensions"),
        ("sum reviews.totl / sum handled", "unknown measure 'totl' in reviews"),
        ("avg reviews.total", "'avg reviews.total' cannot be combined with a metric or a measure of the other table"),
        ("yoy new by year with totals", "'with totals' cannot be combined with 'yoy'"),
        ("sum denied with totals", "'with totals' needs 'by': without it the answer is already the total"),
        ("share new by applicant pivot year", "'share' cannot be combined with 'pivot'"),
    ]

    @Test(arguments: cases) func error(_ query: String, _ message: String) {
        #expect {
            _ = try Samples.engine.run(query)
        } throws: { ($0 as? Diagnostic)?.message == message }
    }
}

@Suite struct ChineseOutputTests {
    @Test func headersAndMembersAreTranslated() throws {
        let r = ChineseOutput.translate(try Samples.engine.run("sum new by applicant where applicant in (natural_person, business)"))
        #expect(r.columns.map(\.name) == ["申请人", "新收"])
        #expect(r.rows == [[.text("自然人"), .integer(735)], [.text("商业企业"), .integer(36)]])
    }

    @Test func districtsAreLeftAlone() throws {
        let r = ChineseOutput.translate(try Samples.engine.run("sum corrected from reviews by district, proceeding where district = 下城区"))
        #expect(r.columns.map(\.name) == ["地区", "程序", "结果纠正"])
        #expect(r.rows.map { $0.map(show) } == [["下城区", "行政复议", "3"], ["下城区", "行政诉讼（未经复议直接起诉）", "1"],
                                                ["下城区", "行政诉讼（复议后起诉）", "0"]])
    }

    @Test func compoundHeadersAreTranslatedWordByWord() throws {
        let r = ChineseOutput.translate(try Samples.engine.run("yoy denied by year"))
        #expect(r.columns.map(\.name) == ["年份", "不予公开", "上年", "差值", "变化百分比"])
        #expect(ChineseOutput.header("avg denied.third_party") == "平均 保护第三方合法权益")
        #expect(ChineseOutput.header("disclosure_rate ci_low") == "公开率 置信下限")
    }
}
