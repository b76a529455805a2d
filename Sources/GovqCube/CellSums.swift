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

    /// How many sums both tables have: a constant, so that opening a snapshot (whose region
    /// layout counts them) does not build the lists (`CellSumTests` checks it against them).
    public static let stored = 65

    static let applications = sums(.applications)
    static let reviews = sums(.reviews)

    // Plain loops (no key paths, no sort): built on the first query that sums several cells.
    private static func sums(_ id: FactTableID) -> [[Int]] {
        let columns = id == .applications ? ApplicantType.allCases.count : Proceeding.allCases.count
        var out: [[Int]] = []
        out.reserveCapacity(stored)
        var largest = 0
        for measure in Schema.measures where measure.table == id {
            var leaves = measure.leaves
            leaves.sort()
            var all: [Int] = []
            all.reserveCapacity(leaves.count * columns)
            for leaf in leaves { for c in 0..<columns { all.append(leaf * columns + c) } }
            if all.count > 1 { out.append(all); largest = max(largest, all.count) }
            if leaves.count > 1 {
                for c in 0..<columns {
                    var one: [Int] = []
                    one.reserveCapacity(leaves.count)
                    for leaf in leaves { one.append(leaf * columns + c) }
                    out.append(one)
                }
            }
        }
        // The larger first; equal sizes in the schema's order, so the layout is the same on
        // every build.
        var bySize: [[Int]] = []
        bySize.reserveCapacity(out.count)
        var size = largest
        while size >= 2 {
            for sum in out where sum.count == size { bySize.append(sum) }
            size -= 1
        }
        return bySize
    }
}
