/// The Word condenser's shortcuts against what they shortcut: formatting tried as a whole
/// subtree (`formattingEnd`) and tags taken from the memo (`TagMemo`) give the very bytes of
/// the tag-by-tag scan, and joined text runs
/// (`TextRunJoins`) read as the whole document does, or fail as it does.
import Testing
import GovqDocument
@testable import GovqDOCX

@Suite struct CondensedWordShortcutTests {
    static func condensed(_ xml: [UInt8], shortcuts: Bool = true, joining: Bool = true) -> String? {
        xml.withUnsafeBytes {
            DocumentXMLCondenser.condense($0, keeping: DOCXEvents.vocabulary, readingAttributesOf: DOCXEvents.attributesRead,
                                          containers: DOCXEvents.containers, joiningRunsOf: joining ? "w:t" : nil,
                                          shortcuts: shortcuts).map { String(decoding: $0.bytes, as: UTF8.self) }
        }
    }

    static func wrap(_ s: String) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body><w:p><w:r>\(s)</w:r></w:p></w:body></w:document>".utf8)
    }

    /// Every Word fixture, and each mutated near its formatting: the same cuts with the
    /// shortcuts (formatting tried whole, tags from the memo) as without.
    @Test func shortcutsCutAsTheTagByTagScan() {
        var rng = SplitMix(state: 23)
        let pieces = ["<", ">", "\"", "/>", "</w:rPr>", "<w:rPr>", "<w:t>", "<w:gridSpan w:val=\"2\"/>", " ", "<!-- c -->", "x"].map { Array($0.utf8) }
        for name in CondensedReadTests.words {
            let xml = CondensedReadTests.documentXML(name)
            #expect(!xml.isEmpty)
            #expect(Self.condensed(xml) == Self.condensed(xml, shortcuts: false), "\(name)")
            let head = Array(xml.prefix(30_000))
            for k in 0..<30 {
                var doc = head
                for _ in 0..<rng.below(3) + 1 {
                    let at = rng.below(doc.count)
                    if rng.below(2) == 0 { doc.remove(at: at) } else { doc.insert(contentsOf: pieces[rng.below(pieces.count)], at: at) }
                }
                #expect(Self.condensed(doc) == Self.condensed(doc, shortcuts: false), "\(name) mutated \(k)")
            }
        }
    }

    /// Runs of one paragraph with only cut formatting between them become one `w:t`; a tab
    /// between two keeps them apart.
    @Test func adjacentRunsAreJoined() throws {
        let xml = Self.wrap("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">济南市 </w:t></w:r><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr>"
                            + "<w:t>2019</w:t></w:r><w:r><w:t>年</w:t></w:r><w:r><w:tab/><w:t>a</w:t>")
        let text = try #require(Self.condensed(xml))
        #expect(text == "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:p><w:t>济南市 2019年</w:t><w:tab/><w:t>a</w:t></w:p></w:document>")
        CondensedReadTests.expectSameXML(xml, "joined runs")
    }

    /// Where joining would make one token of two texts, or something read lies between, the
    /// runs stay apart: (inner markup, whether its two runs are joined).
    static let joinCases: [(String, Bool)] = [
        ("<w:t>a&amp;</w:t></w:r><w:r><w:t>b</w:t>", true),
        ("<w:t></w:t></w:r><w:r><w:t>b</w:t>", true),
        ("<w:t>&am</w:t></w:r><w:r><w:t>p;</w:t>", false),
        ("<w:t>&#x4</w:t></w:r><w:r><w:t>1;</w:t>", false),
        ("<w:t>]]</w:t></w:r><w:r><w:t>></w:t>", false),
        ("<w:t>a]</w:t></w:r><w:r><w:t>]></w:t>", false),
        ("<w:t>a\r</w:t></w:r><w:r><w:t>\nb</w:t>", false),
        ("<w:t>a</w:t> </w:r><w:r><w:t>b</w:t>", false),
        ("<w:t>a</w:t></w:r><!-- c --><w:r><w:t>b</w:t>", false),
        ("<w:t>a</w:t></w:r><w:r><w:br/><w:t>b</w:t>", false),
        ("<w:t>a<w:x/></w:t></w:r><w:r><w:t>b</w:t>", false),
        ("<w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t>", false),
        ("<w:t>a</w:t></w:r><w:r><w:rPr><w:b w:val=\"1\" w:val=\"2\"/></w:rPr><w:t>b</w:t>", false),
    ]

    @Test(arguments: joinCases)
    func runsJoinOnlyWhereTheyReadTheSame(_ inner: String, _ joined: Bool) throws {
        let xml = Self.wrap(inner)
        CondensedReadTests.expectSameXML(xml, inner)
        let text = try #require(Self.condensed(xml))
        #expect(text.components(separatedBy: "<w:t>").count - 1 == (joined ? 1 : 2), "\(inner): \(text)")
    }

    /// A UTF-8 scalar split between two runs (a damaged file): never joined into a whole one.
    @Test func aScalarSplitBetweenRunsIsNotJoined() throws {
        let zhong: [UInt8] = [0xE4, 0xB8, 0xAD]
        let xml = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body><w:p><w:r><w:t>".utf8) + zhong[0..<2]
            + Array("</w:t></w:r><w:r><w:t>".utf8) + zhong[2...] + Array("</w:t></w:r></w:p></w:body></w:document>".utf8)
        let text = try #require(Self.condensed(xml))
        #expect(text.components(separatedBy: "<w:t>").count == 3)
        CondensedReadTests.expectSameXML(xml, "split scalar")
        let whole = xml.withUnsafeBytes { DOCXReader.read(documentXML: $0, extent: .whole) }
        guard case .failure = whole else { Issue.record("a split scalar read as good: \(whole)"); return }
    }
}
