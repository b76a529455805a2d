/// Sums for complete-case units (`Plan.complete`): per slice and group, each term's sum over the
/// reports where every term of the unit has at least one selected, present cell. A report that
/// lacks one of them adds to no term, so a numerator is never summed over a report whose
/// denominator is missing. Per unit and chunk of reports: each term's values summed column by
/// column in the columns' stored width, a bitmap of the reports with every term present, and
/// only those added to their group.
import GovqCube

struct CompleteSums {
    /// Per unit: `sums[u][(k * G + g) * T + j]` for term `j`, and `used[u][k * G + g]`, the
    /// number of complete reports.
    var sums: [[Int64]] = []
    var used: [[Int64]] = []
    /// Per unit and `k * G + g`: the first few reports of the row it had to leave out.
    var leftOut: [[Int: [Int]]] = []
    var groupCount = 0
    /// Some sum passed 64 bits (the query is an error then).
    var overflow = false

    func termSums(_ u: Int, _ k: Int, _ g: Int, terms: Int) -> ArraySlice<Int64> {
        let base = (k * groupCount + g) * terms
        return sums[u][base..<base + terms]
    }

    func reports(_ u: Int, _ k: Int, _ g: Int) -> Int64 { used[u][k * groupCount + g] }

    static func run(_ plan: Plan, view: CubeView, groups: ReportGroups, slices: [Slice], selections: CellSelections) -> CompleteSums {
        let n = view.reportCount, G = groups.count, K = slices.count, chunk = Aggregation.chunk
        let foreign = foreignSelections(plan, view: view)
        var out = CompleteSums(groupCount: G)
        for unit in plan.complete {
            let T = unit.terms.count
            var sums = [Int64](repeating: 0, count: K * G * T), used = [Int64](repeating: 0, count: K * G)
            var leftOut: [Int: [Int]] = [:]
            // Each term's value per report of a chunk, at `values[t * chunk + i]`.
            var values = [Int64](repeating: 0, count: max(T, 1) * chunk)
            var overflow = false
            for (k, slice) in slices.enumerated() {
                let cells = termCells(unit, plan: plan, view: view, slice: slice, selections: selections, foreign: foreign)
                let columns = cells.map { $0.map(TermColumn.init) }
                let complete = completeReports(cells, reports: n)
                sums.withUnsafeMutableBufferPointer { sumsBuffer in
                used.withUnsafeMutableBufferPointer { usedBuffer in
                values.withUnsafeMutableBufferPointer { valuesBuffer in
                groups.ids.withUnsafeBufferPointer { gidBuffer in
                    let S = sumsBuffer.baseAddress!, U = usedBuffer.baseAddress!, V = valuesBuffer.baseAddress!
                    let gid = gidBuffer.baseAddress!, base = k * G
                    for lo in stride(from: 0, to: n, by: chunk) {
                        let len = min(chunk, n - lo), w0 = lo >> 6, words = (len + 63) >> 6
                        for t in 0..<T {
                            let v = V + t * chunk
                            v.update(repeating: 0, count: len)
                            // A missing cell holds 0: adding every selected cell adds the present ones.
                            for (cell, column) in zip(cells[t], columns[t]) { column.add(into: v, lo, len, selection: cell.selection, reports: n) }
                        }
                        for j in 0..<words {
                            var w = complete[w0 + j]
                            while w != 0 {
                                let i = j << 6 | w.trailingZeroBitCount
                                w &= w &- 1
                                let at = base + Int(gid[lo + i])
                                U[at] += 1
                                for t in 0..<T {
                                    let (s, o) = S[at * T + t].addingReportingOverflow(V[t * chunk + i])
                                    S[at * T + t] = s
                                    overflow = overflow || o
                                }
                            }
                            var left = slice.selection.word(w0 + j, count: n) & ~complete[w0 + j]
                            while left != 0 {
                                let r = lo + (j << 6 | left.trailingZeroBitCount)
                                left &= left &- 1
                                let at = base + Int(gid[r])
                                if leftOut[at, default: []].count < 3 { leftOut[at, default: []].append(r) }
                            }
                        }
                    }
                }
                }
                }
                }
            }
            out.overflow = out.overflow || overflow
            out.sums.append(sums)
            out.used.append(used)
            out.leftOut.append(leftOut)
        }
        return out
    }

