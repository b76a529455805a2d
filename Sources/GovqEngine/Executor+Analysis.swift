/// The analysis constructs over the long rows, after aggregation and before `having`: the
/// minimum-sample guard, `share` (each row's part of the total of its `within` parent, or of the
/// grand total), `yoy` (each year against the year before, by the same other dimensions),
/// `change` (two years side by side), Wilson intervals, and after `having`, `rank`. A year a
/// group has no report for gives NULL, never 0.
import Foundation
import GovqCube
import GovqSyntax

extension Executor {
    func analyse(_ input: [LongRow], _ agg: Aggregation, notes: inout [String]) throws -> [LongRow] {
        var rows = input
        let ap = plan.analysis, D = plan.groupDims.count, I = plan.items.count
        if let m = ap.minimum {
            var kept: [LongRow] = [], left: [String] = []
            for r in rows {
                let v = try eval(m.aggregate, r, agg)
                if let x = v.number, x >= Double(m.count) { kept.append(r) } else { left.append("\(label(r)) (\(Pivot.text(v)))") }
            }
            if !left.isEmpty {
                notes.append("min \(m.measure) \(m.count) left out \(left.count) of \(rows.count) rows: " + left.joined(separator: ", "))
            }
            rows = kept
        }
        switch ap.mode {
        case .share:
            // Keys are the rows' own integer group keys cut down to the `within` dimensions.
            let strides = keyStrides, cards = keyCards
            func parent(_ r: LongRow) -> Int {
                ap.within.reduce(0) { $0 * cards[$1] + (r.key / strides[$1]) % cards[$1] }
            }
            // Each parent's totals at `slot * I`, and each row's parent slot.
            var slotOf: [Int: Int] = [:], totals: [Int64] = [], slots: [Int] = []
            slots.reserveCapacity(rows.count)
            for r in rows {
                let key = parent(r)
                let s: Int
                if let known = slotOf[key] {
                    s = known
                } else {
                    s = slotOf.count
                    slotOf[key] = s
                    totals += repeatElement(0, count: I)
                }
                slots.append(s)
                for i in 0..<I {
                    guard case .integer(let x) = r.values[D + i] else { continue }
                    let (t, o) = totals[s * I + i].addingReportingOverflow(x)
                    if o { throw ctx.error("a sum is too large for a 64-bit integer", at: nil) }
                    totals[s * I + i] = t
                }
            }
            for j in rows.indices {
                let s = slots[j]
                rows[j].values.reserveCapacity(D + 2 * I)
                for i in 0..<I {
                    let t = totals[s * I + i]
                    guard case .integer(let x) = rows[j].values[D + i], t != 0 else { rows[j].values.append(.null); continue }
                    rows[j].values.append(.decimal(Double(x) / Double(t)))
                }
            }
        case .yoy:
            // The year before is the same key one step down in the year's digit.
            let y = ap.yearDim!, stride = keyStrides[y], card = keyCards[y]
            var at: [Int: Int] = [:]
            for (j, r) in rows.enumerated() { at[r.key] = j }
            for j in rows.indices {
                let key = rows[j].key
                let previous = (key / stride) % card > 0 ? at[key - stride].map { rows[$0] } : nil
                rows[j].values.reserveCapacity(D + 4 * I)
                for i in 0..<I {
                    let now = rows[j].values[D + i], before = previous?.values[D + i] ?? .null
                    let c = try compared(before, now)
                    rows[j].values += [c.before, c.difference, c.percent]
                }
            }
        case .change:
            rows = try changed(rows)
        case .rank, nil:
            break
        }
        if !ap.ci.isEmpty {
            for j in rows.indices {
                for i in ap.ci {
                    guard case .complete(let u) = plan.items[i].expr, let p = plan.complete[u].proportion,
                          agg.complete.reports(u, rows[j].k, rows[j].g) > 0 else {
                        rows[j].values += [.null, .null]
                        continue
                    }
                    let sums = Array(agg.complete.termSums(u, rows[j].k, rows[j].g, terms: plan.complete[u].terms.count))
                    let (low, high) = wilson(try unitValue(p.numerator, sums), try unitValue(p.denominator, sums))
                    rows[j].values += [low, high]
                }
            }
        }
        return rows
    }

