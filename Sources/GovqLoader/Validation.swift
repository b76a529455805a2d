/// The report's own accounting identities (本列数据的勾稽关系), checked per applicant column:
/// new + carried_over = handled + carried_forward, and handled = the sum of the outcome leaves;
/// and per row: the 总计 column = the sum of the six applicant columns. Every failure names the
/// file, line, row, column, and the expected and found values.
import GovqCube
import GovqDiagnostics

enum Validation {
    static func check(_ record: ReportRecord, totals: [Int32?], table: ApplicationsTable, source: String,
                      lines: TextLines) -> [Diagnostic] {
        // A table the fast path read was read only because these identities hold on exactly
        // the values `fillFast` put in the record (`FastReader.identitiesHold`): nothing to say.
        if table.fast != nil { return [] }
        var out: [Diagnostic] = []
        // The first row of each outcome, by raw value (no dictionary: this runs once a report).
        var firstRow = [Int](repeating: -1, count: Outcome.allCases.count)
        for (i, r) in table.rows.enumerated() where firstRow[r.outcome.rawValue] < 0 { firstRow[r.outcome.rawValue] = i }
        func rowOf(_ o: Outcome) -> TableRow? { firstRow[o.rawValue] < 0 ? nil : table.rows[firstRow[o.rawValue]] }
        let leaves = table.template == .t2021 ? leaves2021 : leaves2019

        func diag(_ message: String, row: Outcome, at outcomeRow: TableRow?, cellIndex: Int, column: String,
                  expected: Int, found: Int, notes: [String] = []) {
            var loc: SourceLocation?, text: String?
            if let r = outcomeRow {
                text = lines.sourceLine(r.line)
                loc = lines.location(line: r.line, start: r.start, end: r.end)
                if cellIndex < r.cells.count {
                    let c = r.cells[cellIndex]
                    loc = lines.location(of: c)
                    text = lines.sourceLine(c.line)
                }
            }
            out.append(Diagnostic(.error, message, source: source, location: loc, sourceLine: text, notes: notes,
                                  row: row.name, column: column, expected: Int64(expected), found: Int64(found)))
        }

        for a in applicants {
            var leafSum: Int? = 0
            for o in leaves {
                guard let v = record[o, a] else { leafSum = nil; break }
                leafSum! += Int(v)
            }
            let handled = record[.handled, a].map(Int.init)
            if let h = handled, let s = leafSum, h != s {
                diag("\(a.name): handled (\(h)) ≠ sum of outcomes (\(s))", row: .handled, at: rowOf(.handled),
                     cellIndex: a.rawValue, column: a.name, expected: s, found: h)
            }
            guard let n = record[.new, a], let co = record[.carriedOver, a], let cf = record[.carriedForward, a],
                  let h = handled ?? leafSum else { continue }
            let received = Int(n) + Int(co), settled = h + Int(cf)
            if received != settled {
                let subject: Outcome = handled == nil ? .carriedForward : .handled
                diag("\(a.name): new + carried_over (\(received)) ≠ handled + carried_forward (\(settled))", row: subject,
                     at: rowOf(subject), cellIndex: a.rawValue, column: a.name, expected: received, found: settled,
                     notes: handled == nil ? ["handled is missing; the sum of the outcome rows (\(h)) stands in for it"] : [])
            }
        }

        for row in table.rows {
            guard let total = totals[row.outcome.rawValue] else { continue }
            var sum: Int? = 0
            for a in applicants {
                guard let v = record[row.outcome, a] else { sum = nil; break }
                sum! += Int(v)
            }
            guard let sum else { continue }
            if sum != Int(total) {
                diag("\(row.outcome.name): total column (\(total)) ≠ sum of the six applicant columns (\(sum))",
                     row: row.outcome, at: row, cellIndex: ApplicantType.allCases.count, column: "total",
                     expected: sum, found: Int(total))
            }
        }
        return out
    }

    private static let applicants = ApplicantType.allCases
    /// The leaves `handled` sums, by template: 2019 has `other`, 2021 its three parts instead.
    private static let leaves2019 = Outcome.handlingLeaves.filter { !RowLabels.otherLeaves.contains($0) }
    private static let leaves2021 = Outcome.handlingLeaves.filter { $0 != .other }
}
