/// The seventh round's shortcuts outside the table regions, each against the careful reading it
/// stands in for: the line index with its first furniture and heading tests made in one C pass
/// (`govq_lines`), and whole parses with every shortcut against the careful reading
/// (`carefulOutside`). On generated reports of several seeds (plain, with page furniture, the
/// same with their form feeds taken out, flattened), the same reports changed at random (page
/// markers, headings, pictures, blanks, carriage returns), the loader's fixtures and the samples.
import Foundation
import GovqCorpus
import GovqCube
import GovqDiagnostics
import GovqGeo
@testable import GovqLoader
import Testing

@Suite struct OutsideTablesDifferentialTests {
    /// Every text the comparisons run on, decoded as the loader decodes it.
    static let texts: [(name: String, bytes: [UInt8])] = {
        var out: [(String, [UInt8])] = []
        var rng = CorpusRandom(seed: 71)
        for seed in [31, 32] as [UInt64] {
            let plain = CorpusGenerator(seed: seed)
            for i in 0..<250 { out.append(("seed \(seed) \(i)", plain.report(i).bytes)) }
        }
        let pages = CorpusGenerator(seed: 33, pageFurniture: true)
        for i in 0..<150 {
            let bytes = pages.report(i).bytes
            out.append(("pages \(i)", bytes))
            // The page markers and running headers without the form feeds beside them.
            out.append(("pages without form feeds \(i)", bytes.filter { $0 != 0x0C }))
        }
        let plain = CorpusGenerator(seed: 34)
        for i in 0..<80 {
            let lines = plain.report(i).bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            out.append(("flattened \(i)", Array(lines.prefix(3).joined(separator: [0x0A])) + [0x0A] + Array(lines.dropFirst(3).joined(separator: [0x20]))))
        }
        for i in 0..<300 { out.append(("changed \(i)", changed(plain.report(250 + i).bytes, &rng))) }
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        for dir in [tests.appendingPathComponent("GovqLoaderTests/Fixtures").path, Support.samples] {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() where name.hasSuffix(".txt") {
                if let data = FileManager.default.contents(atPath: dir + "/" + name) { out.append((name, [UInt8](data))) }
            }
        }
        return out.compactMap { name, bytes in
            if bytes.withUnsafeBufferPointer(TextDecoding.isPlainUTF8) { return (name, bytes) }
            return TextDecoding.decode(bytes).map { (name, $0.bytes) }
        }
    }()

    /// Lines a real text has that a line test must tell apart: page markers of every form,
    /// headings typed every way, pictures, numbers, blanks.
    static let oddLines = ["- 7 -", "— 7 —", "-4-", "第 4 页", "第4页 共12页", "共12页 第4页", "4/12", "4 / 12", "4／12", "Page 4 of 12",
                           "page 3", "7", "  12", "１２", "－３－", "~5~", "·6·", "\t- 8 -", "[image: logo.png]", "[image:", "三、收到和处理政府信息公开申请情况",
                           "  四 、政府信息公开行政复议、行政诉讼情况", "\u{3000}五、存在的主要问题", "六．其他", "三是加强", "四、结转下年度继续办理", "五,", "六",
                           "\u{3000}\u{3000}三、收到", "3 04", "0 5 5 0 10", "1．属于国家秘密", "（一）予以公开", "-", "—", "无", "", " ", "\t", "\r", "某某区人民政府",
                           "2021年度政府信息公开工作年度报告", "全年受理申请35件，办结33件", "第二十条第（一）项", "共", "第"]

