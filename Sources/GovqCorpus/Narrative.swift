/// The prose around the tables: sections 一, 二 (as its own small table), 五 and 六, with
/// numbers, other years and dates that a loader must not take for table cells or the report year.

enum Narrative {
    /// Sentences of 一、总体情况, with {p} (the place), {y} (the year), {n} (a number), {q} (the previous year).
    static let overview = [
        "{y}年，{p}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，紧紧围绕中心工作，不断提升政务公开工作质量。",
        "一是理顺领导机制。{y}年，{p}下发了《关于调整政务公开领导小组的通知》，进一步明确了分管领导和具体工作人员，形成了主要领导亲自抓、分管领导具体抓的工作格局。",
        "二是精心组织谋划。{y}年{n}月印发了《{y}年政务公开工作要点》，对政务公开工作进行了全面部署，细化分解任务{n}项，明确责任单位和完成时限。",
        "三是强化监督考核。继续加大政务公开工作考核力度，将所占分值由10分调整为20分，进一步增强了各单位对政务公开工作的重视程度。",
        "全年主动公开政府信息{n}条，其中政策文件{n}件，政策解读{n}篇，通过政务新媒体发布信息{n}条，回应社会关切{n}次。",
        "坚持把政府门户网站作为政务公开第一平台，突出内容保障，严格信息发布审核，全年网站访问量达{n}万人次。",
        "设立“调查征集”栏目，对涉及群众切身利益、需要社会广泛知晓的重大行政决策，在决策前广泛征求意见，全年开展意见征集{n}次。",
        "加强会议公开，设立“常务会议”专栏，集中展示会议信息，包含会议时间、议题和决定事项，全年公开会议信息{n}条。",
        "加强重点领域信息公开。围绕财政预决算、重大建设项目、公共资源配置、社会公益事业等领域，及时准确公开相关信息{n}条。",
        "完善政府信息公开指南和目录，对{q}年以来的政府信息进行全面梳理，清理失效文件{n}件，确保公开内容准确、完整、及时。",
        "规范依申请公开工作流程，严格按照法定时限答复，全年依申请公开答复全部在法定期限内办结，未发生因答复超期引发的行政复议。",
        "组织开展政务公开业务培训{n}次，培训人员{n}人次，进一步提升了工作人员的业务能力和水平。",
        "健全政策解读机制，坚持政策文件与解读方案、解读材料同步组织、同步审签、同步部署，全年发布图解、视频等多种形式解读{n}篇。",
        "推进基层政务公开标准化规范化建设，编制完善{n}个领域的基层政务公开标准目录，实现镇街政务公开专区全覆盖。",
        "畅通政民互动渠道，设立“区长信箱”和“部门信箱”，全年受理群众来信{n}件，办结率100%。",
        "加强政府信息管理，严格落实公开前保密审查制度，{y}年未发生泄密事件，未发生因公开不当引发的负面舆情。",
        "落实《{q}年政务公开工作要点》整改要求，对照第三方评估反馈问题逐项整改，整改完成率100%。",
        "加强政府公报工作，全年编发政府公报{n}期，免费赠阅{n}册，在政府网站同步发布电子版。",
    ]

    static let problems = [
        "{y}年，政务公开工作虽然取得了一定成效，但与社会公众的期待相比仍存在一定差距，主要表现在：公开信息的质量和时效有待提升，政策解读的形式还不够丰富。",
        "部分单位对政务公开工作重视程度不够，信息更新不够及时，依申请公开答复的规范性有待加强。",
        "下一步，我们将继续深入贯彻落实《条例》，坚持以公开为常态、不公开为例外，进一步提升政务公开工作水平。",
        "一是加强业务培训，提升工作人员的业务素质；二是完善考核机制，压实工作责任；三是丰富公开形式，提高公开实效。",
        "积极探索“互联网+政务公开”新模式，推进政务公开平台与政务服务平台融合发展，提升群众获得感和满意度。",
    ]

    static let chrome = [
        "首页 > 政务公开 > 政府信息公开年报", "微信", "qrcode", "APP", "请输入检索词", "收藏",
        "字号: 【小】 【中】【大】 【打印】", "当前位置：首页 > 信息公开 > 年度报告", "分享到：", "【关闭窗口】",
        "索引号：", "主题分类：政务公开", "无障碍浏览 | 长者模式",
    ]

    static func fill(_ s: String, place: String, year: Int, _ r: inout CorpusRandom) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        var it = s.makeIterator()
        while let ch = it.next() {
            guard ch == "{" else { out.append(ch); continue }
            let key = it.next()
            _ = it.next()  // "}"
            switch key {
            case "p": out += place
            case "y": out += String(year)
            case "q": out += String(year - 1)
            default: out += String(r.int(in: 1...(r.chance(0.3) ? 12 : 900)))
            }
        }
        return out
    }

    /// About `bytes` bytes of overview paragraphs.
    static func paragraphs(_ pool: [String], bytes: Int, place: String, year: Int, _ r: inout CorpusRandom) -> String {
        var out = ""
        var sub = 0
        let heads = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
        while out.utf8.count < bytes {
            if out.isEmpty || r.chance(0.25), sub < heads.count {
                out += heads[sub] + r.pick(["强化组织领导", "优化平台建设", "注重依法依规", "加强政策解读", "深化重点领域公开", "完善制度建设", "强化监督保障", "回应社会关切"]) + "\n"
                sub += 1
            }
            var para = r.chance(0.5) ? " " : ""
            for _ in 0..<r.int(in: 1...3) { para += fill(r.pick(pool), place: place, year: year, &r) }
            out += para + "\n"
        }
        return out
    }
}
