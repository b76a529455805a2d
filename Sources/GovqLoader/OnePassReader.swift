/// The one pass over a table region's bytes (table7, issue 14 item 3): the fast path for
/// section 三 and section 四; a table it refuses goes to the careful reader. Each line is read
/// once, byte by byte, by a few byte tests; a count is summed from its digits as they are read;
/// a word is looked up once, at its end, in `FastWords`' hash table; each cell goes to the open
/// row's slots as it is read. No String, no slice per word, no array per line.
///
/// Where `FastReader` (its reference reading, once the second tier) reads a region, it reads it
/// exactly so, and `FastReader` reads it as the careful reader does: the same splitting into
/// pieces and words, the same rows, header and identities. Beyond it, it reads a cell continued
/// on the lines below it, a wrapped header, and labels by their normalised bytes, each as the
/// careful reader reads them (the differential tests hold every region it reads to the careful
/// reader's parse). A count the plain digit test leaves (a note or a unit, full-width digits)
/// it reads by the careful classifier (table8). Whatever else it meets (a word the table does
/// not hold, a no-break space inside a number, a comma-separated line, …) it refuses.
import GovqCube

struct OnePassReader {
    let lines: TextLines
    let p: UnsafePointer<UInt8>
    let reviews: Bool
    let wordTable = FastWords.table
    var table = ApplicationsTable()
    var fast: FastValues
    var slots = FastLabels.t2019
    var t2021 = false
    var slot = 0
    /// A group header was read: the next cell must be its first row's label.
    var expectLabel = false
    var open: TableRow?
    var cells: [FastCell] = []
    var header: [UInt8] = []
    var tabStyle = false
    /// The commas of the line `words` reads with `refusing` (`split` refuses four or more).
    var commas = 0
    var lastWasText = false
    var lastLine = -1
    /// Section 四, as `FastReader` keeps them: the results its header names, the last header
    /// cell's normalised words while a tab-indented table may continue it.
    var results: [ReviewResult] = []
    var resultsEnded = false
    var joined: [UInt8] = []
    var resultsBeforeJoined = 0
    var joinedCounts = false
    /// In a tab-indented table: the last text word, kept until the lines after it are known, as
    /// the careful scanner joins the lines that continue a text cell (`\t三、本年` / `度办理结` /
    /// `果`, `\t商` / `业` / `企` / `业`, section 四's `\t其他` / `结果`). Its first line, where it
    /// starts and ends (the last piece's end), its id while nothing joined it (-2 after), and
    /// the bytes joined so far.
    var held: (line: Int, start: Int, end: Int, id: Int)?
    var heldBytes: [UInt8] = []
    /// The lines joined to the held word, each trimmed, in order, and its first piece's length.
    var heldPieces: [Range<Int>] = []
    var heldHeadCount = 0

    /// `lines` must hold bytes (a base address): the callers check, so that the reader is made
    /// in place, not in an optional and then copied out of it with each of its arrays retained.
    init(_ lines: TextLines, reviews: Bool = false) {
        let base = lines.bytes.baseAddress!
        self.lines = lines
        self.reviews = reviews
        p = base
        fast = FastValues(count: reviews ? ReviewsTable.count : Outcome.allCases.count * 7)
        cells.reserveCapacity(16)
        if !reviews {
            table.rows.reserveCapacity(FastLabels.t2021.count)
            header.reserveCapacity(256)
        }
    }

    /// Section 三, or nil where the one pass refuses it.
    mutating func read(_ range: Range<Int>) -> ApplicationsTable? {
        guard scan(range), closeRow(), slot == slots.count, !expectLabel else { return nil }
        guard header.count < 2000, FastLabels.headerInTemplateOrder(header) else { return nil }
        guard FastReader.identitiesHold(fast.values, table) else { return nil }
        table.fast = fast
        return table
    }

    /// Section 四's fifteen values, or nil where the one pass refuses them.
    mutating func readReviews(_ range: Range<Int>) -> FastValues? {
        guard scan(range), cells.count == ReviewsTable.count else { return nil }
        if results.count == 5, results != ReviewResult.allCases { return nil }
        for k in 0..<cells.count {
            let c = cells[k]
            fast.values[k] = c.value
            if c.kind == .marker {
                fast.markers += 1
                if fast.firstMarker == nil { fast.firstMarker = c.markerCell }
            }
        }
        for q in 0..<3 {
            let b = q * 5
            let v = fast.values
            if Int(v[b]) + Int(v[b + 1]) + Int(v[b + 2]) + Int(v[b + 3]) != Int(v[b + 4]) { return nil }
        }
        return fast
    }