    /// A report with lines inserted, doubled or lost, carriage returns added, anywhere.
    static func changed(_ bytes: [UInt8], _ r: inout CorpusRandom) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for _ in 0..<(1 + r.int(6)) {
            let i = r.int(lines.count)
            switch r.int(5) {
            case 0: lines.insert(Array(r.pick(oddLines).utf8), at: i)
            case 1: lines.insert(Array(r.pick(oddLines).utf8), at: i)
            case 2: lines[i] += [0x0D]
            case 3: lines.insert(lines[i], at: i)
            default: if lines.count > 1 { lines.remove(at: i) }
            }
        }
        var out = Array(lines.joined(separator: [0x0A]))
        if r.chance(0.2) { out += [0x0D] }
        return out
    }

    @Test func theTextsHoldWhatTheComparisonsNeed() {
        #expect(Self.texts.count > 1200)
        let marked = Self.texts.filter { t in
            let lines = TextLines(ByteStorage(t.bytes))
            return withExtendedLifetime(lines) { (0..<lines.count).contains { lines.carriesNothing($0) } }
        }
        #expect(marked.count >= 100, "only \(marked.count) texts with furniture")
    }

    /// The line index, its furniture marks and the headings found from it, both ways.
    @Test func linesAreTheCarefulOnes() {
        for (name, bytes) in Self.texts { expectSameLines(bytes, name) }
    }

    /// Random texts of the odd lines, joined by \n, \r\n or nothing, cut anywhere.
    @Test func linesOfRandomTextsAreTheCarefulOnes() {
        var rng = CorpusRandom(seed: 72)
        for round in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.int(in: 0...30) {
                bytes += Array(rng.pick(Self.oddLines).utf8)
                bytes += rng.pick([[0x0A], [0x0D, 0x0A], [], [0x0A, 0x0A], [0x20]])
            }
            if rng.chance(0.3), !bytes.isEmpty { bytes.removeLast(rng.int(in: 0...min(4, bytes.count))) }
            expectSameLines(bytes, "round \(round)")
        }
    }

    /// The same with form feeds among the joins (at a line's start or end, doubled, before a
    /// carriage return, alone on a line): `govq_lines` tests the lines as they are cut.
    @Test func linesOfRandomFormFedTextsAreTheCarefulOnes() {
        var rng = CorpusRandom(seed: 73)
        var formFed = 0
        for round in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.int(in: 0...30) {
                bytes += Array(rng.pick(Self.oddLines).utf8)
                bytes += rng.pick([[0x0A], [0x0D, 0x0A], [], [0x0A, 0x0A], [0x20], [0x0C], [0x0C, 0x0A], [0x0A, 0x0C], [0x0D, 0x0C, 0x0A],
                                   [0x0C, 0x0D, 0x0A], [0x0A, 0x0C, 0x0C], [0x0A, 0x0C, 0x0A], [0x20, 0x0C]])
            }
            if rng.chance(0.3), !bytes.isEmpty { bytes.removeLast(rng.int(in: 0...min(4, bytes.count))) }
            if bytes.contains(0x0C) { formFed += 1 }
            expectSameLines(bytes, "round \(round)")
        }
        #expect(formFed > 3000)
    }

    private func expectSameLines(_ bytes: [UInt8], _ name: String) {
        let fast = TextLines(ByteStorage(bytes)), careful = TextLines(ByteStorage(bytes), careful: true)
        withExtendedLifetime((fast, careful)) {
            #expect(fast.ranges == careful.ranges, "\(name)")
            guard fast.ranges == careful.ranges else { return }
            #expect((0..<fast.count).allSatisfy { fast.carriesNothing($0) == careful.carriesNothing($0) }, "\(name)")
            let a = Headings(fast), b = Headings(careful)
            #expect(a.applications == b.applications && a.reviews == b.reviews && a.closing == b.closing, "\(name)")
        }
    }

    /// Whole parses: record, summary (with the place), totals and every diagnostic the same.
    @Test func parsesAreTheCarefulOnes() {
        var differing: [String] = []
        for (name, bytes) in Self.texts {
            let fast = ReportParser.parse(ByteStorage(bytes), file: name)
            let careful = ReportParser.parse(ByteStorage(bytes), file: name, carefulOutside: true)
            if let d = Self.difference(fast, careful) { differing.append("\(name): \(d)") }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5).joined(separator: "\n"))")
    }

    static func difference(_ a: ParsedReport, _ b: ParsedReport) -> String? {
        if a.summary.status != b.summary.status || a.summary.reason != b.summary.reason { return "status" }
        if a.summary.district != b.summary.district || a.summary.unit != b.summary.unit || a.summary.year != b.summary.year
            || a.summary.template != b.summary.template || a.summary.place != b.summary.place { return "summary" }
        if a.totals != b.totals || a.encoding != b.encoding { return "totals" }
        if a.record?.applications != b.record?.applications || a.record?.reviews != b.record?.reviews
            || a.record?.status != b.record?.status || a.record?.place != b.record?.place || a.record?.district != b.record?.district
            || a.record?.unit != b.record?.unit || a.record?.year != b.record?.year { return "record" }
        if a.diagnostics != b.diagnostics { return "diagnostics \(a.diagnostics.map(\.message)) / \(b.diagnostics.map(\.message))" }
        return nil
    }
}

