/// The hot loop. Reports are processed in chunks of 4096; for each slice (a split member or a
/// leaf when grouping by applicant / outcome, else the whole table) and measure, a chunk's
/// report-level values are summed cell by cell into `v` (sequential, vectorisable adds of each
/// column in its stored width into `Int64`), then scattered into the group accumulators `acc[gid[r]]`. A report's value is
/// NULL when every cell it takes is missing; when a cell's missing-mask is empty, that test is
/// skipped entirely.
import CGovqScan
import GovqCube
import GovqDiagnostics

/// One slice of the long table: the cells of one split member / leaf (or all of them).
struct Slice {
    var split: Int?
    var leaf: Int?
    /// Reports with at least one selected cell in the slice.
    var selection: Selection
    /// When every cell of the slice has the same selection, its index.
    var uniform: Int?
    /// Per measure: the slice's cells among the measure's leaves, with their selection index.
    var cells: [[(cell: Int, selection: Int)]]
    /// Per measure: some cell is never missing and selected wherever the slice is, so every
    /// report in the slice has a value (non-NULL).
    var alwaysValued: [Bool]
}

/// The accumulated statistics: `count(k, g)` reports per slice and group, and per measure the
/// sum, the number of non-NULL report values, min and max.
struct Aggregation {
    var groups: ReportGroups
    var slices: [Slice]
    /// Flat accumulators: report counts at 0, then per measure sum, non-null count, min, max.
    var acc: [Int64]
    var offsets: [Int]
    var cellsPerStat: Int
    var overflow = false
    /// Sums of the complete-case units (named metrics, both tables in one expression).
    var complete = CompleteSums()
    /// Per set of measures an expression needs, the same statistics over only the reports
    /// that have every one of them (see MissingCells.swift).
    var completeCases: [[Int]: Aggregation] = [:]
    /// `count distinct`: per `ReportDim.rawValue`, the number of members at `k * groups + g`.
    var distinctCounts: [Int: [Int64]] = [:]

    func reports(_ k: Int, _ g: Int) -> Int64 { acc[k * groups.count + g] }

    func stat(_ m: Int, _ which: Int, _ k: Int, _ g: Int) -> Int64 {
        acc[offsets[m] + which * cellsPerStat + k * groups.count + g]
    }

    /// The value of one aggregate in one row.
    func value(_ a: AggregateRef, _ k: Int, _ g: Int) -> Value {
        if !a.complete.isEmpty, let cc = completeCases[a.complete] {
            return cc.value(AggregateRef(kind: a.kind, measure: a.measure), k, g)
        }
        if a.kind == .countReports { return .integer(reports(k, g)) }
        if a.kind == .countDistinct { return .integer(distinctCounts[a.measure]?[k * groups.count + g] ?? 0) }
        if slices[k].cells[a.measure].isEmpty { return a.kind == .count ? .integer(0) : .null }
        let nn = slices[k].alwaysValued[a.measure] ? reports(k, g) : stat(a.measure, 1, k, g)
        switch a.kind {
        case .count: return .integer(nn)
        case _ where nn == 0: return .null
        case .sum: return .integer(stat(a.measure, 0, k, g))
        case .avg: return .decimal(Double(stat(a.measure, 0, k, g)) / Double(nn))
        case .min: return .integer(stat(a.measure, 2, k, g))
        case .max: return .integer(stat(a.measure, 3, k, g))
        case .countReports, .countDistinct: return .null
        }
    }
}

@inline(__always)
private func forEachSelected(_ sel: Selection, lo: Int, len: Int, n: Int, _ body: (Int) -> Void) {
    if case .all = sel {
        for i in 0..<len { body(i) }
        return
    }
    let w0 = lo >> 6
    for j in 0..<((len + 63) >> 6) {
        var word = sel.word(w0 + j, count: n)
        while word != 0 {
            body(j << 6 | word.trailingZeroBitCount)
            word &= word &- 1
        }
    }
}

/// `v[i] += col[lo + i]`, in the column's own width: the vectorised inner loop of every sum.
/// A snapshot's columns are read where they are stored (one or two bytes a count, mostly).
private func addColumn(_ v: UnsafeMutablePointer<Int64>, _ col: CountColumnView, _ lo: Int, _ len: Int) {
    switch col {
    case .zeros: break
    case .u8(let p): addColumn(v, p + lo, len)
    case .u16(let p): addColumn(v, p + lo, len)
    case .i32(let p): addColumn(v, p + lo, len)
    }
}

@inline(never)
private func addColumn(_ v: UnsafeMutablePointer<Int64>, _ col: UnsafePointer<UInt8>, _ len: Int) {
    for i in 0..<len { v[i] &+= Int64(col[i]) }
}

