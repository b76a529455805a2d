/// Page furniture as a PDF export leaves it: every 25–60 lines a page ends with its number in
/// one of the forms real exports print (`- 7 -`, `— 7 —`, `-7-`, `第 7 页`, `第7页 共9页`, `7/9`,
/// `Page 7 of 9`, a bare `7` before the form feed), indented or not, then a form feed and, on
/// most reports, a running header. Breaks fall anywhere after the title, tables included: the
/// loader must read every cell as if they were not there.

public enum PageBreaks {
    /// The page-number forms; `{n}` is the page, `{of}` the page count.
    static let forms = ["- {n} -", "— {n} —", "-{n}-", "第 {n} 页", "第{n}页 共{of}页", "{n}/{of}", "Page {n} of {of}", "{n}",
                        "－ {n} －", "第{n}页/共{of}页"]

    /// The forms as the truth's layout names them (`- {n} -` → `-_{n}_-`).
    public static var formNames: [String] { forms.map { $0.replacingOccurrences(of: " ", with: "_") } }

    /// `text` with page breaks put in, and a short description for the truth's layout.
    static func insert(_ text: String, header: String, _ r: inout CorpusRandom) -> (text: String, layout: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // After the title and the first paragraph: the metadata reader sees the title as printed.
        guard let body = lines.firstIndex(where: { $0.contains("总体情况") }) else { return (text, "") }
        let form = r.int(forms.count)
        let indent = r.pick(["", "", String(repeating: " ", count: 20 + r.int(24)), "\t", "\u{3000}\u{3000}"])
        let formFeed = forms[form] == "{n}" || r.chance(0.8)
        let running = r.chance(0.6)
        var at: [Int] = []
        var i = body + 1 + r.int(20)
        while i < lines.count - 2 {
            at.append(i)
            i += 25 + r.int(36)
        }
        let pages = at.count + 1
        for (k, line) in at.enumerated().reversed() {
            let n = k + 1
            let page = indent + forms[form].replacingOccurrences(of: "{n}", with: String(n)).replacingOccurrences(of: "{of}", with: String(pages))
            var inserted = [page]
            if formFeed { inserted.append("\u{0C}" + (running ? header : "")) } else if running { inserted.append(header) }
            if formFeed, !running, r.chance(0.5) {
                // The form feed opens the next page's first line.
                inserted.removeLast()
                lines[line] = "\u{0C}" + lines[line]
            }
            lines.insert(contentsOf: inserted, at: line)
        }
        let desc = " page-markers=\(forms[form].replacingOccurrences(of: " ", with: "_"))" + (formFeed ? "+ff" : "") + (running ? "+header" : "")
        return (lines.joined(separator: "\n"), desc)
    }
}
