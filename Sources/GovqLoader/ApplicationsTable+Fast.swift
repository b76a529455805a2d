/// The fast path for section 三 (issue 14 item 3): the clean, common table read in one pass over
/// its bytes, with no cell stream, no String and no label normalised. It takes only what it fully
/// understands: rows in the template's order, each label exactly one of the template's printed
/// forms (`FastLabels`), a header of the template's words, and cells that are plain ASCII counts,
/// NA markers or blanks, split by tabs, spaces, U+3000 or no-break spaces as `CellScanner` splits
/// them; counts the plain test does not take (full-width digits, `12件`, `1,234`, a note
/// `12（含转办件）` or `12 （含转办件）`) are classified by the careful reader's own `classifyCell`;
/// page furniture lines are skipped as the scanner skips them; a group label run into its first
/// row's (`（三）不予公开1.属于国家秘密`) is taken as both; header words split one character
/// a line in a tab-indented table are joined as the scanner joins them (load5). At the first
/// thing it does not understand (an unknown word, another kind of blank, a no-break space inside
/// a number, a row with too few cells, an identity that fails) it gives up and the careful
/// reader (`read`) reads the table. What it gives is what the careful reader gives for the same text: the same values,
/// totals and diagnostics (a differential test checks it on every layout the corpus writes).
import GovqCube
import GovqDiagnostics
import Synchronization

/// How many applications tables the fast path was tried on and how many it read: `govq-bench
/// load` prints the share.
public enum TableFastPath {
    static let tried = Atomic<Int>(0)
    static let taken = Atomic<Int>(0)
    public static var counts: (tried: Int, taken: Int) { (tried.load(ordering: .relaxed), taken.load(ordering: .relaxed)) }
}

/// What the fast path read: section 三's seven values a row (six applicants, then 总计) by
/// outcome, or section 四's fifteen.
struct FastValues: Sendable {
    var values: [Int32]
    init(count: Int) { values = [Int32](repeating: 0, count: count) }
    var markers = 0
    /// The first NA marker's cell, for the table's one note on them.
    var firstMarker: Cell?
    /// Section 三's counts printed with a note, in the order `fill` reports them (row, then column).
    var notes: [(outcome: Outcome, column: Int, cell: FastCell)] = []

    /// Row `outcome`'s seven values from `cells[from...]` into its slots, with their NA markers
    /// and notes. Both fast
    /// readers close a row with it.
    mutating func store(_ outcome: Outcome, _ cells: [FastCell], from: Int) {
        let base = outcome.rawValue * 7
        precondition(from >= 0 && from + 7 <= cells.count && base + 7 <= values.count)
        // The seven values through the two arrays' storage (checked once above, not a cell at a
        // time); the few rows with a note or a marker then go through the cells again.
        var flagged = false
        cells.withUnsafeBufferPointer { c in
            values.withUnsafeMutableBufferPointer { v in
                for k in 0..<7 {
                    let cell = c[from + k]
                    v[base + k] = cell.value
                    if cell.noteStart >= 0 || cell.kind == .marker { flagged = true }
                }
            }
        }
        guard flagged else { return }
        for k in 0..<7 {
            let c = cells[from + k]
            if c.noteStart >= 0 { notes.append((outcome, k, c)) }
            if c.kind == .marker {
                markers += 1
                if firstMarker == nil { firstMarker = c.markerCell }
            }
        }
    }
}

/// One cell as the fast path keeps it.
struct FastCell {
    /// Where a row's seven values start among its cells, as `fill` reads them (the first cell
    /// dropped where it is indentation or the empty field after a label spanning two columns);
    /// nil when fewer than seven are left or a number follows them. Both fast readers use it.
    static func valuesStart(_ cells: [FastCell], labelLine: Int) -> Int? {
        var from = 0
        if cells.count == 8, cells[0].leadingTab { from = 1 }
        else if cells.count == 8, cells[0].kind == .blank, cells[0].line == labelLine, cells[7].kind == .number { from = 1 }
        guard cells.count - from >= 7 else { return nil }
        for k in (from + 7)..<cells.count where cells[k].kind == .number { return nil }
        return from
    }

