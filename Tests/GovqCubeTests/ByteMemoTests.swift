/// CubeBuilder's memo of codes by a value's bytes against the column's own String index: a
/// cube built report by report, and one merged from several, must hold the values and codes
/// appending every value to a plain column gives, canonically equal spellings included
/// (`é` and `e` + U+0301 are one String, so one code, though their bytes differ).
@testable import GovqCube
import Testing

@Suite struct ByteMemoTests {
    /// Names that repeat, Chinese and ASCII, empty, long, and canonically equal pairs.
    static func values(_ n: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ k: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % k
        }
        let pieces = ["济南市", "历城区", "人民政府", "办公室", "a", "b/c", "0000123.txt", "", "é", "e\u{301}", "Å", "A\u{30A}", "豈", "\u{8C48}",
                      "市场监督管理局", "广西壮族自治区玉林市容县 (450921)"]
        return (0..<n).map { _ in (0..<next(5)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    static func record(_ v: String, _ i: Int) -> ReportRecord {
        var r = ReportRecord(file: "f\(i % 700)/\(v)", district: v, unit: v + "局", year: 2020, template: .t2019)
        r.place = ReportPlace(province: v, city: String(v.prefix(2)), county: v, adcode: "\(i % 37)", level: "county", bodyKind: v, reason: "")
        return r
    }

    /// The column as appending every value through the String index makes it.
    static func plain(_ values: [String]) -> DimensionColumn {
        var c = DimensionColumn()
        for v in values { c.append(v) }
        return c
    }

    static func expectSame(_ a: DimensionColumn, _ b: DimensionColumn) {
        #expect(a.values == b.values && a.codes == b.codes)
        // Same code for equal Strings whatever their bytes, as the index says.
        #expect(a.values.count == Set(a.values).count)
    }

    @Test func reportByReportIsThePlainColumn() {
        let vs = Self.values(5000, seed: 1)
        var builder = CubeBuilder()
        for (i, v) in vs.enumerated() { builder.append(Self.record(v, i)) }
        let cube = builder.cube
        Self.expectSame(cube.district, Self.plain(vs))
        Self.expectSame(cube.unit, Self.plain(vs.map { $0 + "局" }))
        Self.expectSame(cube.file, Self.plain(vs.enumerated().map { "f\($0.offset % 700)/\($0.element)" }))
        Self.expectSame(cube.place.city, Self.plain(vs.map { String($0.prefix(2)) }))
        Self.expectSame(cube.place.adcode, Self.plain((0..<vs.count).map { "\($0 % 37)" }))
        #expect(cube.district.lookup("e\u{301}") == cube.district.lookup("é"))
        #expect(cube.district.lookup("é") != nil)
    }

    @Test func mergedCubesAreThePlainColumn() {
        let vs = Self.values(4000, seed: 2)
        var merged = CubeBuilder()
        for part in stride(from: 0, to: vs.count, by: 333) {
            var b = CubeBuilder()
            for i in part..<min(vs.count, part + 333) { b.append(Self.record(vs[i], i)) }
            merged.append(contentsOf: b.cube)
        }
        Self.expectSame(merged.cube.district, Self.plain(vs))
        Self.expectSame(merged.cube.place.county, Self.plain(vs))
        Self.expectSame(merged.cube.file, Self.plain(vs.enumerated().map { "f\($0.offset % 700)/\($0.element)" }))
    }

    /// Many distinct values (the memo grows many times) and values that differ in one byte.
    @Test func manyDistinctValues() {
        let vs = (0..<20000).map { "区\($0 % 9000)號\($0 % 3)" }
        var builder = CubeBuilder()
        for (i, v) in vs.enumerated() { builder.append(Self.record(v, i)) }
        Self.expectSame(builder.cube.district, Self.plain(vs))
    }

    /// Values in plain characters go in without the index; a spelling in other characters that
    /// is the same String as one of them must still get its code (Kelvin sign U+212A is `K`;
    /// the compatibility ideograph U+F900 is U+8C48), and so must every plain value after it.
    @Test(arguments: [("K", "\u{212A}"), ("\u{8C48}", "\u{F900}"), ("済南", "済南"), ("a.txt", "a.txt")])
    func equalStringsInOtherBytesShareACode(plain: String, other: String) {
        #expect(plain == other)
        let vs = ["0001.txt", plain, "历城区", other, plain, "历城区", "0002.txt", other]
        var builder = CubeBuilder()
        for (i, v) in vs.enumerated() { builder.append(Self.record(v, i)) }
        Self.expectSame(builder.cube.district, Self.plain(vs))
        #expect(builder.cube.district.lookup(other) == builder.cube.district.lookup(plain))
        #expect(builder.cube.district.lookup("历城区") == 2)
        #expect(builder.cube.district.lookup("济南市") == nil)
    }

    /// A column whose index was left to be made: its copy grows apart from it, and each one's
    /// lookups are its own (they share the map made before the copy grew, until it grows).
    @Test func aCopyThatGrowsKeepsItsOwnIndex() {
        var builder = CubeBuilder()
        for (i, v) in ["a", "b", "c"].enumerated() { builder.append(Self.record(v, i)) }
        let original = builder.cube.district
        #expect(original.lookup("c") == 2)
        var other = builder
        other.append(Self.record("d", 3))
        #expect(other.cube.district.lookup("d") == 3)
        #expect(original.lookup("d") == nil)
        builder.append(Self.record("e", 3))
        #expect(builder.cube.district.lookup("e") == 3 && builder.cube.district.lookup("d") == nil)
        #expect(other.cube.district.lookup("e") == nil)
    }
}