@inline(never)
private func addColumn(_ v: UnsafeMutablePointer<Int64>, _ col: UnsafePointer<UInt16>, _ len: Int) {
    for i in 0..<len { v[i] &+= Int64(col[i]) }
}

@inline(never)
private func addColumn(_ v: UnsafeMutablePointer<Int64>, _ col: UnsafePointer<Int32>, _ len: Int) {
    for i in 0..<len { v[i] &+= Int64(col[i]) }
}

/// `v[i] += Σ cols[j][lo + i]` for stored columns summed whole: all of a width in one call to
/// `CGovqScan`, which forms a block's sum in 32-bit lanes and adds it to `v` once (a measure like
/// denied is 8 leaves × 6 applicants = 48 columns; Swift's loops, four columns a pass, were 15% of
/// a whole `sum denied by district` process at 2×10^4 reports: the baseline target has no AVX2).
private struct StoredBatch {
    // Optional as the C prototype takes them (`const uint8_t *const *`); never nil.
    var u8: [UnsafePointer<UInt8>?] = []
    var u16: [UnsafePointer<UInt16>?] = []
    var i32: [UnsafePointer<Int32>] = []

    mutating func append(_ view: CountColumnView) {
        switch view {
        case .zeros: break
        case .u8(let p): u8.append(p)
        case .u16(let p): u16.append(p)
        case .i32(let p): i32.append(p)
        }
    }

    func add(into v: UnsafeMutablePointer<Int64>, _ lo: Int, _ len: Int) {
        if !u8.isEmpty { u8.withUnsafeBufferPointer { govq_add_columns_u8(v, $0.baseAddress, $0.count, lo, len) } }
        if !u16.isEmpty { u16.withUnsafeBufferPointer { govq_add_columns_u16(v, $0.baseAddress, $0.count, lo, len) } }
        for p in i32 { addColumn(v, p + lo, len) }
    }

    /// The batch's total over reports `lo..<lo + len`.
    func total(_ lo: Int, _ len: Int) -> Int64 {
        var t: Int64 = 0
        for p in u8 { t &+= govq_total_u8(p, lo, len) }
        for p in u16 { t &+= govq_total_u16(p, lo, len) }
        for p in i32 { t &+= govq_total_i32(p, lo, len) }
        return t
    }
}

/// Which stored `CellSums` stand for which of a slice's cells.
private struct SumCover {
    let table: FactTableID
    let stored: Bool
    let cellCount: Int

    init(table: FactTable) {
        self.table = table.id
        stored = table.counts.hasStoredSums
        cellCount = table.rows * table.columns
    }

    /// Built only when some slice could use one (`sum new by applicant` never does).
    var sums: [[Int]] { stored ? CellSums.of(table) : [] }

    /// The sums (indices into `sums`) that cover, each exactly, cells among `cells` that are
    /// summed `whole`, the larger first; and which of `cells` they cover.
    func cover(_ cells: [Int], whole: [Bool]) -> (sums: [Int], covered: [Bool]) {
        var covered = [Bool](repeating: false, count: cells.count)
        var open = cells.indices.filter { whole[$0] }.count
        guard open > 1, stored else { return ([], covered) }
        let sums = self.sums
        // slot[cell]: the cell's index in `cells` while it is open to cover, else -1.
        var slot = [Int](repeating: -1, count: cellCount)
        for (j, c) in cells.enumerated() where whole[j] && c < cellCount { slot[c] = j }
        var used: [Int] = []
        for (s, sum) in sums.enumerated() where sum.count <= open && sum.allSatisfy({ $0 < cellCount && slot[$0] >= 0 }) {
            for c in sum { covered[slot[c]] = true; slot[c] = -1 }
            open -= sum.count
            used.append(s)
            if open < 2 { break }
        }
        return (used, covered)
    }
}

/// `acc[gid[i]] += v[i]` for every report of a chunk. With one group (no report dimension,
/// as in `sum new by applicant`) a plain sum: adding into one accumulator through memory made
/// each add wait for the one before.
@inline(never)
private func scatterSum(_ acc: UnsafeMutablePointer<Int64>, _ gid: UnsafePointer<UInt32>, _ v: UnsafePointer<Int64>, _ len: Int, groups: Int) {
    if groups == 1 {
        var sum: Int64 = 0
        for i in 0..<len { sum &+= v[i] }
        acc[0] &+= sum
        return
    }
    for i in 0..<len { acc[Int(gid[i])] &+= v[i] }
}

/// `count[gid[i]] += 1` for every report of a chunk.
@inline(never)
private func scatterCount(_ count: UnsafeMutablePointer<Int64>, _ gid: UnsafePointer<UInt32>, _ len: Int, groups: Int) {
    if groups == 1 { count[0] &+= Int64(len); return }
    for i in 0..<len { count[Int(gid[i])] &+= 1 }
}