    /// Every line of `range`, as `FastReader.scan` reads it.
    private mutating func scan(_ range: Range<Int>) -> Bool {
        // No prescan of every byte: the bytes the fast paths refuse are refused as `split`
        // counts the separators (every byte of a line with a word passes there); whether the
        // table is tab-indented is told from the lines' first bytes.
        guard !range.isEmpty else { return false }
        tabStyle = isTabIndented(range)
        var afterSeparator = true
        for i in range {
            if lines.carriesNothing(i) { continue }
            let r = lines.ranges[i]
            var f = r.lowerBound
            let hi = r.upperBound
            while f < hi, p[f] == 0x20 { f += 1 }
            if f == hi { afterSeparator = true; continue }
            if isBlank(f, hi) {
                // Only blanks: one empty cell, or one a separator between tabs (the body holds
                // a byte that is no space, its first).
                let tabs = FastBytes.count(CellScanner.tab, p, f, hi)
                for _ in 0..<(!tabStyle && tabs >= 2 ? tabs + 1 : 1) {
                    guard value(FastCell(kind: .blank, line: i, start: f, end: f)) else { return false }
                }
                afterSeparator = false
                continue
            }
            let isIndented = p[f] == CellScanner.tab
            if tabStyle, !isIndented, !afterSeparator, lastWasText, lastLine < i {
                guard !refuses(f, hi) else { return false }
                let t = CellScanner.trim(lines.bytes[f..<hi])
                guard continueText(t.startIndex, t.endIndex, line: i) else { return false }
                continue
            }
            afterSeparator = false
            guard split(isIndented && tabStyle ? f + 1 : f, hi, line: i) else { return false }
        }
        return readHeld()
    }

    /// Whether `p[lo..<hi]` holds only spaces, tabs, U+3000 and U+00A0.
    @inline(__always) private func isBlank(_ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        while k < hi {
            let w = FastBytes.blankWidth(p, k, hi)
            if w == 0 { return false }
            k += w
        }
        return true
    }

    /// Whether `p[lo..<hi]` holds a byte the fast paths refuse (`FastReader.prescan`'s test).
    private func refuses(_ lo: Int, _ hi: Int) -> Bool {
        let classes = wordTable.classes
        for k in lo..<hi {
            let c = classes[Int(p[k])]
            if c & ByteClass.refused != 0 { return true }
            if c & ByteClass.mayBeOtherBlank != 0, CellScanner.whitespaceWidth(lines.bytes[lo..<hi], k) != 0 { return true }
        }
        return false
    }

    /// `CellScanner.cells`' test of a tab-indented table (most lines one cell after a tab), for
    /// lines whose only blanks are spaces, tabs, U+3000 and U+00A0 (any other is refused).
    private func isTabIndented(_ range: Range<Int>) -> Bool {
        var indented = 0, nonEmpty = 0
        for i in range where !lines.carriesNothing(i) {
            let r = lines.ranges[i]
            guard !r.isEmpty else { continue }
            nonEmpty += 1
            let hi = r.upperBound
            var f = r.lowerBound
            while f < hi, p[f] == 0x20 { f += 1 }
            guard f < hi, p[f] == CellScanner.tab else { continue }
            // The rest trimmed holds no tab (all blank: the rest holds none); most rests hold
            // none at all, told eight bytes a step.
            if !FastBytes.contains(CellScanner.tab, p, f + 1, hi) { indented += 1; continue }
            var a = f + 1
            while a < hi { let w = FastBytes.blankWidth(p, a, hi); if w == 0 { break }; a += w }
            var b = hi
            if a == hi { a = f + 1 } else {
                while b > a {
                    let z = p[b - 1]
                    if z == 0x20 || z == 0x09 { b -= 1 }
                    else if b - a >= 2, z == 0xA0, p[b - 2] == 0xC2 { b -= 2 }
                    else if b - a >= 3, z == 0x80, p[b - 2] == 0x80, p[b - 3] == 0xE3 { b -= 3 }
                    else { break }
                }
            }
            if FastBytes.count(CellScanner.tab, p, a, b) == 0 { indented += 1 }
        }
        return indented * 2 >= nonEmpty && indented > 0
    }

