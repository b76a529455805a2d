/// Section 三, the applications table: a cell stream → one row of values per outcome.
/// A row is a label and the value cells after it, up to the next label. Seven cells are the six
/// applicant columns and the 总计 column; extra trailing blank cells are placeholders of merged
/// cells (rowspan) and are ignored. Nothing is invented: a row with no cells is missing.
import GovqCube
import GovqDiagnostics

/// One row as the text gives it.
struct TableRow: Sendable {
    var outcome: Outcome
    /// The label as written, normalised for display (`(七)总计`), as bytes: most labels are
    /// never shown, so no String is made for them.
    var labelBytes: [UInt8]
    var label: String { String(decoding: labelBytes, as: UTF8.self) }
    var line: Int
    /// The label's first word in the report's bytes, for diagnostics.
    var start: Int
    var end: Int
    var cells: [Cell] = []
    /// Matched by the closest whole label, not by a keyword (a typo): noted on the report.
    var closest = false
    /// A label of a row read before (a duplicated row, a second table): its cells are ignored.
    var repeats: Outcome?
}

/// What section 三 holds once read.
struct ApplicationsTable: Sendable {
    var rows: [TableRow] = []
    var template: Template = .t2019
    /// Cells per row: 7 (six applicants and 总计), or 6 when the table has no 总计 column.
    var width = 7
    var foundHeaderTotal = false
    /// Labels that match no row, with the cells after them: kept apart, never given to a neighbour.
    var unknownRows: [TableRow] = []
    /// Text between the cells of a row, read past: what it said, where, and in which row.
    var interruptions: [(String, Cell, Outcome)] = []
    /// Value cells before the first label.
    var leading: [Cell] = []
    /// Rows whose cells were assigned by the template's order and cell counts (`realign`).
    var realigned: [Outcome] = []
    /// The logical column (0–5 the applicants, 6 总计) of each printed cell of a row: the
    /// template's order unless the header names all seven columns in another (`总计` first).
    var columnOrder: [Int] = Array(0..<7)
    /// The values when the fast path read the table (`readFast`); nil when the careful reader did.
    var fast: FastValues?

    /// Whether the cells held the table rather than prose that happens to use a keyword (a
    /// pre-2019 report's `四、政府信息公开的收费及减免情况`).
    var isTable: Bool { rows.contains { $0.outcome == .new } || rows.count >= 5 }

