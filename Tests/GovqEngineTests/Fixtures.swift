/// A tiny hand-built cube whose every expected answer is worked out by hand in the tests.
///
/// | report | district     | year | template | stated cells (natural_person unless noted)            | missing rows |
/// |--------|--------------|------|----------|-------------------------------------------------------|--------------|
/// | a.txt  | 下城区        | 2019 | 2019     | new 10, business 2; granted 5, business 1;             | other.*      |
/// |        |              |      |          | denied.third_party 3; denied.process legal_service 1;  |              |
/// |        |              |      |          | handled 8, business 1, legal_service 1; carried_forward 2, business 1 |  |
/// | b.txt  | 临淄区        | 2019 | 2019     | new 4; denied.state_secret 1; granted 3                 | handled, other.* |
/// | c.txt  | 济南市历城区  | 2020 | 2019     | new 20, research 1; denied.inquiry 6;                   | other.*      |
/// |        |              |      |          | denied.third_party research 1; granted 7; handled 13, research 1 |   |
/// | d.txt  | 下城区        | 2021 | 2021     | new 7; other.misc 2; granted 4; handled 6               | other        |
///
/// Every other applications cell is 0. Reviews: a.txt review upheld 2, corrected 1, total 3 and
/// litigation_direct corrected 1, total 1; c.txt review pending 4, total 4; b.txt states no
/// section 四 (all missing); d.txt all 0.
import GovqCube
@testable import GovqEngine

enum Fixture {
    static let cube: Cube = {
        var b = CubeBuilder()
        func report(_ file: String, _ district: String, _ year: Int, _ template: Template,
                    _ cells: [(Outcome, ApplicantType, Int32)], missing: [Outcome]) -> ReportRecord {
            var r = ReportRecord(file: file, district: district, unit: district + "人民政府办公室", year: year, template: template)
            for o in Outcome.allCases where !missing.contains(o) {
                for a in ApplicantType.allCases { r[o, a] = 0 }
            }
            for (o, a, v) in cells { r[o, a] = v }
            return r
        }
        let old: [Outcome] = [.otherNoCorrection, .otherNoFee, .otherMisc]
        var a = report("a.txt", "下城区", 2019, .t2019, [
            (.new, .naturalPerson, 10), (.new, .business, 2), (.granted, .naturalPerson, 5), (.granted, .business, 1),
            (.deniedThirdParty, .naturalPerson, 3), (.deniedProcess, .legalService, 1),
            (.handled, .naturalPerson, 8), (.handled, .business, 1), (.handled, .legalService, 1),
            (.carriedForward, .naturalPerson, 2), (.carriedForward, .business, 1),
        ], missing: old)
        let bb = report("b.txt", "临淄区", 2019, .t2019, [
            (.new, .naturalPerson, 4), (.deniedStateSecret, .naturalPerson, 1), (.granted, .naturalPerson, 3),
        ], missing: old + [.handled])
        var c = report("c.txt", "济南市历城区", 2020, .t2019, [
            (.new, .naturalPerson, 20), (.new, .research, 1), (.deniedInquiry, .naturalPerson, 6),
            (.deniedThirdParty, .research, 1), (.granted, .naturalPerson, 7),
            (.handled, .naturalPerson, 13), (.handled, .research, 1),
        ], missing: old)
        var d = report("d.txt", "下城区", 2021, .t2021, [
            (.new, .naturalPerson, 7), (.otherMisc, .naturalPerson, 2), (.granted, .naturalPerson, 4), (.handled, .naturalPerson, 6),
        ], missing: [.other])
        for r in ReviewResult.allCases {
            for p in Proceeding.allCases { a[r, p] = 0; c[r, p] = 0; d[r, p] = 0 }
        }
        a[.upheld, .review] = 2; a[.corrected, .review] = 1; a[.total, .review] = 3
        a[.corrected, .litigationDirect] = 1; a[.total, .litigationDirect] = 1
        c[.pending, .review] = 4; c[.total, .review] = 4
        for r in [a, bb, c, d] { b.append(r) }
        return b.cube
    }()

    static let engine = QueryEngine(cube: cube)
}
