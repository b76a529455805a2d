/// Assembles whole report texts: web chrome, a title in one of the forms real reports use, the
/// prose sections, section 二's small tables, the two tables that matter, and the signature.
import GovqCube

enum ReportText {
    /// Title forms: the unit on its own line, run into the year, split after the year, year
    /// first (下城 sample), or no year at all (the year then comes from the 统计期限 sentence).
    static func title(_ unit: String, year: Int, _ r: inout CorpusRandom) -> (text: String, hasYear: Bool) {
        switch r.int(20) {
        case 0..<6: return ("\(unit)\n\(year)年政府信息公开工作年度报告\n", true)
        case 6..<10: return ("\(unit)\(year)年政府信息公开工作年度报告\n", true)
        case 10..<13: return ("\(unit)\(year)年\n政府信息公开工作年度报告\n", true)
        case 13..<16: return ("\(year)年\(unit)政府信息公开\n年度工作报告\n", true)
        case 16..<18: return ("\(unit)\n\n\(year)年度政府信息公开工作报告\n", true)
        default: return ("\(unit)政府信息公开工作年度报告\n", false)
        }
    }

    static func chrome(_ unit: String, year: Int, _ r: inout CorpusRandom) -> String {
        var s = ""
        for _ in 0..<r.int(in: 3...9) { s += r.pick(Narrative.chrome) + "\n" + (r.chance(0.5) ? "\n" : "") }
        s += "\(unit)\(year)年政府信息公开工作年度报告\n"
        s += "\(unit) 发布日期:\(year + 1)-0\(r.int(in: 1...3))-\(10 + r.int(18))\n"
        return s + "字号: 【小】 【中】【大】 【打印】\n\n"
    }

    static func image(_ r: inout CorpusRandom) -> String {
        "[image: C:/Users/admin/AppData/Roaming/JisuOffice/ETemp/\(r.int(90000))_\(r.int(9_000_000))/fImage\(r.next() % 1_000_000_000_000).png]\n"
    }

    static func full(_ issuer: Issuer, year: Int, template: Template, figures: Figures,
                     truncatedLastRow: Bool, _ r: inout CorpusRandom) -> (text: String, layout: String) {
        let target = r.int(in: 7000...18000)
        var s = r.chance(0.15) ? chrome(issuer.unit, year: year, &r) : (r.chance(0.3) ? "\n" : "")
        let t = title(issuer.unit, year: year, &r)
        s += t.text + "\n"
        let notice = template == .t2021 ? "国办公开办函〔2021〕30号" : "国办公开办函〔2019〕60号"
        s += "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《关于政府信息公开工作年度报告有关事项的通知》（\(notice)）要求编制。"
        if !t.hasYear || r.chance(0.4) {
            s += "本报告中所列数据的统计期限自\(year)年1月1日起至\(year)年12月31日止。"
        }
        s += "报告电子版可在\(issuer.district)人民政府门户网站下载。\n"
        var table = TableWriter(style: TableStyle(&r))
        table.applications(figures, template: template, truncatedLastRow: truncatedLastRow, &r)
        table.reviews(figures, &r)
        let two = sectionTwo(&r)
        let prose = max(1500, target - s.utf8.count - table.out.utf8.count - two.utf8.count - 1200)
        s += (r.chance(0.5) ? "    " : "") + "一、总体情况\n"
        s += Narrative.paragraphs(Narrative.overview, bytes: prose, place: issuer.district, year: year, &r)
        if r.chance(0.2) { for _ in 0..<r.int(in: 1...3) { s += image(&r) } }
        s += two
        s += r.chance(0.5) ? "\n\n\n" : "\n"
        s += table.out
        s += "五、存在的主要问题及改进情况\n"
        s += Narrative.paragraphs(Narrative.problems, bytes: 700, place: issuer.district, year: year, &r)
        s += "六、其他需要报告的事项\n" + r.pick(["无。\n", "无\n", "本年度无其他需要报告的事项。\n", "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。\n"])
        s += "\n\(issuer.unit)\n\(year + 1)年\(r.int(in: 1...3))月\(r.int(in: 1...28))日\n"
        var layout = table.style.summary
        if truncatedLastRow { layout += " truncated-last-row" }
        if !t.hasYear { layout += " title-without-year" }
        return (s, layout)
    }

