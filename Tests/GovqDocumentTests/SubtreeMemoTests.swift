/// The direct reader's memo of unread subtrees (`SubtreeMemo`) against the careful path it
/// shortcuts: a subtree skipped because the same bytes were read before must give the same
/// document, or the same error, as libxml2 given the whole `document.xml`, wherever the copy
/// stands (deeper, inside a `w:t`, at the end of the file) and however it differs.
import Testing
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
        #expect(skipped > 1000, "\(name): \(skipped)")
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
