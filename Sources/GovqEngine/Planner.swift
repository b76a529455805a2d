/// The binder: resolves every name of a select query against `Schema` (English names and
/// Chinese aliases), reports unknown ones with a caret and a suggestion, and produces a `Plan`.
import GovqCube
import GovqDiagnostics
import GovqSyntax

struct Planner {
    let view: CubeView
    let ctx: QueryContext
    var plan: Plan
    /// Output column names of the long rows (group dimensions, then items), for `having`/`order by`.
    var columns: [ResultColumn] = []

    static func plan(_ q: SelectQuery, view: CubeView, ctx: QueryContext) throws -> Plan {
        var p = Planner(view: view, ctx: ctx, plan: Plan(table: .applications))
        try p.bind(q)
        return p.plan
    }

    private mutating func bind(_ q: SelectQuery) throws {
        if let from = q.from { plan.table = try resolveTable(from) }
        // Items first: a measure of the other table is the first thing to point out.
        for item in q.items {
            let e = requiringCompleteCases(try bindItem(item.expr))
            plan.items.append(PlanItem(name: item.alias?.text ?? columnName(item.expr, ctx), expr: e, kind: kind(e)))
        }
        for name in q.groupBy {
            let d = try resolveDimension(name).groupDim
            if plan.groupDims.contains(d) {
                throw ctx.error("'\(name.text)' appears twice in 'by'", at: name.range)
            }
            plan.groupDims.append(d)
        }
        if let p = q.pivot {
            let d = try resolveDimension(p).groupDim
            if plan.groupDims.contains(d) {
                throw ctx.error("cannot pivot on '\(p.text)': it is also in 'by'", at: p.range,
                                help: "remove '\(p.text)' from 'by' or from 'pivot'")
            }
            plan.groupDims.append(d)
            plan.pivot = true
        }
        if let f = q.filter { plan.filter = try bindPredicate(f) }
        try bindAnalysis(q)
        columns = plan.analysis.columns ?? (plan.groupDims.map(plan.dimColumn) + plan.items.map { ResultColumn($0.name, $0.kind) })
        if let h = q.having {
            if plan.pivot {
                throw ctx.error("'having' cannot be combined with 'pivot'", at: q.pivot?.range,
                                help: "filter with 'where', or drop 'pivot'")
            }
            plan.having = try bindHaving(h)
        }
        for o in q.orderBy {
            if plan.pivot {
                // Pivot columns are named by members (`2019`), so a number names a column here.
                switch o.expr {
                case .name(let n): plan.pivotOrder.append((n, o.descending))
                case .number(_, let text, let r), .string(let text, let r): plan.pivotOrder.append((Name(text, range: r), o.descending))
                default: throw ctx.error("with 'pivot', 'order by' takes an output column", at: o.expr.range)
                }
            } else if case .number(_, let text, let r) = o.expr {
                // As in SQL, a number names an output column by position (sorting by a constant
                // would leave the rows as they are, silently).
                guard let i = Int(text), i >= 1, i <= columns.count else {
                    throw ctx.error("'order by \(text)': there is no output column \(text)", at: r,
                                    help: "the columns are 1 to \(columns.count): " + columns.map { "'\($0.name)'" }.joined(separator: ", "))
                }
                plan.orderBy.append((.column(i - 1), o.descending))
            } else {
                plan.orderBy.append((requiringCompleteCases(try bindOutput(o.expr)), o.descending))
            }
        }
        if q.withCoverage {
            if plan.pivot {
                throw ctx.error("'with coverage' cannot be combined with 'pivot'", at: q.pivot?.range,
                                help: "drop 'pivot' to see each row's coverage")
            }
            plan.withCoverage = true
        }
        if let l = q.limit {
            guard l >= 0 else { throw ctx.error("'limit' must not be negative", at: nil) }
            plan.limit = l
        }
    }

    // MARK: names

