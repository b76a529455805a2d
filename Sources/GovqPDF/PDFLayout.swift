/// Character boxes → document lines, in small steps, each a function (pdfplumber's shape):
/// glyphs → text lines (by vertical overlap) → words (by horizontal gaps) → page furniture
/// dropped (page numbers, running headers) → table blocks → columns (from where the numbers
/// stand) → rows of cells, with an empty field where a column has no number. Pages follow one
/// another, so a table continues across a page break. Tolerances are named, in units of the
/// text's height.
import GovqDocument

public enum PDFLayout {
    /// Two glyphs are on one line when their vertical centres are closer than this many heights.
    public static let lineTolerance = 0.5
    /// A gap wider than this many heights separates two words (two cells of a table).
    public static let wordGap = 0.9
    /// Beside a digit, a narrower gap separates words: a label's cell and the number in the
    /// next one (`…申请数量` 14 points before `304`, its glyphs 15.6 high), two numbers of
    /// narrow cells (`3` 11 points before `315`), where text inside a cell (`2.其他`, `12件`,
    /// `304`) sets its glyphs together.
    public static let digitGap = 0.25
    /// Page furniture lives in this share of the page's height at its top and bottom.
    public static let marginShare = 0.09

    public struct Glyph: Sendable {
        public var scalar: Unicode.Scalar
        public var x0, y0, x1, y1: Double
        public var isSpace: Bool { scalar.properties.isWhitespace || scalar == "\u{3000}" }
        var height: Double { max(y1 - y0, 0.1) }
        var yCenter: Double { (y0 + y1) / 2 }
    }

    public struct Page: Sendable {
        public var number: Int
        public var width, height: Double
        public var glyphs: [Glyph] = []
    }

    struct Word {
        var text: String
        var x0, y0, x1, y1: Double
        var xCenter: Double { (x0 + x1) / 2 }
        var isNumber: Bool { !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
    }

    struct Line {
        var page: Int
        var words: [Word]
        var y: Double { words.first?.y0 ?? 0 }
        var text: String { words.map(\.text).joined(separator: " ") }
        var numbers: Int { words.count(where: \.isNumber) }
    }

    /// Every page's lines, furniture dropped, tables laid out.
    static func document(_ pages: [Page]) -> Document {
        var lines: [Line] = []
        for page in pages { lines += textLines(page).sorted { $0.y < $1.y } }
        lines = PDFTable.mergeWrappedLabels(dropFurniture(lines, pages: pages))
        return Document(kind: .pdf, lines: PDFTable.render(lines))
    }

    /// A page's glyphs grouped into lines by their vertical centres, each line's glyphs split
    /// into words at wide gaps. Spaces only separate; a narrow space inside a word stays one.
    static func textLines(_ page: Page) -> [Line] {
        var (glyphs, vertical) = splitVertical(page.glyphs.filter { !$0.isSpace && $0.x1 >= $0.x0 })
        glyphs.sort { $0.yCenter < $1.yCenter }
        var groups: [[Glyph]] = []
        var center = 0.0, height = 0.0
        for g in glyphs {
            if let last = groups.indices.last, abs(g.yCenter - center) < lineTolerance * min(g.height, height) {
                groups[last].append(g)
            } else {
                groups.append([g])
                center = g.yCenter
                height = g.height
            }
        }
        let spaces = page.glyphs.filter(\.isSpace)
        return groups.map { group in
            let sorted = group.sorted { $0.x0 < $1.x0 }
            var words: [Word] = []
            var prev: Glyph?
            for g in sorted {
                let h = max(g.height, prev?.height ?? 0)
                let isDigit = { (x: Glyph) in ("0"..."9").contains(x.scalar) }
                // Digits of one number touch; a gap beside a digit is a cell's edge.
                let gap = prev.map { isDigit($0) || isDigit(g) ? digitGap : wordGap } ?? wordGap
                if let p = prev, g.x0 - p.x1 <= gap * h, var w = words.popLast() {
                    // A space poppler placed between them keeps ASCII words apart (`Page 2`).
                    if g.x0 - p.x1 > 0.15 * h, spaces.contains(where: { $0.x0 >= p.x1 - 0.5 && $0.x1 <= g.x0 + 0.5
                                                                          && abs($0.yCenter - g.yCenter) < h / 2 }),
                       p.scalar.isASCII, g.scalar.isASCII {
                        w.text.unicodeScalars.append(" ")
                    }
                    w.text.unicodeScalars.append(g.scalar)
                    w.x1 = max(w.x1, g.x1); w.y0 = min(w.y0, g.y0); w.y1 = max(w.y1, g.y1)
                    words.append(w)
                } else {
                    words.append(Word(text: String(g.scalar), x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1))
                }
                prev = g
            }
            return Line(page: page.number, words: words)
        } + vertical.map { Line(page: page.number, words: [$0]) }
    }

