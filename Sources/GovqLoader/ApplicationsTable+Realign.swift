/// Cells away from their labels. Plain `pdftotext` (without `-layout`) prints some labels after
/// their values; PDF→Markdown converters put labels on lines of their own above unlabelled
/// `| 0 | 0 | … |` rows. Read in order, such a table gives a row no cells and the next one
/// twice its share, or values before the first label. The cells are then assigned by the
/// template's row order and each row's count of seven, but only when every row so filled adds up
/// (its 总计 is the sum of its six cells); otherwise the rows stay as read, and the table
/// readers report them.
import GovqCube

extension ApplicationsTable {
    mutating func realign() {
        let w = 7
        func addsUp(_ cells: ArraySlice<Cell>) -> Bool {
            guard cells.count == w else { return false }
            var values: [Int] = []
            for c in cells {
                switch c.kind {
                case .number(let n, _): values.append(n)
                case .blank: values.append(0)
                default: return false
                }
            }
            return values[0..<6].reduce(0, +) == values[6]
        }
        // Labels above their rows: rows with no cells, then one with k × 7.
        var i = 0
        while i < rows.count {
            guard rows[i].cells.isEmpty else { i += 1; continue }
            var j = i
            while j < rows.count, rows[j].cells.isEmpty { j += 1 }
            guard j < rows.count else { break }
            let k = j - i + 1, cells = rows[j].cells
            if cells.count == k * w, (0..<k).allSatisfy({ addsUp(cells[($0 * w)..<($0 * w + w)]) }) {
                for m in 0..<k {
                    rows[i + m].cells = Array(cells[(m * w)..<(m * w + w)])
                    realigned.append(rows[i + m].outcome)
                }
            }
            i = j + 1
        }
        // Labels after their values: seven cells before the first label, and each row holding
        // the next row's. Shifted only when every row then adds up and did not before.
        guard leading.count == w, !rows.isEmpty else { return }
        var shifted = rows
        var carry = leading
        for r in 0..<shifted.count {
            let mine = shifted[r].cells
            shifted[r].cells = carry
            carry = mine
        }
        let full = shifted.filter { !$0.cells.isEmpty }
        let before = rows.filter { addsUp($0.cells[...]) }.count
        if full.allSatisfy({ addsUp($0.cells[...]) }), full.count > before {
            rows = shifted
            realigned += rows.map(\.outcome)
            leading = []
        }
    }
}
