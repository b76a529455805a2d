/// Lines → cells. A report's tables arrive as text in many shapes (see the vocabulary's
/// "Variants"): one cell per line, tab-indented or not, blank lines between rows or between
/// cells, several cells on one line separated by tabs or runs of spaces, labels and header words
/// broken over lines. The scanner turns a run of lines into one flat stream of cells; the table
/// readers then match labels and count cells, never relying on line positions.

enum CellScanner {
    static let tab: UInt8 = 0x09, space: UInt8 = 0x20, pipe: UInt8 = 0x7C

    /// The cells of `lines[range]`, in reading order.
    static func cells(_ lines: TextLines, _ range: Range<Int>) -> [Cell] {
        var out: [Cell] = []
        out.reserveCapacity(range.count)
        // In a tab-indented table (most lines one cell after a tab), a line without the tab
        // continues the cell above it (`三、本年` / `度办理结` / `果`, `商` / `业` / `企` / `业`);
        // elsewhere every line is new. A line with more tabs is a row of cells, not indented.
        var indented = 0, nonEmpty = 0
        for i in range where !lines[i].isEmpty && !lines.carriesNothing(i) {
            nonEmpty += 1
            let body = lines[i].drop(while: { $0 == space }), rest = body.dropFirst()
            // `\t5`, `\t5\t`, a lone `\t`: one cell after a tab; `\t\t\t\t`: a row of empty cells.
            if body.first == tab {
                let t = trim(rest)
                if !(t.isEmpty ? rest : t).contains(tab) { indented += 1 }
            }
        }
        let tabStyle = indented * 2 >= nonEmpty && indented > 0
        var afterSeparator = true
        var scratch = Scratch()
        for i in range {
            let line = lines[i]
            if lines.carriesNothing(i) { continue }
            let body = line.drop(while: { $0 == space })
            if body.isEmpty { afterSeparator = true; continue }
            // Trimmed once: the content below trims to the same (a leading tab is white space).
            let trimmed = trim(body)
            if trimmed.isEmpty {
                // Only a tab or a full-width space: one blank cell; only spaces: a separator.
                // Outside a tab-indented table, tabs between nothing are a row of empty cells
                // (`\t\t\t\t`: five).
                let tabs = body.count(where: { $0 == tab })
                if !tabStyle, tabs >= 2 {
                    for _ in 0...tabs { out.append(lines.blankCell(line: i)) }
                    afterSeparator = false
                } else if tabs > 0 || body.contains(where: { $0 != space }) {
                    out.append(lines.blankCell(line: i))
                    afterSeparator = false
                } else {
                    afterSeparator = true
                }
                continue
            }
            let isIndented = body.first == tab
            // In a tab-indented table the first tab is indentation; elsewhere a line's tabs all
            // separate cells (`\t\t3\t\t0`: two empty cells, then 3, an empty one, 0).
            let content = isIndented && tabStyle ? body.dropFirst() : body
            if tabStyle, !isIndented, !afterSeparator, let last = out.last, case .text(let t) = last.kind,
               last.line < i, case (.text(let more), _) = classifyCell(trimmed) {
                out[out.count - 1].kind = .text(t.joining(more))
                continue
            }
            afterSeparator = false
            split(content, trimmed: trimmed, line: i, into: &out, &scratch)
        }
        return out
    }

