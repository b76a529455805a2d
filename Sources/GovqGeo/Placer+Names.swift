/// The place names of a title, and the evidence of a report's text and folders.
import GovqCube

struct Chain {
    /// The divisions the names leave (the most specific name's, within the earlier ones).
    var candidates: [Int]
    /// Where the text after the last name starts (the body: 人民政府办公室, 公安局, …).
    var end: Int
    var names: [String]
    /// A name known in other years only (下城区 in a report on 2022), and why.
    var absent: (name: String, why: String)?
}

extension Placer {
    /// Reads names left to right; each one after the first must lie within the one before
    /// (济南市 › 历城区). A name that does not is body text (历城区 …, not the name of a place).
    func resolveChain(_ text: [Unicode.Scalar], year: Int?) -> Chain {
        let g = gazetteer
        var chain = Chain(candidates: [], end: 0, names: [])
        for m in g.names.matches(in: text) {
            let all = m.divisions
            let now = all.filter { year == nil || g.divisions[$0].exists(in: year!) }
            if now.isEmpty {
                if chain.candidates.isEmpty, chain.absent == nil, let y = year, let other = all.first {
                    let name = g.divisions[other].name
                    let d = g.divisions[other]
                    let became = g.changes.first { $0.old == other }.map { "; it became \(g.divisions[$0.new].name) on \(Self.dateText($0.date))" } ?? ""
                    chain.absent = (name, d.until <= y * 10000 + 101 ? "no longer existed in \(y)\(became)"
                                                                       : "did not exist yet in \(y)")
                }
                continue
            }
            if chain.candidates.isEmpty {
                chain.candidates = now
            } else {
                let inside = now.filter { c in chain.candidates.contains { g.contains($0, c) } }
                guard !inside.isEmpty else { break }
                chain.candidates = inside
            }
            chain.absent = nil
            chain.end = m.range.upperBound
            chain.names.append(String(scalars: text[m.range]))
        }
        return chain
    }

    /// Each piece of evidence, the divisions it names, and whether it counts only when it
    /// leaves exactly one place (a domain's spelling is shared too often to narrow a choice
    /// to several), in the order they are tried.
    func evidence(_ input: PlacementInput, _ text: TextEvidence) -> [(String, [Int], Bool)] {
        let g = gazetteer
        var out: [(String, [Int], Bool)] = []
        // The divisions a text's names leave, read as a title's are (南京市鼓楼区… is one).
        func named(_ s: String) -> [Int] { resolveChain(Array(s.unicodeScalars), year: input.year).candidates }
        for a in text.addresses { out.append(("address '\(a)'", named(a), false)) }
        for p in text.postcodes { out.append(("postcode \(p)", g.cities(postcode: p), false)) }
        for a in text.areaCodes { out.append(("phone area code \(a)", g.cities(areaCode: a), false)) }
        for d in Set(text.domains).sorted() {
            let found = g.divisions(domain: d).filter { input.year == nil || g.divisions[$0].exists(in: input.year!) }
            out.append(("web domain \(d)", found, true))
        }
        let folders = input.path.split(separator: "/").dropLast().map(String.init)
        for f in folders.reversed() { out.append(("folder '\(f)'", named(f), false)) }
        return out
    }

    static func dateText(_ d: Int) -> String {
        let s = String(d)
        guard s.count == 8 else { return s }
        return "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.suffix(2))"
    }
}