    /// `FastReader.split` for one line's content `p[lo..<hi]`: tabs separate pieces. The pass
    /// that counts the tabs and commas refuses the bytes the fast paths refuse; a line with no
    /// tab (most lines), told eight bytes a step, is split into words at once, `words` counting
    /// its commas and refusing those bytes as it reads them (a refusal anywhere refuses the
    /// table, so the order the bytes are looked at in does not matter).
    private mutating func split(_ lo: Int, _ hi: Int, line: Int) -> Bool {
        if !FastBytes.contains(CellScanner.tab, p, lo, hi) {
            commas = 0
            guard words(lo, hi, line: line, leadingTab: false, refusing: true) else { return false }
            return commas < 4
        }
        var tabs = 0, commas = 0, firstTab = -1
        let classes = wordTable.classes
        for k in lo..<hi {
            let c = classes[Int(p[k])]
            if c & (ByteClass.tab | ByteClass.comma | ByteClass.refused | ByteClass.mayBeOtherBlank) == 0 { continue }
            if c & ByteClass.tab != 0 { if tabs == 0 { firstTab = k }; tabs += 1 }
            else if c & ByteClass.comma != 0 { commas += 1 }
            else if c & ByteClass.refused != 0 { return false }
            else if CellScanner.whitespaceWidth(lines.bytes[lo..<hi], k) != 0 { return false }
        }
        if commas >= 4 { return false }
        if tabs == 0 { return words(lo, hi, line: line, leadingTab: false) }
        if tabs == 1 {
            // Two pieces, one blank: the blank one is layout (`\t5`, `5\t`).
            let blank0 = isBlank(lo, firstTab), blank1 = isBlank(firstTab + 1, hi)
            if blank0 != blank1 { return blank0 ? words(firstTab + 1, hi, line: line, leadingTab: false) : words(lo, firstTab, line: line, leadingTab: false) }
        }
        // The first piece that is not blank; the blank ones before it are layout when its first
        // word is text (the empty corner of a header, an indented label).
        var k = lo, index = 0, pieceStart = lo, firstText = -1
        while k < hi {
            if p[k] == CellScanner.tab { index += 1; k += 1; pieceStart = k; continue }
            let w = FastBytes.blankWidth(p, k, hi)
            if w == 0 { firstText = index; break }
            k += w
        }
        var from = lo, first = 0
        if firstText > 0 {
            var pieceEnd = pieceStart
            while pieceEnd < hi, p[pieceEnd] != CellScanner.tab { pieceEnd += 1 }
            let t = CellScanner.trim(lines.bytes[pieceStart..<pieceEnd])
            var end = t.startIndex
            while end < t.endIndex, CellScanner.whitespaceWidth(t, end) == 0 { end += 1 }
            if CellScanner.classify(t[..<end]).isTextKind { first = firstText; from = pieceStart }
        }
        let startsWithTab = p[lo] == CellScanner.tab
        var start = from, piece = first
        while true {
            var end = start
            while end < hi, p[end] != CellScanner.tab { end += 1 }
            guard words(start, end, line: line, leadingTab: piece == first && startsWithTab && start == end) else { return false }
            if end >= hi { return true }
            start = end + 1
            piece += 1
        }
    }

    /// The words of one piece `p[lo..<hi]` (a blank piece is one empty cell), each read as it
    /// ends: a count summed as its digits go by.
    /// `refusing`: the line's bytes were not looked at before (a line with no tab): the bytes
    /// `split`'s pass refuses are refused here, and its commas counted, as they are read.
    private mutating func words(_ lo: Int, _ hi: Int, line: Int, leadingTab: Bool, refusing: Bool = false) -> Bool {
        if isBlank(lo, hi) { return value(FastCell(kind: .blank, line: line, start: lo, end: lo, leadingTab: leadingTab)) }
        let classes = wordTable.classes
        var k = lo
        while k < hi {
            while k < hi { let w = FastBytes.blankWidth(p, k, hi); if w == 0 { break }; k += w }
            guard k < hi else { break }
            var e = k, digits = true
            var n: Int32 = 0
            // A count's digits, summed as they go by; then the rest of the word (a label's
            // bytes) at one table load and one test a byte, up to a byte that may end it.
            while e < hi, p[e] &- 0x30 <= 9 { n = n &* 10 &+ Int32(p[e] &- 0x30); e += 1 }
            // Every byte that is neither a blank nor a leading digit passes this loop's class test.
            let stops = refusing ? ByteClass.endsWord | ByteClass.comma | ByteClass.refused | ByteClass.mayBeOtherBlank : ByteClass.endsWord
            while e < hi {
                let b = p[e]
                let c = classes[Int(b)]
                if c & stops == 0 { digits = false; e += 1; continue }
                if c & ByteClass.endsWord == 0 {
                    // As `split`'s pass takes it, on the line's bounds (`refusing`: the piece is the line).
                    if c & ByteClass.comma != 0 { commas += 1 }
                    else if c & ByteClass.refused != 0 { return false }
                    else if CellScanner.whitespaceWidth(lines.bytes[lo..<hi], e) != 0 { return false }
                    digits = false
                    e += 1
                    continue
                }
                if b == 0x20 || b == 0x09 { break }
                if FastBytes.blankWidth(p, e, hi) != 0 {
                    // One no-break space between two words (`3\u{A0}04`): refused, as `FastReader` refuses it.
                    if b == 0xC2, e + 2 < hi, FastBytes.blankWidth(p, e + 2, hi) == 0 { return false }
                    break
                }
                digits = false
                e += 1
            }
            // A space before `0` and another digit: the careful reader may join two numbers.
            if e - k >= 2, p[k] == 0x30, p[k + 1] &- 0x30 <= 9 { return false }
            guard word(k, e, line: line, count: digits && e - k <= 9 ? n : nil) else { return false }
            k = e
        }
        return true
    }