    enum Kind: UInt8 { case blank, marker, number }
    var kind: Kind
    var value: Int32 = 0
    var line: Int
    var start: Int
    var end: Int
    var leadingTab = false
    /// The bracketed note after the count (`12（含转办件）`, `12 （含转办件）`), as the careful
    /// reader spans it; `noteStart < 0` when there is none.
    var noteStart = -1
    var noteEnd = 0

    /// The count as the careful reader's cell (for the note's diagnostic).
    var numberCell: Cell {
        Cell(kind: .number(Int(value), note: noteStart < 0 ? nil : TextSpan(start: noteStart, end: noteEnd)), line: line, start: start, end: end)
    }

    /// The NA marker as the careful reader's cell (for the note that points at it).
    var markerCell: Cell {
        var m = Cell(kind: .blank, line: line, start: start, end: end)
        m.mark = .naMarker
        return m
    }
}

extension ApplicationsTable {
    /// Section 三 of `lines[range]` read by the fast path, or nil where it gives up.
    static func readFast(_ lines: TextLines, _ range: Range<Int>) -> ApplicationsTable? {
        TableFastPath.tried.add(1, ordering: .relaxed)
        guard lines.lineMap.isEmpty, lines.bytes.baseAddress != nil else { return nil }
        // The one pass (table7) alone: the second tier (`FastReader`) read no table it refused
        // (`OnePassReaderTests` holds the two to the same tables both ways), so running it
        // after a refusal only delayed the careful reader (a tenth of a refused report's load).
        var one = OnePassReader(lines)
        guard let table = one.read(range) else { return nil }
        TableFastPath.taken.add(1, ordering: .relaxed)
        return table
    }

    /// The table's one note on its NA markers (a bulk load builds no text per marker).
    static func markerCountNote(_ count: Int, first: Cell, source: String, lines: TextLines) -> Diagnostic {
        Diagnostic(.note, "\(count) NA marker\(count == 1 ? "" : "s") read as 0 in the applications table",
                   source: source, location: lines.location(of: first), sourceLine: lines.sourceLine(first.line),
                   help: "each is 0, in its column; the cells' provenance ('govq why') shows which")
    }

    /// `fill` for a table the fast path read: what `fill` does for the same rows when none of
    /// them has anything to report.
    func fillFast(_ fast: FastValues, _ record: inout ReportRecord, totals: inout [Int32?], source: String,
                  lines: TextLines, diagnostics: inout [Diagnostic]) {
        // Straight into the record's storage (`applications[outcome * 6 + applicant]`): no
        // `allCases` array a row, no uniqueness check a cell.
        let applicants = ApplicantType.allCases.count
        record.applications.withUnsafeMutableBufferPointer { out in
            fast.values.withUnsafeBufferPointer { v in
                for row in rows {
                    let o = row.outcome.rawValue
                    for a in 0..<applicants { out[o * applicants + a] = v[o * 7 + a] }
                    totals[o] = v[o * 7 + 6]
                }
            }
        }
        // As `fill` words them, row by row: the counts printed with a note, then the markers.
        for (outcome, column, c) in fast.notes {
            let cell = c.numberCell
            guard case .number(let n, let note?) = lines.value(of: cell) else { continue }
            let col = column < 6 ? ApplicantType.allCases[column].name : "total"
            diagnostics.append(Diagnostic(.note, "\(outcome.name), \(col): \(n) has a note '\(note)'", source: source,
                                          location: lines.location(of: cell), sourceLine: lines.sourceLine(cell.line), row: outcome.name,
                                          column: col, found: Int64(n)))
        }
        if let first = fast.firstMarker {
            diagnostics.append(Self.markerCountNote(fast.markers, first: first, source: source, lines: lines))
        }
    }
}

