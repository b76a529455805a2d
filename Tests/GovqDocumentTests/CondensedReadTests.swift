/// The condensed reads (`PageCondenser`, `DocumentXMLCondenser`) against the careful path they
/// shortcut, libxml2 given the whole page or `document.xml`: on every fixture, on hand-made
/// markup libxml2 reads in its own ways, and on many generated and mutated documents, the two
/// give the same document (every line, cell text and place) or the same error.
import Foundation
import Testing
import GovqCorpus
import GovqDocument
@testable import GovqDOCX
@testable import GovqHTML

@Suite struct CondensedReadTests {
    static let pages = ["pingtan_czj_2021.html", "pingtan_jjf_2019.html", "hongze_2024_gbk.html"]
    /// Word files of every maker at hand: python-docx (`make_fixtures.py`; the czj page through
    /// `scripts/html2docx.py`), LibreOffice (`soffice --headless --convert-to docx` of the 历城
    /// sample's page and of the czj page).
    static let words = ["hongze_2024.docx", "LibreOffice/licheng_2019_word.docx", "../Bench/pingtan_czj_2021_libreoffice.docx",
                        "../Bench/pingtan_czj_2021_python-docx.docx", "../Bench/bench_large.docx"]

    /// Whole and condensed give the same result; returns the condensed one's size ratio.
    @discardableResult
    static func expectSameHTML(_ bytes: [UInt8], _ label: String) -> Double {
        let (whole, condensed) = bytes.withUnsafeBytes { (HTMLReader.read($0, extent: .whole), HTMLReader.read($0, extent: .condensed)) }
        switch (whole, condensed) {
        case (.success(let a), .success(let b)):
            #expect(a.lines == b.lines, "\(label)")
            if a.lines != b.lines, let k = a.lines.indices.first(where: { $0 >= b.lines.count || a.lines[$0] != b.lines[$0] }) {
                Issue.record("\(label): line \(k): \(a.lines[k]) ≠ \(b.lines[k])")
            }
        case (.failure(let a), .failure(let b)): #expect(a == b, "\(label)")
        default: Issue.record("\(label): \(whole) ≠ \(condensed)")
        }
        let size = bytes.withUnsafeBytes { raw in HTMLReader.decode(raw).map { $0.withUnsafeBytes { PageCondenser.condense($0)?.bytes.count ?? $0.count } } ?? 0 }
        return Double(size) / Double(max(bytes.count, 1))
    }

    /// The condensed read and the direct one (`DirectDocumentReader`, else the condensed read)
    /// against the whole document's.
    static func expectSameXML(_ xml: [UInt8], _ label: String) {
        let whole = xml.withUnsafeBytes { DOCXReader.read(documentXML: $0, extent: .whole) }
        for extent in [DOCXReader.Extent.condensed, .direct] {
            let other = xml.withUnsafeBytes { DOCXReader.read(documentXML: $0, extent: extent) }
            switch (whole, other) {
            case (.success(let a), .success(let b)): #expect(a.lines == b.lines, "\(label) \(extent)")
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(label) \(extent)")
            default: Issue.record("\(label) \(extent): \(whole) ≠ \(other)")
            }
        }
    }

    static func documentXML(_ name: String) -> [UInt8] {
        let bytes = Fixtures.bytes(name)
        guard case .success(let xml) = bytes.withUnsafeBytes({ DOCXReader.documentXML($0) }) else { return [] }
        return [UInt8](xml)
    }

