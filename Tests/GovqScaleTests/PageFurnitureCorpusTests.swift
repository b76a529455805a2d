/// Page furniture on the generator's corpus: page numbers in every form (`- 7 -` indented far
/// to the right, `— 7 —`, `第7页 共9页`, `7/9`, a bare `7` before a form feed, …), form feeds
/// and running headers at page breaks anywhere in the tables. A report that adds up is never
/// flagged inconsistent because of them, and every cell reads as without them.
import Foundation
import GovqCorpus
import GovqCube
import GovqLoader
import Testing

@Suite struct PageFurnitureCorpusTests {
    @Test func everyFormAppears() {
        let g = CorpusGenerator(seed: 11, pageFurniture: true)
        let layouts = (0..<400).map { g.report($0).truth.layout }.joined(separator: " ")
        for form in PageBreaks.formNames {
            #expect(layouts.contains("page-markers=\(form)"), "no report with page markers '\(form)'")
        }
        #expect(layouts.contains("+ff") && layouts.contains("+header"))
    }

    @Test func furnitureNeverChangesACell() throws {
        let dir = try Support.temporaryFolder("pages")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let truths = try CorpusGenerator(seed: 20_251_201, pageFurniture: true).write(count: 600, to: dir)
        let result = ReportLoader.load(paths: [dir])
        let read = Support.read(result, root: dir)
        let diffs = TruthComparison.differences(truths, read)
        let layout = Dictionary(uniqueKeysWithValues: truths.map { ($0.file, $0.layout) })
        let shown = diffs.prefix(12).map { d in "\(d)  [\(layout[String(d.prefix(while: { $0 != ":" && $0 != " " }))] ?? "")]" }
        #expect(diffs.isEmpty, "\(diffs.count) differences, e.g.\n\(shown.joined(separator: "\n"))")
        // Reports that add up are ok: none is flagged because of a page number.
        let flagged = truths.filter { $0.status == .ok && read[$0.file]?.status != "ok" }
        #expect(flagged.count == 0, "\(flagged.count) reports that add up flagged: \(flagged.prefix(5).map { "\($0.file) [\($0.layout)]" })")
        #expect(truths.filter { $0.layout.contains("page-markers") }.count > 500)
    }
}
