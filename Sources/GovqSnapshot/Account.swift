/// The per-report account (`govq check`'s lines) and the load diagnostics, stored in the
/// snapshot so that `govq check --data corpus.govq` answers without reading the texts. Strings
/// are interned once in a table; reports are columns of indices.
import GovqCube
import GovqDiagnostics
import GovqLoader

enum Account {
    private static let none = UInt32.max

    private struct Interner {
        var table: [String] = []
        var index: [String: UInt32] = [:]
        mutating func id(_ s: String?) -> UInt32 {
            guard let s else { return Account.none }
            if let i = index[s] { return i }
            let i = UInt32(table.count)
            table.append(s)
            index[s] = i
            return i
        }
    }

    /// A file that is also in the cube is stored as its cube code with this bit set, so its
    /// name is not decoded twice.
    private static let cubeFile: UInt32 = 1 << 31

    /// The reports into the payload; the diagnostics into the extra region, whose strings
    /// have a table of their own (so reading the reports never touches them).
    static func encode(reports: [ReportSummary], diagnostics: [Diagnostic], files: DimensionColumn,
                       into w: inout ByteWriter, extra x: inout ByteWriter) {
        var strings = Interner()
        // A report that is in the cube is its next row, in order: its file is that row's, with
        // no lookup (hashing 10^5 names to find each was most of writing the account).
        var row = 0
        let file = reports.map { r -> UInt32 in
            if r.status != .skipped, row < files.codes.count {
                let code = files.codes[row]
                row += 1
                if files.values[Int(code)] == r.file { return code | cubeFile }
            } else if r.status == .skipped {
                return strings.id(r.file)   // not in the cube
            }
            return files.lookup(r.file).map { $0 | cubeFile } ?? strings.id(r.file)
        }
        let district = reports.map { strings.id($0.district) }
        let unit = reports.map { strings.id($0.unit) }
        let status = reports.map { strings.id($0.status.rawValue) }
        let reason = reports.map { strings.id($0.reason) }
        let year = reports.map { Int32($0.year ?? Int(Int32.min)) }
        let template = reports.map { UInt8($0.template?.rawValue ?? 255) }
        w.strings(strings.table)
        for column in [file, district, unit, status, reason] { w.block(column) }
        w.block(year)
        w.block(template)
        strings = Interner()
        var d = ByteWriter()
        d.u64(UInt64(diagnostics.count))
        for g in diagnostics {
            d.u32(strings.id(g.severity.rawValue))
            d.u32(strings.id(g.message))
            d.u32(strings.id(g.source))
            d.i64(Int64(g.location?.line ?? -1))
            d.i64(Int64(g.location?.column ?? 0))
            d.i64(Int64(g.location?.length ?? 0))
            d.u32(strings.id(g.sourceLine))
            d.u32(strings.id(g.help))
            d.u32(UInt32(g.notes.count))
            for n in g.notes { d.u32(strings.id(n)) }
            d.u32(strings.id(g.row))
            d.u32(strings.id(g.column))
            d.u8(g.expected == nil ? 0 : 1); d.i64(g.expected ?? 0)
            d.u8(g.found == nil ? 0 : 1); d.i64(g.found ?? 0)
        }
        x.strings(strings.table)
        x.block(d.bytes)
    }

    static func decode(from r: inout ByteReader, files: [String], diagnostics extra: ByteReader?) throws -> ([ReportSummary], [Diagnostic]) {
        let reports = try decodeReports(from: &r, files: files)
        guard let extra else { return (reports, []) }
        return (reports, try decodeDiagnostics(from: extra))
    }

