/// Binding the analysis clauses: the mode (`share`, `change`, `yoy`, `rank`), `within`,
/// `from YEAR to YEAR`, `with totals, ci` and `min MEASURE N`, and the column layout of the rows
/// they produce, so that `having` and `order by` can name the new columns.
import GovqCube
import GovqDiagnostics
import GovqSyntax

extension Planner {
    mutating func bindAnalysis(_ q: SelectQuery) throws {
        try checkCompleteCases(q)
        let a = q.analysis
        var ap = AnalysisPlan()
        ap.mode = a.mode
        var ciOption: Name?
        for o in a.options {
            switch o.text.lowercased() {
            case "totals", "total", "合计": ap.totals = true
            case "ci", "置信区间": ciOption = o
            default:
                throw ctx.error("unknown option '\(o.text)' after 'with'", at: o.range,
                                help: suggestion(for: o.text.lowercased(), in: ["totals", "ci"], listing: "options", names: ["totals", "ci"]))
            }
        }
        if let mode = a.mode, plan.pivot {
            throw ctx.error("'\(mode.rawValue)' cannot be combined with 'pivot'", at: q.pivot?.range, help: "drop 'pivot'")
        }
        if let first = a.within.first, a.mode != .share {
            throw ctx.error("'within' needs 'share'", at: first.range, help: "write 'share \(columnNameHint(q)) by … within \(first.text)'")
        }
        if let y = a.years, a.mode != .change {
            throw ctx.error("'from \(y.from) to \(y.to)' needs 'change'", at: y.range,
                            help: "write 'change \(columnNameHint(q)) … from \(y.from) to \(y.to)'")
        }
        switch a.mode {
        case .share:
            for (i, item) in plan.items.enumerated() where item.kind != .integer {
                throw ctx.error("'share' needs a sum, and '\(item.name)' is a ratio", at: q.items[i].expr.range,
                                help: "a part of a total is a sum of a measure, e.g. 'share denied by district'")
            }
            for w in a.within {
                let d = try resolveDimension(w).groupDim
                guard let i = plan.groupDims.firstIndex(of: d) else {
                    throw ctx.error("'within \(w.text)' needs '\(w.text)' in 'by'", at: w.range,
                                    help: "group by it first, e.g. 'by \(w.text), applicant within \(w.text)'")
                }
                ap.within.append(i)
            }
        case .change:
            guard let y = a.years else {
                throw ctx.error("'change' needs the two years", at: a.modeRange, help: "add 'from 2019 to 2021'")
            }
            guard y.from != y.to else { throw ctx.error("'from' and 'to' are the same year", at: y.range) }
            if let i = q.groupBy.firstIndex(where: { Schema.dimension(named: $0.text)?.name == "year" }) {
                throw ctx.error("'change' compares two years, so it cannot also group by year", at: q.groupBy[i].range,
                                help: "remove 'year' from 'by', or use 'yoy … by year'")
            }
            ap.years = (y.from, y.to)
            plan.groupDims.append(.report(.year))
            ap.yearDim = plan.groupDims.count - 1
            restrictToYears([y.from, y.to])
        case .yoy:
            guard let i = plan.groupDims.firstIndex(of: .report(.year)) else {
                throw ctx.error("'yoy' needs 'year' in 'by'", at: a.modeRange, help: "write 'yoy \(columnNameHint(q)) by year'")
            }
            ap.yearDim = i
        case .rank, nil:
            break
        }
        if ap.totals, let mode = a.mode, mode == .yoy || mode == .rank {
            throw ctx.error("'with totals' cannot be combined with '\(mode.rawValue)'", at: a.modeRange)
        }
        if let o = ciOption, let mode = a.mode, mode != .rank {
            throw ctx.error("'with ci' cannot be combined with '\(mode.rawValue)'", at: o.range, help: "use it with a rate, alone or with 'rank'")
        }
        if let o = ciOption {
            ap.ci = plan.items.indices.filter { i in
                if case .complete(let u) = plan.items[i].expr { return plan.complete[u].proportion != nil }
                return false
            }
            if ap.ci.isEmpty {
                throw ctx.error("'with ci' needs a rate", at: o.range,
                                help: "Wilson intervals are for proportions: " + Metrics.all.filter(\.isProportion).map(\.name).joined(separator: ", "))
            }
            if plan.pivot { throw ctx.error("'with ci' cannot be combined with 'pivot'", at: o.range) }
        }
        if let m = a.minimum {
            if plan.pivot { throw ctx.error("'min' cannot be combined with 'pivot'", at: m.range) }
            let e = try aggregate(.sum, m.measure)
            ap.minimum = (e, m.count, columnName(.aggregate(.sum, m.measure, range: m.measure.range), ctx))
        }
        plan.analysis = ap
        if ap.mode != nil || !ap.ci.isEmpty { plan.analysis.columns = analysisColumns() }
    }

