/// Adjacent text runs of one paragraph joined for libxml2: Word and LibreOffice split a
/// paragraph's text into runs (`<w:r><w:rPr>…</w:rPr><w:t>2019</w:t></w:r><w:r>…<w:t>年</w:t>`),
/// and once their formatting and run tags are cut, `</w:t><w:t>` is all that is left between
/// two pieces of one text: two elements and their events for nothing. The reader appends
/// every `w:t`'s characters to its paragraph, so `<w:t>2019年</w:t>` gives it the same bytes.
///
/// Two runs are joined only when everything between them is cut already (no tab, break,
/// paragraph or text between), each holds text only, and the join cannot make one token of
/// the two texts that libxml2 reads otherwise: the first does not end inside a reference
/// (`&am` + `p;`), on `]` (`]]` + `>`), on a CR (CR LF is one line end) or inside a UTF-8
/// scalar. What the join removes (an end tag, a start tag in the strict form, cuts) holds
/// no error of the file.
struct TextRunJoins {
    /// One `w:t` with text only: its start tag's `<`, its text, and just after its end tag.
    struct Run { var lt: Int; var text: Range<Int>; var end: Int }

    /// `cuts` (in order, empty ones skipped) with the joins of `runs` (in order) put in: each a
    /// cut from the first run's end tag to the second's text, replacing the cuts inside it.
    static func apply(_ runs: [Run], to cuts: [Range<Int>], in p: UnsafePointer<UInt8>) -> [Range<Int>] {
        guard runs.count >= 2 else { return cuts }
        let cuts = cuts.filter { !$0.isEmpty }
        var joins: [Range<Int>] = []
        var j = 0
        for k in 1..<runs.count {
            let a = runs[k - 1], b = runs[k]
            guard a.end <= b.lt else { continue }
            // Every byte from the first run's end to the second's `<` is in a cut.
            while j < cuts.count, cuts[j].upperBound <= a.end { j += 1 }
            var at = a.end, c = j
            while at < b.lt, c < cuts.count, cuts[c].lowerBound == at { at = cuts[c].upperBound; c += 1 }
            guard at == b.lt, mayJoin(a.text, b.text, p) else { continue }
            joins.append(a.text.upperBound..<b.text.lowerBound)
        }
        guard !joins.isEmpty else { return cuts }
        var out: [Range<Int>] = []
        out.reserveCapacity(cuts.count)
        var i = 0
        for join in joins {
            while i < cuts.count, cuts[i].upperBound <= join.lowerBound { out.append(cuts[i]); i += 1 }
            // The cuts inside the join (between the runs, the second one's attributes).
            while i < cuts.count, cuts[i].lowerBound >= join.lowerBound, cuts[i].upperBound <= join.upperBound { i += 1 }
            out.append(join)
        }
        out.append(contentsOf: cuts[i...])
        return out
    }

    /// Whether text `a` followed at once by text `b` reads as the two one after the other.
    static func mayJoin(_ a: Range<Int>, _ b: Range<Int>, _ p: UnsafePointer<UInt8>) -> Bool {
        if !b.isEmpty, p[b.lowerBound] & 0xC0 == 0x80 { return false }
        guard !a.isEmpty else { return true }
        let last = p[a.upperBound - 1]
        if last == 0x5D || last == 0x0D { return false }
        if last >= 0x80 {
            // The last scalar whole: its lead byte, and as many continuation bytes as it says.
            var lead = a.upperBound - 1
            while lead > a.lowerBound, p[lead] & 0xC0 == 0x80, a.upperBound - lead < 4 { lead -= 1 }
            let b0 = p[lead]
            let len = b0 >= 0xC2 && b0 < 0xE0 ? 2 : b0 >= 0xE0 && b0 < 0xF0 ? 3 : b0 >= 0xF0 && b0 < 0xF5 ? 4 : 0
            if len != a.upperBound - lead { return false }
        }
        // No reference left open: from the end, a `;` (or the start) before any `&`.
        var k = a.upperBound - 1
        while k >= a.lowerBound {
            if p[k] == 0x3B { break }
            if p[k] == 0x26 { return false }
            k -= 1
        }
        return true
    }
}
