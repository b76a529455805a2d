/// Every kind of blank, a blank or a control character inside a number, and NA markers: none
/// of them splits a number into two cells or moves a cell to another column.
import Foundation
import Testing
@testable import GovqCube
@testable import GovqLoader

/// The cells of a text, as values, with how each was read.
private func scanned(_ text: String) -> [(Cell.Value, Cell.Mark)] {
    let lines = TextLines(Array(text.utf8))
    return withExtendedLifetime(lines) { CellScanner.cells(lines, 0..<lines.count).map { (lines.value(of: $0), $0.mark) } }
}

/// One row `（一）予以公开` followed by `cells`, parsed as a whole report's row of seven.
private func row(_ cells: String) -> [Cell.Value] {
    scanned("（一）予以公开" + cells).dropFirst().map(\.0)
}

@Suite struct BlankAndMarkerTests {
    @Test(arguments: ["\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{200A}", "\u{200B}", "\u{202F}", "\u{FEFF}",
                      "&nbsp;", "&NBSP;", "&#160;", "\u{0C}", " \u{00A0} ", "\u{1B}[0m"])
    func aBlankOfAnyKindIsAnEmptyCell(blank: String) {
        #expect(row("\t5\t\(blank)\t0\t\(blank)\t0\t0\t5") == [.number(5, note: nil), .blank, .number(0, note: nil), .blank,
                                                                   .number(0, note: nil), .number(0, note: nil), .number(5, note: nil)])
    }

    /// `3 04` in every separator style: one number, the row's other cells where they stand.
    @Test(arguments: [
        (" 3\u{00A0}04 1 0 0 0 0 305", Cell.Mark.blankInside), ("\t3 04\t1\t0\t0\t0\t0\t305", .blankInside),
        (" 3&nbsp;04 1 0 0 0 0 305", .blankInside), ("\t3\u{1B}[5m04\t1\t0\t0\t0\t0\t305", .blankInside),
        (" 3\u{2009}04 1 0 0 0 0 305", .blankInside), ("\t3\u{200B}04\t1\t0\t0\t0\t0\t305", .blankInside),
        (" 3\u{1B}[0m04 1 0 0 0 0 305", .blankInside), ("\t304\u{1B}[0m\t1\t0\t0\t0\t0\t305", .none),
    ] as [(String, Cell.Mark)])
    func aBlankInsideANumberKeepsItWhole(cells: String, mark: Cell.Mark) {
        let got = scanned("（一）予以公开" + cells)
        #expect(got.dropFirst().map(\.0) == [304, 1, 0, 0, 0, 0, 305].map { Cell.Value.number($0, note: nil) })
        #expect(got[1].1 == mark)
    }

    /// A control character that leaves no number: the cell is missing (unreadable), the row
    /// keeps seven cells.
    @Test func aControlCharacterThatLeavesNoNumberIsUnreadable() {
        let got = row("\t3\u{1B}[5mab\t1\t0\t0\t0\t0\t4")
        #expect(got.count == 7)
        #expect(got[0] == .unreadable("3\u{1B}[5mab", reason: "is not a number"))
        #expect(got[1] == .number(1, note: nil))
    }

    /// Cells every one of which is separated by a no-break space are cells, not one number.
    @Test func noBreakSpacesBetweenEveryCellSeparateThem() {
        #expect(row(" 5\u{00A0}1\u{00A0}0\u{00A0}0\u{00A0}0\u{00A0}0\u{00A0}6") == [5, 1, 0, 0, 0, 0, 6].map { .number($0, note: nil) })
        // `3 4` (a plain space, no leading zero) is two cells.
        #expect(row(" 3 4") == [.number(3, note: nil), .number(4, note: nil)])
    }

    @Test(arguments: CellScanner.naMarkers)
    func anNAMarkerIsABlankWithANoteAndKeepsItsColumn(marker: String) {
        for sep in [" ", "\t"] {
            let got = scanned("（一）予以公开" + sep + ["5", "1", marker, marker, "0", marker, "6"].joined(separator: sep))
            #expect(got.dropFirst().map(\.0) == [.number(5, note: nil), .number(1, note: nil), .blank, .blank,
                                                 .number(0, note: nil), .blank, .number(6, note: nil)], "'\(marker)' after '\(sep)'")
            #expect(got.dropFirst().map(\.1) == [.none, .none, .naMarker, .naMarker, .none, .naMarker, .none])
        }
    }

    /// A whole report: the NA markers' notes are on the cells (provenance), one diagnostic each
    /// when provenance is asked (what `govq check --format json` shows), else one count a table.
    @Test func markersAreNotedOnTheirCellsAndInTheDiagnostics() throws {
        let url = Paths.fixtures.appendingPathComponent("na-markers-blanks.txt")
        let parsed = ReportParser.parse(bytes: [UInt8](try Data(contentsOf: url)), file: "na.txt", provenance: true)
        // 一、本年新收: `1 0` (no-break space) 2 1 / 1 ／ 1&nbsp;4
        let new = parsed.cells.filter { $0.table == .applications && $0.row == Outcome.new.rawValue }
        #expect(new.map(\.value) == [10, 2, 1, 0, 1, 0, 14])
        #expect(new[3].notes == ["NA marker '/' read as 0"])
        #expect(new[5].notes == ["NA marker '／' read as 0"])
        #expect(new[0].notes == ["blank inside the number '1\u{00A0}0' read as 10"])
        // 行政复议 1 不适用 不适用 1 2
        let review = parsed.cells.filter { $0.table == .reviews && $0.column == Proceeding.review.rawValue }
        #expect(review.map(\.value) == [1, 0, 0, 1, 2])
        #expect(review[1].notes == ["NA marker '不适用' read as 0"])
        // With provenance, each marker is a note of its own: table, row, column, place, marker.
        let cellNotes = parsed.diagnostics.filter { $0.severity == .note && $0.message.hasPrefix("NA marker '") }
        let first = try #require(cellNotes.first)
        #expect(first.message == "NA marker '/' read as 0 in the applications table")
        #expect((first.row, first.column, first.location?.line) == ("new", "nonprofit", 8))
        #expect(cellNotes[1].message == "NA marker '／' read as 0 in the applications table" && cellNotes[1].column == "other_org")
        let marked = parsed.cells.filter { $0.notes.contains { $0.hasPrefix("NA marker") } }
        #expect(cellNotes.filter { $0.message.hasSuffix("applications table") }.count == marked.filter { $0.table == .applications }.count)
        // Section 四's are 2 + 3 + 5; `行政复议 1 不适用 不适用 1 2`: corrected and other.
        let reviewNotes = cellNotes.filter { $0.message.hasSuffix("review/litigation table") }
        #expect(reviewNotes.count == 10)
        #expect(reviewNotes.prefix(2).map { "\($0.row!) \($0.column!)" } == ["corrected review", "other review"])
        // A bulk load (no provenance) counts them instead, one note a table.
        let bulk = ReportParser.parse(bytes: [UInt8](try Data(contentsOf: url)), file: "na.txt")
        let notes = bulk.diagnostics.filter { $0.severity == .note && $0.message.contains("NA marker") }
        #expect(notes.count == 2)
        #expect(notes.first?.message == "\(marked.filter { $0.table == .applications }.count) NA markers read as 0 in the applications table")
        #expect(notes.first?.location?.line == 8)
        #expect(notes.last?.message == "10 NA markers read as 0 in the review/litigation table")
        // `check --format json` reads the file again for the cells' notes, in place of the counts.
        let expanded = NAMarkers.expanded(bulk.diagnostics, read: { _ in [UInt8](try! Data(contentsOf: url)) })
        #expect(expanded.filter { $0.message.hasPrefix("NA marker '") } == cellNotes)
        #expect(!expanded.contains { $0.message.hasSuffix("NA markers read as 0 in the applications table") })
        let warnings = parsed.diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings == ["new, natural_person: '1\u{00A0}0' has a blank inside; read as 10",
                             "new, total: '1&nbsp;4' has a blank inside; read as 14",
                             "handled, natural_person: '1\u{1B}[5m0' has a blank inside; read as 10"])
    }
}
