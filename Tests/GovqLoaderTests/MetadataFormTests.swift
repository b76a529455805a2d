/// Metadata forms the round-trip corpus found: a title's unit and year lines apart
/// (`…民政局` / blank line / `2022年度政府信息公开工作报告`), a sentence that mentions 年度报告,
/// department names with 城 / 市 / 乡 inside them (城市管理局, 住房和城乡建设局, 市民政局).
import Testing
@testable import GovqLoader

@Suite struct MetadataFormTests {
    func meta(_ text: String) -> ReportMetadata {
        let lines = TextLines(Array(text.utf8))
        return Metadata.read(lines, before: lines.count)
    }

    @Test(arguments: [
        // unit and year on lines a blank line apart
        ("成都市锦江区民政局\n\n2022年度政府信息公开工作报告\n", "成都市锦江区民政局", "成都市锦江区", 2022),
        ("某某县\n\n\n2021年度政府信息公开工作报告\n", "某某县", "某某县", 2021),
        ("济宁经济技术开发区\n\n2020年政府信息公开工作年度报告\n", "济宁经济技术开发区", "济宁经济技术开发区", 2020),
        // year first, split after 政府信息公开
        ("2020年杭州市民政局政府信息公开\n年度工作报告\n", "杭州市民政局", "杭州市", 2020),
    ])
    func titleForms(text: String, unit: String, district: String, year: Int) {
        let sentence = "本报告根据《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2021〕30号）要求编制。\n"
        let m = meta(text + "\n" + sentence)
        #expect(m.unit == unit && m.district == district && m.year == year)
    }

    /// A sentence that mentions 年度报告 is no title: the unit is unknown rather than made up.
    @Test func aSentenceIsNotATitle() {
        let m = meta("本报告根据《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》要求编制。本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n")
        #expect(m.unit == nil)
        #expect(m.year == 2021)
    }

    /// No title: the body from the prose, the year from the first 20xx年度 near the top.
    @Test(arguments: [
        ("2021年度工作总结\n如有疑问，请与某某区民政局联系（电话：1234）。\n", "某某区民政局", 2021),
        ("一、总体情况\n某某县市场监督管理局（以下简称“本机关”）2022年度政府信息公开工作如下。\n", "某某县市场监督管理局", 2022),
        ("2020年度\n本报告由某某市示范区人民政府办公室编制。\n", "某某市示范区人民政府办公室", 2020),
    ])
    func unitFromProse(text: String, unit: String, year: Int) {
        let m = meta(text)
        #expect(m.unit == unit && m.year == year && m.unitSource != nil)
    }

    @Test(arguments: [
        ("某某市城市管理局", "某某市"), ("福州市台江区城市管理局", "福州市台江区"), ("聊城市城市管理局", "聊城市"),
        ("成都市成华区住房和城乡建设局", "成都市成华区"), ("绵阳市盐亭县住房和城乡建设局", "绵阳市盐亭县"),
        ("南宁市民政局", "南宁市"), ("杭州市民政局", "杭州市"), ("烟台市栖霞市民政局", "烟台市栖霞市"),
        ("济南市市中区市场监督管理局", "济南市市中区"), ("青岛市市北区市政公用局", "青岛市市北区"),
        ("长沙市宁乡市城市管理局", "长沙市宁乡市"), ("某某县乡村振兴局", "某某县"), ("宁波市镇海区民政局", "宁波市镇海区"),
        // A city whose name ends in 城市, before a body that begins with a 城市… word's tail.
        ("运城市综合行政执法局", "运城市"), ("共青城市综合行政执法局", "共青城市"), ("聊城市城市综合执法局", "聊城市"),
        ("某某市住房和城市建设局", "某某市"), ("晋城市城市管理局", "晋城市"),
    ])
    func departmentsWithPlaceCharactersInTheirNames(unit: String, district: String) {
        #expect(Metadata.district(of: unit) == district)
    }
}
