/// What a query can name: fact tables, their measures (groups of leaves) and dimensions, with
/// every English name and Chinese alias. The planner resolves names here; completion lists them.

public enum FactTableID: Int, Sendable, CaseIterable {
    case applications, reviews

    public var name: String { self == .applications ? "applications" : "reviews" }
    public var aliases: [String] { self == .applications ? ["申请", "申请情况"] : ["复议诉讼", "行政复议行政诉讼"] }
}

/// A measure: the sum of some leaves of a fact table's measure dimension (outcome or result).
public struct Measure: Sendable {
    public let name: String
    public let aliases: [String]
    public let table: FactTableID
    /// Raw values of `Outcome` (applications) or `ReviewResult` (reviews).
    public let leaves: [Int]
    public let summary: String
}

/// A dimension of a fact table.
public struct DimensionInfo: Sendable {
    public enum Kind: Sendable { case report, split, leaf }
    public let name: String
    public let aliases: [String]
    /// Plural spelling accepted by `show` (`show districts`).
    public let plural: String
    public let kind: Kind
    public let tables: [FactTableID]
    public let summary: String
}

public enum Schema {
    public static let measures: [Measure] = {
        var m: [Measure] = []
        func leaf(_ o: Outcome, _ aliases: [String]) {
            m.append(Measure(name: o.name, aliases: aliases, table: .applications, leaves: [o.rawValue], summary: o.label))
        }
        func group(_ name: String, _ aliases: [String], _ leaves: [Outcome], _ summary: String) {
            m.append(Measure(name: name, aliases: aliases, table: .applications, leaves: leaves.map(\.rawValue), summary: summary))
        }
        leaf(.new, ["新收", "本年新收", "新收申请"])
        leaf(.carriedOver, ["上年结转"])
        group("received", ["收到", "申请总数"], [.new, .carriedOver], "new + carried_over")
        leaf(.granted, ["予以公开"])
        leaf(.partial, ["部分公开"])
        group("denied", ["不予公开"], [.deniedStateSecret, .deniedProhibited, .deniedSecurity, .deniedThirdParty,
                                   .deniedInternal, .deniedProcess, .deniedEnforcement, .deniedInquiry], "（三）不予公开, the sum of its 8 leaves")
        leaf(.deniedStateSecret, ["属于国家秘密", "国家秘密"])
        leaf(.deniedProhibited, ["其他法律行政法规禁止公开", "禁止公开"])
        leaf(.deniedSecurity, ["危及三安全一稳定", "三安全一稳定"])
        leaf(.deniedThirdParty, ["保护第三方合法权益", "第三方"])
        leaf(.deniedInternal, ["属于三类内部事务信息", "内部事务"])
        leaf(.deniedProcess, ["属于四类过程性信息", "过程性信息"])
        leaf(.deniedEnforcement, ["属于行政执法案卷", "行政执法案卷"])
        leaf(.deniedInquiry, ["属于行政查询事项", "行政查询事项"])
        group("unavailable", ["无法提供"], [.unavailableNotHeld, .unavailableNeedsCreation, .unavailableUnclear], "（四）无法提供, the sum of its 3 leaves")
        leaf(.unavailableNotHeld, ["本机关不掌握相关政府信息", "本机关不掌握", "不掌握"])
        leaf(.unavailableNeedsCreation, ["没有现成信息需要另行制作", "需要另行制作"])
        leaf(.unavailableUnclear, ["补正后申请内容仍不明确", "申请内容不明确"])
        group("not_processed", ["不予处理"], [.notProcessedComplaint, .notProcessedDuplicate, .notProcessedPublication,
                                          .notProcessedExcessive, .notProcessedConfirm], "（五）不予处理, the sum of its 5 leaves")
        leaf(.notProcessedComplaint, ["信访举报投诉类申请", "信访举报投诉"])
        leaf(.notProcessedDuplicate, ["重复申请"])
        leaf(.notProcessedPublication, ["要求提供公开出版物", "公开出版物"])
        leaf(.notProcessedExcessive, ["无正当理由大量反复申请", "大量反复申请"])
        leaf(.notProcessedConfirm, ["要求行政机关确认或重新出具已获取信息", "确认或重新出具"])
        group("other", ["其他处理"], [.other, .otherNoCorrection, .otherNoFee, .otherMisc],
              "（六）其他处理: a leaf in 2019-template reports, the sum of 3 leaves from 2021")
        leaf(.otherNoCorrection, ["逾期不补正"])
        leaf(.otherNoFee, ["逾期未缴纳费用", "未按收费通知缴纳费用"])
        leaf(.otherMisc, ["其他处理其他"])
        leaf(.handled, ["总计", "办理总计", "办结"])
        leaf(.carriedForward, ["结转下年度继续办理", "结转下年度"])
        for r in ReviewResult.allCases {
            let aliases = [r.label] + (r == .total ? ["合计"] : [])
            m.append(Measure(name: r.name, aliases: aliases, table: .reviews, leaves: [r.rawValue],
                             summary: r == .total ? "总计 as reported (the sum of the four results)" : r.label))
        }
        return m
    }()