    /// One word: a count, an NA marker, or a word of `FastWords`' table.
    private mutating func word(_ lo: Int, _ hi: Int, line: Int, count: Int32?) -> Bool {
        if let n = count { return value(FastCell(kind: .number, value: n, line: line, start: lo, end: hi)) }
        if CellScanner.isNAMarker(lines.bytes[lo..<hi]) { return value(FastCell(kind: .marker, line: line, start: lo, end: hi)) }
        let id = wordTable.lookup(p, lo, hi)
        let b = p[lo]
        if b &- 0x30 <= 9 || b == 0xEF && hi - lo >= 3 && p[lo + 1] == 0xBC && p[lo + 2] &- 0x90 <= 9 {
            // Led by a digit: the open slot's label as the template prints it, or a word the
            // careful classifier reads as text (2021's first leaf under （六）, read while the
            // template is still 2019's); a count with a unit or a note, full-width digits: the
            // second tier's.
            let label = !reviews && id >= 0 && slot < slots.count && slots[slot].digitLedFormsAreText
                && wordTable.meanings[id].slot(t2021) == slot
            if !label {
                // As `FastReader.word` reads it: a count the plain test leaves (full-width digits,
                // `12件`, `12（含转办件）` with its note) is the careful classifier's, text goes on.
                switch CellScanner.classifyCell(lines.bytes[lo..<hi]) {
                case (.number(let n, let note), .none):
                    guard let v = Int32(exactly: n) else { return false }
                    var c = FastCell(kind: .number, value: v, line: line, start: lo, end: hi)
                    if let note { c.noteStart = note.start; c.noteEnd = note.end }
                    return value(c)
                case (.text, _): break
                default: return false
                }
            }
        }
        return text(id, lo, hi, line: line)
    }
}

extension OnePassReader {
    /// A value cell: the open row's (section 四: one of the fifteen).
    private mutating func value(_ c: FastCell) -> Bool {
        guard readHeld() else { return false }
        lastWasText = false
        lastLine = c.line
        if reviews {
            if !results.isEmpty { resultsEnded = true }
            if cells.count >= ReviewsTable.count { return false }
            cells.append(c)
            return true
        }
        if expectLabel { return false }
        guard open != nil else { return slot == 0 && c.kind == .blank }
        if cells.count >= 16 { return false }
        cells.append(c)
        return true
    }

    /// A text word, `id` in `FastWords` (-1: not there): as `FastReader.text` takes it.
    private mutating func text(_ id: Int, _ lo: Int, _ hi: Int, line: Int) -> Bool {
        guard readHeld() else { return false }
        // `12 （属…）`: a bracketed remark right after a count on its line is the count's note, as
        // `FastReader.text` (and the careful scanner) attaches it; after anything else, refused.
        if !lastWasText, lastLine == line, p[lo] == 0x28 || hi - lo >= 3 && p[lo] == 0xEF && p[lo + 1] == 0xBC && p[lo + 2] == 0x88 {
            guard let last = cells.indices.last, cells[last].kind == .number, cells[last].line == line, cells[last].noteStart < 0
            else { return false }
            cells[last].noteStart = lo
            cells[last].noteEnd = hi
            return true
        }
        lastWasText = true
        lastLine = line
        if tabStyle {
            // Read once the lines that may continue it are known (`readHeld`).
            held = (line, lo, hi, id)
            return true
        }
        return meaning(id, lines.bytes[lo..<hi], line: line, start: lo, end: hi)
    }