    /// The previous value, the difference and the change in percent; NULL where either is NULL
    /// (and the percentage where the earlier value is 0).
    func compared(_ before: Value, _ now: Value) throws -> (before: Value, difference: Value, percent: Value) {
        guard before != .null, now != .null else { return (before, .null, .null) }
        let nowhere = SourceRange(start: 0, end: 0, line: 1, column: 1, length: 0)
        let difference = try arithmetic(.subtract, now, before, range: nowhere)
        guard let b = before.number, b != 0, let d = difference.number else { return (before, difference, .null) }
        return (before, difference, .decimal(d / b * 100))
    }

    /// `change … from A to B`: one row per group of the other dimensions, with each item's value
    /// in A and in B, the difference and the change in percent. Rows come sorted by group, then
    /// year: the hidden year is the last dimension, so it is the last digit of a row's key, and
    /// that digit is the year's code (`year - first year`). Rows are told apart by their keys,
    /// not by comparing values (which cost more than summing the reports).
    private func changed(_ rows: [LongRow]) throws -> [LongRow] {
        let ap = plan.analysis, y = ap.yearDim!, D = plan.groupDims.count, I = plan.items.count
        let (from, to) = ap.years!
        let card = max(keyCards[y], 1), first = view.years.min
        let fromCode = from - first, toCode = to - first
        var out: [LongRow] = []
        out.reserveCapacity(rows.count / 2 + 1)
        var i = 0
        while i < rows.count {
            let group = rows[i].key / card
            var a: Int?, b: Int?
            var j = i
            while j < rows.count && rows[j].key / card == group {
                let code = rows[j].key % card
                if code == fromCode { a = j } else if code == toCode { b = j }
                j += 1
            }
            if let at = a ?? b {
                let row = rows[at]
                var values: [Value] = []
                values.reserveCapacity(D - 1 + 4 * I)
                values += row.values[0..<y]
                values += row.values[(y + 1)..<D]
                for item in 0..<I {
                    let before = a.map { rows[$0].values[D + item] } ?? .null, now = b.map { rows[$0].values[D + item] } ?? .null
                    let c = try compared(before, now)
                    values.append(before)
                    values.append(now)
                    values.append(c.difference)
                    values.append(c.percent)
                }
                out.append(LongRow(g: row.g, k: row.k, key: row.key, pivotRank: row.pivotRank, values: values))
            }
            i = j
        }
        return out
    }

    /// `rank`: competition ranks (1, 2, 2, 4) by the first item, highest first; NULL is not
    /// ranked. Appended as the last value of each row; with the rows' indices in rank order.
    func ranked(_ rows: [LongRow]) -> (rows: [LongRow], order: [Int]) {
        let at = plan.groupDims.count
        let order = sortedIndices(rows.map { $0.values[at] }, descending: true)
        var out = rows
        var rank = 0, previous: Value?
        for (position, j) in order.enumerated() {
            let v = rows[j].values[at]
            if v == .null { out[j].values.append(.null); continue }
            if v != previous { rank = position + 1; previous = v }
            out[j].values.append(.integer(Int64(rank)))
        }
        return (out, order)
    }

    /// The radix of each group dimension in a row's key (`Executor.longRows` folds the
    /// dimensions' ranks as `key * cardinality + rank`), and the place value of each digit.
    var keyCards: [Int] {
        let table = view.cube.table(plan.table)
        return plan.groupDims.map { d in
            switch d {
            case .report(let r): view.cardinality(r)
            case .split: table.columns
            case .leaf: table.rows
            }
        }
    }

    var keyStrides: [Int] {
        let cards = keyCards
        var strides = Array(repeating: 1, count: cards.count)
        for i in stride(from: cards.count - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * cards[i + 1] }
        return strides
    }

    /// A row's group as text, for notes: its dimension values joined by " · ".
    func label(_ r: LongRow) -> String {
        let dims = r.values.prefix(plan.groupDims.count).map(Pivot.text)
        return dims.isEmpty ? "all reports" : dims.joined(separator: " · ")
    }
}

/// The 95% Wilson score interval for `x` successes in `n` trials; NULL, NULL when n is 0 or NULL.
func wilson(_ x: Value, _ n: Value) -> (Value, Value) {
    guard let k = x.number, let total = n.number, total > 0 else { return (.null, .null) }
    let z = 1.959963984540054, p = min(max(k / total, 0), 1)
    let z2n = z * z / total
    let centre = (p + z2n / 2) / (1 + z2n)
    let half = z * (p * (1 - p) / total + z2n / (4 * total)).squareRoot() / (1 + z2n)
    return (.decimal(max(centre - half, 0)), .decimal(min(centre + half, 1)))
}
