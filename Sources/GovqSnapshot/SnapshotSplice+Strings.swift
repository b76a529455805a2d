/// The spliced regions that hold strings: the dimensions (dictionary, display ranks, codes), the
/// account and the diagnostics. Kept strings are copied as stored, new ones looked up among them
/// by their bytes, and all of them numbered in the order a fresh encoder meets them.
import GovqCube
import GovqDiagnostics
import GovqLoader

/// The stored account (`Account.encode`): a string table and one column per field.
struct StoredAccount {
    let strings: StoredStrings
    let file, district, unit, status, reason, placed: [UInt32]
    let year: [Int32]
    let template: [UInt8]
    let cubeRow: [Int32]
    let count: Int
    /// Reports whose status is `ok` (a query's decode leaves them out of `reports`).
    let okCount: Int
    /// Reports whose status is `skipped` (all a query run's decode reads, from their own region).
    let skippedCount: Int
    let skippedID: UInt32?

    init(_ region: UnsafeRawBufferPointer) throws {
        var r = ByteReader(region)
        strings = try StoredStrings(&r)
        file = try r.array(UInt32.self)
        district = try r.array(UInt32.self)
        unit = try r.array(UInt32.self)
        status = try r.array(UInt32.self)
        reason = try r.array(UInt32.self)
        year = try r.array(Int32.self)
        template = try r.array(UInt8.self)
        placed = try r.array(UInt32.self)
        cubeRow = try r.array(Int32.self)
        let n = file.count
        count = n
        guard [district.count, unit.count, status.count, reason.count, year.count, template.count, placed.count, cubeRow.count]
            .allSatisfy({ $0 == n }) else { throw SnapshotError.malformed("report account") }
        let ok = strings.find(Array("ok".utf8)).map(UInt32.init)
        okCount = status.reduce(0) { $0 + ($1 == ok ? 1 : 0) }
        let skipped = strings.find(Array("skipped".utf8)).map(UInt32.init)
        skippedID = skipped
        skippedCount = status.reduce(0) { $0 + ($1 == skipped ? 1 : 0) }
    }

    /// The file name of report `k`, as stored: a cube code (`files`) or a string of the account.
    func name(_ k: Int, files: StoredStrings) -> UnsafeRawBufferPointer {
        let f = file[k]
        return f != Account.none && f & Account.cubeFile != 0 ? files.bytes(Int(f & ~Account.cubeFile)) : strings.bytes(Int(f))
    }
}

/// One dimension of the new cube, ready to be written.
struct DimensionSplice {
    var strings: StringTableWriter
    var ranks: [UInt32]
    var codes: [UInt32]
    var count: Int { ranks.count }
}

extension Splice {
    private func decline(_ why: String) -> SnapshotSplice.Decline { SnapshotSplice.Decline(reason: why) }

    /// Dimension `d`: kept codes, new values after the stored ones, then all renumbered in
    /// order of first use (a value no report has any more is gone), with display ranks.
    func spliceDimension(_ d: Int) throws -> DimensionSplice {
        var r = ByteReader(stored.region(Region.dictionary(d)))
        let dict = try StoredStrings(&r)
        let oldRanks = try r.array(UInt32.self)
        let n = dict.count
        let oldCodes = d == 0 ? old.cube.district.codes : d == 1 ? old.cube.unit.codes : d == 2 ? old.cube.file.codes
            : old.cube.place.all[d - 3].codes
        guard oldRanks.count == n else { throw decline("dictionary") }
        var fresh: [[UInt8]] = [], known: [String: UInt32] = [:]
        var codes: [UInt32] = []
        codes.reserveCapacity(rows)
        var plain = true
        for piece in pieces {
            switch piece {
            case .rows(let run):
                codes += oldCodes[run]
            case .record(let i):
                let v = value(d, parsed[i].record!)
                if let c = known[v] { codes.append(c); continue }
                let bytes = Array(v.utf8)
                plain = plain && NFCText.isPlain(bytes)
                let c = dict.find(bytes).map(UInt32.init) ?? UInt32(n + fresh.count)
                if Int(c) >= n { fresh.append(bytes) }
                known[v] = c
                codes.append(c)
            }
        }
        if !known.isEmpty { guard plain, NFCText.isPlain(dict) else { throw decline("text that compares otherwise as bytes") } }
        var map = [UInt32](repeating: UInt32.max, count: n + fresh.count), order: [UInt32] = []
        for i in codes.indices {
            let c = Int(codes[i])
            if map[c] == UInt32.max { map[c] = UInt32(order.count); order.append(UInt32(c)) }
            codes[i] = map[c]
        }
        var t = StringTableWriter()
        t.utf8.reserveCapacity(dict.utf8.count)
        if order.count >= n, order.indices.allSatisfy({ order[$0] == UInt32($0) }) {
            // Every stored value kept, in its place: the stored bytes, then the new ones.
            t.utf8.append(raw: dict.utf8)
            t.ends = (0..<n).map { UInt32(Self.end(dict, $0)) }
            for c in order[n...] { t.add(fresh[Int(c) - n]) }
        } else {
            for c in order { if Int(c) < n { t.add(dict.bytes(Int(c))) } else { t.add(fresh[Int(c) - n]) } }
        }
        let ranks = try rank(order, dict: dict, oldRanks: oldRanks, fresh: fresh)
        return DimensionSplice(strings: t, ranks: ranks, codes: codes)
    }