    public static let dimensions: [DimensionInfo] = [
        DimensionInfo(name: "district", aliases: ["地区"], plural: "districts", kind: .report, tables: FactTableID.allCases,
                      summary: "the place the report covers (济南市历城区)"),
        DimensionInfo(name: "unit", aliases: ["单位", "机关"], plural: "units", kind: .report, tables: FactTableID.allCases,
                      summary: "the issuing body as the title names it"),
        DimensionInfo(name: "year", aliases: ["年份", "年度"], plural: "years", kind: .report, tables: FactTableID.allCases,
                      summary: "the year reported on"),
        DimensionInfo(name: "template", aliases: ["模板"], plural: "templates", kind: .report, tables: FactTableID.allCases,
                      summary: "2019 or 2021 table layout"),
        DimensionInfo(name: "file", aliases: ["文件"], plural: "files", kind: .report, tables: FactTableID.allCases,
                      summary: "the source file"),
        DimensionInfo(name: "status", aliases: ["状态"], plural: "statuses", kind: .report, tables: FactTableID.allCases,
                      summary: "ok, or inconsistent: the report does not add up (see govq check)"),
        // Geography (GovqGeo): where the report belongs, placed by the gazetteer. `区县` was an
        // alias of district; it names the county-level unit now that there is one.
        DimensionInfo(name: "province", aliases: ["省", "省份"], plural: "provinces", kind: .report, tables: FactTableID.allCases,
                      summary: "the province (山东省); '' when the report could not be placed"),
        DimensionInfo(name: "city", aliases: ["市", "城市"], plural: "cities", kind: .report, tables: FactTableID.allCases,
                      summary: "the prefecture-level city (济南市): counties and departments roll up into it"),
        DimensionInfo(name: "county", aliases: ["区县", "县区", "县"], plural: "counties", kind: .report, tables: FactTableID.allCases,
                      summary: "the county-level unit (历城区), or a development zone's own name"),
        DimensionInfo(name: "adcode", aliases: ["行政区划代码", "区划代码"], plural: "adcodes", kind: .report, tables: FactTableID.allCases,
                      summary: "the 6-digit code of the division (370112)"),
        DimensionInfo(name: "level", aliases: ["层级", "级别"], plural: "levels", kind: .report, tables: FactTableID.allCases,
                      summary: "province, city, county or township: the level of the division the body serves"),
        DimensionInfo(name: "body_kind", aliases: ["机关类型", "主体类型"], plural: "body_kinds", kind: .report, tables: FactTableID.allCases,
                      summary: "government, government_office, department, township, development_zone"),
        DimensionInfo(name: "applicant", aliases: ["申请人", "申请人类型"], plural: "applicants", kind: .split, tables: [.applications],
                      summary: "who asked: natural_person, business, research, nonprofit, legal_service, other_org"),
        DimensionInfo(name: "outcome", aliases: ["办理结果", "结果类型"], plural: "outcomes", kind: .leaf, tables: [.applications],
                      summary: "the table row; `by outcome` breaks each measure into its leaves"),
        DimensionInfo(name: "proceeding", aliases: ["程序", "复议诉讼类型"], plural: "proceedings", kind: .split, tables: [.reviews],
                      summary: "review, litigation_direct, litigation_after_review"),
        DimensionInfo(name: "result", aliases: ["审理结果"], plural: "results", kind: .leaf, tables: [.reviews],
                      summary: "upheld, corrected, other, pending, total"),
    ]

    /// Group members usable in filters besides the leaves: `applicant = organization`,
    /// `proceeding = litigation`.
    public static let applicantGroups: [(name: String, aliases: [String], members: [ApplicantType])] = [
        ("organization", ["法人或其他组织", "组织"], ApplicantType.allCases.filter(\.isOrganization)),
    ]
    public static let proceedingGroups: [(name: String, aliases: [String], members: [Proceeding])] = [
        ("litigation", ["行政诉讼"], [.litigationDirect, .litigationAfterReview]),
    ]

    /// Members of `level` and `body_kind` with their Chinese aliases (geography). A list, not a
    /// `[String: …]` literal: building that dictionary's type at run time looked `String:
    /// Hashable` up by scanning every conformance record in the binary (0.34 M instructions, a
    /// query with a `where` that names a member).
    public static let placeMemberLists: [(dimension: String, members: [(name: String, aliases: [String])])] = [
        ("level", [("province", ["省级", "省"]), ("city", ["市级", "地市级", "市"]), ("county", ["县级", "区县级", "县", "区县"]),
                   ("township", ["乡镇级", "乡镇", "街道"])]),
        ("body_kind", [("government", ["人民政府", "政府"]), ("government_office", ["政府办公室", "办公室", "办公厅"]),
                       ("department", ["部门", "政府部门"]), ("township", ["乡镇街道", "乡镇", "街道"]),
                       ("development_zone", ["开发区", "园区", "功能区"])]),
    ]

    /// The members of `level` or `body_kind`, with their aliases (nil for another dimension).
    public static func placeMembers(of dimension: String) -> [(name: String, aliases: [String])]? {
        placeMemberLists.first { $0.dimension == dimension }?.members
    }

    /// The English member a Chinese alias of a `level` or `body_kind` member stands for.
    public static func memberName(_ text: String, of dimension: String) -> String? {
        placeMembers(of: dimension)?.first { $0.aliases.contains(text) }?.name
    }

    public static func measure(named name: String, in table: FactTableID) -> Measure? {
        measures.first { $0.table == table && ($0.name == name.lowercased() || $0.aliases.contains(name)) }
    }

    public static func dimension(named name: String) -> DimensionInfo? {
        let n = name.lowercased()
        return dimensions.first { $0.name == n || $0.plural == n || $0.aliases.contains(name) }
    }
}