    /// Reads a cell stream; `rows` is empty when no row label was found.
    static func read(_ cells: [Cell], in lines: TextLines) -> ApplicationsTable {
        var table = ApplicationsTable()
        var group: RowGroup?
        // Label-only texts since the last cell that opened nothing (at most two): a label split
        // over two or three rows (`| （三）不 |` / `| 予公开 |`) is read from them joined.
        var pending: [[UInt8]] = []
        // Whether the last of `pending` was added to the open row's label as its continuation.
        var continued = false
        var current: TableRow?
        var text: [UInt8] = []   // the label being read, reused from cell to cell
        var seen = OutcomeSet()
        // Text since the last row's cells that opened no row: a label with a typo, or a header
        // repeated at a page break, decided when cells follow it.
        var unmatched: [UInt8] = []
        var unmatchedCell: Cell?
        var unknown = false
        var header: [UInt8] = []   // the text before the first row: the header's column words

        func close() {
            guard let c = current else { return }
            if unknown { table.unknownRows.append(c) } else { table.rows.append(c) }
            current = nil
            unknown = false
        }

        func open(_ outcome: Outcome, label: [UInt8], at cell: Cell) {
            unmatched.removeAll()
            if current != nil {
                // `（六）其他处理` followed at once by `1.申请人…逾期不补正…` was a group header (2021).
                if !unknown, current!.outcome == .other, current!.cells.isEmpty, RowLabels.isOtherLeaf(outcome) {
                    seen.remove(.other)
                    current = nil
                } else {
                    close()
                }
            }
            // The 2021 rows are （六）'s, whether or not its header stood apart
            // (`（六）其他处理1.申请人…逾期不补正…` is one word in a space-separated row).
            if RowLabels.isOtherLeaf(outcome) { table.template = .t2021; group = .other }
            seen.insert(outcome)
            current = TableRow(outcome: outcome, labelBytes: label, line: cell.line,
                               start: cell.start, end: cell.end)
            // A row holds seven cells, or eight with the tab before them: grown once, not four times.
            current!.cells.reserveCapacity(8)
            if outcome == .other { group = .other }
            if outcome == .handled || outcome == .carriedForward || outcome == .new || outcome == .carriedOver { group = nil }
        }

        /// Cells after text that opened no row: the text is a label typed with a typo (the
        /// closest row), a header (ignored), or a label of no row (its cells kept apart).
        func resolveUnmatched() {
            defer { unmatched.removeAll(); unmatchedCell = nil }
            guard let at = unmatchedCell, LabelMatcher.withoutHeaderWords(unmatched).count >= 2 else { return }
            // A remark in brackets on a line of its own (`（含转办件）`) is no label.
            if unmatched.first == 0x28, unmatched.last == 0x29 || unmatched.suffix(3) == [0xEF, 0xBC, 0x89],
               RowLabels.leaf(in: unmatched, rowsBegun: true, group: group) == nil { return }
            let label = unmatched
            let closest = LabelMatcher.closestRow(to: label, unread: { !seen.contains($0) }, after: current?.outcome,
                                                  template2021: table.template == .t2021 || group == .other)
            if let o = RowLabels.leaf(in: label, rowsBegun: true, group: group), seen.contains(o) {
                // A row read before, printed again: the first reading is kept.
                close()
                unknown = true
                current = TableRow(outcome: .new, labelBytes: label, line: at.line, start: at.start, end: at.end)
                current!.repeats = o
            } else if let o = closest {
                open(o, label: label, at: at)
                current!.closest = true
            } else if !unknown, let c = current, c.cells.count < 6 {
                // Text in the middle of a row's cells is no label (a header or footer the page
                // break left): the row's cells go on after it.
                table.interruptions.append((String(decoding: label, as: UTF8.self), at, c.outcome))
            } else {
                close()
                unknown = true
                current = TableRow(outcome: .new, labelBytes: label, line: at.line, start: at.start, end: at.end)
            }
        }

        for cell in cells {
            guard case .text(let span) = cell.kind else {
                pending.removeAll()
                if !unmatched.isEmpty { resolveUnmatched() }
                if current == nil, !seen.isEmpty || table.leading.count > 0 || cell.kind != .blank {
                    // Values before the first label (labels printed after their values).
                    if table.rows.isEmpty, table.unknownRows.isEmpty { table.leading.append(cell) }
                }
                current?.cells.append(cell)
                continue
            }
            if span.joined {
                lines.bytes(of: span).withUnsafeBufferPointer { RowLabels.normalize($0, into: &text) }
            } else {
                RowLabels.normalize(UnsafeBufferPointer(rebasing: lines.bytes[span.start..<span.end]), into: &text)
            }
            // Prose is not a label: the longest template label has about 40 characters.
            if text.count(where: { $0 & 0xC0 != 0x80 }) > 80 { pending.removeAll(); continue }
            if current == nil, RowLabels.isTotal(text) { table.foundHeaderTotal = true }
            if seen.isEmpty, current == nil, header.count < 2000 { header += text }
            var found = RowLabels.group(in: text)
            if found == nil, let (g, rest, joined) = splitGroup(pending, text) {
                // The group's label split over rows: what its first part added to the open
                // row's label is taken back.
                if continued, let last = pending.last, current != nil {
                    let tail = String(decoding: last, as: UTF8.self)
                    var label = current!.label
                    if label.hasSuffix(tail) { label.removeLast(tail.count); current!.labelBytes = Array(label.utf8) }
                }
                text = joined
                found = (g, rest)
            }
            if let (g, rest) = found {
                close()
                unmatched.removeAll()
                group = g
                pending.removeAll()
                text.removeFirst(rest)
                if text.isEmpty { continue }
            }
            let begun = !seen.isEmpty
            continued = false
            if let o = RowLabels.leaf(in: text, rowsBegun: begun, group: group), !seen.contains(o) {
                open(o, label: text, at: cell)
                pending.removeAll()
            } else if let (o, joined) = splitLeaf(pending, text, begun: begun, group: group, unread: { !seen.contains($0) }) {
                open(o, label: joined, at: cell)
                pending.removeAll()
            } else if current != nil, current!.cells.isEmpty, !unknown,
                      LabelMatcher.closestRow(to: text, unread: { !seen.contains($0) }, after: current?.outcome,
                                              template2021: table.template == .t2021 || group == .other) == nil
                        || LabelMatcher.scalars(text).count < 4
                        || LabelMatcher.continues(Array(current!.label.utf8), with: text, row: current!.outcome) {
                // A label's continuation (`5.要求行政机关确认或重新出具` / `已获取信息`), unless it
                // is a whole label of its own, typed with a typo, after a row that lost its cells.
                current!.labelBytes = Array((current!.label + String(decoding: text, as: UTF8.self)).utf8)
                pending.append(text)
                if pending.count > 2 { pending.removeFirst() }
                continued = true
            } else {
                pending.append(text)
                if pending.count > 2 { pending.removeFirst() }
                // After a group header no row is open, but the rows have begun: the text may be
                // the group's first label, typed with a typo.
                if current != nil || !seen.isEmpty, unmatched.count < 600 {
                    if unmatched.isEmpty { unmatchedCell = cell }
                    unmatched += text
                }
            }
        }
        close()
        table.columnOrder = columnOrder(header)
        table.realign()
        if !table.foundHeaderTotal {
            // No 总计 header: a table without the total column has six cells a row.
            let six = table.rows.filter { $0.cells.count == 6 }.count
            let seven = table.rows.filter { $0.cells.count == 7 }.count
            if six > seven { table.width = 6 }
        }
        return table
    }