    /// The reports that have, for every term, a selected cell that is present (the bitmap form
    /// of `isComplete`, word by word over every report).
    static func completeReports(_ cells: [[TermCell]], reports n: Int) -> [UInt64] {
        let nw = (n + 63) / 64
        var complete = (0..<nw).map { Selection.all.word($0, count: n) }
        for term in cells {
            var present = [UInt64](repeating: 0, count: nw)
            for cell in term {
                let miss = cell.missing.words
                for j in 0..<nw { present[j] |= cell.selection.word(j, count: n) & ~(j < miss.count ? miss[j] : 0) }
            }
            for j in 0..<nw { complete[j] &= present[j] }
        }
        return complete
    }

    /// `where` evaluated on the other table, for terms that read it.
    static func foreignSelections(_ plan: Plan, view: CubeView) -> CellSelections? {
        guard let ff = plan.foreignFilter else { return nil }
        let other: FactTableID = plan.table == .applications ? .reviews : .applications
        return SelectionEvaluator.cells(view.cube.table(other), filter: ff.filter, view: view, atoms: ff.atoms)
    }

    /// Per term of `unit`: the cells it reads in `slice`, with their counts, missing-masks and
    /// selection (and the table and cell, for `why`).
    static func termCells(_ unit: CompleteCase, plan: Plan, view: CubeView, slice: Slice, selections: CellSelections,
                          foreign: CellSelections?) -> [[TermCell]] {
        unit.terms.map { t in
            let table = view.cube.table(t.table)
            let own = t.table == plan.table
            guard let sel = own ? selections : foreign else { return [] }
            var columns = Array(0..<table.columns)
            if own, let s = slice.split { columns = [s] }
            if let fixed = t.columns { columns = columns.filter(fixed.contains) }
            return t.leaves.flatMap { leaf in
                columns.compactMap { column in
                    let c = table.cell(row: leaf, column: column)
                    guard let si = sel.cellSelection[c] else { return nil }
                    return TermCell(table: t.table, cell: c, columns: table.counts, missing: table.missing[c], selection: sel.selections[si])
                }
            }
        }
    }

    /// Whether report `r` has, for every term, a selected cell that is present.
    static func isComplete(_ r: Int, _ cells: [[TermCell]], reports n: Int) -> Bool {
        cells.allSatisfy { term in
            term.contains { $0.selection.word(r >> 6, count: n) >> UInt64(r & 63) & 1 != 0 && !(r < $0.missing.count && $0.missing[r]) }
        }
    }
}

/// One cell a complete-case term reads.
struct TermCell {
    var table: FactTableID
    var cell: Int
    var columns: CountColumns
    var missing: Bitmap
    var selection: Selection

    /// The cell's counts, widened (for `why`, which reads a few reports of it).
    var counts: [Int32] { columns[cell] }
}

/// A term cell's counts as the scan reads them: a snapshot's stored bytes in their own width
/// (never widened into a copy), else the column held in memory.
struct TermColumn {
    let stored: CountColumnView?
    let held: [Int32]

    init(_ cell: TermCell) {
        stored = cell.columns.storedView(cell.cell)
        held = stored == nil ? cell.columns[cell.cell] : []
    }

    /// `v[i] += count[lo + i]` for the selected reports of a chunk.
    func add(into v: UnsafeMutablePointer<Int64>, _ lo: Int, _ len: Int, selection: Selection, reports n: Int) {
        if selection.isNone { return }
        let all = selection.isAll
        switch stored {
        case .zeros?: break
        case .u8(let p)?: all ? addAll(v, p + lo, len) : addSelected(v, p + lo, lo, len, selection, n)
        case .u16(let p)?: all ? addAll(v, p + lo, len) : addSelected(v, p + lo, lo, len, selection, n)
        case .i32(let p)?: all ? addAll(v, p + lo, len) : addSelected(v, p + lo, lo, len, selection, n)
        case nil:
            held.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return }
                all ? addAll(v, p + lo, len) : addSelected(v, p + lo, lo, len, selection, n)
            }
        }
    }
}

