/// Flattened tables: a web page's table copied as one line, labels and numbers run together
/// (`一、本年新收政府信息公开申请数量230 000023二、上年结转…0000000三、本年度办理结果（一）予以公开7000007…`),
/// often the whole report body on that line. The line is cut into its labels and digit runs;
/// each run is cut into the row's seven cells by the row's arithmetic (`DigitSplits`), and where
/// a row allows several cuts, by the columns' (new + carried_over = handled + carried_forward,
/// handled = the sum of the outcome rows). What comes out is the same report written one row a
/// line, which the table readers then read as any other; a row no identity decides keeps no
/// cells (missing), with a diagnostic listing its candidate cuts.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GovqCube
import GovqDiagnostics

struct Unflattened {
    var bytes: [UInt8]
    /// The original line of each line of `bytes`.
    var lineMap: [Int]
    /// Lines of `bytes` whose cells were recovered by the identities.
    var recovered: Set<Int>
    var diagnostics: [Diagnostic]
}

enum FlattenedTable {
    /// The text rewritten one row a line, or nil when no line holds a flattened table.
    static func unflatten(_ lines: TextLines, file: String) -> Unflattened? {
        guard let flat = (0..<lines.count).first(where: { isFlattened(lines[$0]) }) else { return nil }
        var out: [UInt8] = [], map: [Int] = [], recovered = Set<Int>()
        var diagnostics: [Diagnostic] = []
        func emit(_ s: [UInt8], from line: Int, recovered r: Bool = false) {
            if r { recovered.insert(map.count) }
            out += s
            out.append(0x0A)
            map.append(line)
        }
        for i in 0..<flat { emit(Array(lines[i]), from: i) }
        let (rows, reviewRuns, tail, prefix) = tokens(Array(lines[flat]))
        for p in prefix { emit(p, from: flat) }

        // Section 三: each row's candidates, then the columns' identities between rows.
        var candidates: [Outcome: [[Int]]] = [:]
        var exhausted: Set<Outcome> = []
        for r in rows where !r.digits.isEmpty {
            guard let o = r.outcome else { continue }
            let s = cut(r.digits, cuts: r.cuts, marks: r.marks, keep: r.keep, count: 7, group: 7, limit: 64)
            candidates[o] = s.candidates
            if s.exhausted { exhausted.insert(o) }
        }
        let template2021 = rows.contains { $0.outcome.map(RowLabels.otherLeaves.contains) == true }
        resolveByColumns(&candidates, template2021: template2021)
        var ambiguous: [String] = []
        for r in rows {
            var line = r.label
            if let o = r.outcome, !r.digits.isEmpty {
                let c = candidates[o] ?? []
                if c.count == 1 {
                    for v in c[0] { line.append(0x09); line += Array(String(v).utf8) }
                    emit(line, from: flat, recovered: true)
                    continue
                }
                let run = String(decoding: r.digits.map { $0 + 0x30 }, as: UTF8.self)
                let shown = c.prefix(4).map { $0.map(String.init).joined(separator: "|") }
                diagnostics.append(Diagnostic(.error, "\(o.name): the digits '\(run)' can be cut into seven cells in \(c.isEmpty ? "no" : c.count >= 64 ? "many" : String(c.count)) way\(c.count == 1 ? "" : "s") that fit the identities; the cells are missing",
                                              source: file, location: SourceLocation(line: flat + 1), help: c.isEmpty ? "no cut makes 总计 the sum of the six cells" : "candidates: \(shown.joined(separator: "; "))\(exhausted.contains(o) ? " (search stopped)" : "")",
                                              row: o.name))
                ambiguous.append(o.name)
            }
            emit(line, from: flat)
        }
        // Section 四: its heading, its header words, then its fifteen numbers as one run.
        if let review = reviewRuns {
            emit(review.heading, from: flat)
            let s = cut(review.digits, cuts: review.cuts, marks: review.marks, keep: review.keep, count: 15, group: 5, limit: 8)
            if s.candidates.count == 1 {
                emit(Array(s.candidates[0].map(String.init).joined(separator: "\t").utf8), from: flat, recovered: true)
            } else if !review.digits.isEmpty {
                let run = String(decoding: review.digits.map { $0 + 0x30 }, as: UTF8.self)
                diagnostics.append(Diagnostic(.error, "the review/litigation digits '\(run)' can be cut into fifteen cells in \(s.candidates.isEmpty ? "no" : String(s.candidates.count)) way\(s.candidates.count == 1 ? "" : "s") that fit the identities; the cells are missing",
                                              source: file, location: SourceLocation(line: flat + 1),
                                              help: s.candidates.isEmpty ? "no cut makes each 总计 the sum of its four results" : "candidates: \(s.candidates.prefix(3).map { $0.map(String.init).joined(separator: "|") }.joined(separator: "; "))"))
            }
        }
        for t in tail { emit(t, from: flat) }
        for i in (flat + 1)..<lines.count { emit(Array(lines[i]), from: i) }
        let read = rows.compactMap { r in r.outcome.flatMap { candidates[$0]?.count == 1 ? $0.name : nil } }
        diagnostics.insert(Diagnostic(.note, "the tables are flattened onto line \(flat + 1); cells recovered by the report's identities in \(read.count) rows (\(read.joined(separator: ", ")))"
                                      + (ambiguous.isEmpty ? "" : "; not in \(ambiguous.joined(separator: ", "))"), source: file,
                                      location: SourceLocation(line: flat + 1)), at: 0)
        return Unflattened(bytes: out, lineMap: map, recovered: recovered, diagnostics: diagnostics)
    }