    /// Each printed column's logical column, from the header's words, when all seven are
    /// there; else the template's order. A header is often two rows (`自然人 法人或其他组织 总计`
    /// over the five organisations), so its text order is no column order: 总计 is first only
    /// when printed before 自然人, 自然人 comes before the organisations, and they follow in the
    /// order their own row prints them.
    static func columnOrder(_ header: [UInt8]) -> [Int] {
        guard header.count >= 30 else { return Array(0..<7) }
        // As bytes, no String: each group word taken out, again and again, as `replacingAll` does.
        var s = header
        for w in groupWords { while let r = s.offset(of: w) { s.removeSubrange(r..<(r + w.count)) } }
        var at: [Int] = []
        for words in columnWords {
            guard let r = words.lazy.compactMap({ s.offset(of: $0) }).first else { return Array(0..<7) }
            at.append(r)
        }
        let organisations = (1...5).sorted { at[$0] < at[$1] }
        let applicants = [0] + organisations
        return at[6] < at[0] ? [6] + applicants : applicants + [6]
    }
    private static let columnWords = [["自然人"], ["商业企业"], ["科研机构"], ["社会公益组织"], ["法律服务机构"], ["其他"], ["总计", "合计"]]
        .map { $0.map { Array($0.utf8) } }
    private static let groupWords = ["法人或其他组织", "其他组织", "申请人情况"].map { Array($0.utf8) }

