/// The fast incremental update: the new snapshot is written from the old one's bytes, with the
/// changed reports spliced in, instead of decoding every report and encoding it again.
///
/// What a full rebuild writes is known from the old snapshot plus the few files parsed again:
/// the unchanged reports' count columns are copied in their stored width, their codes kept and
/// renumbered only where a new name first appears earlier, new names ranked among the stored
/// ranks, the account and the diagnostics copied record by record with their strings
/// renumbered as a fresh encoder would number them. The file is the one `SnapshotFormat.encode`
/// writes for the same reports, byte for byte (`IncrementalIndexTests` compares them).
///
/// It handles the usual case and declines the rest, which `SnapshotUpdate.plan` (the careful
/// path: decode everything, splice the cube, count duplicates again, encode) then does: more
/// than one root, a report deduplication took out or would take out now, names shown escaped,
/// report entries that are not plain files, many changes at once.
import Dispatch
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader
import GovqOutput

enum SnapshotSplice {
    /// What the update did, or why it left the snapshot to the careful path.
    enum Outcome {
        case updated(changes: SourceChanges, parsed: Int)
        case declined(String)
    }

    /// More changed files than this take the careful path (names are compared one by one).
    static let maxChanges = 256

    /// Updates the snapshot at `path` in place (temporary file + rename) if it is stale and
    /// the fast path applies. `open` opens where its bytes go (tests make it fail).
    /// `roots`: the roots the snapshot must have been built from (nil: any).
    static func update(_ path: String, given: [String]?, check: SourceCheck, roots: [String]?,
                       open: SnapshotSinkOpener = SnapshotFileSink.open) throws -> Outcome {
        // `GOVQ_INCREMENTAL=careful` takes the careful path always (to compare the two).
        if ProcessInfo.processInfo.environment["GOVQ_INCREMENTAL"] == "careful" { return .declined("GOVQ_INCREMENTAL=careful") }
        guard let mapped = try? MappedFile(path) else { return .declined("unreadable") }
        let plan: Splice
        switch prepare(mapped, given: given, check: check, roots: roots) {
        case .failure(let decline): return .declined(decline.reason)
        case .success(let p): plan = p
        }
        // The old file stays mapped while its bytes are copied. A decline met half-way leaves
        // the temporary file uncommitted (removed with the sink), the old snapshot as it was.
        do {
            let sink = try open(path, SnapshotFormat.payloadOffset(roots: plan.sources.roots))
            try withExtendedLifetime(mapped) { try plan.write(to: sink) }
        } catch let d as Decline { return .declined(d.reason) }
        return .updated(changes: plan.changes, parsed: plan.parsed.count)
    }

    struct Decline: Error { var reason: String }