    func resolveTable(_ name: Name) throws -> FactTableID {
        let t = name.text.lowercased()
        if let id = FactTableID.allCases.first(where: { $0.name == t || $0.aliases.contains(name.text) }) { return id }
        let all = FactTableID.allCases.flatMap { [$0.name] + $0.aliases }
        throw ctx.error("unknown table '\(name.text)'", at: name.range,
                        help: suggestion(for: name.text, in: all, listing: "tables", names: FactTableID.allCases.map(\.name)))
    }

    func resolveDimension(_ name: Name) throws -> DimensionInfo {
        let table = plan.table
        if let d = Schema.dimension(named: name.text) {
            guard d.tables.contains(table) else {
                let other = d.tables[0]
                throw ctx.error("'\(name.text)' is a dimension of \(other.name) — \(fromHint(other))", at: name.range)
            }
            return d
        }
        let dims = table.dimensions
        if Schema.measure(named: name.text, in: table) != nil {
            throw ctx.error("'\(name.text)' is a measure, not a dimension", at: name.range,
                            help: "dimensions are: " + dims.map(\.name).joined(separator: ", "))
        }
        throw ctx.error("unknown dimension '\(name.text)'", at: name.range,
                        help: suggestion(for: name.text, in: dims.map(\.name) + dims.flatMap(\.aliases),
                                         listing: "dimensions", names: dims.map(\.name)))
    }

    func fromHint(_ other: FactTableID) -> String {
        other == .reviews ? "add 'from reviews'" : "remove 'from reviews'"
    }

    func resolveMeasure(_ name: Name) throws -> Measure {
        let table = plan.table
        if let m = Schema.measure(named: name.text, in: table) { return m }
        let other: FactTableID = table == .applications ? .reviews : .applications
        if Schema.measure(named: name.text, in: other) != nil {
            throw ctx.error("'\(name.text)' is a measure of \(other.name) — \(fromHint(other))", at: name.range)
        }
        if let d = Schema.dimension(named: name.text) {
            throw ctx.error("'\(name.text)' is a dimension, not a measure", at: name.range,
                            help: "group by it with 'by \(d.name)'")
        }
        throw ctx.error("unknown measure '\(name.text)'", at: name.range,
                        help: suggestion(for: name.text, in: table.measureNames, listing: "measures",
                                         names: table.topMeasureNames))
    }

    mutating func aggregate(_ fn: AggregateFunction, _ name: Name) throws -> BoundExpr {
        let ref: AggregateRef
        if fn == .count, reportCountNames.contains(name.text.lowercased()) {
            ref = AggregateRef(kind: .countReports, measure: -1)
        } else if fn == .countDistinct {
            guard case .report(let d) = try resolveDimension(name).groupDim else {
                throw ctx.error("'count distinct' counts members of a report dimension, and '\(name.text)' splits the table",
                                at: name.range, help: "group by it instead: 'by \(name.text)'")
            }
            ref = AggregateRef(kind: .countDistinct, measure: d.rawValue)
        } else {
            let m = try resolveMeasure(name)
            let mi = plan.measures.firstIndex { $0.name == m.name } ?? {
                plan.measures.append(m)
                return plan.measures.count - 1
            }()
            ref = AggregateRef(kind: Self.kind(of: fn), measure: mi)
        }
        if let i = plan.aggregates.firstIndex(of: ref) { return .aggregate(i) }
        plan.aggregates.append(ref)
        return .aggregate(plan.aggregates.count - 1)
    }

    /// The aggregate a function names (a switch, not a dictionary: see `EngineCache`).
    static func kind(of fn: AggregateFunction) -> AggregateRef.Kind {
        switch fn {
        case .sum: .sum
        case .avg: .avg
        case .min: .min
        case .max: .max
        case .count: .count
        case .countDistinct: .countDistinct
        }
    }

    // MARK: expressions

    mutating func bindSelect(_ e: Expr) throws -> BoundExpr {
        switch e {
        case .aggregate(let fn, let name, _): return try aggregate(fn, name)
        case .name(let n):
            if let d = Schema.dimension(named: n.text), Schema.measure(named: n.text, in: plan.table) == nil {
                throw ctx.error("'\(n.text)' is a dimension, not a measure", at: n.range,
                                help: "group by it with 'by \(d.name)'")
            }
            return try aggregate(.sum, n)
        case .number(let v, let text, _): return Self.number(v, text: text)
        case .string(let s, let r):
            throw ctx.error("expected a measure or a number, found text '\(s)'", at: r)
        case .binary(let op, let a, let b): return .binary(op, try bindSelect(a), try bindSelect(b), range: e.range)
        case .negate(let a, let r): return .negate(try bindSelect(a), range: r)
        }
    }