    /// The held word, with the lines that continued it, read as one text cell, as the careful
    /// reader reads the joined cell: looked up whole, its place its first piece's start and its
    /// last piece's end.
    private mutating func readHeld() -> Bool {
        guard let h = held else { return true }
        held = nil
        guard h.id == -2, !heldPieces.isEmpty else {
            return meaning(h.id, lines.bytes[h.start..<h.end], line: h.line, start: h.start, end: h.end)
        }
        // The joined word, when the table holds it (as written, or for section 三 normalised).
        let whole = heldBytes.withUnsafeBufferPointer { b -> Int in
            let id = wordTable.lookup(b.baseAddress!, 0, b.count)
            return id >= 0 || reviews ? id : FastWords.normalisedID(b[...])
        }
        if whole >= 0 {
            return heldBytes.withUnsafeBufferPointer { b in meaning(whole, b[...], line: h.line, start: h.start, end: h.end) }
        }
        // Else piece by piece, each a header word (`\t商` / `业` / `企` / `业`), as the careful
        // reader's header takes the joined cell's normalised bytes, which are the pieces'.
        let headEnd = h.start + heldHeadCount
        guard meaning(wordTable.lookup(p, h.start, headEnd), lines.bytes[h.start..<headEnd], line: h.line, start: h.start, end: headEnd)
        else { return false }
        for piece in heldPieces { guard continuePiece(piece.lowerBound, piece.upperBound) else { return false } }
        return true
    }

    /// A text cell `w`, `id` in `FastWords` (-1: not there), at `start..<end` from line `line`.
    private mutating func meaning(_ id: Int, _ w: Bytes, line: Int, start lo: Int, end hi: Int) -> Bool {
        var id = id
        if id < 0, !reviews { id = FastWords.normalisedID(w) }
        guard id >= 0 else {
            // A piece of the column note or of a header word (`FastLabels.headerFragment`).
            guard !reviews, slot == 0, open == nil, let n = FastLabels.headerFragment(w) else { return false }
            header += n
            return true
        }
        let m = wordTable.meanings[id]
        if reviews {
            guard m.review >= 0 else { return false }
            for c in cells where c.kind == .number { return false }
            cells.removeAll(keepingCapacity: true)
            joined.removeAll(keepingCapacity: true)
            joined.append(contentsOf: FastLabels.reviewNormalised[Int(m.review)])
            resultsBeforeJoined = results.count
            joinedCounts = !resultsEnded && results.count < 5
            if joinedCounts { for r in FastLabels.reviewResults[Int(m.review)] where !results.contains(r) { results.append(r) } }
            return true
        }
        if slot < slots.count, m.slot(t2021) == slot {
            guard closeRow() else { return false }
            // The slot's outcome alone, not the slot: a copy retained and released its forms.
            let outcome = slots[slot].outcome
            slot += 1
            expectLabel = outcome == nil
            if let o = outcome { open = TableRow(outcome: o, labelBytes: [], line: line, start: lo, end: hi) }
            if slot == 1 { header.append(contentsOf: FastLabels.firstLabelNormalised) }
            return true
        }
        if slot + 1 < slots.count, m.runIn(t2021) == slot, let o = slots[slot + 1].outcome {
            guard closeRow() else { return false }
            slot += 2
            open = TableRow(outcome: o, labelBytes: [], line: line, start: lo, end: hi)
            return true
        }
        // 2021: （六）其他处理 read as a row, then its first leaf's label with no cell between.
        if slot == FastLabels.branch + 1, !t2021, open?.outcome == .other, cells.isEmpty, Int(m.slot.1) == slot {
            slots = FastLabels.t2021
            t2021 = true
            table.template = .t2021
            slot += 1
            open = TableRow(outcome: slots[slot - 1].outcome!, labelBytes: [], line: line, start: lo, end: hi)
            return true
        }
        guard slot == 0, open == nil, m.header >= 0 else { return false }
        header.append(contentsOf: FastLabels.headerNormalised[Int(m.header)])
        return true
    }

