/// Each region of a snapshot has its own checksum, verified when it is first read: a flipped
/// byte in a region a query reads is caught before the answer is used; a query that reads other
/// regions may answer (and answers right); opening it whole (`govq check`, export) catches any.
import Foundation
import GovqCube
import GovqEngine
import GovqLoader
@testable import GovqSnapshot
import Testing

@Suite struct SnapshotRegionTests {
    /// The regions of a snapshot file: (offset in the file, length), as its directory gives them.
    static func regions(_ bytes: [UInt8]) -> [(offset: Int, length: Int)] {
        func u64(_ at: Int) -> Int { Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self) }) }
        let payload = u64(24), length = u64(32), directoryLength = u64(88)
        let directory = payload + length - directoryLength
        return (0..<u64(directory)).map { i in (payload + u64(directory + 8 + 24 * i), u64(directory + 16 + 24 * i)) }
    }

    /// Where each kind of region is read: on open (every query needs it), or only by a query
    /// that reads it (`reads`), while `other` reads none of it.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var region: Int
        var onOpen: Bool
        var reads = "", other = ""
        var description: String { name }
    }

    static let cells = FactTable(id: .applications).rows * FactTable(id: .applications).columns
        + FactTable(id: .reviews).rows * FactTable(id: .reviews).columns
    static let apps = FactTable(id: .applications)
    static let deniedCell = apps.cell(row: Outcome.deniedStateSecret.rawValue, column: ApplicantType.naturalPerson.rawValue)
    static let deniedLeaves = (Outcome.deniedStateSecret.rawValue...Outcome.deniedInquiry.rawValue)
    static let deniedTotal = CellSums.of(.applications).firstIndex(of: deniedLeaves.flatMap { o in
        ApplicantType.allCases.map { apps.cell(row: o, column: $0.rawValue) } }.sorted())!
    static let businessDenied = CellSums.of(.applications).firstIndex(of: deniedLeaves.map {
        apps.cell(row: $0, column: ApplicantType.business.rawValue) })!
    static let grantedCell = apps.cell(row: Outcome.granted.rawValue, column: ApplicantType.naturalPerson.rawValue)

    static let cases: [Case] = [
        Case(name: "dictionary sizes", region: Region.shape, onOpen: true),
        // A dimension's codes are read when a query first uses the dimension.
        Case(name: "district codes", region: Region.codes(0), onOpen: false, reads: "sum denied by district"),
        Case(name: "unit codes", region: Region.codes(1), onOpen: false,
             reads: "count reports by unit", other: "sum new by applicant"),
        Case(name: "file codes", region: Region.codes(2), onOpen: false,
             reads: "count reports by file", other: "sum new by applicant"),
        Case(name: "province codes", region: Region.codes(3), onOpen: false,
             reads: "count reports where province = '浙江省'", other: "sum new by year"),
        Case(name: "report columns", region: Region.reportColumns, onOpen: true),
        Case(name: "missing bitmaps", region: Region.missing, onOpen: true),
        Case(name: "source folders", region: Region.sources(cells: cells), onOpen: true),
        Case(name: "skipped files", region: Region.skipped(cells: cells), onOpen: true),
        // A query run never reads the account (its warnings come from the skipped files and the
        // cube): every query answers, and opening it whole catches the damage.
        Case(name: "account", region: Region.account(cells: cells), onOpen: false,
             other: "sum denied by district"),
        // The account keeps the names of the problem reports' files itself: not read on open.
        Case(name: "file dictionary", region: Region.dictionary(2), onOpen: false,
             reads: "count reports by file", other: "sum new by applicant"),
        // Every answer over reports that do not add up names them by district: no `other`.
        Case(name: "district dictionary", region: Region.dictionary(0), onOpen: false, reads: "sum denied by year"),
        Case(name: "unit dictionary", region: Region.dictionary(1), onOpen: false,
             reads: "count reports by unit", other: "sum new by district"),
        Case(name: "province dictionary", region: Region.dictionary(3), onOpen: false,
             reads: "count reports where province = '浙江省'", other: "sum new by applicant"),
        // `sum denied` reads the stored denied total (a `CellSums` column), not the 48 cells;
        // by applicant, each slice reads its one state-secret cell.
        Case(name: "a denied count column", region: Region.cell(deniedCell), onOpen: false,
             reads: "sum denied.state_secret by applicant", other: "sum denied by district"),
        Case(name: "the denied total", region: Region.sum(deniedTotal, cells: cells), onOpen: false,
             reads: "sum denied by district", other: "sum denied by applicant"),
        Case(name: "the business denied sum", region: Region.sum(businessDenied, cells: cells), onOpen: false,
             reads: "sum denied where applicant in (business, research) by district", other: "sum denied by district"),
        Case(name: "a granted count column", region: Region.cell(grantedCell), onOpen: false,
             reads: "sum granted by applicant", other: "sum denied by year"),
    ]

    @Test(arguments: cases)
    func aFlippedByteIsCaughtWhereItIsRead(_ c: Case) throws {
        let dir = try SnapshotTests.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + ".govq"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fresh = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let regions = Self.regions(bytes)
        #expect(regions.count == Region.count(cells: Self.cells))
        let r = regions[c.region]
        bytes[r.offset + r.length / 2] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        var warnings: [String] = []
        var rebuilt = false
        let opened = try SnapshotStore.open(path, diagnostics: false, okReports: false, verification: .asRead,
                                            load: { rebuilt = true; return ReportLoader.load(paths: $0) }, warn: { warnings.append($0) })
        if c.onOpen {
            #expect(rebuilt, "\(c.name): not noticed on open")
            #expect(warnings.count == 1 && warnings[0].contains("its checksum does not match"), "\(warnings)")
            #expect(Support.difference(fresh.cube, opened.cube) == nil)
            return
        }
        #expect(!rebuilt && warnings.isEmpty, "\(c.name): \(warnings)")
        let engine = QueryEngine(cube: opened.cube), truth = QueryEngine(cube: fresh.cube)
        // A query that does not read the region answers, and right.
        if !c.other.isEmpty { #expect(try engine.run(c.other).rows == truth.run(c.other).rows, "\(c.name): \(c.other)") }
        // The one that reads it is refused, naming the region; so is every later one.
        if !c.reads.isEmpty {
            do {
                let rows = try engine.run(c.reads).rows
                Issue.record("\(c.name): '\(c.reads)' answered \(rows.count) rows from a corrupt region")
            } catch let e as CubeIntegrityError {
                #expect(e.source == path)
                #expect(e.description.contains("checksum of its"), "\(e)")
            }
            #expect(throws: CubeIntegrityError.self) { try engine.run(c.other.isEmpty ? "sum new by applicant" : c.other) }
        }
        // Opened whole (govq check, export), the damage is found before anything is decoded.
        var whole: [String] = []
        let repaired = try SnapshotStore.open(path, verification: .whole, load: { ReportLoader.load(paths: $0) }, warn: { whole.append($0) })
        #expect(whole.count == 1 && whole[0].contains("its checksum does not match"), "\(whole)")
        #expect(Support.difference(fresh.cube, repaired.cube) == nil)
    }

    /// The header and the region directory are verified on every open.
    @Test(arguments: [("header", 20), ("directory", -1)])
    func headerAndDirectoryAreVerifiedOnOpen(_ part: String, _ at: Int) throws {
        let dir = try SnapshotTests.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + ".govq"
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let regions = Self.regions(bytes)
        let last = regions[regions.count - 1]
        bytes[at >= 0 ? at : last.offset + last.length + 12] ^= 0x01   // the directory follows the last region
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var warnings: [String] = []
        _ = try SnapshotStore.open(path, diagnostics: false, okReports: false, verification: .asRead,
                                   load: { ReportLoader.load(paths: $0) }, warn: { warnings.append($0) })
        #expect(warnings.count == 1 && warnings[0].contains("cannot be used"), "\(part): \(warnings)")
    }

    /// Read lazily, a sound snapshot answers every kind of query as the cube it stored, and
    /// decodes no dictionary a query did not ask for; a code read alone is the stored one.
    @Test func lazyReadingAnswersAsTheStoredCube() throws {
        let dir = try SnapshotTests.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + ".govq"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fresh = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        let opened = try SnapshotStore.open(path, diagnostics: false, okReports: false, verification: .asRead,
                                            load: { _ in Issue.record("rebuilt"); return LoadResult() }, warn: { _ in })
        #expect(opened.cube.integrity != nil)
        // A report's code read alone (a warning names three reports) is the column's, before
        // the queries decode the column and after (DeferredCodesTests: past 64 read alone).
        let columns = [("district", opened.cube.district, fresh.cube.district), ("unit", opened.cube.unit, fresh.cube.unit),
                       ("file", opened.cube.file, fresh.cube.file)]
        for (name, stored, truth) in columns {
            #expect((0..<fresh.cube.reportCount).map { stored.code(at: $0) } == truth.codes, "\(name)")
        }
        let engine = QueryEngine(cube: opened.cube), truth = QueryEngine(cube: fresh.cube)
        for q in ["sum denied by district", "sum new by applicant", "count reports by year", "count reports by file",
                  "sum denied where year = 2021 and applicant in (business) by district", "sum denied where district = '临淄区'",
                  "count reports by unit", "count reports by province, city", "sum upheld from reviews by proceeding"] {
            #expect(try engine.run(q).rows == truth.run(q).rows, "\(q)")
        }
        for (name, stored, truth) in columns {
            #expect((0..<fresh.cube.reportCount).map { stored.code(at: $0) } == truth.codes, "\(name): decoded")
        }
        #expect(opened.cube.integrity?.failure == nil)
        #expect(Support.difference(fresh.cube, opened.cube) == nil)
    }
}
