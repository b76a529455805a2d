/// Binding named metrics (`Metrics.all`) and measures of the other table (`reviews.total`,
/// `applications.handled`). An item that names either becomes one complete-case unit: every
/// measure in it is summed over the reports where all of them are present (the missing-cell rule),
/// then the item's arithmetic runs on those sums, so a ratio is recomputed at every level.
import GovqCube
import GovqDiagnostics
import GovqSyntax

extension Planner {
    /// A select item: a complete-case unit when it names a metric or another table's measure.
    mutating func bindItem(_ e: Expr) throws -> BoundExpr {
        needsCompleteCases(e) ? try bindCompleteCase(e) : try bindSelect(e)
    }

    /// In `having` / `order by`: a metric or prefixed name that is not an output column.
    mutating func bindMetricName(_ n: Name) throws -> BoundExpr? {
        isMetricOrForeign(n) ? try bindCompleteCase(.name(n)) : nil
    }

    func needsCompleteCases(_ e: Expr) -> Bool {
        switch e {
        case .aggregate(_, let n, _), .name(let n): return isMetricOrForeign(n)
        case .binary(_, let a, let b): return needsCompleteCases(a) || needsCompleteCases(b)
        case .negate(let a, _): return needsCompleteCases(a)
        case .number, .string: return false
        }
    }

    func isMetricOrForeign(_ n: Name) -> Bool {
        if Schema.measure(named: n.text, in: plan.table) != nil { return false }
        return Metrics.named(n.text) != nil || tablePrefixed(n) != nil
    }

    /// `reviews.total`, `applications.handled`, `复议诉讼.total`: the table and the measure's name.
    func tablePrefixed(_ n: Name) -> (table: FactTableID, measure: String)? {
        guard let dot = n.text.firstIndex(of: ".") else { return nil }
        let head = String(n.text[..<dot]), rest = String(n.text[n.text.index(after: dot)...])
        guard let t = FactTableID.allCases.first(where: { $0.name == head.lowercased() || $0.aliases.contains(head) }) else {
            return nil
        }
        return (t, rest)
    }

    mutating func bindCompleteCase(_ e: Expr) throws -> BoundExpr {
        var unit = CompleteCase()
        unit.expr = try bindUnit(e, &unit)
        let bare: Name? = switch e {
        case .aggregate(_, let n, _), .name(let n): n
        default: nil
        }
        if let n = bare, Schema.measure(named: n.text, in: plan.table) == nil, let m = Metrics.named(n.text), m.isProportion,
           case .binary(.divide, let num, let den, _) = unit.expr {
            unit.proportion = (num, den)
        }
        unit.kind = unitKind(unit.expr)
        plan.complete.append(unit)
        return .complete(plan.complete.count - 1)
    }

    private mutating func bindUnit(_ e: Expr, _ unit: inout CompleteCase) throws -> BoundExpr {
        switch e {
        case .aggregate(let fn, let n, let r):
            guard fn == .sum else {
                throw ctx.error("'\(fn.rawValue) \(n.text)' cannot be combined with a metric or a measure of the other table",
                                at: r, help: "these are summed over the reports where every cell they need is present; use 'sum'")
            }
            return try bindUnitName(n, &unit)
        case .name(let n): return try bindUnitName(n, &unit)
        case .number(let v, let text, _): return Self.number(v, text: text)
        case .string(let s, let r): throw ctx.error("expected a measure or a number, found text '\(s)'", at: r)
        case .binary(let op, let a, let b): return .binary(op, try bindUnit(a, &unit), try bindUnit(b, &unit), range: e.range)
        case .negate(let a, let r): return .negate(try bindUnit(a, &unit), range: r)
        }
    }