    /// A run's cuts that fit. A blank between digits is where a cell ends when some cut that
    /// ends a cell at every blank fits (`304 7 0 0 1 3 315`); else the blanks are read past
    /// (`230 000023` may hide a cut anywhere). An NA marker is always a cell of its own.
    /// A number with thousands separators is one cell (`keep`: no cell ends inside it).
    static func cut(_ digits: [UInt8], cuts: Set<Int>, marks: Set<Int>, keep: Set<Int> = [], count: Int, group: Int,
                    limit: Int) -> DigitSplits.Result {
        func whole(_ r: DigitSplits.Result) -> DigitSplits.Result {
            guard !keep.isEmpty else { return r }
            var r = r
            r.candidates.removeAll { cells in
                var at = 0
                for v in cells.dropLast() { at += v == 0 ? 1 : String(v).count; if keep.contains(at) { return true } }
                return false
            }
            return r
        }
        if !cuts.isEmpty {
            let s = whole(DigitSplits.splits(digits, count: count, group: group, limit: limit, cuts: cuts.union(marks)))
            if !s.candidates.isEmpty { return s }
        }
        return whole(DigitSplits.splits(digits, count: count, group: group, limit: limit, cuts: marks))
    }

    /// A long line holding several of section 三's labels, a digit right after one of them.
    static func isFlattened(_ line: Bytes) -> Bool {
        // Most long lines are prose: one fast search (memmem) rules them out.
        guard line.count > 150, let at = find(numberKey, in: line) else { return false }
        guard find(newKey, in: line) != nil, find(overKey, in: line) != nil, find(grantedKey, in: line) != nil else { return false }
        var k = at + numberKey.count
        while k < line.endIndex, line[k] == 0x20 { k += 1 }
        // A digit, or an NA marker standing for 0 (`申请数量 不适用 - ——`).
        guard k < line.endIndex else { return false }
        if line[k] >= 0x30 && line[k] <= 0x39 { return true }
        // A full-width digit (EF BC 90–99), or an NA marker standing for 0 (`申请数量 不适用 - ——`).
        if k + 2 < line.endIndex, line[k] == 0xEF, line[k + 1] == 0xBC, (0x90...0x99).contains(line[k + 2]) { return true }
        return k > at + numberKey.count && marker(Array(line[(k - 1)...]), at: 1) != nil
    }
    /// Where `needle` first occurs in `line`, as an index of the line.
    private static func find(_ needle: [UInt8], in line: Bytes) -> Int? {
        let h = UnsafeBufferPointer(rebasing: line)
        guard let base = h.baseAddress else { return nil }
        var from = 0
        // memchr finds each candidate first byte many bytes at a time.
        while from + needle.count <= h.count, let hit = memchr(base + from, Int32(needle[0]), h.count - from - needle.count + 1) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < needle.count, h[i + k] == needle[k] { k += 1 }
            if k == needle.count { return line.startIndex + i }
            from = i + 1
        }
        return nil
    }
    // Short keys: labels are typed with blanks inside (`本 年 新收…`, `（一） 予以 公开`).
    private static let newKey = Array("新收".utf8), overKey = Array("结转".utf8), grantedKey = Array("予以".utf8)
    private static let numberKey = Array("申请数量".utf8)

    struct Row { var label: [UInt8]; var outcome: Outcome?; var digits: [UInt8]; var cuts: Set<Int> = []; var marks: Set<Int> = []; var keep: Set<Int> = [] }
    struct Review { var heading: [UInt8]; var digits: [UInt8]; var cuts: Set<Int> = []; var marks: Set<Int> = []; var keep: Set<Int> = [] }
    /// A text and the digits after it, with where blanks (`cuts`) and NA markers (`marks`) stand
    /// between the digits, and the digits' bytes as printed (`raw`).
    struct Piece {
        var text: [UInt8] = [], digits: [UInt8] = [], raw: [UInt8] = []
        var cuts: Set<Int> = [], marks: Set<Int> = []
        /// Places inside a number written with thousands separators (`1,504`): no cell ends there.
        var keep: Set<Int> = []
        /// Where the digits since the last blank or marker start.
        var runStart = 0
    }

    /// The width of a thousands separator at `i` (`,` or `，` after a digit, with three digits
    /// and then no digit after it), or nil.
    private static func thousands(_ line: [UInt8], at i: Int) -> Int? {
        let w = line[i] == 0x2C ? 1 : line[i...].starts(with: [0xEF, 0xBC, 0x8C]) ? 3 : 0
        guard w > 0 else { return nil }
        func digit(_ k: Int) -> Int? {
            guard k < line.count else { return nil }
            if line[k] >= 0x30, line[k] <= 0x39 { return 1 }
            return k + 2 < line.count && line[k] == 0xEF && line[k + 1] == 0xBC && (0x90...0x99).contains(line[k + 2]) ? 3 : nil
        }
        var k = i + w
        for _ in 0..<3 { guard let d = digit(k) else { return nil }; k += d }
        return digit(k) == nil ? w : nil
    }

    /// The length of an NA marker at `i` that stands alone: a blank or a digit (or the line's
    /// end) on each side (`申请数量 不适用 - 1 …`); a dash inside prose is no cell.
    private static func marker(_ line: [UInt8], at i: Int) -> Int? {
        let b = line[i]
        guard b == 0x2D || b == 0x2F || b == 0x2A || b == 0xC3 || b == 0xE2 || b == 0xEF || b == 0xE6 || b == 0xE4 else { return nil }
        func delimiter(_ k: Int, before: Bool) -> Bool {
            if k < 0 || k >= line.count { return true }
            let c = line[k]
            if c == 0x20 || c == 0x09 || (c >= 0x30 && c <= 0x39) { return true }
            // the last byte of U+3000 or U+00A0 before; their first after
            return before ? (c == 0x80 && k >= 2 && line[k - 2] == 0xE3) || (c == 0xA0 && k >= 1 && line[k - 1] == 0xC2) : c == 0xE3 || c == 0xC2
        }
        guard i > 0, delimiter(i - 1, before: true) else { return nil }
        for m in markerBytes where line[i...].starts(with: m) && delimiter(i + m.count, before: false) { return m.count }
        return nil
    }
    /// The NA markers, longest first (`——` before `—`).
    private static let markerBytes = CellScanner.naMarkers.map { Array($0.utf8) }.sorted { $0.count > $1.count }

    /// The flattened line cut into: text before the table (a line a sentence), section 三's rows
    /// (label, digits), section 四 (heading and header words, digits), and the text after.
    static func tokens(_ line: [UInt8]) -> (rows: [Row], review: Review?, tail: [[UInt8]], prefix: [[UInt8]]) {
        // Alternating runs: text, then digits. Blanks between digits belong to the digits, and
        // mark where a cell may end (`cuts`); an NA marker between blanks is a cell of 0, with
        // a cut on each side (`marks`). `raw` keeps the digits' bytes as printed, for prose.
        var pieces: [Piece] = []
        var piece = Piece()
        var i = 0
        func flush() { pieces.append(piece); piece = Piece() }
        func blank(_ i: Int) -> Int {
            guard i < line.count else { return 0 }
            if line[i] == 0x20 || line[i] == 0x09 { return 1 }
            if line[i] == 0xC2, i + 1 < line.count, line[i + 1] == 0xA0 { return 2 }
            return line[i...].starts(with: [0xE3, 0x80, 0x80]) ? 3 : 0
        }
        while i < line.count {
            let b = line[i]
            if b >= 0x30, b <= 0x39 {
                piece.digits.append(b - 0x30); piece.raw.append(b); i += 1; continue
            }
            if b == 0xEF, i + 2 < line.count, line[i + 1] == 0xBC, line[i + 2] >= 0x90, line[i + 2] <= 0x99 {
                piece.digits.append(line[i + 2] - 0x90); piece.raw += line[i..<(i + 3)]; i += 3; continue
            }
            if !piece.digits.isEmpty, let w = thousands(line, at: i) {
                // `1,504`: a thousands separator; no cell ends inside the number it is in.
                for k in (piece.runStart + 1)...(piece.digits.count + 2) { piece.keep.insert(k) }
                piece.raw += line[i..<(i + w)]
                i += w
                continue
            }
            if !piece.digits.isEmpty, case let w = blank(i), w > 0 {
                piece.cuts.insert(piece.digits.count); piece.runStart = piece.digits.count; piece.raw += line[i..<(i + w)]; i += w; continue
            }
            if let m = marker(line, at: i) {
                if !piece.digits.isEmpty { piece.marks.insert(piece.digits.count) }
                piece.digits.append(0)
                piece.marks.insert(piece.digits.count)
                piece.runStart = piece.digits.count
                piece.raw += line[i..<(i + m)]
                i += m
                continue
            }
            if !piece.digits.isEmpty {
                // `…00000002.其他法律…`: the next label's numbering closes the run.
                if b == 0x2E || line[i...].starts(with: [0xE3, 0x80, 0x81]) || line[i...].starts(with: [0xEF, 0xBC, 0x8E]) {
                    let n = piece.digits.removeLast()
                    let width = piece.raw.last.map { $0 >= 0x30 && $0 <= 0x39 } == true ? 1 : 3
                    piece.raw.removeLast(min(width, piece.raw.count))
                    flush()
                    piece.text = [n + 0x30]
                } else {
                    flush()
                }
            }
            piece.text.append(b)
            i += 1
        }
        flush()
        // Find section 三's rows: from the piece naming 本年新收 to 结转下年度's digits.
        // The new row's label ends in 申请数量 right before its digits; prose that says 新收 does not.
        guard let first = pieces.firstIndex(where: { p in
            var n: [UInt8] = []
            p.text.withUnsafeBufferPointer { RowLabels.normalize($0, into: &n) }
            return n.offset(of: newKey) != nil && n.suffix(numberKey.count).elementsEqual(numberKey)
        }) else { return ([], nil, [], [line]) }
        var prefix: [[UInt8]] = []
        var rows: [Row] = []
        var group: RowGroup?
        var seen = OutcomeSet()
        var k = first
        // The text of the first piece before its label is prose: cut it at 。 and at headings.
        let head = pieces[first].text
        let start = labelStart(head)
        // The text before the table as printed (the pieces' digits as their bytes), a line a
        // sentence, the title on a line of its own.
        let before = pieces[..<first].reduce(into: [UInt8]()) { $0 += $1.text + $1.raw } + head[..<start]
        prefix = titleApart(before).flatMap(sentences)
        var label = Array(head[start...])
        var review: Review?
        var tail: [[UInt8]] = []
        while k < pieces.count {
            if k > first { label = pieces[k].text }
            var norm: [UInt8] = []
            label.withUnsafeBufferPointer { RowLabels.normalize($0, into: &norm) }
            if norm.offset(of: reviewKey) != nil || norm.offset(of: litigationKey) != nil, norm.offset(of: Array("四、".utf8)) != nil || seen.contains(.carriedForward) {
                // Section 四: everything up to its digits is its heading and header.
                var heading = label
                if let cut = label.offset(of: Array("四、政府".utf8)) ?? label.offset(of: Array("四、".utf8)), cut > 0, seen.contains(.carriedForward) {
                    rows.append(Row(label: Array(label[..<cut]), outcome: nil, digits: []))
                    heading = Array(label[cut...])
                }
                review = Review(heading: heading, digits: pieces[k].digits, cuts: pieces[k].cuts, marks: pieces[k].marks, keep: pieces[k].keep)
                k += 1
                // One proceeding a run (`行政复议10012行政诉讼未经复议直接起诉01001…`): the runs
                // between header words are one.
                while k < pieces.count, isReviewHeader(pieces[k].text) {
                    review!.heading += pieces[k].text
                    // Header words between two runs: a cell ends there.
                    let offset = review!.digits.count
                    review!.marks.insert(offset)
                    review!.cuts.formUnion(pieces[k].cuts.map { $0 + offset })
                    review!.marks.formUnion(pieces[k].marks.map { $0 + offset })
                    review!.keep.formUnion(pieces[k].keep.map { $0 + offset })
                    review!.digits += pieces[k].digits
                    k += 1
                }
                break
            }
            if let (g, rest) = RowLabels.group(in: norm) {
                group = g
                if rest == norm.count { rows.append(Row(label: label, outcome: nil, digits: pieces[k].digits, cuts: pieces[k].cuts, marks: pieces[k].marks, keep: pieces[k].keep)); k += 1; continue }
            }
            var o = RowLabels.leaf(in: norm, rowsBegun: !seen.isEmpty, group: group)
            if let x = o, seen.contains(x) { o = nil }
            // A label typed with a typo (`2.其他法律行政止公开`): its closest template row, as
            // the table reader will read it, so that the columns' identities count its digits.
            if o == nil, !pieces[k].digits.isEmpty {
                let g = group
                o = LabelMatcher.closestRow(to: norm, unread: { !seen.contains($0) }, after: rows.last(where: { $0.outcome != nil })?.outcome,
                                            template2021: g == .other)
            }
            if let x = o {
                seen.insert(x)
                if x == .other || RowLabels.otherLeaves.contains(x) { group = .other }
            }
            rows.append(Row(label: label, outcome: o, digits: pieces[k].digits, cuts: pieces[k].cuts, marks: pieces[k].marks, keep: pieces[k].keep))
            k += 1
        }
        while k < pieces.count { tail += sentences(pieces[k].text + pieces[k].raw); k += 1 }
        return (rows, review, tail, prefix)
    }
    /// Whether a text is nothing but section 四's header words.
    private static func isReviewHeader(_ t: [UInt8]) -> Bool {
        var s = RowLabels.normalize(String(decoding: t, as: UTF8.self))
        for w in ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "合计"] {
            s = s.replacingAll([w], with: "")
        }
        return s.isEmpty && !t.isEmpty
    }
    private static let reviewKey = Array("行政复议".utf8), litigationKey = Array("行政诉讼".utf8)

    /// Where the table's first label starts in a piece of text: at its `一、`; with the
    /// numbering dropped, after the header's last word (总计) or the last sentence before it.
    private static func labelStart(_ t: [UInt8]) -> Int {
        guard let at = t.offset(of: newKey) else { return 0 }
        func last(_ key: String, after: Bool) -> Int? {
            let k = Array(key.utf8)
            var found: Int?, from = 0
            while let hit = Array(t[from...]).offset(of: k), from + hit < at { found = from + hit + (after ? k.count : 0); from += hit + k.count }
            return found
        }
        // `一、` opens the label only when the label follows it (`一、本年新收…`), not a heading
        // far before it (`一、总体情况…`).
        if let one = last("一、", after: false), at - one <= 12 { return one }
        return last("总计", after: true) ?? last("合计", after: true) ?? last("。", after: true) ?? last("一、", after: false) ?? 0
    }

    /// Text cut into three: before the title, the title (the blank-separated word ending in 报告
    /// that holds 信息公开, with the word before it when that is a short name: `济宁经济技术开发区
    /// 2020年政府信息公开工作年度报告`), and after it; the text whole when it holds no title.
    static func titleApart(_ t: [UInt8]) -> [[UInt8]] {
        var words: [Range<Int>] = []
        var i = 0, start = 0
        while i <= t.count {
            let w = i == t.count ? 1 : t[i] == 0x20 || t[i] == 0x09 ? 1 : t[i...].starts(with: [0xE3, 0x80, 0x80]) ? 3 : 0
            if w > 0 { if i > start { words.append(start..<i) }; start = i + w; i += w } else { i += 1 }
        }
        let report = Array("报告".utf8), disclosure = Array("信息公开".utf8), stop = Array("。".utf8)
        func fits(_ r: Range<Int>) -> Bool { r.count <= 150 && Array(t[r]).offset(of: stop) == nil }
        for k in words.indices where fits(words[k]) && t[words[k]].suffix(report.count).elementsEqual(report) {
            var lo = words[k].lowerBound
            if Array(t[words[k]]).offset(of: disclosure) == nil {
                // `2019年下城区政府信息公开 年度工作报告`: the title in two words.
                guard k > 0, fits(words[k - 1]), Array(t[words[k - 1]]).offset(of: disclosure) != nil else { continue }
                lo = words[k - 1].lowerBound
            } else if k > 0, words[k - 1].count <= 90, fits(words[k - 1]) {
                // `2020年政府信息公开…`, `年度…`: the title names no body; the word before it does.
                let first = t[words[k].lowerBound]
                if first >= 0x30 && first <= 0x39 || t[words[k]].starts(with: Array("年".utf8)) || t[words[k]].starts(with: Array("政府信息公开".utf8)) {
                    lo = words[k - 1].lowerBound
                }
            }
            return [Array(t[..<lo]), Array(t[lo..<words[k].upperBound]), Array(t[words[k].upperBound...])].filter { !$0.isEmpty }
        }
        // No blanks: the title runs straight into the text (`…年度报告一、总体情况本年度…`); it
        // ends at the first 报告 of the line's start, before any sentence ends.
        if let r = Array(t.prefix(240)).offset(of: report), r > 0, Array(t[..<r]).offset(of: disclosure) != nil,
           Array(t[..<r]).offset(of: stop) == nil, r + report.count < t.count {
            return [Array(t[..<(r + report.count)]), Array(t[(r + report.count)...])]
        }
        return [t]
    }

    /// Prose cut into lines: after each 。 and before each heading (`一、` … `十、`).
    private static func sentences(_ t: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = [], cur: [UInt8] = []
        let stop = Array("。".utf8), comma = Array("、".utf8)
        var i = 0
        while i < t.count {
            if i + 6 <= t.count, numerals.contains(Array(t[i..<(i + 3)])), Array(t[(i + 3)..<(i + 6)]) == comma, !cur.isEmpty {
                out.append(cur); cur = []
            }
            cur.append(t[i])
            if cur.count >= 3, Array(cur.suffix(3)) == stop { out.append(cur); cur = [] }
            i += 1
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
    private static let numerals = "一二三四五六七八九十".unicodeScalars.map { Array(String($0).utf8) }

    /// Narrows rows with several cuts by the columns' identities: handled = the sum of the
    /// outcome rows, new + carried_over = handled + carried_forward (the 总计 column too).
    static func resolveByColumns(_ c: inout [Outcome: [[Int]]], template2021: Bool) {
        let leaves = Outcome.handlingLeaves.filter { template2021 ? $0 != .other : !RowLabels.otherLeaves.contains($0) }
        // Each identity as rows with a sign: Σ sign·row = 0.
        var identities: [[(Outcome, Int)]] = [leaves.map { ($0, 1) } + [(.handled, -1)],
                                              [(.new, 1), (.carriedOver, 1), (.handled, -1), (.carriedForward, -1)]]
        // A row with no cut, or with more cuts than were listed, decides nothing.
        identities = identities.filter { $0.allSatisfy { c[$0.0] != nil && !c[$0.0]!.isEmpty && c[$0.0]!.count < 64 } }
        var changed = true
        while changed {
            changed = false
            for id in identities {
                let open = id.filter { c[$0.0]!.count > 1 }
                guard !open.isEmpty, open.count <= 2 else { continue }
                var fixed = [Int](repeating: 0, count: 7)
                for (o, sign) in id where c[o]!.count == 1 { for j in 0..<7 { fixed[j] += sign * c[o]![0][j] } }
                var keep: [Outcome: Set<[Int]>] = [:]
                func sums(_ picks: [[Int]]) -> Bool {
                    var v = fixed
                    for (p, (_, sign)) in zip(picks, open) { for j in 0..<7 { v[j] += sign * p[j] } }
                    return v.allSatisfy { $0 == 0 }
                }
                if open.count == 1 {
                    for p in c[open[0].0]! where sums([p]) { keep[open[0].0, default: []].insert(p) }
                } else {
                    let a = c[open[0].0]!, b = c[open[1].0]!
                    guard a.count * b.count <= 4096 else { continue }
                    for p in a { for q in b where sums([p, q]) { keep[open[0].0, default: []].insert(p); keep[open[1].0, default: []].insert(q) } }
                }
                for (o, _) in open {
                    let k = c[o]!.filter { keep[o]?.contains($0) == true }
                    if k.count < c[o]!.count, !k.isEmpty { c[o] = k; changed = true }
                }
            }
        }
    }
}