    /// Splits one line's content on tabs (or the pipes of a Markdown table, or the commas of a
    /// CSV line), then each piece on runs of spaces. Every separator stands between two cells,
    /// so an empty piece is an empty cell wherever it is (`（四）无法提供\t\t\t\t\t\t\t\t`
    /// is a row of seven empty cells), with two exceptions that are layout, not cells: empty
    /// pieces before a line's first text (the empty corner of a header, an indented label), and
    /// a lone tab beside the only cell of a line (`\t5`, `5\t`).
    private static func split(_ content: Bytes, trimmed word: Bytes, line: Int, into out: inout [Cell],
                              _ scratch: inout Scratch) {
        let (hasPipe, commas, tabs) = separators(in: content)
        // Most lines of a table are one word (`\t5`, `（三）不予公开`): one cell, no splitting.
        if !hasPipe, commas < 4, tabs == 0 {
            var i = word.startIndex
            while i < word.endIndex, whitespaceWidth(word, i) == 0 { i += 1 }
            if i == word.endIndex, !word.isEmpty {
                let (kind, mark) = classifyCell(word)
                var cell = Cell(kind: kind, line: line, start: word.startIndex, end: word.endIndex)
                cell.mark = mark
                out.append(cell)
                return
            }
        }
        scratch.pieces.removeAll(keepingCapacity: true)
        if hasPipe {
            // `| 一、本年新收… | 304 | 7 |`; a `|---|---|` rule carries nothing. The outer pipes
            // open and close the row; a `|  |` between them is an empty cell.
            if content.allSatisfy({ $0 == pipe || $0 == 0x2D || $0 == 0x3A || $0 == space || $0 == tab }) { return }
            pieces(of: content, separator: pipe, into: &scratch.pieces)
            if scratch.pieces.count > 1, isBlank(scratch.pieces[0]) { scratch.pieces.removeFirst() }
            if scratch.pieces.count > 1, isBlank(scratch.pieces[scratch.pieces.count - 1]) { scratch.pieces.removeLast() }
        } else if commas >= 4 {
            pieces(of: content, separator: 0x2C, into: &scratch.pieces)
        } else if tabs == 0 {
            // No separator but blanks: the whole line is the one piece, split into words below.
            scratch.pieces.append(content)
        } else {
            pieces(of: content, separator: tab, into: &scratch.pieces)
            if scratch.pieces.count == 2, isBlank(scratch.pieces[0]) != isBlank(scratch.pieces[1]) {
                scratch.pieces.removeAll { isBlank($0) }
            }
        }
        var firstPiece = 0
        if let first = scratch.pieces.firstIndex(where: { !isBlank($0) }), first > 0 {
            let t = trim(scratch.pieces[first])
            var end = t.startIndex
            while end < t.endIndex, whitespaceWidth(t, end) == 0 { end += 1 }
            if classify(t[..<end]).isTextKind { firstPiece = first }
        }
        let startsWithTab = content.first == tab
        for p in firstPiece..<scratch.pieces.count {
            let piece = scratch.pieces[p]
            let trimmed = trim(piece)
            if trimmed.isEmpty {
                var cell = Cell(kind: .blank, line: line, start: piece.startIndex, end: piece.startIndex)
                cell.leadingTab = p == firstPiece && startsWithTab && piece.isEmpty
                out.append(cell)
                continue
            }
            if !spaceSeparatedWords(trimmed, into: &scratch.words) { words(trimmed, into: &scratch.words) }
            scratch.kinds.removeAll(keepingCapacity: true)
            scratch.marks.removeAll(keepingCapacity: true)
            for word in scratch.words {
                let (kind, mark) = classifyCell(word)
                scratch.kinds.append(kind)
                scratch.marks.append(mark)
            }
            let count = scratch.words.count
            for k in 0..<count {
                let word = scratch.words[k]
                var kind = scratch.kinds[k]
                // `NA` where a number should be is unreadable; `PDF` among words of prose
                // (`详见 PDF 附件`) is text: a letter word is a cell when it stands alone or
                // next to another value.
                if case .unreadable(let t, _) = kind, count > 1, isLetterWord(String(decoding: word, as: UTF8.self)),
                   !(k > 0 && !scratch.kinds[k - 1].isTextKind), !(k + 1 < count && !scratch.kinds[k + 1].isTextKind) {
                    kind = .text(t)
                }
                // `12 （属公安机关刑事司法信息）`: a bracketed remark right after a number is its note.
                if case .text(let t) = kind, word.first == 0x28 || startsWithFullWidthParen(word), let prev = out.last,
                   prev.line == line, case .number(let n, nil) = prev.kind {
                    out[out.count - 1].kind = .number(n, note: t)
                    continue
                }
                var cell = Cell(kind: kind, line: line, start: word.startIndex, end: word.endIndex)
                cell.mark = scratch.marks[k]
                out.append(cell)
            }
        }
    }

    /// Buffers reused from line to line, so that splitting a line allocates nothing.
    struct Scratch {
        var pieces: [Bytes] = []
        var words: [Bytes] = []
        var kinds: [Cell.Kind] = []
        var marks: [Cell.Mark] = []
    }

    /// Whether a line holds a pipe, and how many commas and tabs. Eight bytes at a time: most
    /// bytes of a table region are Chinese text, where none of the three can be.
    private static func separators(in s: Bytes) -> (pipe: Bool, commas: Int, tabs: Int) {
        let raw = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: s))
        var pipe = false, commas = 0, tabs = 0, i = 0
        func count(_ b: UInt8) {
            if b == CellScanner.pipe { pipe = true } else if b == 0x2C { commas += 1 } else if b == CellScanner.tab { tabs += 1 }
        }
        while i + 8 <= raw.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasByte(w, 0x09) || hasByte(w, 0x7C) || hasByte(w, 0x2C) { for k in i..<(i + 8) { count(raw[k]) } }
            i += 8
        }
        while i < raw.count { count(raw[i]); i += 1 }
        return (pipe, commas, tabs)
    }

    /// Whether any byte of `w` is `v` (the classic zero-byte test on `w ^ v…v`).
    @inline(__always) private static func hasByte(_ w: UInt64, _ v: UInt8) -> Bool {
        let x = w ^ (0x0101_0101_0101_0101 &* UInt64(v))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// `content` split on `separator`, empty pieces kept.
    private static func pieces(of content: Bytes, separator: UInt8, into out: inout [Bytes]) {
        var start = content.startIndex, i = start
        while i < content.endIndex {
            if content[i] == separator { out.append(content[start..<i]); start = i + 1 }
            i += 1
        }
        out.append(content[start..<content.endIndex])
    }

    /// Whether a line is a page header or footer whatever stands around it (`第 2 页`,
    /// `第2页 共5页`, `- 2 -`, `Page 2 of 5`, `4/12`); a bare number needs its context
    /// (`PageFurniture.find`).
    static func isPageMarker(_ line: Bytes) -> Bool { PageFurniture.marker(line) == .page }

    static func scalarCount(_ s: Bytes) -> Int {
        var n = 0
        for b in s where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}

extension String {
    var trimmingSpaces: String {
        let u = unicodeScalars
        guard let lo = u.firstIndex(where: { !$0.properties.isWhitespace }),
              let hi = u.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(u[lo...hi])
    }
}