private func addSelected<T: FixedWidthInteger>(_ v: UnsafeMutablePointer<Int64>, _ p: UnsafePointer<T>, _ lo: Int, _ len: Int,
                                               _ selection: Selection, _ n: Int) {
    let w0 = lo >> 6
    for j in 0..<((len + 63) >> 6) {
        var w = selection.word(w0 + j, count: n)
        while w != 0 {
            let i = j << 6 | w.trailingZeroBitCount
            w &= w &- 1
            v[i] &+= Int64(p[i])
        }
    }
}

// One loop per stored width, each compiled on its own so that it is vectorised.
@inline(never)
private func addAll(_ v: UnsafeMutablePointer<Int64>, _ p: UnsafePointer<UInt8>, _ len: Int) { for i in 0..<len { v[i] &+= Int64(p[i]) } }
@inline(never)
private func addAll(_ v: UnsafeMutablePointer<Int64>, _ p: UnsafePointer<UInt16>, _ len: Int) { for i in 0..<len { v[i] &+= Int64(p[i]) } }
@inline(never)
private func addAll(_ v: UnsafeMutablePointer<Int64>, _ p: UnsafePointer<Int32>, _ len: Int) { for i in 0..<len { v[i] &+= Int64(p[i]) } }

extension Executor {
    /// A complete-case unit's value in one row: its expression over the terms' sums; NULL when
    /// no report of the row has every cell the unit needs.
    func completeValue(_ u: Int, _ row: LongRow, _ agg: Aggregation) throws -> Value {
        let unit = plan.complete[u]
        guard agg.complete.reports(u, row.k, row.g) > 0 else { return .null }
        let sums = Array(agg.complete.termSums(u, row.k, row.g, terms: unit.terms.count))
        return try unitValue(unit.expr, sums)
    }

    func unitValue(_ e: BoundExpr, _ sums: [Int64]) throws -> Value {
        switch e {
        case .aggregate(let j): return .integer(sums[j])
        case .integer(let i): return .integer(i)
        case .decimal(let d): return .decimal(d)
        case .binary(let op, let a, let b, let range):
            return try arithmetic(op, try unitValue(a, sums), try unitValue(b, sums), range: range)
        case .negate(let a, _):
            switch try unitValue(a, sums) {
            case .integer(let i): return .integer(-i)
            case .decimal(let d): return .decimal(-d)
            default: return .null
            }
        default: return .null
        }
    }
}

extension Executor {
    /// The missing-cell rule said out loud for metrics and both-table items: per result cell
    /// that left reports out, how many and which (as `leftOutWarnings` does for expressions).
    func completeCaseWarnings(_ rows: [LongRow], _ agg: Aggregation, limit: Int = 10) -> [String] {
        guard !plan.complete.isEmpty else { return [] }
        var lines: [String] = [], more = 0
        let dims = plan.groupDims.count
        for row in rows {
            for item in plan.items {
                guard case .complete(let u) = item.expr else { continue }
                let total = agg.reports(row.k, row.g), used = agg.complete.reports(u, row.k, row.g)
                guard total > used else { continue }
                guard lines.count < limit else { more += 1; continue }
                let reports = agg.complete.leftOut[u][row.k * agg.complete.groupCount + row.g] ?? []
                let names = reports.map { r in
                    view.text(.district, code: view.code(.district, r)) + " " + view.text(.year, code: view.code(.year, r))
                }
                let label = dims == 0 ? "" : " for " + row.values.prefix(dims).map(Pivot.text).joined(separator: ", ")
                let which = names.isEmpty ? "" : " (" + names.joined(separator: ", ") + (total - used > Int64(names.count) ? ", …" : "") + ")"
                lines.append("\(item.name)\(label): \(total - used) of \(total) reports left out\(which), a cell it needs is missing")
            }
        }
        if more > 0 { lines.append("\(more) more result cells left reports out") }
        return lines
    }
}

extension Executor {
    /// `with coverage` for a row with metrics: a report counts as used only if every
    /// complete-case unit of the row could use it too.
    func completeCoverage(_ c: (used: Int64, leftOut: Int64), _ row: LongRow, _ agg: Aggregation) -> (used: Int64, leftOut: Int64) {
        let total = c.used + c.leftOut
        var used = c.used
        for item in plan.items {
            if case .complete(let u) = item.expr { used = min(used, agg.complete.reports(u, row.k, row.g)) }
        }
        return (used, total - used)
    }
}
