/// One report file's bytes → a record, a summary and diagnostics. A pure function: no file
/// system, no shared state, so the loader can run it on every core at once.
///
///     report   = [chrome] title … "三、" applications-table "四、" reviews-table "五、" …
import CGovqText
import GovqCube
import GovqDiagnostics

/// Everything read from one file.
public struct ParsedReport: Sendable {
    /// nil when the file was skipped.
    public var record: ReportRecord?
    public var summary: ReportSummary
    public var diagnostics: [Diagnostic]
    /// The 总计 column as the report prints it, by `Outcome.rawValue` (validated, not stored in the cube).
    public var totals: [Int32?]
    public var encoding: TextEncoding?
    /// Every cell read into the record, with its source; filled only when `provenance` is asked.
    public var cells: [CellSource] = []
}

public enum ReportParser {
    /// Parses one report. `file` names it in the summary and in every diagnostic.
    public static func parse(bytes: [UInt8], file: String, provenance: Bool = false) -> ParsedReport {
        // HTML, PDF and DOCX are read by their format's reader first (DocumentParser).
        DocumentParser.parse(ByteStorage(bytes), file: file, provenance: provenance)
    }

    /// Parses bytes already held: a UTF-8 file is read in place, without a copy.
    /// `fastTables: false` reads every table with the careful reader, `carefulOutside: true`
    /// everything around the tables with the careful reading the shortcuts stand in for
    /// (the differential tests).
    static func parse(_ storage: ByteStorage, file: String, provenance: Bool = false, fastTables: Bool = true,
                      carefulOutside: Bool = false) -> ParsedReport {
        var result = ParsedReport(record: nil, summary: ReportSummary(file: file, status: .skipped), diagnostics: [],
                                  totals: Array(repeating: nil, count: Outcome.allCases.count), encoding: nil)
        func skip(_ reason: String) -> ParsedReport {
            result.summary.status = .skipped
            result.summary.reason = reason
            result.record = nil
            return result
        }
        let raw = storage.buffer
        if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return skip("empty file") }
        var lines: TextLines
        if TextDecoding.isPlainUTF8(raw) {
            result.encoding = .utf8
            lines = TextLines(storage, careful: carefulOutside)
        } else {
            guard let (utf8, encoding) = TextDecoding.decode(Array(raw)) else { return skip("not UTF-8, UTF-16 or GB18030") }
            result.encoding = encoding
            lines = TextLines(ByteStorage(utf8), careful: carefulOutside)
        }
        // A table flattened onto one line is read from the same text rewritten one row a line.
        if mayHoldFlattenedTable(lines), let u = FlattenedTable.unflatten(lines, file: file) {
            lines = TextLines(ByteStorage(u.bytes), careful: carefulOutside)
            lines.lineMap = u.lineMap
            lines.recoveredLines = u.recovered
            result.diagnostics += u.diagnostics
        }
        // The scanners hold pointers into `lines`' bytes; keep them alive to the end.
        defer { withExtendedLifetime(lines) {} }
        let headings = Headings(lines)

        // The first applications heading whose region holds a table (a table of contents may
        // list the headings first).
        var found: (table: ApplicationsTable, start: Int)?
        for start in headings.applications {
            let end = headings.next(after: start, in: headings.reviews + headings.closing) ?? lines.count
            // The fast path for a clean table, the careful reader for everything else (table4).
            let table = (provenance || !fastTables ? nil : ApplicationsTable.readFast(lines, (start + 1)..<end))
                ?? ApplicationsTable.read(CellScanner.cells(lines, (start + 1)..<end), in: lines)
            if table.isTable { found = (table, start); break }
        }
        if found == nil, let start = (0..<lines.count).first(where: { RowLabels.normalize(lines.text($0)).includes("本年新收") }) {
            let end = headings.next(after: start, in: headings.reviews + headings.closing) ?? lines.count
            let table = ApplicationsTable.read(CellScanner.cells(lines, start..<end), in: lines)
            // The line above the table stands for its heading; the table may start on line 0.
            if table.isTable { found = (table, max(start - 1, 0)) }
        }
        let meta = Metadata.read(lines, before: found.map { $0.start } ?? min(lines.count, 200))
        result.summary.district = meta.district
        result.summary.unit = meta.unit
        result.summary.year = meta.year
        guard let (table, start) = found else {
            return skip(meta.year.map { $0 < 2019 } == true ? "no applications table (pre-2019 report?)" : "no applications table")
        }
        guard let year = meta.year else { return skip("cannot tell the year reported on (no year in the title)") }
        if let u = meta.unit, let from = meta.unitSource {
            result.diagnostics.append(Diagnostic(.warning, "no title naming the issuing body; '\(u)' is taken from \(from)", source: file))
        } else if meta.unit == nil {
            result.diagnostics.append(Diagnostic(.warning, "no title naming the issuing body", source: file))
        }
        result.summary.template = table.template

