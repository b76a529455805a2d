/// The `CellSums` a snapshot stores (a measure's leaves summed per report, over every applicant
/// or for one) and the scans that read them in place of the cells: the layout read from the
/// schema by hand, stored values against the cells they sum, sums too large for 32 bits left
/// to the cells, and answers the same as over the cube that was saved.
import Foundation
import GovqCube
import GovqEngine
import GovqLoader
@testable import GovqSnapshot
import Testing

@Suite struct CellSumTests {
    static let apps = FactTable(id: .applications)
    static let denied: [Outcome] = [.deniedStateSecret, .deniedProhibited, .deniedSecurity, .deniedThirdParty,
                                    .deniedInternal, .deniedProcess, .deniedEnforcement, .deniedInquiry]

    static func cells(_ outcomes: [Outcome], _ applicants: [ApplicantType] = ApplicantType.allCases) -> [Int] {
        outcomes.flatMap { o in applicants.map { apps.cell(row: o.rawValue, column: $0.rawValue) } }.sorted()
    }

    /// The 25 leaf measures summed over the 6 applicants (every leaf but the 2019 template's
    /// `other`, which is a measure only inside the group `other`), the 5 groups (received,
    /// denied, unavailable, not_processed, other) over all of them and for each: 25 + 5 + 30.
    /// Reviews: 5 results over the 3 proceedings. A single cell is no sum.
    @Test func layoutFollowsTheSchema() {
        let a = CellSums.of(.applications)
        #expect(a.count == 60)
        #expect(a.first == Self.cells(Self.denied))
        #expect(a.first?.count == 48)
        #expect(a.map(\.count) == a.map(\.count).sorted(by: >))
        for (sum, present) in [(Self.cells([.new, .carriedOver]), true), (Self.cells([.new, .carriedOver], [.business]), true),
                               (Self.cells(Self.denied, [.legalService]), true), (Self.cells([.new]), true),
                               (Self.cells([.unavailableNotHeld, .unavailableNeedsCreation, .unavailableUnclear], [.research]), true),
                               (Self.cells([.granted, .partial]), false), (Self.cells([.new], [.business]), false),
                               (Self.cells([.other]), false), (Self.cells([.other, .otherNoCorrection, .otherNoFee, .otherMisc]), true)] {
            #expect(a.contains(sum) == present, "\(sum)")
        }
        #expect(Set(a.map { $0 }).count == a.count)
        let r = CellSums.of(.reviews)
        #expect(r.count == 5 && r.allSatisfy { $0.count == 3 })
        #expect(CellSums.stored == a.count + r.count)
    }

    /// Every stored sum of a real corpus (the samples and 40 generated reports) is the sum of
    /// its cells, report by report, missing cells as 0.
    @Test func storedSumsAddUpTheirCells() throws {
        let dir = try SnapshotTests.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + ".govq"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fresh = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        let opened = try SnapshotStore.open(path, verification: .asRead, load: { _ in Issue.record("rebuilt"); return LoadResult() },
                                            warn: { _ in })
        let n = fresh.cube.reportCount
        #expect(n > 40)
        for id in FactTableID.allCases {
            let saved = fresh.cube.table(id), stored = opened.cube.table(id).counts
            #expect(stored.hasStoredSums)
            for (j, sum) in CellSums.of(id).enumerated() {
                let view = try #require(stored.storedSum(j))
                for r in 0..<n {
                    let expected = sum.reduce(Int64(0)) { $0 + Int64(saved.counts[$1][r]) }
                    #expect(Self.load(view, r) == expected, "\(id.name) sum \(j), report \(r)")
                }
            }
        }
    }

    static func load(_ view: CountColumnView, _ i: Int) -> Int64 {
        switch view {
        case .zeros: 0
        case .u8(let p): Int64(p[i])
        case .u16(let p): Int64(p[i])
        case .i32(let p): Int64(p[i])
        }
    }

