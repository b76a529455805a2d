/// `--lang zh`: a result with its column names and vocabulary members in Chinese, for every
/// output format. Column names are translated word by word (`avg denied` → `平均 不予公开`,
/// `new 2019` → `新收 2019`); a text value is translated only in a column of applicants,
/// outcomes, proceedings or results, so a district or file name is never touched.
import GovqCube

public enum ChineseOutput {
    /// The result with Chinese headers and members.
    public static func translate(_ result: ResultSet) -> ResultSet {
        var r = result
        let memberColumns = result.columns.map { members[$0.name] }
        r.columns = result.columns.map { ResultColumn(header($0.name), $0.kind) }
        r.rowTypeHeader = header(result.rowTypeHeader)
        r.rowKindWords = [.member: "成员", .subtotal: "小计", .total: "合计"]
        for i in r.rows.indices {
            for (j, table) in memberColumns.enumerated() where j < r.rows[i].count {
                if let table, case .text(let s) = r.rows[i][j], let zh = table[s] { r.rows[i][j] = .text(zh) }
            }
        }
        return r
    }

    /// A column name, word by word; words it does not know stay as they are.
    public static func header(_ name: String) -> String {
        name.split(separator: " ", omittingEmptySubsequences: false).map { words[String($0)] ?? String($0) }.joined(separator: " ")
    }

    /// Vocabulary members by the column that holds them.
    static let members: [String: [String: String]] = {
        func table(_ pairs: [(String, String)]) -> [String: String] { Dictionary(uniqueKeysWithValues: pairs) }
        var outcome = table(Outcome.allCases.map { ($0.name, $0.label) })
        outcome["new"] = "本年新收"
        outcome["carried_over"] = "上年结转"
        outcome["handled"] = "办理总计"
        return [
            "applicant": table(ApplicantType.allCases.map { ($0.name, $0.label) }),
            "outcome": outcome,
            "proceeding": table(Proceeding.allCases.map { ($0.name, $0 == .review ? "行政复议" : "行政诉讼（\($0.label)）") }),
            "result": table(ReviewResult.allCases.map { ($0.name, $0.label) }),
        ]
    }()

    /// Header words: dimensions, measures (their first alias, with a few clearer choices),
    /// metrics, functions and the analysis columns.
    static let words: [String: String] = {
        var w: [String: String] = [:]
        for m in Schema.measures { if let a = m.aliases.first { w[m.name] = a } }
        for d in Schema.dimensions { if let a = d.aliases.first { w[d.name] = a } }
        for m in Metrics.all { w[m.name] = m.aliases[0] }
        let chosen: [String: String] = [
            "new": "新收", "received": "申请总数", "handled": "办理总计", "total": "总计", "other": "其他处理",
            "sum": "合计", "avg": "平均", "min": "最小", "max": "最大", "count": "计数", "reports": "报告数",
            "share": "占比", "previous": "上年", "difference": "差值", "change_pct": "变化百分比", "rank": "排名",
            "ci_low": "置信下限", "ci_high": "置信上限", "row_type": "行类型",
            "name": "名称", "aliases": "别名", "table": "表", "tables": "表", "leaves": "细项", "summary": "说明",
            "label": "标签", "rows": "行", "columns": "列", "formula": "公式",
        ]
        w.merge(chosen) { $1 }
        return w
    }()
}