    /// `okReports: false` keeps only the reports that did not load cleanly (what a query run
    /// warns about); the cube still holds every loaded report.
    static func decodeReports(from r: inout ByteReader, files: [String], okReports: Bool = true) throws -> [ReportSummary] {
        // Strings are decoded when a kept report names them: a query run keeps a few thousand
        // reports of 10^5, and decoding every unit name cost more than the query.
        // When every report is kept (`govq check`), each string is decoded once, up front.
        let table = try r.stringTable()
        let all = okReports ? try (0..<table.count).map(table.string) : nil
        func s(_ i: UInt32) throws -> String? {
            if i == none { return nil }
            if let all {
                guard Int(i) < all.count else { throw SnapshotError.malformed("string index") }
                return all[Int(i)]
            }
            return try table.string(Int(i))
        }
        let file = try r.array(UInt32.self), district = try r.array(UInt32.self), unit = try r.array(UInt32.self)
        let status = try r.array(UInt32.self), reason = try r.array(UInt32.self)
        let year = try r.array(Int32.self), template = try r.array(UInt8.self)
        let n = file.count
        guard [district.count, unit.count, status.count, reason.count, year.count, template.count].allSatisfy({ $0 == n }) else {
            throw SnapshotError.malformed("report account")
        }
        var reports: [ReportSummary] = []
        reports.reserveCapacity(n)
        // Three distinct statuses: parse each string once, not once per report.
        var statusOf: [(index: UInt32, status: ReportSummary.Status?)] = []
        for i in 0..<n {
            let st: ReportSummary.Status?
            if let known = statusOf.first(where: { $0.index == status[i] }) { st = known.status } else {
                st = try s(status[i]).flatMap(ReportSummary.Status.init(rawValue:))
                statusOf.append((status[i], st))
            }
            if !okReports, st == .ok { continue }
            let f: String?
            if file[i] != none, file[i] & cubeFile != 0 {
                guard Int(file[i] & ~cubeFile) < files.count else { throw SnapshotError.malformed("report file") }
                f = files[Int(file[i] & ~cubeFile)]
            } else {
                f = try s(file[i])
            }
            guard let f, let st else {
                throw SnapshotError.malformed("report account")
            }
            reports.append(ReportSummary(file: f, district: try s(district[i]), unit: try s(unit[i]),
                                         year: year[i] == Int32.min ? nil : Int(year[i]),
                                         template: template[i] == 255 ? nil : Template(rawValue: Int(template[i])),
                                         status: st, reason: try s(reason[i])))
        }
        return reports
    }

    /// The load diagnostics, from the extra region (after the per-file source list).
    static func decodeDiagnostics(from extra: ByteReader) throws -> [Diagnostic] {
        var x = extra
        let table = try x.strings()
        func s(_ i: UInt32) throws -> String? {
            if i == none { return nil }
            guard Int(i) < table.count else { throw SnapshotError.malformed("string index") }
            return table[Int(i)]
        }
        let raw = try x.block()
        var d = ByteReader(raw)
        let count = try d.u64()
        guard count <= UInt64(raw.count) else { throw SnapshotError.malformed("diagnostics") }
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let severity = try s(d.u32()).flatMap(Severity.init(rawValue:)), let message = try s(d.u32()),
                  let source = try s(d.u32()) else { throw SnapshotError.malformed("diagnostic") }
            let line = try d.i64(), column = try d.i64(), length = try d.i64()
            let sourceLine = try s(d.u32()), help = try s(d.u32())
            var notes: [String] = []
            for _ in 0..<(try d.u32()) { notes.append(try s(d.u32()) ?? "") }
            let row = try s(d.u32()), col = try s(d.u32())
            let hasExpected = try d.u8(), expected = try d.i64()
            let hasFound = try d.u8(), found = try d.i64()
            diagnostics.append(Diagnostic(
                severity, message, source: source,
                location: line < 0 ? nil : SourceLocation(line: Int(line), column: Int(column), length: Int(length)),
                sourceLine: sourceLine, help: help, notes: notes, row: row, column: col,
                expected: hasExpected == 0 ? nil : expected, found: hasFound == 0 ? nil : found))
        }
        return diagnostics
    }
}
