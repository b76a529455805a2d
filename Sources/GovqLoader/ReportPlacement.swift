/// The placement step after parsing: the report's title names (unit, district), its year and
/// path go to GovqGeo's placer; the contact details in its text (地址, 邮编, 电话, gov.cn
/// domains) are read only when the names leave a choice.
import GovqCube
import GovqGeo

enum ReportPlacement {
    static let placer = Placer()

    static func place(unit: String, district: String, year: Int?, file: String, lines: TextLines) -> ReportPlace {
        placer.place(PlacementInput(unit: unit, district: district, year: year, path: file)) { evidence(lines) }
    }

    private static let address = Array("地址".utf8), postcode = Array("邮编".utf8)
    private static let postcodeLong = Array("邮政编码".utf8), phone = Array("电话".utf8)
    private static let govCN = Array("gov.cn".utf8)

    /// The contact details anywhere in the text.
    static func evidence(_ lines: TextLines) -> TextEvidence {
        var e = TextEvidence()
        for i in 0..<lines.count {
            let line = lines[i]
            guard line.count >= 6 else { continue }
            var s: [Unicode.Scalar]?
            func text() -> [Unicode.Scalar] {
                if let s { return s }
                s = Array(lines.text(i).unicodeScalars)
                return s!
            }
            if line.offset(of: address) != nil { e.addresses += after("地址", in: text()).map(addressText) }
            if line.offset(of: postcode) != nil || line.offset(of: postcodeLong) != nil {
                e.postcodes += (after("邮编", in: text()) + after("邮政编码", in: text())).compactMap { digits($0, count: 6...6) }
            }
            if line.offset(of: phone) != nil {
                e.areaCodes += after("电话", in: text()).compactMap(areaCode)
            }
            if line.offset(of: govCN) != nil { e.domains += TextEvidence.domains(in: text()) }
        }
        return e
    }

    /// The text after each occurrence of `word`, past a colon and spaces.
    private static func after(_ word: String, in s: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        let w = Array(word.unicodeScalars)
        var out: [ArraySlice<Unicode.Scalar>] = []
        var i = 0
        while i + w.count <= s.count {
            if Array(s[i..<(i + w.count)]) == w {
                var j = i + w.count
                while j < s.count, j < i + w.count + 3, ["：", ":", " ", "\u{3000}", "为", "是"].contains(s[j]) { j += 1 }
                out.append(s[j..<min(s.count, j + 60)])
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// An address up to the next separator (；，。）) or the next contact word.
    private static func addressText(_ s: ArraySlice<Unicode.Scalar>) -> String {
        let stops: Set<Unicode.Scalar> = ["；", ";", "，", ",", "。", "）", ")", "、", "邮", "电", "（", "("]
        return String(String.UnicodeScalarView(s.prefix { !stops.contains($0) }))
    }

    /// A run of ASCII digits at the start, when its length is in `count`.
    private static func digits(_ s: ArraySlice<Unicode.Scalar>, count: ClosedRange<Int>) -> String? {
        let run = s.prefix { $0.isASCII && ("0"..."9").contains($0) }
        guard count.contains(run.count), run.count == s.count || !(s[s.startIndex + run.count].isASCII && ("0"..."9").contains(s[s.startIndex + run.count])) else { return nil }
        return String(String.UnicodeScalarView(run))
    }

    /// 0531 of `0531-88023751`, `（0531）88023751` or `0531 88023751`.
    private static func areaCode(_ s: ArraySlice<Unicode.Scalar>) -> String? {
        var t = s
        if let f = t.first, f == "（" || f == "(" { t = t.dropFirst() }
        guard t.first == "0" else { return nil }
        let run = t.prefix { $0.isASCII && ("0"..."9").contains($0) }
        guard (3...4).contains(run.count), run.count < t.count, ["-", "－", "）", ")", " ", "—"].contains(t[t.startIndex + run.count]) else { return nil }
        return String(String.UnicodeScalarView(run))
    }
}
