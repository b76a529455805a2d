/// A measure in `where` filters reports by their own total of it: `count reports where new = 0`
/// keeps the reports that state no new application. A report whose cells of the measure are
/// all missing has no value, and no comparison holds for it (SQL's NULL).
import GovqCube
import GovqSyntax

extension Planner {
    /// `measure op number`, or nil when `e` does not name a measure of this table.
    mutating func measureCondition(_ e: Expr, _ op: ComparisonOperator, _ values: [Expr]) throws -> Predicate? {
        let name: Name
        switch e {
        case .name(let n) where Schema.dimension(named: n.text) == nil: name = n
        case .aggregate(.sum, let n, _): name = n
        default: return nil
        }
        guard let m = Schema.measure(named: name.text, in: plan.table) else {
            let other: FactTableID = plan.table == .applications ? .reviews : .applications
            if Schema.dimension(named: name.text) == nil, Schema.measure(named: name.text, in: other) != nil {
                throw ctx.error("'\(name.text)' is a measure of \(other.name) — \(fromHint(other))", at: name.range)
            }
            return nil
        }
        let numbers = try values.map { v -> Double in
            let lit = try literal(v)
            guard let x = lit.number else {
                throw ctx.error("expected a number to compare '\(name.text)' with, found '\(lit.text)'", at: lit.range)
            }
            return x
        }
        if op == .contains { throw ctx.error("'~' needs text, and '\(name.text)' is a number", at: name.range) }
        let (totals, present) = reportTotals(m)
        let n = view.reportCount
        var words = [UInt64](repeating: 0, count: (n + 63) / 64)
        for r in 0..<n where present[r] {
            let x = Double(totals[r])
            let holds = numbers.contains { y in
                switch op {
                case .equal: x == y
                case .notEqual: x != y
                case .less: x < y
                case .lessEqual: x <= y
                case .greater: x > y
                case .greaterEqual: x >= y
                case .contains: false
                }
            }
            if holds { words[r >> 6] |= 1 << UInt64(r & 63) }
        }
        let shown = values.map { ctx.slice($0.range) }.joined(separator: ", ")
        plan.atoms.append(ReportAtom(dim: .district, truth: [], reports: words,
                                     label: "\(m.name) \(op.rawValue) \(values.count > 1 ? "(\(shown))" : shown) per report"))
        return .report(plan.atoms.count - 1)
    }

    /// Each report's total of a measure over every cell, and whether any cell of it is stated.
    private func reportTotals(_ m: Measure) -> ([Int64], [Bool]) {
        let table = view.cube.table(plan.table), n = view.reportCount
        var totals = [Int64](repeating: 0, count: n), present = [Bool](repeating: false, count: n)
        for leaf in m.leaves {
            for s in 0..<table.columns {
                let c = table.cell(row: leaf, column: s)
                let counts = table.counts[c], miss = table.missing[c].words
                for r in 0..<n where r >> 6 >= miss.count || miss[r >> 6] >> UInt64(r & 63) & 1 == 0 {
                    totals[r] += Int64(counts[r])
                    present[r] = true
                }
            }
        }
        return (totals, present)
    }
}