    /// A group header split over label-only rows (`（三）不` / `予公开`): the group found in the
    /// last one or two pending texts joined with `text`, where the key reaches into `text` (a key
    /// wholly inside the pending texts would have been found there). Returns the group, where its
    /// rest starts in the joined text, and the joined text.
    private static func splitGroup(_ pending: [[UInt8]], _ text: [UInt8]) -> (RowGroup, Int, [UInt8])? {
        // The key starts in the pending texts and ends in `text` (one wholly in `text` would
        // have been found there), so `text` starts with one of a key's later characters: most
        // texts do not, and are answered without joining anything.
        guard !pending.isEmpty, text.count >= 3,
              RowLabels.groupTails.contains(UInt32(text[0]) << 16 | UInt32(text[1]) << 8 | UInt32(text[2])) else { return nil }
        for k in 1...2 where pending.count >= k {
            let head = pending.suffix(k).reduce([], +)
            let joined = head + text
            if let (g, rest) = RowLabels.group(in: joined), rest > head.count { return (g, rest, joined) }
        }
        return nil
    }

    /// A leaf's label split over label-only rows (`2.其他法律行政法` / `规禁止公开`, `5.要求行政机关确` /
    /// `认或重新出具已获` / `取信息`): the row the last one or two pending texts joined with `text`
    /// name, where neither `text` alone nor the pending texts did.
    private static func splitLeaf(_ pending: [[UInt8]], _ text: [UInt8], begun: Bool, group: RowGroup?,
                                  unread: (Outcome) -> Bool) -> (Outcome, [UInt8])? {
        for k in 1...2 where pending.count >= k {
            let joined = pending.suffix(k).reduce([], +) + text
            if let o = RowLabels.leaf(in: joined, rowsBegun: begun, group: group), unread(o) { return (o, joined) }
        }
        return nil
    }

