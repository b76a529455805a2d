/// The per-report account (`govq check`'s lines) and the load diagnostics, stored in the
/// snapshot so that `govq check --data corpus.govq` answers without reading the texts. Strings
/// are interned once in a table; reports are columns of indices.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader

enum Account {
    static let none = UInt32.max

    /// Each string once, by its UTF-8 bytes: every string is stored exactly as given, and an
    /// incremental update (`Renumbering`) finds a stored string by its bytes. The bytes are
    /// hashed where the string holds them and kept in one arena (no array made per lookup:
    /// 10^5 reports ask for five strings each).
    private struct Interner {
        var table: [String] = []
        private var arena: [UInt8] = []
        private var ends: [Int] = []
        /// Open addressing: a string's index + 1, 0 for an empty slot.
        private var slots = [UInt32](repeating: 0, count: 64)

        mutating func id(_ s: String?) -> UInt32 {
            guard let s else { return Account.none }
            // A native string's bytes in place; a copy (a retain) only for a bridged one.
            if let found = s.utf8.withContiguousStorageIfAvailable({ id(UnsafeRawBufferPointer($0), s) }) { return found }
            var utf8 = s
            return utf8.withUTF8 { id(UnsafeRawBufferPointer($0), s) }
        }

        private mutating func id(_ bytes: UnsafeRawBufferPointer, _ s: String) -> UInt32 {
            let mask = slots.count - 1
            var at = Self.hash(bytes) & mask
            while slots[at] != 0 {
                let i = Int(slots[at] - 1)
                if equal(i, bytes) { return UInt32(i) }
                at = (at + 1) & mask
            }
            let i = table.count
            table.append(s)
            arena.append(raw: bytes)
            ends.append(arena.count)
            slots[at] = UInt32(i + 1)
            if table.count * 2 > slots.count { grow() }
            return UInt32(i)
        }

        private func equal(_ i: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
            let start = i == 0 ? 0 : ends[i - 1]
            guard ends[i] - start == bytes.count else { return false }
            guard bytes.count > 0 else { return true }
            return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
        }

        private mutating func grow() {
            var fresh = [UInt32](repeating: 0, count: slots.count * 2)
            let mask = fresh.count - 1, ends = self.ends
            arena.withUnsafeBytes { all in
                for i in ends.indices {
                    let start = i == 0 ? 0 : ends[i - 1]
                    var at = Self.hash(UnsafeRawBufferPointer(rebasing: all[start..<ends[i]])) & mask
                    while fresh[at] != 0 { at = (at + 1) & mask }
                    fresh[at] = UInt32(i + 1)
                }
            }
            slots = fresh
        }