/// The fast path's reference reading (the second tier until the loader stopped running it):
/// each line split as `CellScanner.cells` splits it, for the shapes it covers, each cell to the
/// open row as `ApplicationsTable.read` gives it, in Swift slices rather than one byte pass.
/// `OnePassReaderTests` holds `OnePassReader` to it, both ways, and it to the careful reader.
struct FastReader {
    let lines: TextLines
    let bytes: UnsafeBufferPointer<UInt8>
    /// Section 四 (the review words and fifteen cells) rather than section 三.
    let reviews: Bool
    var table = ApplicationsTable()
    var fast: FastValues
    var slots = FastLabels.t2019
    var slot = 0
    /// A group header was read: the next cell must be its first row's label.
    var expectLabel = false
    var open: TableRow?
    var cells: [FastCell] = []
    var header: [UInt8] = []
    /// One line's pieces between tabs, reused from line to line.
    var pieces: [Bytes] = []
    var tabStyle = false
    /// The kind and line of the last cell: text, or a value.
    var lastWasText = false
    var lastLine = -1
    /// Section 四: the results its header names, in order, as `ReviewsTable.resultOrder` reads
    /// them (up to the first value cell after the first result word).
    var results: [ReviewResult] = []
    var resultsEnded = false
    /// The last text cell's normalised words, while a tab-indented table may continue it on the
    /// next line (`\t结` / `果` / `维` / `持`), and the results before it, to name them again.
    var joined: [UInt8] = []
    var resultsBeforeJoined = 0
    var joinedCounts = false

    init(_ lines: TextLines, reviews: Bool = false) {
        self.lines = lines
        self.reviews = reviews
        bytes = lines.bytes
        fast = FastValues(count: reviews ? ReviewsTable.count : Outcome.allCases.count * 7)
        cells.reserveCapacity(16)
        // Section 三's rows, 2021's template having the most: grown once, not row by row.
        if !reviews { table.rows.reserveCapacity(FastLabels.t2021.count) }
    }

    mutating func read(_ range: Range<Int>) -> ApplicationsTable? {
        guard scan(range) else { return nil }
        guard closeRow(), slot == slots.count, !expectLabel else { return nil }
        // The header names the columns in the template's order (else `columnOrder` reorders them).
        guard header.count < 2000, FastLabels.headerInTemplateOrder(header) else { return nil }
        guard identitiesHold() else { return nil }
        table.fast = fast
        return table
    }

    /// Section 四: exactly fifteen cells after the last header word, no number before it, the
    /// results in the template's order, each total the sum of its four.
    mutating func readReviews(_ range: Range<Int>) -> FastValues? {
        guard scan(range), cells.count == ReviewsTable.count else { return nil }
        if results.count == 5, results != ReviewResult.allCases { return nil }
        for (k, c) in cells.enumerated() {
            fast.values[k] = c.value
            if c.kind == .marker {
                fast.markers += 1
                if fast.firstMarker == nil { fast.firstMarker = c.markerCell }
            }
        }
        for p in 0..<3 where (0..<4).reduce(0, { $0 + Int(fast.values[p * 5 + $1]) }) != Int(fast.values[p * 5 + 4]) { return nil }
        return fast
    }

    /// Splits every line of `range` into cells, as `CellScanner.cells` does, and gives each to
    /// `value` or `text`; false where the fast path gives up.
    mutating func scan(_ range: Range<Int>) -> Bool {
        guard let style = Self.prescan(lines, range), let base = bytes.baseAddress else { return false }
        tabStyle = style
        var afterSeparator = true
        for i in range {
            if lines.carriesNothing(i) { continue }
            let r = lines.ranges[i]
            var f = r.lowerBound
            while f < r.upperBound, base[f] == CellScanner.space { f += 1 }
            let body = bytes[f..<r.upperBound]
            if body.isEmpty { afterSeparator = true; continue }
            if Self.isBlank(body) {
                // Only blanks: one empty cell, or one a separator between tabs, or a separator.
                let tabs = FastBytes.count(CellScanner.tab, base, f, r.upperBound)
                let n = !tabStyle && tabs >= 2 ? tabs + 1 : tabs > 0 || body.contains(where: { $0 != CellScanner.space }) ? 1 : 0
                if n == 0 { afterSeparator = true; continue }
                for _ in 0..<n { guard value(FastCell(kind: .blank, line: i, start: body.startIndex, end: body.startIndex)) else { return false } }
                afterSeparator = false
                continue
            }
            let isIndented = body.first == CellScanner.tab
            // A line that may continue the text above it: the careful reader joins them. Only a
            // header word split one character a line is read so here.
            if tabStyle, !isIndented, !afterSeparator, lastWasText, lastLine < i {
                guard continueText(CellScanner.trim(body), line: i) else { return false }
                continue
            }
            afterSeparator = false
            guard split(isIndented && tabStyle ? body.dropFirst() : body, line: i) else { return false }
        }
        return true
    }


