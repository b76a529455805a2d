/// The direct reader's memo of unread subtrees (`SubtreeMemo`) against the careful path it
/// shortcuts: a subtree skipped because the same bytes were read before must give the same
/// document, or the same error, as libxml2 given the whole `document.xml`, wherever the copy
/// stands (deeper, inside a `w:t`, at the end of the file) and however it differs.
import Testing
import GovqDocument
@testable import GovqDOCX

@Suite struct SubtreeMemoTests {
    static func wrap(_ body: String) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body>\(body)</w:body></w:document>".utf8)
    }
    static let run = "<w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋\"/><w:sz w:val=\"32\"/></w:rPr><w:t>x</w:t></w:r>"
    static let formatting = "<w:pPr><w:pStyle w:val=\"TextBody\"/><w:spacing w:before=\"0\" w:after=\"283\"/><w:rPr></w:rPr></w:pPr>"

    /// Copies of one subtree after its first reading: far apart, altered after the first 32
    /// bytes (the memo's key), inside a `w:t` (its text is read there), beside references.
    static let cases: [String] = [
        "<w:p>\(formatting)\(run)</w:p><w:p>\(formatting)\(run)</w:p><w:p>\(formatting)\(run)</w:p>",
        "<w:p>\(formatting)\(run)</w:p><w:p><w:pPr><w:pStyle w:val=\"TextBody\"/><w:spacing w:before=\"0\" w:after=\"283\"/><w:rPr></w:rPr></w:pPr></w:p>",
        "<w:p>\(formatting)</w:p><w:p><w:pPr><w:pStyle w:val=\"TextBody\"/><w:spacing w:before=\"0\" w:after=\"283\" w:after=\"1\"/><w:rPr></w:rPr></w:pPr></w:p>",
        "<w:p>\(formatting)</w:p><w:p><w:pPr><w:pStyle w:val=\"TextBody\"/><w:spacing w:before=\"0\" w:after=\"283\"/><w:rPr></w:rPr></w:pP></w:p>",
        "<w:p>\(formatting)</w:p><w:p><w:pPr><w:pStyle w:val=\"TextBody\"/><w:spacing w:before=\"0\" w:after=\"283\"/><w:rPr></w:rPr></w:pPr ></w:p>",
        "<w:p><w:x>b&amp;c</w:x><w:r><w:t>a<w:x>b&amp;c</w:x>d</w:t></w:r></w:p>",
        "<w:p><w:x>b&amp;c</w:x><w:r><w:t>a</w:t><w:x>b&amp;c</w:x><w:t>d</w:t></w:r></w:p>",
        "<w:p><w:x>b&amp;c</w:x><w:r><w:x>b&amp;c&nbsp;</w:x><w:t>d</w:t></w:r></w:p>",
        "<w:p><w:x>b]]></w:x></w:p>",
        "<w:p><w:x><w:y/>b</w:x><w:x><w:y/>b</w:x><w:x><w:y/>b<!-- c --></w:x></w:p>",
        "<w:p><w:x><w:y/>b</w:x><w:x><w:y/>b</w:x><w:x><w:y/>b<w:t>c</w:t></w:x></w:p>",
        "<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w=\"1\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
            + "<w:tc><w:tcPr><w:tcW w:w=\"1\"/></w:tcPr><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc>"
            + "<w:tc><w:tcPr><w:tcW w:w=\"1\"/><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc>"
            + "<w:tc><w:tcPr><w:tcW w:w=\"1\"/></w:tcPr><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    ]

    @Test(arguments: cases)
    func copiesReadTheSame(_ body: String) {
        CondensedReadTests.expectSameXML(Self.wrap(body), body)
    }

    /// A `w:tcPr` holding a `w:gridSpan` or `w:vMerge` is remembered with those events and
    /// skipped as a copy, its events given again: cells spanning and merging alike, copies whose
    /// value differs past the memo's key, a copy outside any table, read deeper, with a value
    /// libxml2 folds, with more read inside.
    static func cell(_ properties: String, _ text: String) -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/>\(properties)<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
    }
    static let span2 = "<w:gridSpan w:val=\"2\"/>", span3 = "<w:gridSpan w:val=\"3\"/>"
    static let restart = "<w:vMerge w:val=\"restart\"/>", merged = "<w:vMerge/>"
    static let spanCases: [String] = [
        "<w:tbl><w:tr>\(cell(span2, "1"))\(cell(span2, "2"))\(cell(span2, "3"))\(cell("", "4"))</w:tr></w:tbl>",
        "<w:tbl><w:tr>\(cell(span2, "1"))\(cell(span3, "2"))\(cell(span2, "3"))\(cell(span3, "4"))</w:tr></w:tbl>",
        "<w:tbl><w:tr>\(cell(restart, "1"))\(cell(restart, "2"))</w:tr><w:tr>\(cell(merged, ""))\(cell(merged, "x"))</w:tr><w:tr>\(cell(merged, "y"))\(cell("", "z"))</w:tr></w:tbl>",
        "<w:tbl><w:tr>\(cell(span2 + merged, "1"))\(cell(span2 + merged, "2"))\(cell(merged + span2, "3"))</w:tr></w:tbl>",
        "<w:p><w:r><w:t>a</w:t></w:r></w:p><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/>\(span2)</w:tcPr><w:tbl><w:tr>\(cell(span2, "1"))\(cell(span2, "2"))</w:tr></w:tbl><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/>\(span2)</w:tcPr>",
        "<w:tbl><w:tr>\(cell(span2, "1"))<w:tc><w:x><w:y>\(cell(span2, "2"))</w:y></w:x></w:tc>\(cell(span2, "3"))</w:tr></w:tbl>",
        "<w:tbl><w:tr>\(cell(span2, "1"))\(cell("<w:gridSpan w:val=\" 2\"/>", "2"))\(cell(span2, "3"))</w:tr></w:tbl>",
        "<w:tbl><w:tr>\(cell(span2, "1"))\(cell(span2 + "<w:t>in</w:t>", "2"))\(cell(span2, "3"))\(cell(span2 + "<w:t>in</w:t>", "4"))</w:tr></w:tbl>",
        "<w:tbl><w:tr>\(cell("<w:gridSpan w:val=\"2\"><w:x/></w:gridSpan>", "1"))\(cell("<w:gridSpan w:val=\"2\"><w:x/></w:gridSpan>", "2"))</w:tr></w:tbl>",
        "<w:tbl><w:tr>\(cell("<w:gridSpan w:val=\"2\"><w:gridSpan w:val=\"4\"/></w:gridSpan>", "1"))\(cell("<w:gridSpan w:val=\"2\"><w:gridSpan w:val=\"4\"/></w:gridSpan>", "2"))</w:tr></w:tbl>",
    ]

    @Test(arguments: spanCases)
    func spanningCopiesReadTheSame(_ body: String) {
        CondensedReadTests.expectSameXML(Self.wrap(body), body)
    }

    /// The copies are skipped: three cells of one `w:tcPr` with a `w:gridSpan`, two of them
    /// from the memo, spanning as the first.
    @Test func spanningCopiesAreSkipped() throws {
        let xml = Self.wrap("<w:tbl><w:tr>\(Self.cell(Self.span2, "1"))\(Self.cell(Self.span2, "2"))\(Self.cell(Self.span2, "3"))</w:tr></w:tbl>")
        var skipped = 0
        let document = try #require(xml.withUnsafeBytes { DirectDocumentReader.read($0, skipped: &skipped) })
        #expect(skipped == 2)
        #expect(document.lines.first?.cells.map(\.place) == [.cell(table: 1, row: 1, cell: 1), .cell(table: 1, row: 1, cell: 3), .cell(table: 1, row: 1, cell: 5)])
    }

    /// The direct reader does not tell the events of the elements they do not read, so their
    /// count of the depth must never be what refuses a document there: its own limit is lower.
    @Test func readerLimitIsUnderTheEventsLimit() {
        #expect(DirectDocumentReader.maxDepth < DocumentLimits.maxDepth)
    }

    /// The same subtree read shallow first, then again in ever deeper nesting around the
    /// readers' depth limits: never skipped past them.
    @Test func copiesDeeperKeepTheDepthLimit() {
        let subtree = "<w:rPr><w:a><w:b><w:c/></w:b></w:a></w:rPr><w:rPr><w:a><w:b><w:c/></w:b></w:a></w:rPr>"
        for depth in [190, 194, 195, 196, 197, 198, 199, 200, 252, 253, 254, 255, 256] {
            let open = String(repeating: "<w:x>", count: depth), close = String(repeating: "</w:x>", count: depth)
            let xml = Self.wrap("\(subtree)\(open)\(subtree)\(close)<w:p><w:r><w:t>x</w:t></w:r></w:p>")
            CondensedReadTests.expectSameXML(xml, "depth \(depth)")
        }
    }

    /// A copy cut short at the end of the file, at every length.
    @Test func truncatedCopiesReadTheSame() {
        let xml = Self.wrap("<w:p>\(Self.formatting)\(Self.run)</w:p><w:p>\(Self.formatting)\(Self.run)</w:p>")
        let second = xml.count - 50 - Self.formatting.utf8.count - Self.run.utf8.count
        for cut in stride(from: second, to: xml.count, by: 3) {
            CondensedReadTests.expectSameXML(Array(xml[..<cut]), "cut at \(cut)")
        }
    }

    /// The LibreOffice fixtures are mostly copies: most of their subtrees are skipped.
    @Test(arguments: ["LibreOffice/licheng_2019_word.docx", "../Bench/pingtan_czj_2021_libreoffice.docx"])
    func libreOfficeFilesAreMostlySkipped(_ name: String) throws {
        let xml = CondensedReadTests.documentXML(name)
        var skipped = 0
        let direct = try #require(xml.withUnsafeBytes { DirectDocumentReader.read($0, skipped: &skipped) })
        #expect(!direct.lines.isEmpty)
        // 历城: 1,309 unread subtrees outside the text, 26 of them distinct.
        #expect(skipped > 1000, "\(name): \(skipped)"); print("SKIPPED", name, skipped)
    }

    /// LibreOffice's XML mutated at random past its first fifth, where the memo is full: a
    /// byte changed, removed, or a tag's piece put in, inside the copies it skips.
    @Test func mutatedCopiesReadTheSame() {
        var rng = SplitMix(state: 23)
        let pieces = ["<", ">", "\"", "/>", "</w:rPr>", "<w:rPr>", "<w:t>", "&", "&foo;", " ", "=", "<!-- c -->", "\u{80}", " w:val=\"2\""].map { Array($0.utf8) }
        for name in ["LibreOffice/licheng_2019_word.docx", "../Bench/pingtan_czj_2021_libreoffice.docx"] {
            let xml = CondensedReadTests.documentXML(name)
            for k in 0..<40 {
                var doc = xml
                for _ in 0..<rng.below(3) + 1 {
                    let at = xml.count / 5 + rng.below(xml.count * 4 / 5 - 100)
                    switch rng.below(3) {
                    case 0: doc[at] = pieces[rng.below(4)][0]
                    case 1: doc.remove(at: at)
                    default: doc.insert(contentsOf: pieces[rng.below(pieces.count)], at: at)
                    }
                }
                CondensedReadTests.expectSameXML(doc, "\(name) mutated \(k)")
            }
        }
    }

    /// The fixture nested 256 deep and more (`w:sdt` in `w:sdt`): refused alike by all three.
    @Test func deepFixtureReadsTheSame() {
        let xml = CondensedReadTests.documentXML("deep.docx")
        #expect(xml.count > 1_000_000)
        CondensedReadTests.expectSameXML(xml, "deep.docx")
    }
}
