/// The narrative's figures against the table (ProseCheck).
import Testing
@testable import GovqCube
import GovqDiagnostics
@testable import GovqLoader

@Suite struct ProseCheckTests {
    @Test(arguments: [
        ("全区共计收到政府信息公开申请", ProseCheck.Figure.new),
        ("受理区政府、区政府办公室依申请公开信息", .new),
        ("申请办结数", .handled),
        ("全区办理依申请公开", .handled),
        ("予以公开", .granted),
        ("其中同意公开答复数", .granted),
        ("部分公开", .partial),
        ("不予以公开", .denied),
        ("不同意公开答复数", .denied),
        ("不予公开", .denied),
    ])
    func clauseNamesItsFigure(before: String, figure: ProseCheck.Figure) {
        #expect(ProseCheck.Figure.of(before) == figure)
    }

    @Test(arguments: ["其中当面申请", "不属于本行政机关公开数", "公开人大代表建议办理结果", "自然人申请", ""])
    func otherClausesNameNone(before: String) {
        #expect(ProseCheck.Figure.of(before) == nil)
    }

    @Test func numberBeforeJian() {
        #expect(ProseCheck.number(beforeJian: ArraySlice("办结３３件".unicodeScalars))! == (33, 2, 2))
        #expect(ProseCheck.number(beforeJian: ArraySlice("申请315件".unicodeScalars))! == (315, 2, 3))
        #expect(ProseCheck.number(beforeJian: ArraySlice("304件自然人申请".unicodeScalars))! == (304, 0, 3))
        #expect(ProseCheck.number(beforeJian: ArraySlice("件".unicodeScalars)) == nil)
    }

    /// 临淄 (002) line 8 says 申请办结数33件 and its （七）总计 row has no cells; its other
    /// figures (受理35件, 同意公开答复数4件, 不同意公开答复数0件) agree with the table. The other
    /// samples' figures agree (历城 收到315件; 城阳 收到269件; 下城 办理165件, 予以公开117件,
    /// 部分公开8件, 不予以公开6件).
    @Test(arguments: ["000_55b3ad02e644708f.txt", "001_5a5084d99bf70471.txt", "002_30a4ee9a9a62a807.txt",
                      "003_3fa0ebe6e4ac208e.txt", "004_7c44efe8d794ab26.txt"])
    func samplesWarnOnlyWhereTextAndTableDiffer(name: String) throws {
        let prose = try Paths.parseSample(name).diagnostics.filter { $0.message.hasPrefix("the text says") }
        if name.hasPrefix("002") {
            #expect(prose.map(\.message) == ["the text says 33 (handled), but the table's handled is missing"])
            #expect(prose.first?.location?.line == 8)
        } else {
            #expect(prose.isEmpty)
        }
    }

    /// A record whose new row is 12 for natural persons and 0 elsewhere, handled 10, granted 7.
    private static func record() -> ReportRecord {
        var r = ReportRecord(file: "t.txt", district: "某区", unit: "某区人民政府", year: 2020, template: .t2019)
        for a in ApplicantType.allCases {
            r[.new, a] = a == .naturalPerson ? 12 : 0
            r[.handled, a] = a == .naturalPerson ? 10 : 0
            r[.granted, a] = a == .naturalPerson ? 7 : 0
        }
        return r
    }

    private static func warnings(_ text: String, before end: Int? = nil) -> [Diagnostic] {
        let lines = TextLines(Array(text.utf8))
        return ProseCheck.check(lines, before: end ?? lines.count, record: record(), source: "t.txt")
    }

    /// Each figure's clause is bounded by ，。；;, (not 、); only a clause's first 件 counts; only
    /// the first mention of a figure counts; the column is the digits' scalar position.
    @Test func clausesOnBytes() {
        // 收到13件 differs (new is 12); 办结10件 agrees; the second 收到 is a later mention.
        let a = Self.warnings("标题\n本年度共收到申请１３件，办结10件。其中收到申请5件。\n")
        #expect(a.map(\.message) == ["the text says 13 (new), but the table's new is 12"])
        #expect(a.first?.location?.line == 2)
        #expect(a.first?.location?.column == 9)
        #expect(a.first?.location?.length == 3)
        #expect(a.first?.help == "the narrative: '本年度共收到申请１３件'")
        // 、 does not end a clause: 办结9件 is a breakdown inside 受理12件's clause, not checked.
        #expect(Self.warnings("共受理申请12件、办结9件；予以公开8件\n").map(\.message)
                == ["the text says 8 (granted), but the table's granted is 7"])
        // A 件 with no number first takes its clause: its later 件 is not read either.
        #expect(Self.warnings("各类文件、办结9件\n").isEmpty)
        // Lines from the table on are not narrative.
        #expect(Self.warnings("办结9件\n予以公开8件\n", before: 1).map(\.message)
                == ["the text says 9 (handled), but the table's handled is 10"])
        #expect(Self.warnings("办结9件\n", before: 0).isEmpty)
    }
}
