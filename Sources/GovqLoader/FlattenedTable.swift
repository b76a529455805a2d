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
            let s = DigitSplits.splits(r.digits, count: 7, group: 7, limit: 64)
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
            let s = DigitSplits.splits(review.digits, count: 15, group: 5)
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

    /// A long line holding several of section 三's labels, a digit right after one of them.
    static func isFlattened(_ line: Bytes) -> Bool {
        // Most long lines are prose: one fast search (memmem) rules them out.
        guard line.count > 150, let at = find(numberKey, in: line) else { return false }
        guard find(newKey, in: line) != nil, find(overKey, in: line) != nil, find(grantedKey, in: line) != nil else { return false }
        var k = at + numberKey.count
        while k < line.endIndex, line[k] == 0x20 { k += 1 }
        return k < line.endIndex && line[k] >= 0x30 && line[k] <= 0x39
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
    private static let newKey = Array("本年新收".utf8), overKey = Array("上年结转".utf8), grantedKey = Array("予以公开".utf8)
    private static let numberKey = Array("申请数量".utf8)

    struct Row { var label: [UInt8]; var outcome: Outcome?; var digits: [UInt8] }
    struct Review { var heading: [UInt8]; var digits: [UInt8] }

    /// The flattened line cut into: text before the table (a line a sentence), section 三's rows
    /// (label, digits), section 四 (heading and header words, digits), and the text after.
    static func tokens(_ line: [UInt8]) -> (rows: [Row], review: Review?, tail: [[UInt8]], prefix: [[UInt8]]) {
        // Alternating runs: text, then digits (blanks between digits belong to the digits).
        var pieces: [(text: [UInt8], digits: [UInt8])] = []
        var text: [UInt8] = [], digits: [UInt8] = []
        var i = 0
        func flush() { pieces.append((text, digits)); text = []; digits = [] }
        while i < line.count {
            let b = line[i]
            if b >= 0x30, b <= 0x39 {
                digits.append(b - 0x30); i += 1; continue
            }
            if b == 0xEF, i + 2 < line.count, line[i + 1] == 0xBC, line[i + 2] >= 0x90, line[i + 2] <= 0x99 {
                digits.append(line[i + 2] - 0x90); i += 3; continue
            }
            if !digits.isEmpty, b == 0x20 || b == 0x09 { i += 1; continue }
            if !digits.isEmpty {
                // `…00000002.其他法律…`: the next label's numbering closes the run.
                if b == 0x2E || line[i...].starts(with: [0xE3, 0x80, 0x81]) || line[i...].starts(with: [0xEF, 0xBC, 0x8E]) {
                    let n = digits.removeLast()
                    flush()
                    text = [n + 0x30]
                } else {
                    flush()
                }
            }
            text.append(b)
            i += 1
        }
        flush()
        // Find section 三's rows: from the piece naming 本年新收 to 结转下年度's digits.
        guard let first = pieces.firstIndex(where: { $0.text.offset(of: newKey) != nil }) else { return ([], nil, [], [line]) }
        var prefix: [[UInt8]] = []
        var rows: [Row] = []
        var group: RowGroup?
        var seen = OutcomeSet()
        var k = first
        // The text of the first piece before its label is prose: cut it at 。 and at headings.
        let head = pieces[first].text
        let start = labelStart(head)
        prefix = sentences(Array(head[..<start]))
        for p in pieces[..<first] { prefix += sentences(p.text + p.digits.map { $0 + 0x30 }) }
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
                review = Review(heading: heading, digits: pieces[k].digits)
                k += 1
                // One proceeding a run (`行政复议10012行政诉讼未经复议直接起诉01001…`): the runs
                // between header words are one.
                while k < pieces.count, isReviewHeader(pieces[k].text) {
                    review!.heading += pieces[k].text
                    review!.digits += pieces[k].digits
                    k += 1
                }
                break
            }
            if let (g, rest) = RowLabels.group(in: norm) { group = g; if rest == norm.count { rows.append(Row(label: label, outcome: nil, digits: pieces[k].digits)); k += 1; continue } }
            var o = RowLabels.leaf(in: norm, rowsBegun: !seen.isEmpty, group: group)
            if let x = o, seen.contains(x) { o = nil }
            if let x = o {
                seen.insert(x)
                if x == .other || RowLabels.otherLeaves.contains(x) { group = .other }
            }
            rows.append(Row(label: label, outcome: o, digits: pieces[k].digits))
            k += 1
        }
        while k < pieces.count { tail += sentences(pieces[k].text + pieces[k].digits.map { $0 + 0x30 }); k += 1 }
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

    /// Where the table's first label starts in a piece of text (at its `一、`).
    private static func labelStart(_ t: [UInt8]) -> Int {
        guard let at = t.offset(of: newKey) else { return 0 }
        let one = Array("一、".utf8)
        var s = 0
        var k = 0
        while let hit = Array(t[k...]).offset(of: one), k + hit < at { s = k + hit; k = s + one.count }
        return s
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
