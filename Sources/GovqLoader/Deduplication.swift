/// Each report is counted once. Two loaded reports of the same unit and year (a copy in
/// another folder, the .txt and the .html of one report, `.load` of what is loaded) are one
/// report: when their numbers are the same, the first in path order is kept and the other is
/// listed as `duplicate of …`. When their numbers differ it is a conflict, reported with the
/// differences: the one that adds up is kept if only one does, else neither (a wrong number is
/// worse than none).
import GovqCube
import GovqDiagnostics

public enum Deduplication {
    /// `result` with every repeated report taken out of the cube and its summary saying why.
    public static func apply(_ result: LoadResult) -> LoadResult {
        let cube = result.cube, n = cube.reportCount
        guard n > 1 else { return result }
        // Cube row → its summary: the reports that were not skipped, in order.
        var summaryOf: [Int] = []
        summaryOf.reserveCapacity(n)
        for i in result.reports.indices where result.reports[i].status != .skipped { summaryOf.append(i) }
        guard summaryOf.count == n else { return result }   // an account without every report (a snapshot's)
        let repeats = sameUnitAndYear(cube)
        guard !repeats.isEmpty else { return result }

        var out = result
        var keep = [Bool](repeating: true, count: n)
        let cells = Cells(cube)
        func drop(_ r: Int, _ reason: String) {
            keep[r] = false
            out.reports[summaryOf[r]].status = .skipped
            out.reports[summaryOf[r]].reason = reason
        }
        for rows in repeats {
            var kept: Int? = rows[0]
            for r in rows.dropFirst() {
                let other = kept ?? rows[0]
                let differences = cells.differences(other, r)
                if differences.isEmpty {
                    drop(r, "duplicate of '\(cube.file[report: other])'")
                    out.diagnostics.append(Diagnostic(.warning, "'\(cube.file[report: r])' is a duplicate of "
                                                      + "'\(cube.file[report: other])' (same unit, year and numbers); it is counted once",
                                                      source: cube.file[report: r]))
                    continue
                }
                let okOther = cube.status[other] == 0, okThis = cube.status[r] == 0
                let verdict: String
                if kept != nil && okOther && !okThis {
                    verdict = "kept '\(cube.file[report: other])': it adds up and the other does not"
                    drop(r, "conflicts with '\(cube.file[report: other])'")
                } else if kept != nil && okThis && !okOther {
                    verdict = "kept '\(cube.file[report: r])': it adds up and the other does not"
                    drop(other, "conflicts with '\(cube.file[report: r])'")
                    kept = r
                } else {
                    verdict = "kept neither: nothing tells which is right"
                    if kept != nil { drop(other, "conflicts with '\(cube.file[report: r])'") }
                    drop(r, "conflicts with '\(cube.file[report: other])'")
                    kept = nil
                }
                let unit = cube.unit[report: r].isEmpty ? cube.district[report: r] : cube.unit[report: r]
                out.diagnostics.append(Diagnostic(
                    .error, "'\(cube.file[report: other])' and '\(cube.file[report: r])' both report \(unit) "
                        + "\(cube.year[r]) with different numbers; \(verdict)",
                    source: cube.file[report: r],
                    notes: differences.prefix(8).map { $0 } + (differences.count > 8 ? ["… \(differences.count - 8) more cells differ"] : [])))
            }
        }
        out.cube = cube.keeping(keep)
        return out
    }

    /// Rows that share a unit (or, without one, a district) and a year, in groups of two or
    /// more, each in row order.
    static func sameUnitAndYear(_ cube: Cube) -> [[Int]] {
        var first: [Int: Int] = [:]
        first.reserveCapacity(cube.reportCount)
        var later: [Int: [Int]] = [:]
        // Per dictionary value, not per report: no string is built in the loop.
        let namedUnit = cube.unit.values.map { !$0.isEmpty }, namedDistrict = cube.district.values.map { !$0.isEmpty }
        let unitCodes = cube.unit.codes, districtCodes = cube.district.codes
        for r in 0..<cube.reportCount {
            let year = Int(UInt16(bitPattern: cube.year[r]))
            let key: Int
            if namedUnit[Int(unitCodes[r])] {
                key = Int(unitCodes[r]) << 17 | year
            } else if namedDistrict[Int(districtCodes[r])] {
                key = 1 << 62 | Int(districtCodes[r]) << 17 | year
            } else {
                continue   // nothing says which body it is: it cannot be matched
            }
            if let f = first[key] { later[f, default: []].append(r) } else { first[key] = r }
        }
        return later.keys.sorted().map { [$0] + later[$0]! }
    }

    /// Both tables' cells, compared report by report (a loaded cube holds its columns, so
    /// reading one is no copy).
    struct Cells {
        let cube: Cube

        init(_ cube: Cube) { self.cube = cube }

        /// Every cell in which two reports differ, as `new × natural_person: 35 and 36`.
        func differences(_ a: Int, _ b: Int) -> [String] {
            var out: [String] = []
            for table in [cube.applications, cube.reviews] {
                for c in 0..<(table.rows * table.columns) {
                    let miss = table.missing[c], column = table.counts[c]
                    let x: Int32? = a < miss.count && miss[a] ? nil : column[a]
                    let y: Int32? = b < miss.count && miss[b] ? nil : column[b]
                    guard x != y else { continue }
                    out.append("\(Self.name(table.id, c)): \(x.map(String.init) ?? "missing") and \(y.map(String.init) ?? "missing")")
                }
            }
            return out
        }

        static func name(_ table: FactTableID, _ cell: Int) -> String {
            if table == .applications {
                let n = ApplicantType.allCases.count
                return "\(Outcome(rawValue: cell / n)!.name) × \(ApplicantType(rawValue: cell % n)!.name)"
            }
            let n = Proceeding.allCases.count
            return "\(ReviewResult(rawValue: cell / n)!.name) × \(Proceeding(rawValue: cell % n)!.name)"
        }
    }
}