    @Test(arguments: pages)
    func fixturePagesReadTheSame(_ name: String) {
        let ratio = Self.expectSameHTML(Fixtures.bytes(name), name)
        // The Word-pasted pages are mostly attribute lists and scripts: libxml2 sees a third.
        if name.hasPrefix("pingtan") { #expect(ratio < 0.4, "\(name): \(ratio)") }
    }

    @Test(arguments: words)
    func fixtureWordFilesReadTheSame(_ name: String) throws {
        let xml = Self.documentXML(name)
        #expect(!xml.isEmpty)
        Self.expectSameXML(xml, name)
        // LibreOffice's XML is mostly formatting and tags the reader never reads: libxml2 sees
        // a seventh of it (cutting whole formatting subtrees only left about 18%).
        if name.contains("LibreOffice") || name.contains("libreoffice") {
            let condensed = try #require(xml.withUnsafeBytes { DocumentXMLCondenser.condense($0, keeping: DOCXEvents.vocabulary, readingAttributesOf: DOCXEvents.attributesRead) })
            let ratio = Double(condensed.bytes.count) / Double(xml.count)
            #expect(ratio < 0.15, "\(name): \(ratio)")
        }
    }

    /// What is cut, by hand: the attribute lists and a script's body, nothing else.
    @Test func pageCutsAttributesAndScriptBodies() throws {
        let page = Array("<html lang=zh><body><td style=\"a>b\" width=3>x &amp; y</td><script type=t>if (a<b) {}</script><br/><p\n class=c />z</body>".utf8)
        let condensed = try #require(page.withUnsafeBytes { PageCondenser.condense($0) })
        #expect(String(decoding: condensed.bytes, as: UTF8.self) == "<html lang=zh><body><td>x &amp; y</td><script></script><br/><p/>z</body>")
        // "x" is at 44 in the page and 24 in what was parsed; "z" at the end of both.
        #expect(condensed.originalOffset(24) == 44)
        #expect(condensed.originalOffset(condensed.bytes.count - 8) == page.count - 8)
    }

    /// What is cut, by hand: formatting subtrees, the tags of `w:body`, `w:r` and `w:tcPr`
    /// (their content stays), every attribute but those of `w:gridSpan`.
    @Test func wordXMLCutsWhatTheReaderNeverReads() throws {
        let xml = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document a=\"1\"><w:body><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                         + "<w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋\"/><w:sz w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">标题</w:t></w:r></w:p>"
                         + "<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w=\"1\"/><w:gridSpan w:val=\"2\"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
                         + "<w:sectPr><w:pgSz w:w=\"1\"/></w:sectPr></w:body></w:document>").utf8)
        let condensed = try #require(xml.withUnsafeBytes { DocumentXMLCondenser.condense($0, keeping: DOCXEvents.vocabulary, readingAttributesOf: DOCXEvents.attributesRead) })
        #expect(String(decoding: condensed.bytes, as: UTF8.self) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:p><w:t>标题</w:t></w:p>"
                + "<w:tbl><w:tr><w:tc><w:gridSpan w:val=\"2\"/><w:p/></w:tc></w:tr></w:tbl></w:document>")
        Self.expectSameXML(xml, "hand-made")
    }

    /// Where a cut would join text to text, nothing is cut: a tag followed by text keeps its
    /// tags (its attributes go), a subtree followed by text stays.
    @Test func wordXMLNeverJoinsText() throws {
        let xml = Array("<w:document><w:p><w:r y=\"2\">a<w:rPr/>b<w:t x=\"1\">c</w:t>d</w:r> <w:rPr/> <w:r x=\"1\"><w:t>e</w:t></w:r></w:p></w:document>".utf8)
        let condensed = try #require(xml.withUnsafeBytes { DocumentXMLCondenser.condense($0, keeping: DOCXEvents.vocabulary, readingAttributesOf: DOCXEvents.attributesRead) })
        #expect(String(decoding: condensed.bytes, as: UTF8.self) == "<w:document><w:p><w:r>a<w:rPr/>b<w:t>c</w:t>d</w:r>  <w:t>e</w:t></w:p></w:document>")
        Self.expectSameXML(xml, "text beside cuts")
    }

    /// Markup libxml2 reads in its own ways: each page is read the same both ways.
    static let trickyPages: [String] = [
        "<title>a <b x=1>c</b></title><p>t</p>",
        "<textarea rows=2><td a=1>x</td></textarea><p>y</p>",
        "<SCRIPT language=js>document.write('<td a=1>')</SCRIPT ><p>q</p>",
        "<script>never closed <td a=1>x",
        "<style>p{a:b}</stylex><td a=2>x</td>",
        "<!-- a <td a=1> --> <td b=2>y</td>",
        "<!--> <td a=1>x</td> -->",
        "<!---> <td a=1>x</td> -->",
        "<!-- a --!> <td a=1>x</td> -->",
        "<!-- never closed <td a=1>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"x.dtd\"><td a=1>x</td>",
        "<!DOCTYPE html foo><td a=1>x</td>",
        "<?xml:namespace prefix = o ns = \"urn:schemas-microsoft-com:office:office\" /><td a=1><o:p>x</o:p></td>",
        "<![if !supportLists]><td a=1>x</td><![endif]>",
        "<td a=\"1\"b='2'c=3 d>x</td><td e=f/>y</td>",
        "<td \"a\"=1>x</td>",
        "<td a=>x</td>",
        "<td a = \"<p>\">x</td>",
        "<br clear=all/>x<br/>y<p />z",
        "< td>x</td> a<b",
        "<td-x a=1>x</td-x>",
        "<td a=1\n\n b=2>x\ny</td>\n<td>z</td>",
        "<td a=1>&nbsp;</td><td a=2>&#26032; &unknown; &amp</td>",
        "<meta charset=gbk><td a=1>x</td>",
        "<body a=1><body b=2><td>x</td></body>",
        "<table a=1><tr b=2><td c=3>1</td><td d=4>2</td></tr><tr><td>3</td><td>4</td></tr></table>",
        "<td a=1>x\u{0}y</td>",
        "<td a=1>x\u{1}y</td>",
        "<td a='1>x</td>",
        "<td a=1",
        "<p a=1>x</p></p a=2><p>y</p>",
        "<div a=1><nav b=2>menu</nav><script>x</script>text</div>",
    ]

    @Test(arguments: trickyPages)
    func trickyPageReadsTheSame(_ page: String) {
        Self.expectSameHTML(Array(page.utf8), page)
    }

    /// Pages put together at random from the pieces above and a real page's markup, and real
    /// pages cut and mutated at random.
    @Test func generatedPagesReadTheSame() {
        var rng = SplitMix(state: 11)
        let pieces = Self.trickyPages.map { Array($0.utf8) } + ["<tr>", "</tr>", "<td style='x'>", "</td>", "<table border=1>", "</table>",
                                                                 "三、本年度办理结果", "\n", " ", "&nbsp;", "<p class=MsoNormal>", "</p>"].map { Array($0.utf8) }
        for k in 0..<300 {
            var page: [UInt8] = []
            for _ in 0..<rng.below(12) + 1 { page += pieces[rng.below(pieces.count)] }
            Self.expectSameHTML(page, "generated \(k): \(String(decoding: page, as: UTF8.self))")
        }
        let real = Fixtures.bytes("pingtan_jjf_2019.html")
        let marks = Array("<>\"'=/!-&".utf8)
        for k in 0..<60 {
            let start = rng.below(real.count - 20_000)
            var page = Array(real[start..<(start + 20_000)])
            for _ in 0..<rng.below(6) {
                let at = rng.below(page.count)
                if rng.below(2) == 0 { page[at] = marks[rng.below(marks.count)] } else { page.remove(at: at) }
            }
            Self.expectSameHTML(page, "mutated \(k) at \(start)")
        }
    }

    /// Word XML mutated at random (a byte changed, removed or a tag's piece put in), near its
    /// formatting: the same document or the same error either way.
    @Test func mutatedWordXMLReadsTheSame() {
        var rng = SplitMix(state: 7)
        let pieces = ["<", ">", "\"", "'", "/>", "</w:rPr>", "<w:rPr>", "<w:t>", "&", "&foo;", " ", "=", "<!-- c -->", "\u{80}", "<w:b w:val=\"1\" w:val=\"2\"/>"].map { Array($0.utf8) }
        for name in Self.words {
            let xml = Self.documentXML(name)
            let head = Array(xml.prefix(40_000))
            for k in 0..<40 {
                var doc = head
                for _ in 0..<rng.below(4) + 1 {
                    let at = rng.below(doc.count)
                    switch rng.below(3) {
                    case 0: doc[at] = pieces[rng.below(4)][0]
                    case 1: doc.remove(at: at)
                    default: doc.insert(contentsOf: pieces[rng.below(pieces.count)], at: at)
                    }
                }
                Self.expectSameXML(doc, "\(name) mutated \(k)")
            }
        }
    }

    static let trickyXML: [String] = [
        "<w:rPr> <w:b/></w:rPr>",
        "<w:rPr><w:t>in formatting</w:t></w:rPr>",
        "<w:rPr><!-- c --><w:b/></w:rPr>",
        "<w:rPr><w:b w:val=\"1\" w:val=\"2\"/></w:rPr>",
        "<w:rPr><w:b w:val=\"1\"w:x=\"2\"/></w:rPr>",
        "<w:rPr><w:b w:val=1/></w:rPr>",
        "<w:rPr><w:b w:val=\"&foo;\"/></w:rPr>",
        "<w:rPr><w:b w:val=\"\u{80}\"/></w:rPr>",
        "<w:rPr><w:b></w:i></w:rPr>",
        "<w:rPr><w:b>",
        "<w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/></w:rPr><w:bookmarkStart w:id=\"0\"/>",
        "<w:rPr><w:b/></w:rPr ><w:proofErr w:type='spellStart'/>",
        // A cut between two pieces of text would join them into one token libxml2 reads
        // otherwise: an entity or character reference, `]]>`, a CR LF.
        "<w:t>&am<w:rPr/>p;</w:t>",
        "<w:t>&#x4<w:rPr/>1;</w:t>",
        "<w:t>]]<w:rPr/>></w:t>",
        "<w:t>a\r<w:rPr/>\nb</w:t>",
        "<w:t>a <w:rPr/> b</w:t>",
        // Unwrapped tags and cut attributes beside text, references and odd values.
        "&am<w:x>p;</w:x>",
        "<w:x>&am</w:x>p;",
        "<w:x>a</w:x><w:t>b</w:t><w:x>c</w:x>",
        "<w:t xml:space=\"preserve\"> a </w:t>",
        "<w:t xml:space=\"bogus\" xml:lang=\"??\">a</w:t>",
        "<w:t a=\"1\" a=\"2\">x</w:t>",
        "<w:t a=\"&amp;\">x</w:t>",
        "<w:b w:val=\"it's\"/><w:c w:val='say \"x\"'/>",
        "</w:r><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\" w:x=\"1\"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:r>",
        "</w:r><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p/></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:r>",
        // What the direct reader decodes, and what it leaves to libxml2.
        "<w:t>&lt;&gt;&amp;&quot;&apos;&#x4E00;&#20108;&#x1F600;&#9;&#13;</w:t>",
        "<w:t>&#0;</w:t>", "<w:t>&#xD800;</w:t>", "<w:t>&#x110000;</w:t>", "<w:t>&#xFFFE;</w:t>", "<w:t>&#;</w:t>", "<w:t>&#x;</w:t>",
        "<w:t>&nbsp;</w:t>", "<w:t>&amp</w:t>", "<w:t>a]]>b</w:t>", "<w:t>a]>b]]&gt;</w:t>", "<w:t>a\r\nb\rc</w:t>", "<w:x>a\r\nb</w:x>",
        "<w:t><![CDATA[x<y]]></w:t>", "<w:t><?pi x?>y</w:t>", "<w:t>a<!-- c -->b</w:t>", "<w:t>a<w:x>b</w:x>c</w:t>", "<w:t><w:t>a</w:t>b</w:t>",
        "<W:T>a</W:T>", "<w:t>\u{80}</w:t>", "<w:t>a</w:t >", "<w:t>a</w:tt>", "<w:t>a</w:t", "<w:t>a",
        "</w:r><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan W:VAL=\"2\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:r>",
        "</w:r><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\" 2\"/><w:vMerge w:val=\"continue \"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:r>",
        "</w:r><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan/><w:vMerge w:val=\"bogus\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:r>",
    ]

    /// The direct reader reads the Word fixtures itself (else it would only ever hand them on).
    @Test(arguments: words)
    func directReaderReadsTheFixtures(_ name: String) throws {
        let xml = Self.documentXML(name)
        let direct = try #require(xml.withUnsafeBytes { DirectDocumentReader.read($0) }, "\(name)")
        #expect(!direct.lines.isEmpty)
    }

    /// Prologs the direct reader takes or leaves: the same document or error either way.
    @Test func directReaderPrologs() {
        let body = "<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"
        let prologs = ["", "\u{FEFF}", "<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='utf-8' standalone='no'?>\n",
                       "<?xml version=\"1.1\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"latin1\"?>", "<?xml  version=\"1.0\"?>",
                       "<?xml version=\"1.0\"?><!DOCTYPE w:document>", "<!-- c -->", "x", "<?xml-stylesheet href=\"a\"?>"]
        for prolog in prologs { Self.expectSameXML(Array((prolog + body).utf8), "prolog \(prolog)") }
        for tail in ["", " \n", "<!-- c -->", "x", "<w:x/>"] { Self.expectSameXML(Array((body + tail).utf8), "tail \(tail)") }
        let plain = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + body).utf8)
        #expect(plain.withUnsafeBytes { DirectDocumentReader.read($0) } != nil)
    }

    @Test(arguments: trickyXML)
    func trickyWordXMLReadsTheSame(_ inner: String) {
        let wrap = { (s: String) in Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body><w:p><w:r>\(s)<w:t>x</w:t></w:r></w:p></w:body></w:document>".utf8) }
        Self.expectSameXML(wrap(inner), inner)
        // A non-UTF-8 byte in what would be cut, and a GBK declaration: read whole, refused alike.
        var bad = wrap("<w:rPr><w:b w:val=\"é\"/></w:rPr>")
        if let k = bad.firstIndex(of: 0xC3) { bad[k] = 0xFF }
        Self.expectSameXML(bad, "invalid UTF-8")
        Self.expectSameXML(Array("<?xml version=\"1.0\" encoding=\"GBK\"?><w:document><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>x</w:t></w:r></w:p></w:body></w:document>".utf8), "GBK")
    }

    /// Formatting nested near the readers' depth limit is never cut past it: the limit's error
    /// is the same.
    @Test func deepFormattingKeepsTheDepthLimit() {
        for depth in [190, 199, 200, 201, 255, 256, 257, 300] {
            let open = String(repeating: "<w:x>", count: depth), close = String(repeating: "</w:x>", count: depth)
            let xml = Array("<w:document><w:body>\(open)<w:rPr><w:b/></w:rPr>\(close)<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>".utf8)
            Self.expectSameXML(xml, "depth \(depth)")
        }
    }
}

/// The corpus generator's SplitMix64, started at a fixed state: the same cases every run.
typealias SplitMix = CorpusRandom

extension CorpusRandom {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