    private mutating func bindUnitName(_ n: Name, _ unit: inout CompleteCase) throws -> BoundExpr {
        if Schema.measure(named: n.text, in: plan.table) == nil, let m = Metrics.named(n.text) {
            let num = try termSum(m.numerator, &unit), den = try termSum(m.denominator, &unit)
            let ratio = BoundExpr.binary(.divide, num, den, range: n.range)
            return m.scale == 1 ? ratio : .binary(.multiply, .integer(Int64(m.scale)), ratio, range: n.range)
        }
        guard let (table, measureName) = tablePrefixed(n) else {
            let m = try resolveMeasure(n)
            return .aggregate(term(BoundTerm(table: plan.table, leaves: m.leaves, columns: nil), &unit))
        }
        guard let m = Schema.measure(named: measureName, in: table) else {
            throw ctx.error("unknown measure '\(measureName)' in \(table.name)", at: n.range,
                            help: suggestion(for: measureName, in: table.measureNames, listing: "measures of \(table.name)",
                                             names: table.topMeasureNames))
        }
        return .aggregate(term(BoundTerm(table: table, leaves: m.leaves, columns: nil), &unit))
    }

    /// Σ sign × term, as an expression over the unit's terms.
    private func termSum(_ terms: [MetricTerm], _ unit: inout CompleteCase) throws -> BoundExpr {
        var sum: BoundExpr?
        let nowhere = SourceRange(start: 0, end: 0, line: 1, column: 1, length: 0)
        for t in terms {
            guard let m = Schema.measure(named: t.measure, in: t.table) else { preconditionFailure("metric term \(t.measure)") }
            let x = BoundExpr.aggregate(term(BoundTerm(table: t.table, leaves: m.leaves, columns: t.proceedings?.map(\.rawValue)), &unit))
            if let s = sum {
                sum = .binary(t.sign < 0 ? .subtract : .add, s, x, range: nowhere)
            } else {
                sum = t.sign < 0 ? .negate(x, range: nowhere) : x
            }
        }
        return sum!
    }

    private func term(_ t: BoundTerm, _ unit: inout CompleteCase) -> Int {
        if let i = unit.terms.firstIndex(of: t) { return i }
        unit.terms.append(t)
        return unit.terms.count - 1
    }

    private func unitKind(_ e: BoundExpr) -> ResultColumn.Kind {
        switch e {
        case .aggregate, .integer: return .integer
        case .binary(let op, let a, let b, _):
            return op != .divide && unitKind(a) == .integer && unitKind(b) == .integer ? .integer : .decimal
        case .negate(let a, _): return unitKind(a)
        default: return .decimal
        }
    }

    /// Checks complete-case units against the grouping and binds `where` for the other table.
    mutating func checkCompleteCases(_ q: SelectQuery) throws {
        guard !plan.complete.isEmpty else { return }
        let tables = Set(plan.complete.flatMap { $0.terms.map(\.table) })
        for name in q.groupBy + (q.pivot.map { [$0] } ?? []) {
            guard let d = Schema.dimension(named: name.text) else { continue }
            if d.groupDim == .leaf {
                throw ctx.error("a metric cannot be broken down by '\(name.text)'", at: name.range,
                                help: "a metric is a ratio of whole rows; group by a report dimension or by \(plan.table.splitDimension)")
            }
            if d.groupDim == .split, tables.count > 1 || !tables.contains(plan.table) {
                let other = tables.first { $0 != plan.table } ?? plan.table
                throw ctx.error("this query reads the \(other.name) table, which has no '\(name.text)'", at: name.range,
                                help: "group by a report dimension (district, unit, year, template, file)")
            }
        }
        guard let other = tables.first(where: { $0 != plan.table }) else { return }
        guard let f = q.filter else {
            plan.foreignFilter = (nil, [])
            return
        }
        var sub = Planner(view: view, ctx: ctx, plan: Plan(table: other))
        do {
            let p = try sub.bindPredicate(f)
            plan.foreignFilter = (p, sub.plan.atoms)
        } catch {
            throw ctx.error("this query reads both tables, so 'where' may name only report dimensions", at: nil,
                            help: "district, unit, year, template and file apply to both tables")
        }
    }
}
