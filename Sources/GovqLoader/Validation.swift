/// The report's own accounting identities (本列数据的勾稽关系), checked per applicant column:
/// new + carried_over = handled + carried_forward, and handled = the sum of the outcome leaves;
/// and per row: the 总计 column = the sum of the six applicant columns. Every failure names the
/// file, line, row, column, and the expected and found values.
import GovqCube
import GovqDiagnostics

enum Validation {
    static func check(_ record: ReportRecord, totals: [Int32?], table: ApplicationsTable, source: String,
                      lines: TextLines) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let rowOf = Dictionary(table.rows.map { ($0.outcome, $0) }, uniquingKeysWith: { a, _ in a })
        let leaves = Outcome.handlingLeaves.filter {
            table.template == .t2021 ? $0 != .other : !RowLabels.otherLeaves.contains($0)
        }

        func diag(_ message: String, row: Outcome, at outcomeRow: TableRow?, cellIndex: Int, column: String,
                  expected: Int, found: Int, notes: [String] = []) {
            var loc: SourceLocation?, text: String?
            if let r = outcomeRow {
                text = lines.sourceLine(r.line)
                loc = SourceLocation(line: r.line + 1, column: r.column, length: r.length)
                if cellIndex < r.cells.count {
                    let c = r.cells[cellIndex]
                    loc = SourceLocation(line: c.line + 1, column: c.column, length: c.length)
                    text = lines.sourceLine(c.line)
                }
            }
            out.append(Diagnostic(.error, message, source: source, location: loc, sourceLine: text, notes: notes,
                                  row: row.name, column: column, expected: Int64(expected), found: Int64(found)))
        }

        for a in ApplicantType.allCases {
            let values = leaves.map { record[$0, a] }
            let leafSum: Int? = values.contains(where: { $0 == nil }) ? nil : values.reduce(0) { $0 + Int($1!) }
            let handled = record[.handled, a].map(Int.init)
            if let h = handled, let s = leafSum, h != s {
                diag("\(a.name): handled (\(h)) ≠ sum of outcomes (\(s))", row: .handled, at: rowOf[.handled],
                     cellIndex: a.rawValue, column: a.name, expected: s, found: h)
            }
            guard let n = record[.new, a], let co = record[.carriedOver, a], let cf = record[.carriedForward, a],
                  let h = handled ?? leafSum else { continue }
            let received = Int(n) + Int(co), settled = h + Int(cf)
            if received != settled {
                let subject: Outcome = handled == nil ? .carriedForward : .handled
                diag("\(a.name): new + carried_over (\(received)) ≠ handled + carried_forward (\(settled))", row: subject,
                     at: rowOf[subject], cellIndex: a.rawValue, column: a.name, expected: received, found: settled,
                     notes: handled == nil ? ["handled is missing; the sum of the outcome rows (\(h)) stands in for it"] : [])
            }
        }

        for row in table.rows {
            guard let total = totals[row.outcome.rawValue] else { continue }
            let parts = ApplicantType.allCases.map { record[row.outcome, $0] }
            guard !parts.contains(where: { $0 == nil }) else { continue }
            let sum = parts.reduce(0) { $0 + Int($1!) }
            if sum != Int(total) {
                diag("\(row.outcome.name): total column (\(total)) ≠ sum of the six applicant columns (\(sum))",
                     row: row.outcome, at: row, cellIndex: ApplicantType.allCases.count, column: "total",
                     expected: sum, found: Int(total))
            }
        }
        return out
    }
}