    /// Fills the record's applications and the total column, and reports rows that are not
    /// whole. `lines` gives the source line for each diagnostic.
    func fill(_ record: inout ReportRecord, totals: inout [Int32?], source: String, lines: TextLines,
              diagnostics: inout [Diagnostic], sources: inout [CellSource]?) {
        if let fast, sources == nil {
            fillFast(fast, &record, totals: &totals, source: source, lines: lines, diagnostics: &diagnostics)
            return
        }
        for row in unknownRows {
            let n = row.cells.filter { $0.kind != .blank }.count
            if let o = row.repeats, let first = rows.first(where: { $0.outcome == o }) {
                let shown = row.cells.map { lines.printed($0) }.joined(separator: " ")
                diagnostics.append(Diagnostic(.error, "\(first.label) is printed again on line \(lines.originalLine(row.line) + 1); its cells '\(shown)' are ignored",
                                              source: source, location: lines.location(line: first.line, start: first.start, end: first.end),
                                              sourceLine: lines.sourceLine(first.line), help: "the first reading is kept", row: o.name))
                continue
            }
            diagnostics.append(Diagnostic(.warning, "'\(row.label)' matches no row of the applications table; its \(row.cells.count) cells are ignored",
                                          source: source, location: lines.location(line: row.line, start: row.start, end: row.end),
                                          sourceLine: lines.sourceLine(row.line),
                                          help: "a row is found by its label; a label close to none never takes another row's cells",
                                          found: Int64(n)))
        }
        for (text, cell, o) in interruptions {
            diagnostics.append(Diagnostic(.note, "'\(text)' between the cells of \(o.name) is no label; the row's cells go on after it",
                                          source: source, location: lines.location(of: cell), sourceLine: lines.sourceLine(cell.line), row: o.name))
        }
        if columnOrder != Array(0..<7) {
            let names = ApplicantType.allCases.map(\.label) + ["总计"]
            diagnostics.append(Diagnostic(.note, "the header prints the columns in the order \(columnOrder.map { names[$0] }.joined(separator: " ")); each cell is read as its column's header says",
                                          source: source))
        }
        if !realigned.isEmpty {
            diagnostics.append(Diagnostic(.note, "cells away from their labels assigned by the template's row order, where every row then adds up: \(realigned.map(\.name).joined(separator: ", "))",
                                          source: source))
        }
        for row in rows where row.closest {
            diagnostics.append(Diagnostic(.note, "'\(row.label)' read as \(row.outcome.name) (\(row.outcome.label)), the closest label of the template",
                                          source: source, location: lines.location(line: row.line, start: row.start, end: row.end),
                                          sourceLine: lines.sourceLine(row.line), row: row.outcome.name))
        }
        // NA markers: one note for the table counts them (each cell's provenance notes it).
        var markerCount = 0
        var firstMarker: Cell?
        for row in rows {
            let w = width
            var cells = row.cells
            // Where the row's diagnostics point: worked out only for a row that has one.
            var loc: SourceLocation { lines.location(line: row.line, start: row.start, end: row.end) }
            func diag(_ sev: Severity, _ msg: String, expected: Int? = nil, found: Int? = nil, help: String? = nil) {
                diagnostics.append(Diagnostic(sev, msg, source: source, location: loc, sourceLine: lines.sourceLine(row.line), help: help,
                                              row: row.outcome.name, expected: expected.map(Int64.init), found: found.map(Int64.init)))
            }
            if cells.isEmpty {
                diag(.error, "\(row.label) has no cells", expected: w, found: 0,
                     help: "the text lost this row's numbers; they are missing (NULL), not 0")
                continue
            }
            // `label` / `\t5\t1\t0\t0\t0\t0\t6`: the tab before the values was indentation.
            if cells.count == w + 1, cells[0].leadingTab { cells.removeFirst() }
            // `一、本年新收…\t\t10\t2…`: a label spanning two columns of an HTML or Word table
            // leaves an empty field after it, before the row's seven cells.
            if cells.count == w + 1, isBlank(cells[0]), cells[0].mark == .none, cells[0].line == row.line, !isBlank(cells[w]) {
                cells.removeFirst()
            }
            if cells.count > w {
                let extra = cells[w...]
                if extra.contains(where: { !isBlank($0) }) {
                    let shown = extra.compactMap { (c: Cell) -> String? in
                        switch c.kind {
                        case .number(let n, _): String(n)
                        case .unreadable(let t, _): lines.text(of: t)
                        default: nil
                        }
                    }
                    diag(.error, "\(row.label) has \(cells.count) cells, expected \(w); extra cells '\(shown.joined(separator: " "))' ignored",
                         expected: w, found: cells.count)
                }
                cells = Array(cells[..<w])
            } else if cells.count < w {
                if cells.allSatisfy(isBlank) {
                    diag(.warning, "\(row.label) has only \(cells.count) of \(w) cells, all blank: read as 0", expected: w, found: cells.count)
                    cells += Array(repeating: lines.blankCell(line: row.line), count: w - cells.count)
                } else {
                    diag(.error, "\(row.label) has only \(cells.count) of \(w) cells; the rest are missing", expected: w, found: cells.count)
                }
            }
            for (k, cell) in cells.enumerated() {
                let i = w == 7 ? columnOrder[k] : k
                let v: Int32
                var col: String { i < Self.applicants.count ? Self.applicants[i].name : "total" }
                var at: SourceLocation { lines.location(of: cell) }
                if sources != nil { sources!.append(provenance(of: cell, row: row, column: i, lines: lines)) }
                switch cell.kind {
                case .number(let n, let note):
                    // The scanner only reads numbers that fit (anything larger is unreadable).
                    guard let fits = Int32(exactly: n) else { continue }
                    v = fits
                    if cell.mark == .blankInside {
                        diagnostics.append(Diagnostic(.warning, "\(row.outcome.name), \(col): '\(lines.printed(cell))' has a blank inside; read as \(n)",
                                                      source: source, location: at, sourceLine: lines.sourceLine(cell.line),
                                                      row: row.outcome.name, column: col, found: Int64(n)))
                    }
                    if note != nil, case .number(_, let note?) = lines.value(of: cell) {
                        diagnostics.append(Diagnostic(.note, "\(row.outcome.name), \(col): \(n) has a note '\(note)'", source: source,
                                                      location: at, sourceLine: lines.sourceLine(cell.line), row: row.outcome.name,
                                                      column: col, found: Int64(n)))
                    }
                case .blank:
                    v = 0
                    if cell.mark == .naMarker {
                        // Counted in a bulk load, which builds no text per marker; noted on each
                        // cell when provenance is asked (`check --format json`, `why`).
                        markerCount += 1
                        if firstMarker == nil { firstMarker = cell }
                        if sources != nil {
                            diagnostics.append(NAMarkers.note(cell, table: .applications, row: row.outcome.name, column: col,
                                                              source: source, lines: lines))
                        }
                    }
                case .unreadable(let span, let reason):
                    diagnostics.append(Diagnostic(.error, "\(row.outcome.name), \(col): '\(lines.text(of: span))' \(reason.reason)", source: source,
                                                  location: at, sourceLine: lines.sourceLine(cell.line),
                                                  help: "this cell is missing (NULL); the row's other cells are read as printed",
                                                  row: row.outcome.name, column: col))
                    continue
                case .text: continue
                }
                if i < Self.applicants.count { record[row.outcome, Self.applicants[i]] = v } else { totals[row.outcome.rawValue] = v }
            }
        }
        if let first = firstMarker, sources == nil {
            diagnostics.append(Self.markerCountNote(markerCount, first: first, source: source, lines: lines))
        }
        if template == .t2021 {
            // `other` is the sum of its three leaves; a （六）其他处理 row printed with numbers of
            // its own (a subtotal) must agree with them, and is not counted twice.
            if let sub = rows.first(where: { $0.outcome == .other }), !sub.cells.isEmpty {
                for a in ApplicantType.allCases {
                    let parts = RowLabels.otherLeaves.map { record[$0, a] }
                    guard let printed = record[.other, a], parts.allSatisfy({ $0 != nil }) else { continue }
                    let sum = parts.reduce(0) { $0 + Int($1!) }
                    if sum != Int(printed) {
                        let cell = a.rawValue < sub.cells.count ? sub.cells[a.rawValue] : nil
                        diagnostics.append(Diagnostic(.error, "\(a.name): other (\(printed)) ≠ sum of its three rows (\(sum))", source: source,
                                                      location: cell.map { lines.location(of: $0) }, sourceLine: lines.sourceLine(cell?.line ?? sub.line),
                                                      row: "other", column: a.name, expected: Int64(sum), found: Int64(printed)))
                    }
                }
            }
            for a in ApplicantType.allCases { record[.other, a] = nil }
            totals[Outcome.other.rawValue] = nil
        }
        // The outcomes present, gathered once: a search of the rows for each outcome copied every
        // row (its cells, its label) about 350 times a report.
        var present = OutcomeSet()
        for i in rows.indices { present.insert(rows[i].outcome) }
        for o in Outcome.allCases where !present.contains(o) {
            if o == .other && template == .t2021 { continue }
            if RowLabels.isOtherLeaf(o) && template == .t2019 { continue }
            diagnostics.append(Diagnostic(.error, "no row for '\(o.name)' (\(o.label)) in the applications table", source: source,
                                          row: o.name))
        }
    }

    private func isBlank(_ c: Cell) -> Bool { c.kind == .blank }

    /// A cell's provenance; `column` 6 is the 总计 column.
    private func provenance(of cell: Cell, row: TableRow, column: Int, lines: TextLines) -> CellSource {
        lines.source(of: cell, table: .applications, row: row.outcome.rawValue,
                     column: column < Self.applicants.count ? column : nil, rowLabel: row.label)
    }
    private static let applicants = ApplicantType.allCases
}

/// A set of outcomes as a bitmask: the table reader asks it at every label.
struct OutcomeSet {
    private var bits: UInt64 = 0
    var isEmpty: Bool { bits == 0 }
    func contains(_ o: Outcome) -> Bool { bits & (1 << UInt64(o.rawValue)) != 0 }
    mutating func insert(_ o: Outcome) { bits |= 1 << UInt64(o.rawValue) }
    mutating func remove(_ o: Outcome) { bits &= ~(1 << UInt64(o.rawValue)) }
}
