/// A deterministic generator of annual-report texts and their truth: the same seed gives the
/// same files, byte for byte. Each report draws from its own random stream (seed, index), so
/// reports are generated in parallel and a test can regenerate any one of them alone.
import Dispatch
import Foundation
import GovqCube

public struct CorpusGenerator: Sendable {
    public let seed: UInt64
    /// Page numbers, form feeds and running headers at page breaks (`PageBreaks`), from a
    /// random stream of their own: the rest of each report is the same bytes as without.
    public let pageFurniture: Bool

    public init(seed: UInt64, pageFurniture: Bool = false) {
        self.seed = seed
        self.pageFurniture = pageFurniture
    }

    /// The path of report `index` relative to the corpus folder: 1,000 files per folder.
    public static func path(_ index: Int) -> String {
        let folder = String(index / 1000), name = String(index)
        return String(repeating: "0", count: max(0, 4 - folder.count)) + folder + "/"
            + String(repeating: "0", count: max(0, 7 - name.count)) + name + ".txt"
    }

    /// Report `index`: its bytes and what it contains.
    public func report(_ index: Int) -> (bytes: [UInt8], truth: TruthRecord) {
        var r = CorpusRandom(seed: seed, stream: UInt64(index))
        // Unit and year from the index, so that no two reports share them (see `Places.slot`).
        let slot = Places.slot(index), issuer = slot.issuer
        var year = slot.year
        let roll = r.int(1000)
        let template: Template = year >= 2021 ? .t2021 : .t2019
        var truth = TruthRecord(file: Self.path(index), status: .ok, fault: nil, district: issuer.district,
                                unit: issuer.unit, year: year, template: template, applications: [], reviews: [], bytes: 0)
        var text: String
        switch roll {
        case 0..<3:
            truth.status = .skipped; truth.fault = "empty"
            truth.district = nil; truth.unit = nil; truth.year = nil; truth.template = nil
            text = ""
        case 3..<13:
            year = 2014 + r.int(5)
            truth.status = .skipped; truth.fault = "pre_2019"; truth.year = year; truth.template = nil
            text = ReportText.pre2019(issuer, year: year, &r)
        case 13..<18:
            truth.status = .skipped; truth.fault = "no_table"; truth.template = nil
            text = ReportText.noTable(issuer, year: year, &r)
        default:
            var figures = Figures(template: template, &r)
            let truncated = roll >= 18 && roll < 28
            if truncated {
                // Row 四 printed with four blank cells: it reads as zeros, so make it zero.
                for a in ApplicantType.allCases.map(\.rawValue) {
                    let d = figures.apps[Outcome.carriedForward.rawValue][a]!
                    figures.apps[Outcome.carriedForward.rawValue][a] = 0
                    figures.apps[Outcome.handled.rawValue][a]! += d
                    figures.apps[Outcome.granted.rawValue][a]! += d
                }
            } else if roll < 43 {
                // The report's own arithmetic is wrong: a number the identity cannot explain.
                let a = r.int(ApplicantType.allCases.count)
                figures.apps[Outcome.carriedForward.rawValue][a]! += Int32(1 + r.int(3))
                truth.status = .inconsistent; truth.fault = "identity"
            } else if roll < 50 {
                // (七)总计 lost its cells (the 临淄 sample).
                for a in ApplicantType.allCases.map(\.rawValue) { figures.apps[Outcome.handled.rawValue][a] = nil }
                truth.status = .inconsistent; truth.fault = "row_without_cells"
            }
            truth.applications = figures.apps
            truth.reviews = figures.reviews
            (text, truth.layout) = ReportText.full(issuer, year: year, template: template, figures: figures, truncatedLastRow: truncated, &r)
            if pageFurniture {
                var pr = CorpusRandom(seed: seed ^ 0x5041_4745_4252_4B53, stream: UInt64(index))
                let header = pr.pick(["\(issuer.unit)\(year)年政府信息公开工作年度报告", issuer.unit, "政府信息公开工作年度报告"])
                let (paged, layout) = PageBreaks.insert(text, header: header, &pr)
                text = paged
                truth.layout += layout
            }
        }
        var bytes = Array(text.utf8)
        if !bytes.isEmpty, r.chance(0.03) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        if !bytes.isEmpty, r.chance(0.03) {
            var crlf: [UInt8] = []
            crlf.reserveCapacity(bytes.count + bytes.count / 20)
            for b in bytes { if b == 0x0A { crlf.append(0x0D) }; crlf.append(b) }
            bytes = crlf
        }
        truth.bytes = bytes.count
        return (bytes, truth)
    }