extension Aggregation {
    static let chunk = 4096

    static func run(_ plan: Plan, view: CubeView, groups: ReportGroups, slices: [Slice],
                    cellSelections: [Selection]) throws -> Aggregation {
        let n = view.reportCount, G = groups.count, K = slices.count, M = plan.measures.count
        let table = view.cube.table(plan.table)
        let needMinMax = (0..<M).map { m in plan.aggregates.contains { $0.measure == m && ($0.kind == .min || $0.kind == .max) } }
        let kg = K * G
        var offsets: [Int] = []
        var total = kg
        for m in 0..<M {
            offsets.append(total)
            total += (needMinMax[m] ? 4 : 2) * kg
        }
        guard total <= maxGroupCells else { throw GroupLimit(cells: total) }
        var acc = [Int64](repeating: 0, count: total)
        for m in 0..<M where needMinMax[m] {
            for i in 0..<kg { acc[offsets[m] + 2 * kg + i] = .max; acc[offsets[m] + 3 * kg + i] = .min }
        }
        let checked = n >= 1 << 23   // below this, |sum| < 2^23 reports × 156 cells × 2^31 cannot overflow
        var overflow = false
        let emptyMissing = view.emptyMissing(plan.table)
        let sels = slices.map(\.selection)
        // Per slice and measure, the snapshot's stored columns summed whole (found once, not
        // once per chunk): stored `CellSums` where one covers exactly some of the cells a slice
        // adds whole (`sum denied` reads 1 column, not 48), the cells themselves for the rest.
        // `batched[k][m][j]` says cell j of the measure is among them.
        func whole(_ k: Int, _ m: Int, _ j: Int) -> Bool {
            let s = slices[k].cells[m][j].selection
            return cellSelections[s].isAll || s == slices[k].uniform
        }
        let cover = SumCover(table: table)
        var sumsUsed = [[[Int]]](repeating: [[Int]](repeating: [], count: M), count: K)
        var batched = slices.map { $0.cells.map { [Bool](repeating: false, count: $0.count) } }
        for k in 0..<K {
            for m in 0..<M {
                let cells = slices[k].cells[m]
                (sumsUsed[k][m], batched[k][m]) = cover.cover(cells.map(\.cell), whole: cells.indices.map { whole(k, m, $0) })
            }
        }
        // Readied on every core only for a large cube; else each column is readied as the scan
        // first reads it (starting threads cost more than checking 2×10^4 reports' columns).
        if view.cube.reportCount >= 100_000 {
            var cells: [Int] = [], sums: [Int] = []
            for k in 0..<K {
                for m in 0..<M {
                    sums += sumsUsed[k][m]
                    for (j, c) in slices[k].cells[m].enumerated() where !batched[k][m][j] { cells.append(c.cell) }
                }
            }
            table.counts.prefetch(cells, sums: Array(Set(sums)).sorted())
        }
        var batches = [[StoredBatch]](repeating: [StoredBatch](repeating: StoredBatch(), count: M), count: K)
        for k in 0..<K {
            for m in 0..<M {
                for j in sumsUsed[k][m] {
                    if let view = table.counts.storedSum(j) { batches[k][m].append(view); continue }
                    // Not stored after all (a sum too large): its cells are added one by one.
                    for c in cover.sums[j] { if let i = slices[k].cells[m].firstIndex(where: { $0.cell == c }) { batched[k][m][i] = false } }
                }
                for (j, (c, _)) in slices[k].cells[m].enumerated() where whole(k, m, j) && !batched[k][m][j] {
                    guard let view = table.counts.storedView(c) else { continue }
                    batches[k][m].append(view)
                    batched[k][m][j] = true
                }
            }
        }
        // Where a slice's sum needs no per-report values (`sum new by applicant`: one group, no
        // min or max, no overflow check, a value for every report, every cell read whole).
        let totalOnly = (0..<K).map { k in
            (0..<M).map { m in
                G == 1 && !needMinMax[m] && !checked && sels[k].isAll && slices[k].alwaysValued[m] && !batched[k][m].contains(false)
            }
        }
        // The per-report values of a chunk only where some sum needs them: 32 KB of fresh pages
        // zeroed at every start of a query like `sum new by applicant`, which adds totals only.
        let perReport = (0..<K).contains { k in (0..<M).contains { m in !slices[k].cells[m].isEmpty && !totalOnly[k][m] } }
        var v = [Int64](repeating: 0, count: perReport ? chunk : 1)
        var nnw = [UInt64](repeating: 0, count: perReport ? chunk / 64 : 1)
        // With no report dimension (no group ids stored) every chunk reads one chunk of 0s, and
        // a single 0 when nothing reads them (totals only, every report counted).
        let single = groups.gid.isEmpty
        let readsIDs = perReport || slices.contains { if case .all = $0.selection { false } else { true } }
        let ids = single ? [UInt32](repeating: 0, count: readsIDs ? min(chunk, max(n, 1)) : 1) : groups.gid
        acc.withUnsafeMutableBufferPointer { accBuffer in
        ids.withUnsafeBufferPointer { gidBuffer in
        v.withUnsafeMutableBufferPointer { vBuffer in
        nnw.withUnsafeMutableBufferPointer { nnBuffer in
            // Raw pointers held in locals: the optimiser can keep them in registers and
            // vectorise the column adds (through captured buffers it reloads them per element).
            let A = accBuffer.baseAddress!, V = vBuffer.baseAddress!, NN = nnBuffer.baseAddress!
            guard let gidBase = gidBuffer.baseAddress else { return }
            for lo in stride(from: 0, to: n, by: chunk) {
                let len = min(chunk, n - lo), w0 = lo >> 6, nw = (len + 63) >> 6
                let gid = single ? gidBase : gidBase + lo
                for k in 0..<K {
                    let slice = slices[k], base = k * G
                    if case .all = slice.selection {
                        scatterCount(A + base, gid, len, groups: G)
                    } else {
                        forEachSelected(slice.selection, lo: lo, len: len, n: n) { i in A[base + Int(gid[i])] += 1 }
                    }
                    for m in 0..<M where !slice.cells[m].isEmpty {
                        let fast = slice.alwaysValued[m]
                        if totalOnly[k][m] {
                            // One group, every report valued, every cell stored: only the
                            // total is wanted, not each report's value.
                            A[offsets[m] + base] &+= batches[k][m].total(lo, len)
                            continue
                        }
                        V.update(repeating: 0, count: len)
                        if !fast { NN.update(repeating: 0, count: nw) }
                        batches[k][m].add(into: V, lo, len)
                        for (j, (c, s)) in slice.cells[m].enumerated() {
                            let sel = cellSelections[s]
                            if !batched[k][m][j] {
                                table.counts.withColumn(c) { col in
                                    if sel.isAll || s == slice.uniform {
                                        addColumn(V, col, lo, len)
                                    } else {
                                        switch col {
                                        case .zeros: break
                                        case .u8(let p): forEachSelected(sel, lo: lo, len: len, n: n) { i in V[i] &+= Int64(p[lo + i]) }
                                        case .u16(let p): forEachSelected(sel, lo: lo, len: len, n: n) { i in V[i] &+= Int64(p[lo + i]) }
                                        case .i32(let p): forEachSelected(sel, lo: lo, len: len, n: n) { i in V[i] &+= Int64(p[lo + i]) }
                                        }
                                    }
                                }
                            }
                            if !fast {
                                if emptyMissing[c] {
                                    for j in 0..<nw { NN[j] |= sel.word(w0 + j, count: n) }
                                } else {
                                    let miss = table.missing[c].words
                                    for j in 0..<nw { NN[j] |= sel.word(w0 + j, count: n) & ~(w0 + j < miss.count ? miss[w0 + j] : 0) }
                                }
                            }
                        }
                        let sumAt = offsets[m] + base, nnAt = sumAt + kg
                        if needMinMax[m] {
                            let minAt = nnAt + kg, maxAt = minAt + kg
                            forEachSelected(sels[k], lo: lo, len: len, n: n) { i in
                                guard fast || NN[i >> 6] >> UInt64(i & 63) & 1 != 0 else { return }
                                let g = Int(gid[i]), x = V[i]
                                let (s, o) = A[sumAt + g].addingReportingOverflow(x)
                                A[sumAt + g] = s
                                if o { overflow = true }
                                A[nnAt + g] += 1
                                if x < A[minAt + g] { A[minAt + g] = x }
                                if x > A[maxAt + g] { A[maxAt + g] = x }
                            }
                        } else if fast && !checked && sels[k].isAll {
                            scatterSum(A + sumAt, gid, V, len, groups: G)
                        } else {
                            forEachSelected(sels[k], lo: lo, len: len, n: n) { i in
                                let g = Int(gid[i])
                                let (s, o) = A[sumAt + g].addingReportingOverflow(V[i])
                                A[sumAt + g] = s
                                if o { overflow = true }
                                A[nnAt + g] &+= Int64(truncatingIfNeeded: NN[i >> 6] >> UInt64(i & 63) & 1)
                            }
                        }
                    }
                }
            }
        }
        }
        }
        }
        var result = Aggregation(groups: groups, slices: slices, acc: acc, offsets: offsets, cellsPerStat: kg)
        result.overflow = overflow
        return result
    }
}

/// Thrown when a query would build more accumulators than `maxGroupCells`.
struct GroupLimit: Error {
    var cells: Int
}