    /// `change` reads only its two years: the other years' reports are left out by `where`
    /// (one bitmap of the year column), so their groups are neither summed nor made into rows
    /// (3.3× a plain grouped sum when every year was grouped; see README, Analysis, Speed).
    private mutating func restrictToYears(_ years: [Int]) {
        let lo = view.years.min
        let truth = (0..<view.cardinality(.year)).map { years.contains(lo + $0) }
        plan.atoms.append(ReportAtom(dim: .year, truth: truth))
        let keep = Predicate.report(plan.atoms.count - 1)
        plan.filter = plan.filter.map { .and($0, keep) } ?? keep
        if let other = plan.foreignFilter {
            let atom = Predicate.report(other.atoms.count)
            plan.foreignFilter = (other.filter.map { .and($0, atom) } ?? atom, other.atoms + [ReportAtom(dim: .year, truth: truth)])
        }
    }

    /// How an item is written in a hint: the first item's text.
    private func columnNameHint(_ q: SelectQuery) -> String {
        q.items.first.map { ctx.slice($0.expr.range) } ?? "new"
    }

    /// The rows' columns after analysis: group dimensions (without change's hidden year), the
    /// items or their per-year values, the derived columns, and `rank` last (moved first when
    /// the result is built).
    func analysisColumns() -> [ResultColumn] {
        let ap = plan.analysis
        let items = plan.items
        let several = items.count > 1
        func named(_ item: PlanItem, _ suffix: String) -> String { several ? "\(item.name) \(suffix)" : suffix }
        var dims = plan.groupDims.map(plan.dimColumn)
        var out: [ResultColumn] = []
        switch ap.mode {
        case .change:
            dims.remove(at: ap.yearDim!)
            let (from, to) = ap.years!
            for item in items {
                out += [ResultColumn("\(item.name) \(from)", item.kind), ResultColumn("\(item.name) \(to)", item.kind),
                        ResultColumn(named(item, "difference"), item.kind), ResultColumn(named(item, "change_pct"), .decimal)]
            }
        case .yoy:
            for item in items { out.append(ResultColumn(item.name, item.kind)) }
            for item in items {
                out += [ResultColumn(named(item, "previous"), item.kind), ResultColumn(named(item, "difference"), item.kind),
                        ResultColumn(named(item, "change_pct"), .decimal)]
            }
        case .share:
            for item in items { out.append(ResultColumn(item.name, item.kind)) }
            for item in items { out.append(ResultColumn(named(item, "share"), .decimal)) }
        case .rank, nil:
            for item in items { out.append(ResultColumn(item.name, item.kind)) }
        }
        for i in ap.ci {
            out += [ResultColumn(named(items[i], "ci_low"), .decimal), ResultColumn(named(items[i], "ci_high"), .decimal)]
        }
        if ap.mode == .rank { out.append(ResultColumn("rank", .integer)) }
        return dims + out
    }
}