    private static func end(_ dict: StoredStrings, _ i: Int) -> Int {
        Int(UInt32(littleEndian: dict.ends.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
    }

    /// `ranks[code]` for the values `order` (stored codes below `dict.count`, then `fresh`), as
    /// `Collation.displayRanks` ranks them: the kept values keep their stored order, each new
    /// one goes where the same comparison puts it; when the kind of order changes (a first
    /// non-ASCII name, a dictionary crossing 2,000 names) every name is ranked again.
    private func rank(_ order: [UInt32], dict: StoredStrings, oldRanks: [UInt32], fresh: [[UInt8]]) throws -> [UInt32] {
        let n = dict.count
        if fresh.isEmpty, order.count == n { return order.map { oldRanks[Int($0)] } }
        func ascii(_ b: UnsafeRawBufferPointer) -> Bool { !b.contains { $0 >= 0x80 } }
        let oldASCII = ascii(dict.utf8)
        let keptASCII = oldASCII || order.allSatisfy { Int($0) >= n || ascii(dict.bytes(Int($0))) }
        let freshASCII = fresh.allSatisfy { !$0.contains { $0 >= 0x80 } }
        let before = Collation.DisplayOrder(count: n, allASCII: oldASCII)
        let after = Collation.DisplayOrder(count: order.count, allASCII: keptASCII && freshASCII)
        func string(_ c: UInt32) -> String { Int(c) < n ? dict.string(Int(c)) : String(decoding: fresh[Int(c) - n], as: UTF8.self) }
        guard before == after else { return Collation.displayRanks(of: order.map(string)) }

        var kept = [Bool](repeating: false, count: n)
        for c in order where Int(c) < n { kept[Int(c)] = true }
        var byRank = [Int32](repeating: -1, count: n)
        for c in 0..<n {
            let r = Int(oldRanks[c])
            guard r < n, byRank[r] < 0 else { throw decline("display ranks") }
            byRank[r] = Int32(c)
        }
        let sortedKept = byRank.filter { kept[Int($0)] }
        let freshNames = fresh.map { String(decoding: $0, as: UTF8.self) }
        func precedes(_ a: Int32, _ f: Int) -> Bool {
            after == .bytes ? dict.bytes(Int(a)).lexicographicallyPrecedes(fresh[f])
                            : Collation.precedes(dict.string(Int(a)), freshNames[f], in: after)
        }
        let freshSorted = fresh.indices.sorted { Collation.precedes(freshNames[$0], freshNames[$1], in: after) }
        let position = freshSorted.map { f in
            var lo = 0, hi = sortedKept.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if precedes(sortedKept[mid], f) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var rankOf = [UInt32](repeating: 0, count: n + fresh.count)
        var next: UInt32 = 0, f = 0
        for (j, c) in sortedKept.enumerated() {
            while f < freshSorted.count, position[f] <= j { rankOf[n + freshSorted[f]] = next; next += 1; f += 1 }
            rankOf[Int(c)] = next
            next += 1
        }
        while f < freshSorted.count { rankOf[n + freshSorted[f]] = next; next += 1; f += 1 }
        return order.map { rankOf[Int($0)] }
    }

    /// The account in the new listing's order; `fileCodes` are the new cube's file codes.
    func writeAccount(fileCodes: [UInt32], _ p: inout ByteWriter) throws {
        var names = Renumbering(account.strings)
        let m = order.count
        var file: [UInt32] = [], district: [UInt32] = [], unit: [UInt32] = [], status: [UInt32] = [], reason: [UInt32] = []
        var placed: [UInt32] = [], year: [Int32] = [], template: [UInt8] = [], cubeRow: [Int32] = []
        file.reserveCapacity(m); district.reserveCapacity(m); unit.reserveCapacity(m); status.reserveCapacity(m)
        reason.reserveCapacity(m); placed.reserveCapacity(m); year.reserveCapacity(m); template.reserveCapacity(m); cubeRow.reserveCapacity(m)
        var row = 0
        // Stored reports in a row keep their columns: copied as slices, not one by one.
        var run = 0..<0
        func flush() {
            guard !run.isEmpty else { return }
            district += account.district[run]; unit += account.unit[run]; status += account.status[run]
            reason += account.reason[run]; year += account.year[run]; template += account.template[run]
            placed += account.placed[run]
            run = 0..<0
        }
        for entry in order {
            switch entry {
            case .stored(let k):
                let inCube = account.cubeRow[k] >= 0, f = account.file[k]
                if f != Account.none, f & Account.cubeFile != 0 {
                    guard inCube else { throw decline("account") }
                    file.append(fileCodes[row] | Account.cubeFile)
                } else {
                    file.append(f)
                }
                cubeRow.append(inCube ? Int32(row) : -1)
                if inCube { row += 1 }
                if !run.isEmpty, run.upperBound == k { run = run.lowerBound..<(k + 1) } else { flush(); run = k..<(k + 1) }
            case .parsed(let i):
                flush()
                let s = parsed[i].summary, inCube = parsed[i].record != nil
                guard inCube == (s.status != .skipped), !inCube || parsed[i].record!.file == s.file else { throw decline("account") }
                file.append(inCube && s.status == .ok ? fileCodes[row] | Account.cubeFile : names.id(s.file))
                district.append(names.id(s.district)); unit.append(names.id(s.unit)); status.append(names.id(s.status.rawValue))
                reason.append(names.id(s.reason))
                year.append(Int32(s.year ?? Int(Int32.min))); template.append(UInt8(s.template?.rawValue ?? 255))
                placed.append(names.id(s.place?.reason))
                cubeRow.append(inCube ? Int32(row) : -1)
                if inCube { row += 1 }
            }
        }
        flush()
        guard row == rows else { throw decline("account") }
        // Numbered as `Account.encode` interns them: files, then districts, units, statuses, reasons, placements.
        for i in file.indices where file[i] == Account.none || file[i] & Account.cubeFile == 0 { file[i] = names.final(file[i]) }
        for i in district.indices { district[i] = names.final(district[i]) }
        for i in unit.indices { unit[i] = names.final(unit[i]) }
        for i in status.indices { status[i] = names.final(status[i]) }
        for i in reason.indices { reason[i] = names.final(reason[i]) }
        for i in placed.indices { placed[i] = names.final(placed[i]) }
        names.write(&p)
        for column in [file, district, unit, status, reason] { p.block(column) }
        p.block(year)
        p.block(template)
        p.block(placed)
        p.block(cubeRow)
    }

    /// The skipped reports in the new order: a kept one as the old snapshot's skipped region
    /// holds it (`old.reports`, in the account's order), a parsed one from its summary.
    func skippedReports() throws -> [ReportSummary] {
        var storedIndex = [Int](repeating: -1, count: account.count)
        var j = 0
        for k in 0..<account.count where account.status[k] == account.skippedID {
            storedIndex[k] = j
            j += 1
        }
        guard j == old.reports.count else { throw decline("account") }
        var out: [ReportSummary] = []
        for entry in order {
            switch entry {
            case .stored(let k): if storedIndex[k] >= 0 { out.append(old.reports[storedIndex[k]]) }
            case .parsed(let i): if parsed[i].summary.status == .skipped { out.append(parsed[i].summary) }
            }
        }
        return out
    }

    /// The diagnostics: the listing's, then each report's in the new order (a kept report's
    /// records copied from the old snapshot, a parsed one's encoded), strings renumbered.
    func writeDiagnostics(_ x: inout ByteWriter) throws {
        var r = ByteReader(stored.extra)
        for _ in 0..<5 { _ = try r.block() }   // the per-file source list
        let table = try StoredStrings(&r)
        let raw = try r.block()
        var h = ByteReader(raw)
        let count = Int(try h.u64())
        guard count <= raw.count else { throw decline("diagnostics") }
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        // Each record: its bytes and whose it is. The listing's come first (named by the root),
        // then each report's, in the account's order; anything else takes the careful path.
        var records: [Range<Int>] = []
        records.reserveCapacity(count)
        var at = 8
        for _ in 0..<count {
            guard at + 48 <= raw.count else { throw decline("diagnostics") }
            let length = 74 + 4 * Int(u32(at + 44))
            guard at + length <= raw.count else { throw decline("diagnostics") }
            records.append(at..<(at + length))
            at += length
        }
        let files = try StoredStrings(stored.region(Region.dictionary(2)))
        let rootName = Array(root.utf8)
        var groups = [Range<Int>?](repeating: nil, count: account.count)
        var i = 0, k = 0
        func isRoot(_ b: UnsafeRawBufferPointer) -> Bool { rootName.withUnsafeBytes { StoredStrings.same(b, $0) } }
        while i < records.count, isRoot(table.bytes(Int(u32(records[i].lowerBound + 8)))) { i += 1 }
        while i < records.count {
            let source = u32(records[i].lowerBound + 8)
            let bytes = table.bytes(Int(source))
            while k < account.count, !StoredStrings.same(account.name(k, files: files), bytes) { k += 1 }
            guard k < account.count else { throw decline("diagnostics out of the account's order") }
            let start = i
            while i < records.count, u32(records[i].lowerBound + 8) == source { i += 1 }
            groups[k] = start..<i
            k += 1
        }

        var names = Renumbering(table)
        var d = ByteWriter()
        d.bytes.reserveCapacity(raw.count + 4096)
        d.u64(0)
        var written = 0
        func add(_ g: Diagnostic) {
            Account.record(g, into: &d) { names.final(names.id($0)) }
            written += 1
        }
        for g in listing { add(g) }
        for entry in order {
            switch entry {
            case .stored(let k):
                guard let group = groups[k] else { continue }
                // A report's records lie together: copied in one piece, then their string fields
                // renumbered in place, in the order the encoder interns them (`Account.record`).
                let from = records[group.lowerBound].lowerBound, to = records[group.upperBound - 1].upperBound
                let shift = d.bytes.count - from
                d.bytes.append(raw: UnsafeRawBufferPointer(rebasing: raw[from..<to]))
                d.bytes.withUnsafeMutableBytes { out in
                    func patch(_ at: Int) {
                        out.storeBytes(of: names.final(u32(at)).littleEndian, toByteOffset: shift + at, as: UInt32.self)
                    }
                    for rec in records[group] {
                        let s = rec.lowerBound
                        patch(s); patch(s + 4); patch(s + 8); patch(s + 36); patch(s + 40)
                        let notes = Int(u32(s + 44))
                        for n in 0..<notes { patch(s + 48 + 4 * n) }
                        patch(s + 48 + 4 * notes)
                        patch(s + 52 + 4 * notes)
                    }
                }
                written += group.count
            case .parsed(let i):
                for g in parsed[i].diagnostics { add(g) }
            }
        }
        withUnsafeBytes(of: UInt64(written).littleEndian) { d.bytes.replaceSubrange(0..<8, with: $0) }
        names.write(&x)
        x.block(d.bytes)
    }
}
