/// Web and email domains as evidence of place: a government site's own name spells its place
/// in pinyin, whole or by initials (`www.hangzhou.gov.cn`, `@qingdao.gov.cn`, `jnlc.gov.cn` for
/// 济南 › 历城). The pinyin comes from the gazetteer's data (pypinyin, see scripts/gazetteer.py).
/// Many places share a spelling (licheng: 历城区, 黎城县; jn: 济南, 江宁, …), so a domain only ever
/// narrows a choice to one place; it never picks one on its own among several.
import Foundation

/// The spellings of every division, built on first use: placing a report reads a domain only
/// when its title's names leave a choice, which most reports never do.
final class DomainIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [String: [Int]]?
    private let pinyin: String

    init(pinyin: String) { self.pinyin = pinyin }

    func divisions(spelt name: String, in g: Gazetteer) -> [Int] {
        lock.lock(); defer { lock.unlock() }
        if table == nil { table = Self.build(pinyin, g) }
        return table![name] ?? []
    }

    /// Per division: its short name's pinyin whole (jinan) and by initials (jn); for a unit
    /// under a city also the city's spelling before its own (jinanlicheng, jnlc).
    private static func build(_ pinyin: String, _ g: Gazetteer) -> [String: [Int]] {
        let syllables = pinyin.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: " ").map(String.init) }
        guard syllables.count >= g.divisions.count else { return [:] }
        func whole(_ i: Int) -> String { syllables[i].joined() }
        func initials(_ i: Int) -> String { String(syllables[i].compactMap(\.first)) }
        var out: [String: Set<Int>] = [:]
        for (i, d) in g.divisions.enumerated() where !syllables[i].isEmpty {
            var spellings = [whole(i)]
            if syllables[i].count >= 2 { spellings.append(initials(i)) }
            if d.level == .county, let c = g.city(of: i), c != i, !syllables[c].isEmpty {
                spellings += [whole(c) + whole(i), initials(c) + initials(i)]
            }
            for s in spellings { out[s, default: []].insert(i) }
        }
        return out.mapValues { $0.sorted() }
    }
}

extension Gazetteer {
    /// The divisions whose spelling is the site's own name in `host` (the label before
    /// `.gov.cn`: `www.jnlc.gov.cn` → jnlc); none for a host outside gov.cn.
    public func divisions(domain host: String) -> [Int] {
        guard let name = TextEvidence.siteName(host) else { return [] }
        return domains.divisions(spelt: name, in: self)
    }
}

extension TextEvidence {
    private static let suffix = Array(".gov.cn".unicodeScalars)

    /// The gov.cn hosts in a line of text (`www.hangzhou.gov.cn`, `jnlc.gov.cn` of an address
    /// `xxgk@jnlc.gov.cn`), lower-cased.
    public static func domains(in text: [Unicode.Scalar]) -> [String] {
        var out: [String] = []
        var i = 0
        while i + suffix.count <= text.count {
            guard text[i] == ".", Array(text[i..<(i + suffix.count)]).map(lower) == suffix else { i += 1; continue }
            let end = i + suffix.count
            // The host ends there, unless more of a name follows (`.gov.cnx`, `.gov.cn.example.com`
            // are not gov.cn hosts; a full stop after one is).
            let more = end < text.count && isHostScalar(text[end])
                && (text[end] != "." || (end + 1 < text.count && isHostScalar(text[end + 1]) && text[end + 1] != "."))
            if more { i = end; continue }
            var start = i
            while start > 0, isHostScalar(text[start - 1]) { start -= 1 }
            if start < i {
                out.append(String(String.UnicodeScalarView(text[start..<end].map(lower))))
            }
            i = end
        }
        return out
    }

    /// `jnlc` of `www.jnlc.gov.cn`; nil when the host is not under gov.cn or names nothing.
    static func siteName(_ host: String) -> String? {
        guard host.hasSuffix(".gov.cn") else { return nil }
        let labels = host.dropLast(".gov.cn".count).split(separator: ".")
        guard let name = labels.last, name.count >= 2, name != "www", name.allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        return String(name)
    }

    private static func isHostScalar(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == ".")
    }

    private static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(s) ? Unicode.Scalar(s.value + 32)! : s
    }
}