    static func number(_ v: Double, text: String) -> BoundExpr {
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let i = Int64(text) { return .integer(i) }
        return .decimal(v)
    }

    /// `having` / `order by`: a bare name is an output column (alias or name, or a grouped
    /// dimension by any of its names), else `sum <measure>`.
    mutating func bindOutput(_ e: Expr, textFallback: Bool = false) throws -> BoundExpr {
        switch e {
        case .name(let n):
            if let i = columns.firstIndex(where: { $0.name == n.text }) ?? columns.firstIndex(where: { $0.name.lowercased() == n.text.lowercased() }) {
                return .column(i)
            }
            if let d = Schema.dimension(named: n.text), let i = plan.groupDims.firstIndex(of: d.groupDim), d.tables.contains(plan.table) {
                return .column(i)
            }
            if textFallback, Schema.measure(named: n.text, in: plan.table) == nil { return .text(n.text) }
            if let e = try bindMetricName(n) { return e }
            return try aggregate(.sum, n)
        case .aggregate(let fn, let name, _): return try aggregate(fn, name)
        case .number(let v, let text, _): return Self.number(v, text: text)
        case .string(let s, _): return .text(s)
        case .binary(let op, let a, let b): return .binary(op, try bindOutput(a), try bindOutput(b), range: e.range)
        case .negate(let a, let r): return .negate(try bindOutput(a), range: r)
        }
    }

    mutating func bindHaving(_ c: Condition) throws -> BoundCondition {
        switch c {
        case .and(let a, let b): return .and(try bindHaving(a), try bindHaving(b))
        case .or(let a, let b): return .or(try bindHaving(a), try bindHaving(b))
        case .not(let a): return .not(try bindHaving(a))
        case .comparison(let l, let op, let r):
            let left = requiringCompleteCases(try bindOutput(l))
            if op == .equal || op == .notEqual { try checkHavingMembers(left, [r]) }
            let right = requiringCompleteCases(try bindOutput(r, textFallback: kind(left) == .text || op == .contains))
            return .comparison(left, op, right)
        case .between(let e, let lo, let hi, let neg):
            return .between(try bindOutput(e), low: try bindOutput(lo), high: try bindOutput(hi), negated: neg)
        case .membership(let e, let list, let neg):
            let left = try bindOutput(e)
            try checkHavingMembers(left, list)
            let text = kind(left) == .text
            return .membership(left, try list.map { try bindOutput($0, textFallback: text) }, negated: neg)
        }
    }

    func kind(_ e: BoundExpr) -> ResultColumn.Kind {
        switch e {
        case .aggregate(let i): return plan.aggregates[i].kind == .avg ? .decimal : .integer
        case .column(let i): return columns[i].kind
        case .integer: return .integer
        case .decimal: return .decimal
        case .text: return .text
        case .binary(let op, let a, let b, _):
            return op != .divide && kind(a) == .integer && kind(b) == .integer ? .integer : .decimal
        case .negate(let a, _): return kind(a)
        case .complete(let i): return plan.complete[i].kind
        }
    }
}

/// A select item's column name when it has no alias: a sum is named by its measure as typed
/// (`sum granted, partial` gives `granted`, `partial`), other aggregates by function and measure
/// (`avg denied`, even when `avg` was inherited), an expression by its text.
func columnName(_ expr: Expr, _ ctx: QueryContext) -> String {
    if case .aggregate(let fn, let measure, _) = expr {
        // English names are case-insensitive; show them as the vocabulary spells them.
        let m = measure.text.allSatisfy(\.isASCII) ? measure.text.lowercased() : measure.text
        return fn == .sum ? m : "\(fn.rawValue) \(m)"
    }
    return ctx.slice(expr.range)
}