        var record = ReportRecord(file: file, district: meta.district ?? "", unit: meta.unit ?? "", year: year,
                                  template: table.template)
        // Placement is its own step on what parsing read (GovqGeo): the one call site.
        record.place = ReportPlacement.place(unit: meta.unit ?? "", district: meta.district ?? "", year: year, file: file, lines: lines)
        result.summary.place = record.place
        var sources: [CellSource]? = provenance ? [] : nil
        table.fill(&record, totals: &result.totals, source: file, lines: lines, diagnostics: &result.diagnostics, sources: &sources)

        let reviewStart = headings.reviews.first { $0 > start }
        if let r = reviewStart {
            let end = headings.next(after: r, in: headings.closing) ?? min(lines.count, r + 300)
            // From the heading's own line: a page flattened table by table puts the header and
            // the fifteen numbers on it (`四、…情况 行政复议 … 总计 9 1 4 1 15 …`).
            if provenance || !fastTables || !ReviewsTable.fillFast(lines, r..<end, &record, source: file, diagnostics: &result.diagnostics) {
                ReviewsTable.fill(CellScanner.cells(lines, r..<end), &record, headingLine: r, source: file, lines: lines,
                                  diagnostics: &result.diagnostics, sources: &sources)
            }
        } else {
            result.diagnostics.append(Diagnostic(.warning, "no review/litigation table (section 四) found", source: file))
        }
        result.diagnostics += Validation.check(record, totals: result.totals, table: table, source: file, lines: lines)
        result.diagnostics += ProseCheck.check(lines, before: start, record: record, source: file, careful: carefulOutside)
        result.summary.status = result.diagnostics.contains { $0.severity == .error } ? .inconsistent : .ok
        record.status = result.summary.status == .ok ? .ok : .inconsistent
        result.record = record
        result.cells = sources ?? []
        return result
    }

    /// Whether some line may be a flattened table. `FlattenedTable.isFlattened` takes only a
    /// line longer than 150 bytes that holds 申请数量, so one search of the whole text for that
    /// word decides for nearly every report, instead of a test of every long line of prose.
    static func mayHoldFlattenedTable(_ lines: TextLines) -> Bool {
        let key = flattenedKey, bytes = lines.bytes
        guard let base = bytes.baseAddress else { return false }
        // Every occurrence in order, anchored on 数's last two bytes, 95 B0 (key bytes 7 and 8),
        // 32 bytes a step: B0 alone is one byte in 170 of a report, and memchr stopped at each.
        var from = 7
        while true {
            let pair = govq_find_pair(base, bytes.count, from, key[7], key[8])
            guard pair < bytes.count else { return false }
            from = pair + 1
            let at = pair - 7
            guard at + key.count <= bytes.count, (0..<key.count).allSatisfy({ bytes[at + $0] == key[$0] }) else { continue }
            let r = lines.ranges[lines.line(at: at)]
            // A hit outside its line's range cannot be; if it were, the careful test decides.
            if r.count > 150 || !(r.lowerBound <= at && at + key.count <= r.upperBound) { return true }
        }
    }

    /// The word every flattened table's first row holds (`FlattenedTable`'s first test).
    private static let flattenedKey = Array("申请数量".utf8)
}

/// The section headings a report's tables sit between, as 0-based line indices.
struct Headings {
    /// `三、收到和处理政府信息公开申请情况`
    var applications: [Int] = []
    /// `四、政府信息公开行政复议、行政诉讼情况` (not the row `四、结转下年度继续办理`)
    var reviews: [Int] = []
    /// `五、…` and `六、…`
    var closing: [Int] = []

    init(_ lines: TextLines) {
        guard let base = lines.bytes.baseAddress else { return }
        // Compare lead bytes before decoding: headings are rare, lines are many. The first
        // test reads the bytes through a pointer (no slice, no bounds checked twice a byte).
        let numerals = Self.numerals
        // `govq_lines` made the first test below in its one pass: only the lines it passed are read.
        let candidates = lines.headingCandidates
        lines.ranges.withUnsafeBufferPointer { ranges in
            for i in candidates ?? Array(0..<ranges.count) {
                var at = ranges[i].lowerBound
                let end = ranges[i].upperBound
                while at < end, base[at] == 0x20 || base[at] == 0x09 { at += 1 }
                if at + 2 < end, base[at] == 0xE3, base[at + 1] == 0x80, base[at + 2] == 0x80 { at += 3 }
                // 三四五六 all start with byte E4 or E5: most lines end here.
                guard end - at >= 6, base[at] == 0xE4 || base[at] == 0xE5 else { continue }
                let numeral = UInt32(base[at]) << 16 | UInt32(base[at + 1]) << 8 | UInt32(base[at + 2])
                guard let which = numerals.firstIndex(of: numeral) else { continue }
                read(lines[i], numeral: which, startingAt: at, line: i)
            }
        }
    }