    /// Whether `s` holds only spaces, tabs, U+3000 and U+00A0 (the other blanks were refused).
    private static func isBlank(_ s: Bytes) -> Bool {
        guard let p = s.base.baseAddress else { return true }
        var k = s.startIndex
        let end = s.endIndex
        while k < end {
            let w = FastBytes.blankWidth(p, k, end)
            if w == 0 { return false }
            k += w
        }
        return true
    }

    /// `CellScanner.split` for one line's content: tabs separate pieces, spaces words.
    private mutating func split(_ content: Bytes, line: Int) -> Bool {
        var tabs = 0, commas = 0
        for b in content { if b == CellScanner.tab { tabs += 1 } else if b == 0x2C { commas += 1 } }
        if commas >= 4 { return false }
        if tabs == 0 { return words(content, line: line, piece: content, leadingTab: false) }
        pieces.removeAll(keepingCapacity: true)
        var start = content.startIndex
        for k in content.startIndex..<content.endIndex where content[k] == CellScanner.tab { pieces.append(content[start..<k]); start = k + 1 }
        pieces.append(content[start..<content.endIndex])
        if pieces.count == 2, Self.isBlank(pieces[0]) != Self.isBlank(pieces[1]) { pieces.removeAll { Self.isBlank($0) } }
        var first = 0
        if let f = pieces.firstIndex(where: { !Self.isBlank($0) }), f > 0 {
            let t = CellScanner.trim(pieces[f])
            var end = t.startIndex
            while end < t.endIndex, CellScanner.whitespaceWidth(t, end) == 0 { end += 1 }
            if CellScanner.classify(t[..<end]).isTextKind { first = f }
        }
        let startsWithTab = content.first == CellScanner.tab
        for p in first..<pieces.count {
            let piece = pieces[p]
            guard words(piece, line: line, piece: piece, leadingTab: p == first && startsWithTab && piece.isEmpty) else { return false }
        }
        return true
    }

    /// The words of one piece (a blank piece is one empty cell), each taken as a cell.
    private mutating func words(_ s: Bytes, line: Int, piece: Bytes, leadingTab: Bool) -> Bool {
        if Self.isBlank(s) {
            return value(FastCell(kind: .blank, line: line, start: piece.startIndex, end: piece.startIndex, leadingTab: leadingTab))
        }
        // Words between blanks, as `CellScanner.words` splits them where it joins nothing.
        let p = s.base.baseAddress!
        var k = s.startIndex
        let end = s.endIndex
        while k < end {
            while k < end { let w = FastBytes.blankWidth(p, k, end); if w == 0 { break }; k += w }
            guard k < end else { break }
            var e = k
            while e < end {
                let w = FastBytes.blankWidth(p, e, end)
                if w == 0 { e += 1; continue }
                // One no-break space between two words (`3\u{A0}04`): the careful reader may
                // read them as one number with a blank inside.
                if w == 2, e + 2 < end, FastBytes.blankWidth(p, e + 2, end) == 0 { return false }
                break
            }
            // A space before `0` and another digit: the careful reader may join two numbers.
            if e - k >= 2, p[k] == 0x30, p[k + 1] >= 0x30, p[k + 1] <= 0x39 { return false }
            guard word(s[k..<e], line: line) else { return false }
            k = e
        }
        return true
    }

