/// Group ids are numbered by each group's first report, whichever way the cube numbers its
/// codes: the fixture's districts by report are 下城区, 临淄区, 济南市历城区, 下城区.
import GovqCube
import Testing
@testable import GovqEngine

@Suite struct GroupingTests {
    /// The fixture's district column again, its dictionary in `values` order, and (optionally)
    /// a member no report has.
    static func cube(districts values: [String]) -> Cube {
        let f = Fixture.cube
        let names = ["下城区", "临淄区", "济南市历城区", "下城区"]
        let codes = names.map { UInt32(values.firstIndex(of: $0)!) }
        return Cube(district: DimensionColumn(values: values, codes: codes), unit: f.unit, file: f.file, year: f.year,
                    template: f.template, status: f.status, applications: f.applications, reviews: f.reviews)
    }

    @Test(arguments: [
        ["下城区", "临淄区", "济南市历城区"],            // as the cube builds it: the codes are the ids
        ["下城区", "临淄区", "济南市历城区", "未出现区"],   // a last member no report has
        ["济南市历城区", "下城区", "临淄区"],            // another order: numbered again
        ["临淄区", "未出现区", "下城区", "济南市历城区"],   // a member no report has, before others
    ])
    func idsFollowFirstReports(values: [String]) throws {
        let cube = Self.cube(districts: values)
        let groups = try ReportGroups.build([.district], view: CubeView(cube: cube, cache: EngineCache()))
        #expect(groups.gid == [0, 1, 2, 0])
        #expect(groups.count == 3)
        #expect(groups.representative == [0, 1, 2])
        let answer = try QueryEngine(cube: cube).run("sum new by district")
        #expect(answer.rows == (try Fixture.engine.run("sum new by district")).rows)
    }

    /// With no report dimension every report is in group 0 and no id is stored (a query like
    /// `sum new by applicant` writes no array of 0s a report); the ids are still there for the
    /// few who want them all. ExecutorTests' answers without `by` a report dimension (sums, min
    /// and max, complete cases, `where`) run through it.
    @Test func oneGroupStoresNoIDs() throws {
        let groups = try ReportGroups.build([], view: CubeView(cube: Fixture.cube, cache: EngineCache()))
        #expect(groups.gid.isEmpty)
        #expect(groups.count == 1)
        #expect(groups.reports == 4)
        #expect((0..<4).map(groups.id) == [0, 0, 0, 0])
        #expect(groups.ids == [0, 0, 0, 0])
        #expect(groups.representative == [0])
        let merged = groups.merged(by: [], view: CubeView(cube: Fixture.cube, cache: EngineCache()))
        #expect(merged.groups.count == 1 && merged.groups.reports == 4 && merged.map == [0])
    }
}