    /// Two business denied leaves at Int32.max: that report's business denied sum and denied
    /// total need 33 bits, so neither is stored, and a scan adds the cells as before.
    @Test func aSumTooLargeIsLeftToTheCells() throws {
        let dir = try Support.temporaryFolder("large-sums")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var b = CubeBuilder()
        var r0 = ReportRecord(file: "r0.txt", district: "临淄区", unit: "u0", year: 2019, template: .t2019)
        r0[.deniedStateSecret, .business] = .max
        r0[.deniedThirdParty, .business] = .max
        r0[.deniedInquiry, .naturalPerson] = 4
        var r1 = ReportRecord(file: "r1.txt", district: "下城区", unit: "u1", year: 2020, template: .t2019)
        r1[.deniedStateSecret, .naturalPerson] = 3
        r1[.deniedStateSecret, .business] = 2
        b.append(r0)
        b.append(r1)
        let path = dir + "/large.govq"
        _ = try SnapshotStore.build(roots: [dir], to: path) { _ in LoadResult(cube: b.cube) }
        let opened = try SnapshotStore.open(path, verification: .asRead, load: { _ in Issue.record("rebuilt"); return LoadResult() },
                                            warn: { _ in })
        let sums = CellSums.of(.applications), counts = opened.cube.applications.counts
        let total = try #require(sums.firstIndex(of: Self.cells(Self.denied)))
        let business = try #require(sums.firstIndex(of: Self.cells(Self.denied, [.business])))
        let natural = try #require(sums.firstIndex(of: Self.cells(Self.denied, [.naturalPerson])))
        #expect(counts.storedSum(total) == nil)
        #expect(counts.storedSum(business) == nil)
        #expect(counts.storedSum(natural) != nil)
        let engine = QueryEngine(cube: opened.cube)
        // 2019: 2 × 2,147,483,647 + 4; 2020: 3 + 2.
        let twice = 2 * Int64(Int32.max)
        #expect(try engine.run("sum denied by year").rows == [[.integer(2019), .integer(twice + 4)], [.integer(2020), .integer(5)]])
        #expect(try engine.run("sum denied where applicant in (business) by year").rows
            == [[.integer(2019), .integer(twice)], [.integer(2020), .integer(2)]])
        #expect(try engine.run("sum denied where applicant in (natural_person) by year").rows
            == [[.integer(2019), .integer(4)], [.integer(2020), .integer(3)]])
    }

    /// A scan that reads sums answers as one over the cells: queries that can use a total, a
    /// per-applicant sum, a leaf's total or none, over the snapshot and over the saved cube
    /// (some cells missing, so that NULL and count follow the cells' bitmaps).
    @Test(arguments: [
        "sum denied by district", "sum denied, received, unavailable by year", "sum denied by applicant",
        "sum denied where applicant in (business, legal_service) by district", "avg denied by year",
        "min denied, max denied by district", "count denied by year", "sum denied by outcome",
        "sum received where year = 2020 by district", "sum denied.third_party by district",
        "sum upheld from reviews by district", "sum not_processed where applicant = natural_person by year",
        // One group: the stored columns' totals alone (no per-report values).
        "sum handled by applicant", "sum handled, carried_forward", "sum handled where applicant in (business, research)",
    ])
    func answersAsOverTheCells(_ query: String) throws {
        let dir = try Support.temporaryFolder("sum-answers")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var b = CubeBuilder()
        for i in 0..<9 {
            var r = ReportRecord(file: "r\(i).txt", district: ["临淄区", "下城区", "历城区"][i % 3], unit: "u\(i)", year: 2019 + i % 2,
                                 template: .t2019)
            for (k, o) in Outcome.allCases.enumerated() {
                for a in ApplicantType.allCases where (i + k + a.rawValue) % 4 != 0 {
                    r[o, a] = Int32((i * 7 + k * 3 + a.rawValue) % 300)
                }
            }
            for a in ApplicantType.allCases { r[.handled, a] = Int32(i * 40_000 + a.rawValue) }   // never missing, past 16 bits
            if i == 4 { for o in Self.denied { for a in ApplicantType.allCases { r[o, a] = nil } } }   // no denied cell at all
            for res in ReviewResult.allCases { r[res, .review] = Int32(i + res.rawValue) }
            b.append(r)
        }
        let path = dir + "/answers.govq"
        _ = try SnapshotStore.build(roots: [dir], to: path) { _ in LoadResult(cube: b.cube) }
        let opened = try SnapshotStore.open(path, verification: .asRead, load: { _ in Issue.record("rebuilt"); return LoadResult() },
                                            warn: { _ in })
        let saved = try QueryEngine(cube: b.cube).run(query), mapped = try QueryEngine(cube: opened.cube).run(query)
        #expect(!saved.rows.isEmpty)
        #expect(saved.rows == mapped.rows)
    }
}