    /// One word: a count, an NA marker, or a label or header word of the template.
    private mutating func word(_ w: Bytes, line: Int) -> Bool {
        if w.count <= 9, let n = FastBytes.count(w) {
            return value(FastCell(kind: .number, value: n, line: line, start: w.startIndex, end: w.endIndex))
        }
        if CellScanner.isNAMarker(w) { return value(FastCell(kind: .marker, line: line, start: w.startIndex, end: w.endIndex)) }
        // Digits the plain test leaves (full-width, `12件`, `1,234`, `12（含转办件）`): what the
        // careful reader's classifier makes of the word; a numbered label goes on to `text`.
        if Self.startsWithDigit(w) {
            // The row's label as the template prints it (`1.属于国家秘密`), which the careful
            // classifier reads as text (checked once for every form, `FastLabels.Slot`).
            if slot < slots.count, slots[slot].digitLedFormsAreText, slots[slot].matches(w) { return text(w, line: line) }
            switch CellScanner.classifyCell(w) {
            case (.number(let n, let note), .none):
                guard let v = Int32(exactly: n) else { return false }
                var c = FastCell(kind: .number, value: v, line: line, start: w.startIndex, end: w.endIndex)
                if let note { c.noteStart = note.start; c.noteEnd = note.end }
                return value(c)
            case (.text, _): break
            default: return false
            }
        }
        // Anything else is a label or header word of the template, or the fast path gives up.
        return text(w, line: line)
    }

    /// An ASCII digit, or a full-width one (EF BC 90–99), first.
    @inline(__always) private static func startsWithDigit(_ w: Bytes) -> Bool {
        guard let f = w.first else { return false }
        if f >= 0x30, f <= 0x39 { return true }
        let i = w.startIndex
        return f == 0xEF && w.count >= 3 && w[i + 1] == 0xBC && w[i + 2] >= 0x90 && w[i + 2] <= 0x99
    }

    /// A value cell: the open row's.
    private mutating func value(_ c: FastCell) -> Bool {
        lastWasText = false
        lastLine = c.line
        if reviews {
            // The data: the value cells after the last header word (at most fifteen).
            if !results.isEmpty { resultsEnded = true }
            if cells.count >= ReviewsTable.count { return false }
            cells.append(c)
            return true
        }
        if expectLabel { return false }
        guard open != nil else {
            // Before the first row only empty cells, which the careful reader drops.
            return slot == 0 && c.kind == .blank
        }
        if cells.count >= 16 { return false }
        cells.append(c)
        return true
    }

