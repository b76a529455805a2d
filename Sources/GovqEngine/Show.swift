/// `show measures | dimensions | tables | <dimension>`: discovery. A dimension's members come
/// with the number of reports that have them (`show districts where year = 2019` counts only
/// those reports); members of report dimensions are listed in group-key order.
import GovqCube
import GovqDiagnostics
import GovqSyntax

struct Show {
    let view: CubeView
    let ctx: QueryContext

    func run(_ q: ShowQuery) throws -> ResultSet {
        let subject = q.subject.text.lowercased()
        switch subject {
        case "measures", "measure", "度量", "指标":
            return ResultSet(columns: [.init("name", .text), .init("aliases", .text), .init("table", .text),
                                       .init("leaves", .text), .init("summary", .text)],
                             rows: Schema.measures.map { m in
                                 let names = m.table == .applications ? m.leaves.map { Outcome(rawValue: $0)!.name }
                                                                      : m.leaves.map { ReviewResult(rawValue: $0)!.name }
                                 return [.text(m.name), .text(m.aliases.joined(separator: ", ")), .text(m.table.name),
                                         .text(names.joined(separator: ", ")), .text(m.summary)]
                             } + Show.metricRows)
        case "dimensions", "dimension", "维度":
            return ResultSet(columns: [.init("name", .text), .init("aliases", .text), .init("tables", .text), .init("summary", .text)],
                             rows: Schema.dimensions.map { d in
                                 [.text(d.name), .text(d.aliases.joined(separator: ", ")),
                                  .text(d.tables.map(\.name).joined(separator: ", ")), .text(d.summary)]
                             })
        case "tables", "table", "表":
            return ResultSet(columns: [.init("name", .text), .init("aliases", .text), .init("rows", .text),
                                       .init("columns", .text), .init("reports", .integer)],
                             rows: FactTableID.allCases.map { t in
                                 [.text(t.name), .text(t.aliases.joined(separator: ", ")), .text(t.leafDimension),
                                  .text(t.splitDimension), .integer(Int64(view.reportCount))]
                             })
        case "changes", "change", "区划变更", "变更":
            return try changes(q)
        default:
            guard let dim = Schema.dimension(named: q.subject.text) else {
                let all = ["measures", "dimensions", "tables", "changes"] + Schema.dimensions.flatMap { [$0.plural, $0.name] + $0.aliases }
                throw ctx.error("cannot show '\(q.subject.text)'", at: q.subject.range,
                                help: suggestion(for: q.subject.text, in: all, listing: "things to show",
                                                 names: ["measures", "dimensions", "tables", "changes"] + Schema.dimensions.map(\.plural)))
            }
            return try members(of: dim, filter: q.filter)
        }
    }

    /// `show changes`: the renamings `--as-of` applied, with the reports each moved.
    private func changes(_ q: ShowQuery) throws -> ResultSet {
        guard view.cube.placeAsOf != nil else {
            throw ctx.error("no division changes are applied: every report keeps the division it was filed under", at: q.subject.range,
                            help: "run with '--as-of 2024' (or '.asof 2024' in the REPL) to count reports under that date's divisions")
        }
        return ResultSet(columns: [.init("from", .text), .init("from_adcode", .text), .init("to", .text), .init("to_adcode", .text),
                                   .init("date", .text), .init("reports", .integer)],
                         rows: view.cube.placeChanges.map { c in
                             [.text(c.from), .text(c.fromCode), .text(c.to), .text(c.toCode), .text(c.date), .integer(Int64(c.reports))]
                         })
    }

    private func members(of dim: DimensionInfo, filter: Condition?) throws -> ResultSet {
        var planner = Planner(view: view, ctx: ctx, plan: Plan(table: dim.tables[0]))
        if let f = filter { planner.plan.filter = try planner.bindPredicate(f) }
        var plan = planner.plan
        if case .report = dim.groupDim {
            plan.groupDims = [dim.groupDim]
            plan.aggregates = [AggregateRef(kind: .countReports, measure: -1)]
            plan.items = [PlanItem(name: "reports", expr: .aggregate(0), kind: .integer)]
            var result = try Executor(plan: plan, view: view, ctx: ctx).run()
            result.warnings = plan.warnings + result.warnings
            return result
        }
        // Split and leaf members: the reports that state at least one of the member's cells.
        let table = view.cube.table(plan.table)
        let sels = SelectionEvaluator.cells(table, filter: plan.filter, view: view, atoms: plan.atoms)
        let n = view.reportCount, nw = (n + 63) / 64
        let isSplit = dim.groupDim == .split
        let count = isSplit ? table.columns : table.rows
        var rows: [[Value]] = []
        for x in 0..<count {
            let cells = isSplit ? (0..<table.rows).map { table.cell(row: $0, column: x) }
                                : (0..<table.columns).map { table.cell(row: x, column: $0) }
            var words = [UInt64](repeating: 0, count: nw)
            for c in cells {
                guard let s = sels.cellSelection[c] else { continue }
                let miss = table.missing[c].words
                for j in 0..<nw { words[j] |= sels.selections[s].word(j, count: n) & ~(j < miss.count ? miss[j] : 0) }
            }
            let (name, label) = Self.member(plan.table, split: isSplit, x)
            rows.append([.text(name), .text(label), .integer(Int64(words.reduce(0) { $0 + $1.nonzeroBitCount }))])
        }
        var result = ResultSet(columns: [.init(dim.name, .text), .init("label", .text), .init("reports", .integer)], rows: rows)
        result.warnings = plan.warnings
        return result
    }

    static func member(_ t: FactTableID, split: Bool, _ x: Int) -> (String, String) {
        switch (t, split) {
        case (.applications, true): (ApplicantType(rawValue: x)!.name, ApplicantType(rawValue: x)!.label)
        case (.applications, false): (Outcome(rawValue: x)!.name, Outcome(rawValue: x)!.label)
        case (.reviews, true): (Proceeding(rawValue: x)!.name, Proceeding(rawValue: x)!.label)
        case (.reviews, false): (ReviewResult(rawValue: x)!.name, ReviewResult(rawValue: x)!.label)
        }
    }
}

extension Show {
    /// The named metrics in `show measures`: the tables they read and their formula as summary.
    static var metricRows: [[Value]] {
        Metrics.all.map { m in
            let tables = FactTableID.allCases.filter { m.tables.contains($0) }.map(\.name).joined(separator: ", ")
            return [.text(m.name), .text(m.aliases.joined(separator: ", ")), .text(tables), .text(""), .text(m.formula)]
        }
    }
}