    /// A glyph step down no larger than this many heights, at the same x, is text set
    /// vertically (a rowspan's label, `三、本年度办理结果`, one character a line).
    public static let verticalStep = 1.2

    /// Runs of three or more glyphs stacked at one x, each right under the one before: taken
    /// out of the page's lines (they would cut into the rows beside them) as one word each.
    static func splitVertical(_ glyphs: [Glyph]) -> ([Glyph], [Word]) {
        let byX = glyphs.indices.sorted { (glyphs[$0].x0, glyphs[$0].y0) < (glyphs[$1].x0, glyphs[$1].y0) }
        let byY = glyphs.indices.sorted { glyphs[$0].yCenter < glyphs[$1].yCenter }
        /// Whether a glyph has a neighbour on its line, close enough to be of its word: then it
        /// is a line of a cell's wrapped text (`（二）部分公开（区分处理` / `的，只计…`), whose
        /// first characters stand stacked too, not text set vertically.
        func hasNeighbour(_ i: Int) -> Bool {
            let g = glyphs[i]
            var lo = 0, hi = byY.count
            while lo < hi { let m = (lo + hi) / 2; if glyphs[byY[m]].yCenter < g.yCenter - g.height / 2 { lo = m + 1 } else { hi = m } }
            var k = lo
            while k < byY.count, glyphs[byY[k]].yCenter <= g.yCenter + g.height / 2 {
                let o = glyphs[byY[k]]
                if byY[k] != i, o.x0 - g.x1 < 0.3 * g.height, g.x0 - o.x1 < 0.3 * g.height { return true }
                k += 1
            }
            return false
        }
        var taken = Set<Int>(), words: [Word] = []
        var run: [Int] = []
        func close() {
            if run.count >= 3, !run.contains(where: hasNeighbour) {
                let g = run.map { glyphs[$0] }
                words.append(Word(text: String(String.UnicodeScalarView(g.map(\.scalar))), x0: g[0].x0, y0: g[0].y0,
                                  x1: g.map(\.x1).max()!, y1: g.last!.y1))
                taken.formUnion(run)
            }
            run = []
        }
        for i in byX {
            let g = glyphs[i]
            if let last = run.last {
                let p = glyphs[last]
                let step = g.y0 - p.y0
                if abs(g.x0 - p.x0) < 0.5, abs(g.x1 - p.x1) < 0.5, step > 0.5 * p.height, step <= verticalStep * p.height {
                    run.append(i)
                    continue
                }
                close()
            }
            run = [i]
        }
        close()
        return (glyphs.indices.filter { !taken.contains($0) }.map { glyphs[$0] }, words)
    }

    /// Page numbers (`-3-`, `第 3 页`, `3/10`, a lone number in the margin) wherever they fall
    /// (a footer can fall between a table's rows), and lines repeated in the top or bottom
    /// margin of several pages (running headers and footers).
    static func dropFurniture(_ lines: [Line], pages: [Page]) -> [Line] {
        let heights = Dictionary(pages.map { ($0.number, $0.height) }, uniquingKeysWith: { a, _ in a })
        func inMargin(_ l: Line) -> Bool {
            guard let h = heights[l.page], h > 0 else { return false }
            return l.y < h * marginShare || l.y > h * (1 - marginShare)
        }
        var repeated: [String: Set<Int>] = [:]
        for l in lines where inMargin(l) { repeated[digitless(l.text), default: []].insert(l.page) }
        return lines.compactMap { line in
            if pages.count > 1, inMargin(line), (repeated[digitless(line.text)]?.count ?? 0) >= 2, line.numbers < 3 { return nil }
            var l = line
            l.words.removeAll { isPageNumber($0.text) || (inMargin(line) && line.words.count == 1 && $0.isNumber && $0.text.count <= 3) }
            return l.words.isEmpty ? nil : l
        }
    }

    static func digitless(_ s: String) -> String { String(s.unicodeScalars.filter { !("0"..."9").contains($0) && $0 != " " }) }

    /// `-3-`, `- 3 -`, `—3—`, `第3页`, `第 3 页 共 9 页`, `3/10`.
    static func isPageNumber(_ s: String) -> Bool {
        let t = s.replacingOccurrences(of: " ", with: "")
        let u = Array(t.unicodeScalars)
        guard u.count >= 2, u.count <= 14 else { return false }
        let digit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        let dash: (Unicode.Scalar) -> Bool = { $0 == "-" || $0 == "—" || $0 == "–" || $0 == "－" }
        if dash(u.first!), dash(u.last!), u.count > 2, u.dropFirst().dropLast().allSatisfy(digit) { return true }
        if u.first == "第", u.last == "页" {
            return u.allSatisfy { digit($0) || $0 == "第" || $0 == "页" || $0 == "共" }
        }
        if let slash = u.firstIndex(of: "/"), slash > 0, slash < u.count - 1 {
            return u[..<slash].allSatisfy(digit) && u[(slash + 1)...].allSatisfy(digit)
        }
        return false
    }
}