    /// A text cell: the next label of the template, or a header word before the first row.
    private mutating func text(_ w: Bytes, line: Int) -> Bool {
        // `12 （属…）`: a bracketed remark right after a count on its line is the count's note,
        // as the careful scanner attaches it; after anything else it is text.
        if !lastWasText, lastLine == line, w.first == 0x28 || CellScanner.startsWithFullWidthParen(w) {
            guard let last = cells.indices.last, cells[last].kind == .number, cells[last].line == line, cells[last].noteStart < 0
            else { return false }
            cells[last].noteStart = w.startIndex
            cells[last].noteEnd = w.endIndex
            return true
        }
        lastWasText = true
        lastLine = line
        if reviews {
            // A header word of section 四, with no number before it: the blanks before it are
            // layout (the careful reader takes the cells after the last header word).
            guard let word = FastLabels.reviewWord(w), !cells.contains(where: { $0.kind == .number }) else { return false }
            cells.removeAll(keepingCapacity: true)
            joined = word.normalised
            resultsBeforeJoined = results.count
            joinedCounts = !resultsEnded && results.count < 5
            // `results(named:excluding: results)`: the word's results in the order it names
            // them, less those named before (worked out once a word, not searched a table).
            if joinedCounts { for r in word.results where !results.contains(r) { results.append(r) } }
            return true
        }
        if slot < slots.count, slots[slot].matches(w) {
            guard closeRow() else { return false }
            let s = slots[slot]
            slot += 1
            expectLabel = s.outcome == nil
            if let o = s.outcome { open = TableRow(outcome: o, labelBytes: [], line: line, start: w.startIndex, end: w.endIndex) }
            if slot == 1 { header += FastLabels.firstLabelNormalised(w) }
            return true
        }
        // `三、本年度办理结果（一）予以公开`, `（三）不予公开1.属于国家秘密`: a group's label run into
        // its first row's in one word; the careful reader takes the group off and reads the row.
        if slot + 1 < slots.count, slots[slot].outcome == nil, let n = slots[slot].prefixLength(of: w),
           let o = slots[slot + 1].outcome, slots[slot + 1].matches(w[(w.startIndex + n)...]) {
            guard closeRow() else { return false }
            slot += 2
            open = TableRow(outcome: o, labelBytes: [], line: line, start: w.startIndex, end: w.endIndex)
            return true
        }
        // 2021: （六）其他处理 read as a row, then its first leaf's label with no cell between:
        // it was the header of three rows (the careful reader drops the empty row).
        if slot == FastLabels.branch + 1, table.template == .t2019, open?.outcome == .other, cells.isEmpty,
           FastLabels.t2021[slot].matches(w) {
            slots = FastLabels.t2021
            table.template = .t2021
            slot += 1
            open = TableRow(outcome: slots[slot - 1].outcome!, labelBytes: [], line: line, start: w.startIndex, end: w.endIndex)
            return true
        }
        guard slot == 0, open == nil, let normalised = FastLabels.headerWord(w) else { return false }
        header += normalised
        return true
    }

    /// The line after a text cell in a tab-indented table, which the careful scanner joins to
    /// that cell (`\t商` / `业` / `企` / `业`): taken only as a header word split one character
    /// a line, continuing a header word; false for anything else (the fast path gives up).
    private mutating func continueText(_ w: Bytes, line: Int) -> Bool {
        if reviews {
            guard !joined.isEmpty, let word = FastLabels.reviewWord(w) else { return false }
            joined += word.normalised
            // The results the joined cell names, as `resultOrder` reads them from it.
            if joinedCounts {
                results.removeSubrange(resultsBeforeJoined...)
                results += ReviewsTable.results(named: joined, excluding: results)
            }
        } else {
            guard slot == 0, open == nil, !header.isEmpty, let normalised = FastLabels.headerWord(w) else { return false }
            header += normalised
        }
        lastLine = line
        return true
    }

    /// Closes the open row as `fill` reads it: seven cells, the first one dropped where it is
    /// indentation or the empty field after a label spanning two columns; more are blank.
    private mutating func closeRow() -> Bool {
        guard let row = open else { return true }
        defer { open = nil; cells.removeAll(keepingCapacity: true) }
        guard let from = FastCell.valuesStart(cells, labelLine: row.line) else { return false }
        fast.store(row.outcome, cells, from: from)
        table.rows.append(row)
        return true
    }

    /// The report's identities, as `Validation` checks them: the fast path reads only a table
    /// that adds up (one that does not is read carefully, for its diagnostics).
    private func identitiesHold() -> Bool { Self.identitiesHold(fast.values, table) }

    /// The identities of section 三's values `v` (by outcome, seven a row) for `table`'s rows.
    static func identitiesHold(_ v: [Int32], _ table: ApplicationsTable) -> Bool {
        func at(_ o: Outcome, _ k: Int) -> Int { Int(v[o.rawValue * 7 + k]) }
        let leaves = table.template == .t2021 ? FastLabels.leaves2021 : FastLabels.leaves2019
        for a in 0..<6 {
            let sum = leaves.reduce(0) { $0 + at($1, a) }
            if at(.handled, a) != sum { return false }
            if at(.new, a) + at(.carriedOver, a) != at(.handled, a) + at(.carriedForward, a) { return false }
        }
        for row in table.rows where (0..<6).reduce(0, { $0 + at(row.outcome, $1) }) != at(row.outcome, 6) { return false }
        return true
    }
}