    /// Section 二: four small tables whose numbers (including negative changes) are not ours.
    static func sectionTwo(_ r: inout CorpusRandom) -> String {
        var s = " 二、主动公开政府信息情况\n"
        func block(_ item: String, _ heads: [String], _ rows: [String]) {
            s += "\t第二十条第（\(item)）项\n\n\t信息内容\n"
            for h in heads { s += "\t" + h + "\n" }
            s += "\n"
            for row in rows {
                s += "\t" + row + "\n"
                for _ in heads { s += "\t" + (r.chance(0.2) ? "-" : String(r.int(in: -50...5000))) + "\n" }
                s += "\n"
            }
        }
        block("一", ["本年新制作数量", "本年新\n公开数量", "对外公开\n总数量"], ["规章", "规范性文件"])
        block("五", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "其他对外管理服务事项"])
        block("六", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "行政强制"])
        block("八", ["上一年项目数量", "本年增/减"], ["行政事业性收费"])
        s += "\t第二十条第（九）项\n\n\t信息内容\n\t采购项目数量\n\t采购总金额\n\n\t政府集中采购\n"
        s += "\t\(r.int(in: 0...900))\n\t\(r.int(in: 1...99999)).\(r.int(in: 10...99))万元\n"
        return s
    }

    /// A report from before the 2019 regulations: prose only, no applicant table.
    static func pre2019(_ issuer: Issuer, year: Int, _ r: inout CorpusRandom) -> String {
        var s = "\(issuer.unit)\(year)年政府信息公开工作年度报告\n\n"
        s += "本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由\(issuer.unit)编制。"
        s += "本报告中所列数据的统计期限自\(year)年1月1日起至\(year)年12月31日止。\n"
        s += "一、概述\n"
        s += Narrative.paragraphs(Narrative.overview, bytes: r.int(in: 3000...9000), place: issuer.district, year: year, &r)
        s += "二、主动公开政府信息情况\n\(year)年，共主动公开政府信息\(r.int(in: 100...9000))条，其中通过政府网站公开\(r.int(in: 50...5000))条。\n"
        s += "三、依申请公开政府信息情况\n\(year)年共受理政府信息公开申请\(r.int(in: 0...900))件，其中当面申请\(r.int(in: 0...90))件，网络申请\(r.int(in: 0...500))件，信函申请\(r.int(in: 0...90))件，已全部按期答复。\n"
        s += "四、政府信息公开的收费及减免情况\n本年度未收取任何费用。\n"
        s += "五、因政府信息公开申请提起行政复议、提起行政诉讼的情况\n本年度发生行政复议\(r.int(in: 0...9))起，行政诉讼\(r.int(in: 0...9))起。\n"
        s += "六、存在的主要问题及改进措施\n"
        s += Narrative.paragraphs(Narrative.problems, bytes: 600, place: issuer.district, year: year, &r)
        return s + "\n\(issuer.unit)\n\(year + 1)年3月\(r.int(in: 1...28))日\n"
    }

    /// A file with the report's prose but no tables at all (a notice, or a broken conversion).
    static func noTable(_ issuer: Issuer, year: Int, _ r: inout CorpusRandom) -> String {
        var s = "\(issuer.unit)\n\(year)年政府信息公开工作年度报告\n\n一、总体情况\n"
        s += Narrative.paragraphs(Narrative.overview, bytes: r.int(in: 3000...8000), place: issuer.district, year: year, &r)
        s += "（详见附件）\n" + image(&r)
        s += "五、存在的主要问题及改进情况\n"
        return s + Narrative.paragraphs(Narrative.problems, bytes: 500, place: issuer.district, year: year, &r)
    }
}
