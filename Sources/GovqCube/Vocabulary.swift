/// The fixed vocabulary of the annual-report tables (see `../shared/vocabulary.md`): the names
/// users type, the labels reports print, and which leaves make up each group.

/// Section 三's columns: who asked.
public enum ApplicantType: Int, CaseIterable, Sendable, Codable {
    case naturalPerson, business, research, nonprofit, legalService, otherOrg

    // Static tables: an array literal in a getter is built at every call, and the loader asks
    // for names in its inner loops.
    public var name: String { Self.names[rawValue] }
    public var label: String { Self.labels[rawValue] }
    static let names = ["natural_person", "business", "research", "nonprofit", "legal_service", "other_org"]
    static let labels = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    /// Whether the column sits under 法人或其他组织.
    public var isOrganization: Bool { self != .naturalPerson }
}

/// Section 三's rows, leaves only. A 2019–2020 report fills `other`; a 2021-template report fills
/// the three `other.*` leaves instead and leaves `other` missing.
public enum Outcome: Int, CaseIterable, Sendable, Codable {
    case new, carriedOver, granted, partial
    case deniedStateSecret, deniedProhibited, deniedSecurity, deniedThirdParty
    case deniedInternal, deniedProcess, deniedEnforcement, deniedInquiry
    case unavailableNotHeld, unavailableNeedsCreation, unavailableUnclear
    case notProcessedComplaint, notProcessedDuplicate, notProcessedPublication
    case notProcessedExcessive, notProcessedConfirm
    case other, otherNoCorrection, otherNoFee, otherMisc
    case handled, carriedForward

    public var name: String { Outcome.names[rawValue] }
    public var label: String { Outcome.labels[rawValue] }

    /// The outcome leaves that `handled` (（七）总计) must equal the sum of.
    public static let handlingLeaves: [Outcome] = allCases.filter { $0.rawValue >= Outcome.granted.rawValue && $0.rawValue <= Outcome.otherMisc.rawValue }

    static let names = [
        "new", "carried_over", "granted", "partial",
        "denied.state_secret", "denied.prohibited", "denied.security", "denied.third_party",
        "denied.internal", "denied.process", "denied.enforcement", "denied.inquiry",
        "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear",
        "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
        "not_processed.excessive", "not_processed.confirm",
        "other", "other.no_correction", "other.no_fee", "other.misc",
        "handled", "carried_forward",
    ]
    static let labels = [
        "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "予以公开", "部分公开",
        "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
        "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项",
        "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确",
        "信访举报投诉类申请", "重复申请", "要求提供公开出版物",
        "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息",
        "其他处理", "逾期不补正", "逾期未缴纳费用", "其他",
        "总计", "结转下年度继续办理",
    ]
}

/// Section 四's columns: which proceeding.
public enum Proceeding: Int, CaseIterable, Sendable, Codable {
    case review, litigationDirect, litigationAfterReview

    public var name: String { Self.names[rawValue] }
    public var label: String { Self.labels[rawValue] }
    static let names = ["review", "litigation_direct", "litigation_after_review"]
    static let labels = ["行政复议", "未经复议直接起诉", "复议后起诉"]
}

/// Section 四's results; `total` is as reported, validated against the other four.
public enum ReviewResult: Int, CaseIterable, Sendable, Codable {
    case upheld, corrected, other, pending, total

    public var name: String { Self.names[rawValue] }
    public var label: String { Self.labels[rawValue] }
    static let names = ["upheld", "corrected", "other", "pending", "total"]
    static let labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
}

/// Which notice's table layout a report follows.
public enum Template: Int, CaseIterable, Sendable, Codable {
    case t2019, t2021

    public var name: String { self == .t2019 ? "2019" : "2021" }
}
