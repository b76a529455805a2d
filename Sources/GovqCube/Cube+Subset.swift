/// A cube with some reports taken out (a duplicate, one side of a conflict), the others in
/// their order. Column by column: each count column is read once, whatever holds it.
extension Cube {
    /// The reports `r` with `keep[r]`, in order.
    public func keeping(_ keep: [Bool]) -> Cube {
        precondition(keep.count == reportCount)
        let rows = keep.indices.filter { keep[$0] }
        func strings(_ c: DimensionColumn) -> DimensionColumn {
            var out = DimensionColumn()
            out.reserveCapacity(rows.count)
            for r in rows { out.append(c[report: r]) }
            return out
        }
        func table(_ t: FactTable) -> FactTable {
            var counts: [[Int32]] = [], missing: [Bitmap] = []
            for c in 0..<(t.rows * t.columns) {
                let column = t.counts[c], bits = t.missing[c]
                counts.append(rows.map { column[$0] })
                var m = Bitmap()
                m.reserveCapacity(rows.count)
                for r in rows { m.append(r < bits.count && bits[r]) }
                missing.append(m)
            }
            return FactTable(id: t.id, counts: counts, missing: missing)
        }
        return Cube(district: strings(district), unit: strings(unit), file: strings(file), year: rows.map { year[$0] },
                    template: rows.map { template[$0] }, status: rows.map { status[$0] },
                    applications: table(applications), reviews: table(reviews))
    }
}
