/// Discovery queries over the fixture: report dimensions list members with report counts in
/// group-key order; split and leaf members count the reports that state one of their cells.
import GovqCube
import Testing
@testable import GovqEngine

@Suite struct ShowTests {
    static let members: [QueryCase] = [
        .init("show districts", "district | reports", ["济南市历城区 | 1", "临淄区 | 1", "下城区 | 2"]),
        .init("show 地区", "district | reports", ["济南市历城区 | 1", "临淄区 | 1", "下城区 | 2"]),
        .init("show year", "year | reports", ["2019 | 2", "2020 | 1", "2021 | 1"]),
        .init("show years where district = 下城区", "year | reports", ["2019 | 1", "2021 | 1"]),
        .init("show templates", "template | reports", ["2019 | 3", "2021 | 1"]),
        .init("show applicants", "applicant | label | reports", [
            "natural_person | 自然人 | 4", "business | 商业企业 | 4", "research | 科研机构 | 4",
            "nonprofit | 社会公益组织 | 4", "legal_service | 法律服务机构 | 4", "other_org | 其他 | 4",
        ]),
        // b.txt states no section 四
        .init("show proceedings", "proceeding | label | reports",
              ["review | 行政复议 | 3", "litigation_direct | 未经复议直接起诉 | 3", "litigation_after_review | 复议后起诉 | 3"]),
        .init("show tables", "name | aliases | rows | columns | reports",
              ["applications | 申请, 申请情况 | outcome | applicant | 4", "reviews | 复议诉讼, 行政复议行政诉讼 | result | proceeding | 4"]),
    ]

    @Test(arguments: members) func showLists(_ c: QueryCase) throws { try check(Fixture.engine, c) }

    @Test func outcomesCountReportsThatStateThem() throws {
        let r = try Fixture.engine.run("show outcomes")
        let count = Dictionary(uniqueKeysWithValues: r.rows.map { (show($0[0]), show($0[2])) })
        #expect(r.rows.count == Outcome.allCases.count)
        #expect(count["new"] == "4")
        #expect(count["other"] == "3")        // the 2021-template report splits it
        #expect(count["other.misc"] == "1")
        #expect(count["handled"] == "3")      // b.txt lost its (七)总计
    }

    @Test func measuresAndDimensionsListEveryName() throws {
        let m = try Fixture.engine.run("show measures")
        #expect(m.columns.map(\.name) == ["name", "aliases", "table", "leaves", "summary"])
        #expect(m.rows.count == Schema.measures.count + Metrics.all.count)   // the named metrics follow the measures
        let denied = try #require(m.rows.first { $0[0] == .text("denied") })
        #expect(denied[1] == .text("不予公开"))
        #expect(denied[3] == .text("denied.state_secret, denied.prohibited, denied.security, denied.third_party, denied.internal, denied.process, denied.enforcement, denied.inquiry"))
        #expect(m.rows.contains { $0[0] == .text("corrected") && $0[2] == .text("reviews") })
        let d = try Fixture.engine.run("show dimensions")
        #expect(d.rows.map { show($0[0]) } == ["district", "unit", "year", "template", "file", "status", "province", "city", "county", "adcode", "level", "body_kind", "applicant", "outcome", "proceeding", "result"])
        #expect(d.rows[0][1] == .text("地区"))
    }
}

@Suite struct CollationRankTests {
    /// The per-character ranking used for large dictionaries orders names as `Collation` does.
    @Test func largeDictionariesSortLikeCollation() {
        let base = ["下城区", "临淄区", "济南市历城区", "青岛市城阳区", "济宁经济技术开发区", "城阳区", "北京市", "历下区", "A区", "1号"]
        let values = (0..<2500).map { base[$0 % base.count] + String($0 / base.count) }
        let fast = CubeView.textRanks(values)
        let exact = Collation.ranks(of: values)
        let sample = Array(values.indices.prefix(300))
        #expect(sample.sorted { fast[$0] < fast[$1] } == sample.sorted { exact[$0] < exact[$1] })
    }
}

@Suite struct ExplainTests {
    @Test func explainShowsEachStep() throws {
        let text = try Fixture.engine.explain("sum denied by district where year = 2019 or applicant = business order by denied desc limit 2")
        #expect(text == """
        scan applications (4 reports)
          filter (year in {2019} (1 of 3) or applicant in {business})
          group by district
          measure denied = denied.state_secret + denied.prohibited + denied.security + denied.third_party + denied.internal + denied.process + denied.enforcement + denied.inquiry
          aggregate sum denied over report values
          output 'denied' (integer)
          order by 1 key(s), NULLs last, ties in group-key order
          limit 2

        """)
    }
}