    /// The number of distinct (unit, year) slots: a larger corpus repeats units' years, and
    /// the loader drops the repeats as duplicates or conflicts.
    public static var distinctReports: Int { Places.allIssuers.count * Places.years.count }

    /// Writes reports `0..<count` under `directory` (in parallel over all cores) and
    /// `truth.jsonl` beside them; returns the truth in index order (all of it in memory: for
    /// tests and small corpora; `writeCorpus` keeps only a batch).
    @discardableResult
    public func write(count: Int, to directory: String) throws -> [TruthRecord] {
        var truths: [TruthRecord] = []
        truths.reserveCapacity(count)
        try write(0..<count, to: directory) { truths += $0 }
        return truths
    }

    /// Writes the corpus as `write(count:to:)` does, with memory bounded by one batch of
    /// reports whatever the count (10^6 reports' truth is gigabytes).
    /// Reports `first..<first + count` only, when `first` is given (one more report for a
    /// corpus already written: the benchmark's incremental step).
    public func writeCorpus(count: Int, first: Int = 0, to directory: String, progress: ((Int) -> Void)? = nil) throws -> CorpusSummary {
        var summary = CorpusSummary()
        try write(first ..< first + count, to: directory) { batch in
            summary.reports += batch.count
            summary.bytes += batch.reduce(0) { $0 + $1.bytes }
            summary.broken += batch.filter { $0.status != .ok }.count
            progress?(summary.reports)
        }
        return summary
    }

    /// Reports in batches of `batchSize`, each batch written in parallel, its truth appended to
    /// truth.jsonl in index order and handed to `each`.
    private func write(_ indices: Range<Int>, to directory: String, each: ([TruthRecord]) -> Void) throws {
        let fm = FileManager.default
        for folder in (indices.lowerBound / 1000)..<((indices.upperBound + 999) / 1000) {
            try fm.createDirectory(atPath: directory + "/" + Self.path(folder * 1000).split(separator: "/")[0],
                                   withIntermediateDirectories: true)
        }
        let truthPath = directory + "/truth.jsonl", partial = truthPath + ".partial"
        guard fm.createFile(atPath: partial, contents: nil), let out = FileHandle(forWritingAtPath: partial) else {
            throw CorpusError("cannot write '\(partial)'")
        }
        defer { try? out.close() }
        let batchSize = 64_000
        for start in stride(from: indices.lowerBound, to: indices.upperBound, by: batchSize) {
            let end = min(indices.upperBound, start + batchSize)
            let chunks = (end - start + 999) / 1000
            let results = UnsafeMutableBufferPointer<TruthRecord?>.allocate(capacity: end - start)
            results.initialize(repeating: nil)
            defer { results.deinitialize(); results.deallocate() }
            let failures = UnsafeMutableBufferPointer<String?>.allocate(capacity: chunks)
            failures.initialize(repeating: nil)
            defer { failures.deinitialize(); failures.deallocate() }
            let box = UncheckedBox(results), failed = UncheckedFailures(failures)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in (start + chunk * 1000)..<min(end, start + chunk * 1000 + 1000) {
                    let (bytes, truth) = report(i)
                    let path = directory + "/" + truth.file
                    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                    let written = fd < 0 ? -1 : bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                    if fd >= 0 { close(fd) }
                    if written != bytes.count, failed.buffer[chunk] == nil {
                        failed.buffer[chunk] = "cannot write '\(path)': \(String(cString: strerror(errno)))"
                    }
                    box.buffer[i - start] = truth
                }
            }
            if let message = failures.compactMap({ $0 }).first { throw CorpusError(message) }
            let batch = results.map { $0! }
            var jsonl = batch.map(\.jsonLine).joined(separator: "\n")
            jsonl += "\n"
            try out.write(contentsOf: Data(jsonl.utf8))
            each(batch)
        }
        try out.close()
        if fm.fileExists(atPath: truthPath) { try fm.removeItem(atPath: truthPath) }
        try fm.moveItem(atPath: partial, toPath: truthPath)
    }
}

/// What `writeCorpus` wrote.
public struct CorpusSummary: Sendable, Equatable {
    public var reports = 0
    /// Bytes of report text.
    public var bytes = 0
    /// Reports broken on purpose (skipped or inconsistent in the truth).
    public var broken = 0
}

/// A corpus file that could not be written.
public struct CorpusError: Error, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }
}

/// Lets the parallel writers fill disjoint slots of one buffer.
private struct UncheckedBox: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<TruthRecord?>
    init(_ b: UnsafeMutableBufferPointer<TruthRecord?>) { buffer = b }
}

/// One slot per chunk of writers for the first error it met.
private struct UncheckedFailures: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<String?>
    init(_ b: UnsafeMutableBufferPointer<String?>) { buffer = b }
}