/// The title's unit and year and the unit's district, against the functions as they were
/// before this round (kept below), on every division name with body words after it, the
/// generated reports' units, and names made of place suffixes and department words at random.
extension OutsideTablesDifferentialTests {
    static let unitNames: [String] = {
        var rng = CorpusRandom(seed: 73)
        let bodies = ["人民政府办公室", "人民政府", "政府办公室", "管理委员会办公室", "市场监督管理局", "城市管理局", "住房和城乡建设局", "乡村振兴局",
                      "民政局", "街道办事处", "镇人民政府", "党工委", "办公室", "区域合作办", "城市综合执法局", "和城市建设局", ""]
        let pieces = ["市", "区", "县", "省", "州", "盟", "旗", "镇", "乡", "城", "运城", "聊城", "和", "与", "市场", "城市", "街道", "人民", "年度", "2021年",
                      "临淄", "历城", "济南", "青岛", "一", "abc", "(", "》"]
        var out: [String] = []
        for d in GovqGeo.Gazetteer.shared.divisions.prefix(3000) { out.append(d.name + rng.pick(bodies)) }
        for _ in 0..<3000 { out.append((0..<rng.int(in: 1...6)).map { _ in rng.pick(pieces) }.joined() + rng.pick(bodies)) }
        let plain = CorpusGenerator(seed: 35)
        for i in 0..<300 { out.append(plain.report(i).truth.unit ?? "") }
        return out
    }()

    @Test func districtsAreTheOldOnes() {
        var differing: [String] = []
        for u in Self.unitNames where Metadata.district(of: u) != OldMetadata.district(of: u) { differing.append(u) }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test func titlesAreReadAsBefore() {
        var rng = CorpusRandom(seed: 74)
        var differing: [String] = []
        for u in Self.unitNames {
            let y = rng.int(in: 2015...2026)
            for title in ["\(u)\(y)年度政府信息公开工作年度报告", "\(y)年\(u)政府信息公开年度报告", "关于\(u)\(y)年政府信息公开工作报告",
                          "\(u)信息公开\(y)", "\(y)年度\(y)年度\(u)人民政府信息公开", "\(u)"] {
                let new = Metadata.parseTitle(title), old = OldMetadata.parseTitle(title)
                if new?.0 != old?.0 || new?.1 != old?.1 { differing.append(title) }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }
}

/// `Metadata.district(of:)` and `parseTitle` as they were before the seventh round.
private enum OldMetadata {
    static func parseTitle(_ title: String) -> (String, Int?)? {
        var t = title
        let y = Metadata.year(in: t)
        if let y {
            for form in ["\(y)年度", "\(y)年", "\(y)"] where t.includes(form) {
                t = t.replacingAll([form], with: "")
                break
            }
        }
        if t.utf8.starts(with: "关于".utf8) { t.removeFirst(2) }
        guard let r = t.byteRange(of: "政府信息公开") ?? t.byteRange(of: "信息公开") else { return nil }
        var unit = String(t[..<r.lowerBound])
        if unit.endsWith("人民") { unit += "政府" }
        if unit.endsWith("年度") { unit.removeLast(2) }
        guard !unit.isEmpty, unit.unicodeScalars.count <= 40,
              !unit.unicodeScalars.contains(where: { [0x3E, 0x7C, 0x2F, 0x3A, 0xFF1A].contains($0.value) }) else { return nil }
        return (unit, y)
    }

    static func district(of unit: String) -> String {
        var u = Array(unit.utf8)
        var changed = true
        while changed {
            changed = false
            for s in Metadata.bodySuffixes where u.count > s.count && u.suffix(s.count).elementsEqual(s) {
                u.removeLast(s.count)
                changed = true
                break
            }
        }
        if isPlaceSuffix(u, at: u.count - 3) || u.suffix(6).elementsEqual(Array("街道".utf8)) { return String(decoding: u, as: UTF8.self) }
        var cut: Int?
        var i = 0
        while i < u.count {
            if i > 0, isPlaceSuffix(u, at: i), !insideWord(u, at: i) { cut = i }
            i += RowLabels.characterWidth(u[i])
        }
        return String(decoding: cut.map { u[..<($0 + 3)] } ?? u[...], as: UTF8.self)
    }

    private static func code(_ u: [UInt8], _ i: Int) -> UInt32 {
        i >= 0 && i + 3 <= u.count ? UInt32(u[i]) << 16 | UInt32(u[i + 1]) << 8 | UInt32(u[i + 2]) : 0
    }

    private static func isPlaceSuffix(_ u: [UInt8], at i: Int) -> Bool { Metadata.placeSuffixes.contains(code(u, i)) }

    private static func insideWord(_ u: [UInt8], at i: Int) -> Bool {
        let c = code(u, i)
        let conjunctions: [UInt32] = "和与及".unicodeScalars.map { code(Array(String($0).utf8), 0) }
        for w in Metadata.wordsWithPlaceSuffixes {
            for k in stride(from: 0, to: w.count, by: 3) where code(w, k) == c {
                let start = i - k
                guard start >= 0, start + w.count <= u.count else { continue }
                if w.starts(with: Array("城市".utf8)), start > 0, !isPlaceSuffix(u, at: start - 3), !conjunctions.contains(code(u, start - 3)) { continue }
                if u.matches(w, at: start) { return true }
            }
        }
        return false
    }
}
