/// The generator's reports, loaded by the real loader, must give back every number the
/// generator wrote: every cell of both tables, district, unit, year, template and status.
import Foundation
import GovqCorpus
import GovqCube
import GovqLoader
import Testing

@Suite struct CorpusGeneratorTests {
    @Test func sameSeedSameBytes() {
        let a = CorpusGenerator(seed: 7), b = CorpusGenerator(seed: 7), c = CorpusGenerator(seed: 8)
        for i in [0, 1, 17, 999, 123_456] {
            #expect(a.report(i).bytes == b.report(i).bytes)
            #expect(a.report(i).truth == b.report(i).truth)
        }
        #expect(a.report(5).bytes != c.report(5).bytes)
    }

    /// The truth itself obeys the vocabulary's identities wherever no fault was injected.
    @Test func truthAddsUp() {
        let g = CorpusGenerator(seed: 3)
        for i in 0..<500 {
            let t = g.report(i).truth
            guard t.status == .ok else { continue }
            for a in ApplicantType.allCases.map(\.rawValue) {
                let v = { (o: Outcome) in Int(t.applications[o.rawValue][a] ?? 0) }
                #expect(v(.new) + v(.carriedOver) == v(.handled) + v(.carriedForward), "\(t.file)")
                #expect(Outcome.handlingLeaves.reduce(0) { $0 + v($1) } == v(.handled), "\(t.file)")
            }
            for p in Proceeding.allCases.map(\.rawValue) {
                let r = t.reviews.map { Int($0[p] ?? 0) }
                #expect(r[0] + r[1] + r[2] + r[3] == r[4], "\(t.file)")
            }
        }
    }

    /// Every variant and every fault appears in a corpus of this test's size.
    @Test func corpusCoversEveryVariant() {
        let g = CorpusGenerator(seed: 1)
        let truths = (0..<2000).map { g.report($0).truth }
        let layouts = truths.map(\.layout).joined(separator: " ")
        for token in ["tabbedCells", "plainCells", "tabRows", "spaceRows", "+gaps", "zero=''", "zero='\u{3000}'",
                      "zero='-'", "zero='—'", "zero='/'", "zero='无'", "fullwidth-digits", "split-headers",
                      "ascii-parens", "no-quotes", "truncated-last-row", "title-without-year"] {
            #expect(layouts.contains(token), "no report with \(token)")
        }
        let faults = Set(truths.compactMap(\.fault))
        #expect(faults == ["identity", "row_without_cells", "pre_2019", "no_table", "empty"])
        #expect(Set(truths.compactMap(\.template)) == [.t2019, .t2021])
        #expect(Set(truths.compactMap(\.year)).isSuperset(of: [2019, 2020, 2021, 2022, 2023]))
        let sizes = truths.filter { $0.status != .skipped }.map(\.bytes)
        #expect(sizes.min()! > 5_000 && sizes.max()! < 25_000)
    }
}

@Suite struct CorpusRoundTripTests {
    static let count = 1000

    @Test func loaderReadsEveryGeneratedCell() throws {
        let dir = try Support.temporaryFolder("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let truths = try CorpusGenerator(seed: 20_251_125).write(count: Self.count, to: dir)
        let result = ReportLoader.load(paths: [dir])
        let diffs = TruthComparison.differences(truths, Support.read(result, root: dir))
        let files = Set(diffs.map { String($0.prefix(while: { $0 != ":" && $0 != " " })) })
        // Every difference fails: name the layout of the first few reports it happens in, so
        // that the variant the loader mis-reads shows at once.
        let layout = Dictionary(uniqueKeysWithValues: truths.map { ($0.file, $0.layout) })
        let shown = diffs.prefix(12).map { d in
            let file = String(d.prefix(while: { $0 != ":" && $0 != " " }))
            return "\(d)  [\(layout[file] ?? "")]"
        }
        #expect(diffs.isEmpty, "\(diffs.count) differences in \(files.count) of \(Self.count) reports, e.g.\n\(shown.joined(separator: "\n"))")
    }
}