        private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
            var h = Hasher()
            h.combine(bytes: bytes)
            return h.finalize()
        }
    }

    /// A clean report's file is stored as its cube code with this bit set, so its name is not
    /// stored or decoded twice.
    static let cubeFile: UInt32 = 1 << 31

    /// The reports into the payload; the diagnostics into the extra region, whose strings
    /// have a table of their own (so reading the reports never touches them).
    static func encode(reports: [ReportSummary], diagnostics: [Diagnostic], files: DimensionColumn,
                       into w: inout ByteWriter, extra x: inout ByteWriter) {
        var strings = Interner()
        // A report that is in the cube is its next row, in order: its row and file are that
        // row's, with no lookup (hashing 10^5 names to find each was most of writing the
        // account). A report that did not load cleanly keeps its file name here (a query run
        // decodes only those reports, and then never reads the cube's 10^5 file names).
        var row = 0
        var rowOfCode: [Int32]?     // built only if a report is out of the cube's order
        var cubeRow: [Int32] = []
        cubeRow.reserveCapacity(reports.count)
        let fileCodes = files.codes
        // Each field read in place (`reports[i].x`): a closure over whole summaries copied each
        // one (its place's strings retained and released) eight times over. The columns are
        // interned one after the other, in this order, as the incremental update's splice does
        // (the two files must be byte for byte the same).
        let n = reports.count
        var file = [UInt32]()
        file.reserveCapacity(n)
        for i in 0..<n {
            let kind = reports[i].status
            var code: UInt32?
            if kind != .skipped, row < fileCodes.count, files.value(code: Int(fileCodes[row])) == reports[i].file {
                code = fileCodes[row]
                cubeRow.append(Int32(row))
                row += 1
            } else if kind != .skipped, let c = files.lookup(reports[i].file) {
                code = c
                if rowOfCode == nil {
                    var rows = [Int32](repeating: -1, count: files.valueCount)
                    for (i, code) in fileCodes.enumerated() { rows[Int(code)] = Int32(i) }
                    rowOfCode = rows
                }
                cubeRow.append(rowOfCode![Int(c)])
            } else {
                cubeRow.append(-1)
            }
            file.append(kind == .ok && code != nil ? code! | cubeFile : strings.id(reports[i].file))
        }
        func column<T>(_ value: (Int) -> T) -> [T] {
            var c = [T]()
            c.reserveCapacity(n)
            for i in 0..<n { c.append(value(i)) }
            return c
        }
        let district = column { strings.id(reports[$0].district) }
        let unit = column { strings.id(reports[$0].unit) }
        let status = column { strings.id(reports[$0].status.rawValue) }
        let reason = column { strings.id(reports[$0].reason) }
        let year = column { Int32(reports[$0].year ?? Int(Int32.min)) }
        let template = column { UInt8(reports[$0].template?.rawValue ?? 255) }
        // How each report was placed (`govq check`, `why`); its six place values are the cube's,
        // found through the report's row in the cube (-1: not in the cube).
        let placed = column { strings.id(reports[$0].place?.reason) }
        w.strings(strings.table)
        for column in [file, district, unit, status, reason] { w.block(column) }
        w.block(year)
        w.block(template)
        w.block(placed)
        w.block(cubeRow)
        strings = Interner()
        var d = ByteWriter()
        d.u64(UInt64(diagnostics.count))
        for g in diagnostics { record(g, into: &d) { strings.id($0) } }
        x.strings(strings.table)
        x.block(d.bytes)
    }

    /// One diagnostic's record; `id` interns each string (nil: none), in the order written.
    static func record(_ g: Diagnostic, into d: inout ByteWriter, id: (String?) -> UInt32) {
        d.u32(id(g.severity.rawValue))
        d.u32(id(g.message))
        d.u32(id(g.source))
        d.i64(Int64(g.location?.line ?? -1))
        d.i64(Int64(g.location?.column ?? 0))
        d.i64(Int64(g.location?.length ?? 0))
        d.u32(id(g.sourceLine))
        d.u32(id(g.help))
        d.u32(UInt32(g.notes.count))
        for n in g.notes { d.u32(id(n)) }
        d.u32(id(g.row))
        d.u32(id(g.column))
        d.u8(g.expected == nil ? 0 : 1); d.i64(g.expected ?? 0)
        d.u8(g.found == nil ? 0 : 1); d.i64(g.found ?? 0)
    }

    /// `okReports: false` keeps only the reports that did not load cleanly (what a query run
    /// warns about); the cube still holds every loaded report.
    /// `files` is how many file names the cube has, `file(code)` one of them. `places`: the
    /// cube's place columns, which give a report in the cube its place beside the stored reason.
    /// `names: false` (a query run's warnings, which name skipped files only when there are at
    /// most `ReportSummary.namedInWarnings`): past that many reports, only each one's status,
    /// reason, year and template are decoded; its file is empty and it has no district, unit
    /// or place. Decoding the names of 372 skipped reports was a fifth of a `count reports` run.
    static func decodeReports(from r: inout ByteReader, files: Int, file fileName: (Int) -> String,
                              okReports: Bool = true, places: PlaceColumns? = nil, names: Bool = true) throws -> [ReportSummary] {
        // Strings are decoded when a kept report names them: a query run keeps a few thousand
        // reports of 10^5, and decoding every unit name cost more than the query.
        // When every report is kept (`govq check`), each string is decoded once, up front.
        let table = try r.stringTable()
        let all = okReports && names ? try (0..<table.count).map(table.string) : nil
        // Without names, the few reasons are decoded once each.
        var reasons: [(index: UInt32, text: String)] = []
        func s(_ i: UInt32) throws -> String? {
            if i == none { return nil }
            if let all {
                guard Int(i) < all.count else { throw SnapshotError.malformed("string index") }
                return all[Int(i)]
            }
            return try table.string(Int(i))
        }
        func reasonText(_ i: UInt32) throws -> String? {
            if i == none { return nil }
            if let known = reasons.first(where: { $0.index == i }) { return known.text }
            let text = try table.string(Int(i))
            reasons.append((i, text))
            return text
        }
        let file = try r.array(UInt32.self), district = try r.array(UInt32.self), unit = try r.array(UInt32.self)
        let status = try r.array(UInt32.self), reason = try r.array(UInt32.self)
        let year = try r.array(Int32.self), template = try r.array(UInt8.self)
        let placed = try r.array(UInt32.self), cubeRow = try r.array(Int32.self)
        let n = file.count
        guard [district.count, unit.count, status.count, reason.count, year.count, template.count, placed.count, cubeRow.count]
            .allSatisfy({ $0 == n }) else {
            throw SnapshotError.malformed("report account")
        }
        let named = names || n <= ReportSummary.namedInWarnings
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
            guard named else {
                guard let st else { throw SnapshotError.malformed("report account") }
                reports.append(ReportSummary(file: "", year: year[i] == Int32.min ? nil : Int(year[i]),
                                             template: template[i] == 255 ? nil : Template(rawValue: Int(template[i])),
                                             status: st, reason: try reasonText(reason[i])))
                continue
            }
            let f: String?
            if file[i] != none, file[i] & cubeFile != 0 {
                guard Int(file[i] & ~cubeFile) < files else { throw SnapshotError.malformed("report file") }
                f = fileName(Int(file[i] & ~cubeFile))
            } else {
                f = try s(file[i])
            }
            guard let f, let st else {
                throw SnapshotError.malformed("report account")
            }
            // Appended, then placed where it lies: a local summary was copied into the array
            // and destroyed (a retain and a release of each string).
            reports.append(ReportSummary(file: f, district: try s(district[i]), unit: try s(unit[i]),
                                         year: year[i] == Int32.min ? nil : Int(year[i]),
                                         template: template[i] == 255 ? nil : Template(rawValue: Int(template[i])),
                                         status: st, reason: try s(reason[i])))
            if let places, let why = try s(placed[i]), cubeRow[i] >= 0 {
                guard Int(cubeRow[i]) < places.province.codes.count else { throw SnapshotError.malformed("report row") }
                var place = places[report: Int(cubeRow[i])]
                place.reason = why
                reports[reports.count - 1].place = place
            }
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