    /// The rest of the test for line `i`, whose numeral (`which`: 三四五六) is at byte `at`.
    private mutating func read(_ line: Bytes, numeral which: Int, startingAt at: Int, line i: Int) {
        // 、 ． , ， . right after the numeral: a heading, not prose (`三是…`).
        var after = line[(at + 3)...]
        // `三 、收到…`: spaces typed between the numeral and its separator.
        while after.first == 0x20 { after = after.dropFirst() }
        guard after.count >= 3 else { return }
        let b0 = after[after.startIndex]
        let sep = UInt32(b0) << 16 | UInt32(after[after.startIndex + 1]) << 8 | UInt32(after[after.startIndex + 2])
        guard sep == 0xE38081 || sep == 0xEFBC8E || sep == 0xEFBC8C || b0 == 0x2E || b0 == 0x2C else { return }
        // 五 and 六 are headings whatever follows: only 三 and 四 decode their words.
        if which >= 2 { closing.append(i); return }
        let cut = after.prefix(180)
        // Normalising drops blanks and quotes and maps full-width ASCII to ASCII: a Han character
        // of its words is one of the bytes'. Without 申 (三) or without 复 and 诉 (四) in the bytes
        // the words hold none of the heading's words, told before anything is normalised.
        if which == 0 ? cut.offset(of: Self.shen) == nil : cut.offset(of: Self.fu) == nil && cut.offset(of: Self.su) == nil { return }
        // Valid UTF-8 (nearly always: the 180 bytes cut no character) is its own String's
        // bytes: normalised on the bytes, no String built; else as a String, repaired.
        guard let base = cut.base.baseAddress, govq_utf8_valid(base + cut.startIndex, cut.count) != 0 else {
            let rest = RowLabels.normalize(String(decoding: cut, as: UTF8.self))
            add(which, line: i, applications: { rest.includes("申请") }, reviews: { rest.includes("复议") || rest.includes("诉讼") },
                scalars: rest.unicodeScalars.count, characters: { rest.count })
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(cut.count, 1)) { out in
            let n = RowLabels.normalize(utf8: UnsafeBufferPointer(rebasing: cut), into: out)
            let rest = UnsafeBufferPointer(start: out.baseAddress, count: n)[...]
            // A scalar starts at every byte that is not a continuation byte.
            let scalars = rest.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            add(which, line: i, applications: { rest.offset(of: Self.shenqing) != nil },
                reviews: { rest.offset(of: Self.fuyi) != nil || rest.offset(of: Self.susong) != nil },
                scalars: scalars, characters: { String(decoding: rest, as: UTF8.self).count })
        }
    }

    /// Files line `i` under 三 (`which` 0) when its normalised words hold 申请 and are 40
    /// Characters or fewer, under 四 (1) when they hold 复议 or 诉讼.
    private mutating func add(_ which: Int, line i: Int, applications: () -> Bool, reviews: () -> Bool, scalars: Int,
                              characters: () -> Int) {
        switch which {
        // A Character is one scalar or more: 40 scalars or fewer are 40 Characters or fewer,
        // told without breaking graphemes.
        case 0 where applications() && (scalars <= 40 || characters() <= 40): self.applications.append(i)
        case 1 where reviews(): self.reviews.append(i)
        default: break
        }
    }

    /// 申请, 复议 and 诉讼 as bytes.
    private static let shenqing = Array("申请".utf8), fuyi = Array("复议".utf8), susong = Array("诉讼".utf8)
    /// Their first characters, 申, 复 and 诉.
    private static let shen = Array("申".utf8), fu = Array("复".utf8), su = Array("诉".utf8)

    /// 三四五六 as their three UTF-8 bytes.
    private static let numerals: [UInt32] = "三四五六".unicodeScalars.map { u in Array(String(u).utf8).reduce(0) { $0 << 8 | UInt32($1) } }

    /// The first line in `candidates` after `line`.
    func next(after line: Int, in candidates: [Int]) -> Int? {
        candidates.filter { $0 > line }.min()
    }
}