    /// The line after a text cell in a tab-indented table, with no tab before it (`\t商` / `业`,
    /// `\t三、本年` / `度办理结`): a piece of that cell, joined to the held word.
    private mutating func continueText(_ lo: Int, _ hi: Int, line: Int) -> Bool {
        // The text before is held (every text word of a tab-indented table is): joined as the
        // careful scanner joins a line that classifies as text, trimmed.
        guard let h = held, case (.text, _) = CellScanner.classifyCell(lines.bytes[lo..<hi]) else { return false }
        if h.id != -2 {
            heldBytes.removeAll(keepingCapacity: true)
            heldBytes.append(contentsOf: lines.bytes[h.start..<h.end])
            heldPieces.removeAll(keepingCapacity: true)
            heldHeadCount = h.end - h.start
        }
        heldBytes.append(contentsOf: lines.bytes[lo..<hi])
        heldPieces.append(lo..<hi)
        held = (h.line, h.start, hi, -2)
        lastLine = line
        return true
    }

    /// One joined piece after the held word's first, where the whole is no word of the table:
    /// a header word of section 三 (or a run of one), a word of section 四's header.
    private mutating func continuePiece(_ lo: Int, _ hi: Int) -> Bool {
        let id = wordTable.lookup(p, lo, hi)
        if reviews {
            guard id >= 0, !joined.isEmpty else { return false }
            let m = wordTable.meanings[id]
            guard m.review >= 0 else { return false }
            joined.append(contentsOf: FastLabels.reviewNormalised[Int(m.review)])
            if joinedCounts {
                results.removeSubrange(resultsBeforeJoined...)
                results += ReviewsTable.results(named: joined, excluding: results)
            }
            return true
        }
        guard slot == 0, open == nil, !header.isEmpty else { return false }
        if id >= 0, wordTable.meanings[id].header >= 0 {
            header.append(contentsOf: FastLabels.headerNormalised[Int(wordTable.meanings[id].header)])
            return true
        }
        guard let n = FastLabels.headerFragment(lines.bytes[lo..<hi]) else { return false }
        header += n
        return true
    }

    /// Closes the open row as `FastReader.closeRow` does: its seven values into the table's slots.
    private mutating func closeRow() -> Bool {
        // Moved out, not copied (a copy retained its label, and clearing `open` released it).
        guard let row = open.take() else { return true }
        defer { cells.removeAll(keepingCapacity: true) }
        guard let from = FastCell.valuesStart(cells, labelLine: row.line) else { return false }
        fast.store(row.outcome, cells, from: from)
        table.rows.append(row)
        return true
    }
}

extension FastReader {

    /// The pass over every byte of `range` before anything is split (the one pass does it too):
    /// nil where a byte is one the fast paths do not split as the scanner does, else whether
    /// the table is tab-indented (`CellScanner.cells`: most lines one cell after a tab).
    static func prescan(_ lines: TextLines, _ range: Range<Int>) -> Bool? {
        guard range.lowerBound < range.upperBound, let base = lines.bytes.baseAddress else { return nil }
        let bytes = lines.bytes
        // One pass over the bytes of every line before anything is split: only the blanks,
        // separators and bytes this reader splits as the scanner does (no control character but
        // the tab, no `|` or `&`, no blank but space, tab, U+3000 and U+00A0), and whether the
        // table is tab-indented (`CellScanner.cells`: most lines one cell after a tab).
        var indented = 0, nonEmpty = 0
        for i in range {
            // Page furniture (a page number, a running header) is no cell: skipped, as the scanner does.
            if lines.carriesNothing(i) { continue }
            let r = lines.ranges[i]
            var k = r.lowerBound
            let hi = r.upperBound
            while k < hi {
                // Eight bytes a step where none may be refused (most of a table's bytes).
                if k + 8 <= hi, !FastBytes.mayRefuseAny(base, k) { k += 8; continue }
                let b = base[k]
                if FastBytes.mayRefuse(b) {
                    // C2 and E3 start only the blanks let through (U+00A0, U+3000) or no blank.
                    guard b >= 0x80, CellScanner.whitespaceWidth(bytes[r], k) == 0 else { return nil }
                }
                k += 1
            }
            guard !r.isEmpty else { continue }
            nonEmpty += 1
            var f = r.lowerBound
            while f < hi, base[f] == CellScanner.space { f += 1 }
            if f < hi, base[f] == CellScanner.tab {
                let rest = bytes[(f + 1)..<hi], t = CellScanner.trim(rest)
                if !(t.isEmpty ? rest : t).contains(CellScanner.tab) { indented += 1 }
            }
        }
        return indented * 2 >= nonEmpty && indented > 0
    }

}
