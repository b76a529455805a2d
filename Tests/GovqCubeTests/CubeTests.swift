import Testing
@testable import GovqCube

@Suite struct CubeTests {
    @Test func builderKeepsCodesCountsAndMissing() {
        var b = CubeBuilder()
        var r = ReportRecord(file: "a.txt", district: "临淄区", unit: "临淄区人民政府办公室", year: 2019, template: .t2019)
        r[.new, .naturalPerson] = 35
        r[.upheld, .review] = 2
        b.append(r)
        var s = ReportRecord(file: "b.txt", district: "下城区", unit: "下城区", year: 2020, template: .t2021)
        s[.new, .naturalPerson] = 7
        b.append(s)
        var t = r
        t.file = "c.txt"
        b.append(t)
        let cube = b.cube
        #expect(cube.reportCount == 3)
        #expect(cube.district.values == ["临淄区", "下城区"])
        #expect(cube.district.codes == [0, 1, 0])
        #expect(cube.year == [2019, 2020, 2019])
        #expect(cube.applications.value(report: 1, row: Outcome.new.rawValue, column: 0) == 7)
        #expect(cube.applications.value(report: 1, row: Outcome.granted.rawValue, column: 0) == nil)
        #expect(cube.reviews.value(report: 2, row: ReviewResult.upheld.rawValue, column: Proceeding.review.rawValue) == 2)
    }

    @Test func appendingCubesKeepsEveryCell() {
        var a = CubeBuilder(), b = CubeBuilder()
        var r = ReportRecord(file: "a", district: "甲", unit: "甲", year: 2019, template: .t2019)
        r[.granted, .business] = 3
        a.append(r)
        var s = ReportRecord(file: "b", district: "乙", unit: "乙", year: 2021, template: .t2021)
        s[.otherMisc, .research] = 4
        b.append(s)
        a.append(contentsOf: b.cube)
        let c = a.cube
        #expect(c.reportCount == 2)
        #expect(c.district[report: 1] == "乙")
        #expect(c.applications.value(report: 1, row: Outcome.otherMisc.rawValue, column: ApplicantType.research.rawValue) == 4)
        #expect(c.applications.value(report: 0, row: Outcome.otherMisc.rawValue, column: ApplicantType.research.rawValue) == nil)
        #expect(c.applications.value(report: 0, row: Outcome.granted.rawValue, column: ApplicantType.business.rawValue) == 3)
    }

    @Test func appendingCubesRecodesSharedValues() {
        var a = CubeBuilder(), b = CubeBuilder()
        a.append(ReportRecord(file: "a", district: "甲", unit: "甲", year: 2019, template: .t2019))
        b.append(ReportRecord(file: "b", district: "乙", unit: "乙", year: 2019, template: .t2019))
        b.append(ReportRecord(file: "c", district: "甲", unit: "甲", year: 2019, template: .t2019))
        a.append(contentsOf: b.cube)
        #expect(a.cube.district.values == ["甲", "乙"])
        #expect(a.cube.district.codes == [0, 1, 0])
        #expect(a.cube.file.values == ["a", "b", "c"])
    }

    /// A bitmap appended to one of any length holds the same bits as one appended bit by bit.
    @Test(arguments: [(0, 5), (0, 64), (3, 70), (63, 1), (64, 64), (65, 200), (100, 0), (127, 129)])
    func bitmapsAppendWordByWord(first: Int, second: Int) {
        let bit = { (i: Int) in (i * 7 + i / 3) % 5 < 2 }
        var a = Bitmap(), b = Bitmap(), expected = Bitmap()
        for i in 0..<first { a.append(bit(i)); expected.append(bit(i)) }
        for i in 0..<second { b.append(bit(first + i)); expected.append(bit(first + i)) }
        a.append(contentsOf: b)
        #expect(a == expected)
        #expect(a.count == first + second)
    }

    @Test func schemaResolvesEnglishAndChineseNames() {
        #expect(Schema.measure(named: "denied", in: .applications)?.leaves.count == 8)
        #expect(Schema.measure(named: "不予公开", in: .applications)?.name == "denied")
        #expect(Schema.measure(named: "corrected", in: .reviews)?.leaves == [ReviewResult.corrected.rawValue])
        #expect(Schema.dimension(named: "地区")?.name == "district")
        #expect(Schema.dimension(named: "districts")?.name == "district")
        #expect(Outcome.allCases.map(\.name).count == 26)
    }
}

@Suite struct CollationTests {
    @Test func districtsSortByPinyin() {
        let names = ["下城区", "临淄区", "济南市历城区", "青岛市城阳区", "济宁经济技术开发区"]
        let ranks = Collation.ranks(of: names)
        let sorted = names.indices.sorted { ranks[$0] < ranks[$1] }.map { names[$0] }
        #expect(sorted == ["济南市历城区", "济宁经济技术开发区", "临淄区", "青岛市城阳区", "下城区"])
    }
}

/// `Cube.years`: the distinct years, ascending, told by one flag a year between the first and the last.
@Suite struct CubeYearsTests {
    static let cases: [([Int], [Int])] = [
        ([], []),
        ([2021], [2021]),
        ([2024, 2019, 2021, 2019, 2024, 2024], [2019, 2021, 2024]),
        ([2025, 2019, 2020, 2021, 2022, 2023, 2024], [2019, 2020, 2021, 2022, 2023, 2024, 2025]),
        ([1, 32767, 1], [1, 32767]),
    ]

    @Test(arguments: cases)
    func distinctAscending(years: [Int], expected: [Int]) {
        var b = CubeBuilder()
        for (i, y) in years.enumerated() {
            b.append(ReportRecord(file: "\(i).txt", district: "甲", unit: "甲\(i)", year: y, template: .t2021))
        }
        #expect(b.cube.years == expected)
    }
}
