/// Sets of cells that scans add up whole, which a snapshot also stores summed per report: a
/// measure's leaves over every applicant (`sum denied by district` reads one column, not
/// 8 leaves × 6 applicants) or for one applicant (`applicant in (…)`, `by applicant`). A scan
/// reads a stored sum in place of cells it covers exactly; the sum of a report holds its
/// missing cells as 0, as the cells themselves do, and which cells are missing is still read
/// from the cells' own bitmaps, so the rules for missing cells do not change.
public enum CellSums {
    /// Table `id`'s sums, each a sorted list of cells, the larger first (a scan takes the first
    /// that fits, so one total is preferred to its parts).
    public static func of(_ id: FactTableID) -> [[Int]] { id == .applications ? applications : reviews }

    static let applications = sums(.applications)
    static let reviews = sums(.reviews)

    private static func sums(_ id: FactTableID) -> [[Int]] {
        let table = FactTable(id: id)
        var out: [[Int]] = []
        func add(_ cells: [Int]) {
            let sorted = cells.sorted()
            if sorted.count > 1, !out.contains(sorted) { out.append(sorted) }
        }
        for measure in Schema.measures where measure.table == id {
            add(measure.leaves.flatMap { leaf in (0..<table.columns).map { table.cell(row: leaf, column: $0) } })
            if measure.leaves.count > 1 {
                for column in 0..<table.columns { add(measure.leaves.map { table.cell(row: $0, column: column) }) }
            }
        }
        // Stable: equal sizes keep the schema's order, so the layout is the same on every build.
        return out.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
    }
}
