/// Shared pieces of the hardening tests: a small, well-formed report to break in many ways, a
/// scratch folder, GB18030 encoding through iconv, and the sample report whose numbers must
/// survive any bad neighbour.
import Foundation
import GovqCube
import GovqLoader
#if canImport(Glibc)
import Glibc
#endif

enum Hardening {
    /// The package root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The good neighbour: Samples/reports/000 (济南市历城区, 2019). Its numbers below are read
    /// from the report's table by hand (/work/shared/seeds/truth.json).
    static let goodSample = root.appendingPathComponent("Samples/reports/000_55b3ad02e644708f.txt").path
    static let goodDistrict = "济南市历城区"
    /// (outcome, applicant, value) from the report's text.
    static let goodCells: [(Outcome, ApplicantType, Int32)] = [
        (.new, .naturalPerson, 304), (.new, .business, 7), (.new, .otherOrg, 3),
        (.granted, .naturalPerson, 111), (.partial, .business, 2), (.unavailableNotHeld, .naturalPerson, 83),
    ]

    /// A complete 2019-template report, one row per line, tab-separated (the shape of
    /// Tests/GovqLoaderTests/Fixtures/rows-tab-separated.txt). Line numbers matter to the
    /// tests: the title is line 1, `（一）予以公开` line 11, `（七）总计` line 31.
    static let base = """
        某某市示范区2020年政府信息公开工作年度报告
        一、总体情况
        本年度，我单位认真贯彻落实《条例》。
        二、主动公开政府信息情况
        略。
        三、收到和处理政府信息公开申请情况
        申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计
        一、本年新收政府信息公开申请数量\t10\t2\t1\t0\t1\t0\t14
        二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t1\t2
        三、本年度办理结果
        （一）予以公开\t5\t1\t0\t0\t0\t0\t6
        （二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1
        （三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
        2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1
        3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
        4.保护第三方合法权益\t0\t1\t0\t0\t0\t0\t1
        5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
        6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
        7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
        8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
        （四）无法提供\t1.本机关不掌握相关政府信息\t2\t0\t1\t0\t0\t0\t3
        2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
        3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
        （五）不予处理\t1.信访举报投诉类申请\t1\t0\t0\t0\t0\t0\t1
        2.重复申请\t0\t0\t0\t0\t0\t0\t0
        3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
        4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
        5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
        （六）其他处理\t0\t0\t0\t0\t1\t0\t1
        （七）总计\t10\t2\t1\t0\t1\t0\t14
        四、结转下年度继续办理\t1\t0\t0\t0\t0\t1\t2
        四、政府信息公开行政复议、行政诉讼情况
        \t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
        行政复议\t1\t0\t0\t1\t2
        行政诉讼未经复议直接起诉\t0\t1\t0\t0\t1
        行政诉讼复议后起诉\t0\t0\t0\t0\t0
        五、存在的主要问题及改进情况
        无。
        六、其他需要报告的事项
        无。

        """

    /// The base report with line `n` (1-based) replaced.
    static func base(replacingLine n: Int, with line: String) -> String {
        var lines = base.components(separatedBy: "\n")
        lines[n - 1] = line
        return lines.joined(separator: "\n")
    }

    /// The base report with `lines` inserted before line `n` (1-based).
    static func base(inserting lines: [String], before n: Int) -> String {
        var all = base.components(separatedBy: "\n")
        all.insert(contentsOf: lines, at: n - 1)
        return all.joined(separator: "\n")
    }

    /// A fresh folder under the temporary directory, removed by the caller.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govq-harden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Text in GB18030 (a superset of GBK and GB2312), through glibc's iconv.
    static func gb18030(_ text: String) -> [UInt8] {
        let cd = iconv_open("GB18030", "UTF-8")
        precondition(cd != iconv_t(bitPattern: -1), "iconv has no GB18030")
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                precondition(iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0)
                return outBuf.count - outLeft
            }
        }
        return Array(output[..<written])
    }

    /// UTF-16 with a byte-order mark (or without, when `bom` is false).
    static func utf16(_ text: String, littleEndian: Bool, bom: Bool = true) -> [UInt8] {
        var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for u in text.utf16 {
            let (lo, hi) = (UInt8(u & 0xFF), UInt8(u >> 8))
            out += littleEndian ? [lo, hi] : [hi, lo]
        }
        return out
    }

    /// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
    static func noise(count: Int, seed: UInt64) -> [UInt8] {
        var x = seed | 1
        return (0..<count).map { _ in
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return UInt8(truncatingIfNeeded: x >> 32)
        }
    }
}

extension LoadResult {
    /// The index of the report read from `file` in the cube.
    func report(endingWith file: String) -> Int? {
        (0..<cube.reportCount).first { cube.file[report: $0].hasSuffix(file) }
    }

    func value(_ report: Int, _ o: Outcome, _ a: ApplicantType) -> Int32? {
        cube.applications.value(report: report, row: o.rawValue, column: a.rawValue)
    }
}
