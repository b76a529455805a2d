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
        // Unit and year from the index, so that no two reports share them (up to
        // 5 × Places.allIssuers.count reports); the draws still advance the stream as before.
        _ = Places.issuer(&r)
        let issuer = Places.issuer(slot: index / 5)
        let roll = r.int(1000)
        _ = r.int(5)
        var year = 2019 + index % 5
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

    /// Writes reports `0..<count` under `directory` (in parallel over all cores) and
    /// `truth.jsonl` beside them; returns the truth in index order.
    @discardableResult
    public func write(count: Int, to directory: String, progress: (@Sendable (Int) -> Void)? = nil) throws -> [TruthRecord] {
        let fm = FileManager.default
        for folder in 0..<((count + 999) / 1000) {
            try fm.createDirectory(atPath: directory + "/" + Self.path(folder * 1000).split(separator: "/")[0],
                                   withIntermediateDirectories: true)
        }
        let chunks = max(1, (count + 999) / 1000)
        let results = UnsafeMutableBufferPointer<TruthRecord?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UncheckedBox(results)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for i in (chunk * 1000)..<min(count, chunk * 1000 + 1000) {
                let (bytes, truth) = report(i)
                let fd = open(directory + "/" + truth.file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if fd >= 0 {
                    bytes.withUnsafeBytes { _ = Foundation.write(fd, $0.baseAddress, $0.count) }
                    close(fd)
                }
                box.buffer[i] = truth
            }
            progress?(min(count, chunk * 1000 + 1000) - chunk * 1000)
        }
        let truths = results.map { $0! }
        var jsonl = truths.map(\.jsonLine).joined(separator: "\n")
        jsonl += "\n"
        try jsonl.write(toFile: directory + "/truth.jsonl", atomically: true, encoding: .utf8)
        return truths
    }
}

/// Lets the parallel writers fill disjoint slots of one buffer.
private struct UncheckedBox: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<TruthRecord?>
    init(_ b: UnsafeMutableBufferPointer<TruthRecord?>) { buffer = b }
}