    /// Reads and verifies the old snapshot, finds what changed, lists the new reports in the
    /// order a load lists them, parses the changed ones.
    static func prepare(_ mapped: MappedFile, given: [String]?, check: SourceCheck, roots: [String]?) -> Result<Splice, Decline> {
        Result {
            // Every region's checksum is verified (the extra region's by `StoredSnapshot`):
            // bytes copied into the new file are trusted.
            let old: SnapshotContents
            do {
                old = try SnapshotFormat.decode(mapped.raw, diagnostics: false, sourceFiles: false, okReports: false, mapping: mapped)
            } catch { throw Decline(reason: "\(error)") }
            guard old.sources.roots.count == 1 else { throw Decline(reason: "more than one root") }
            if let roots, roots != old.sources.roots { throw Decline(reason: "other roots") }
            let stored = try StoredSnapshot(mapped.raw, cells: Splice.cellCount)
            let account = try StoredAccount(stored.region(Region.account(cells: Splice.cellCount)))
            guard account.count > 0, old.reports.count == account.skippedCount else { throw Decline(reason: "account") }
            guard !old.reports.contains(where: { $0.status == .skipped && Kept.partner($0.reason) != nil }) else {
                throw Decline(reason: "a report deduplication took out")
            }
            let fileNames = try StoredStrings(stored.region(Region.dictionary(2)))
            func name(_ k: Int) -> UnsafeRawBufferPointer { account.name(k, files: fileNames) }
            guard !fileNames.utf8.contains(0x5C) else { throw Decline(reason: "escaped names") }

            // How the reports name the root, checked against every stored name.
            let root = SnapshotUpdate.trimmed(old.sources.roots[0])
            let first = ReportSummary(file: String(decoding: name(0), as: UTF8.self), status: .ok)
            guard let names = ReportNames(roots: [root], given: given?.map(SnapshotUpdate.trimmed), reports: [first]) else {
                throw Decline(reason: "names")
            }
            let display = names.display[0], prefix = Array((display + "/").utf8), whole = Array(display.utf8)
            for k in 0..<account.count {
                let n = name(k)
                guard n.starts(with: prefix) || n.elementsEqual(whole), !n.contains(0x5C) else { throw Decline(reason: "names") }
            }

            let (now, files, changes) = old.sources.rescan(check: check, stored: try StoredSourceFiles(stored.extra))
            // What a listing of the root finds, folder by folder: a folder whose mtime is as
            // recorded keeps its stored census (no entry added, removed or renamed), the others
            // were read again by `rescan` (`SourceFolder.census`).
            var census = FolderCensus()
            var st = stat()
            guard stat(root, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { throw Decline(reason: "the root is not a folder") }
            for f in now.folders { census.add(f.census) }
            guard census.irregular == 0, !census.escapedNames else { throw Decline(reason: "irregular or escaped entries") }
            let changed = changes.changed.compactMap(names.name(of:)), removed = changes.removed.compactMap(names.name(of:))
            let added = changes.added.compactMap(names.name(of:)).sorted()
            guard changed.count == changes.changed.count, removed.count == changes.removed.count, added.count == changes.added.count,
                  changed.count + removed.count + added.count <= maxChanges else { throw Decline(reason: "too many changes") }

            // The new listing: the stored names less the removed, the added ones where they sort.
            let gone = NameSet(removed), again = NameSet(changed)
            var insertAt: [Int] = []
            for a in added {
                var lo = 0, hi = account.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if String(decoding: name(mid), as: UTF8.self) < a { lo = mid + 1 } else { hi = mid }
                }
                if lo < account.count, String(decoding: name(lo), as: UTF8.self) == a { throw Decline(reason: "an added name is stored") }
                insertAt.append(lo)
            }
            var order: [Splice.Entry] = []
            order.reserveCapacity(account.count + added.count)
            var toParse: [String] = []
            var a = 0
            for k in 0..<account.count {
                while a < added.count, insertAt[a] == k { order.append(.parsed(toParse.count)); toParse.append(added[a]); a += 1 }
                let n = name(k)
                if gone.contains(n) { continue }
                if again.contains(n) { order.append(.parsed(toParse.count)); toParse.append(String(decoding: n, as: UTF8.self)) } else {
                    order.append(.stored(k))
                }
            }
            while a < added.count { order.append(.parsed(toParse.count)); toParse.append(added[a]); a += 1 }
            guard order.count == census.reports else { throw Decline(reason: "the folders list other reports than the source list") }

            let listing = census.othersWarning(root: display).map { [$0] } ?? []
            let parsed = SnapshotUpdate.parse(toParse)
            let plan = Splice(old: old, stored: stored, account: account, order: order, parsed: parsed,
                              listing: listing, root: display, sources: now, files: files, changes: changes)
            try plan.checkNoRepeats()
            return plan
        }.mapError { e in e as? Decline ?? Decline(reason: "\(e)") }
    }
}

/// A few names, compared as bytes with the stored ones (no `String` per stored report).
struct NameSet {
    private let names: [[UInt8]]
    private let lengths: Set<Int>

    init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
        lengths = Set(self.names.map(\.count))
    }

    func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard lengths.contains(bytes.count) else { return false }
        return names.contains { $0.elementsEqual(bytes) }
    }
}
