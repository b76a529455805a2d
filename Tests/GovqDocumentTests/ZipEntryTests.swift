/// `word/document.xml` found and inflated by hand (`ZipEntry`) against the path it shortcuts,
/// ZIPFoundation's `Archive` and `extract`: on every `.docx` fixture and on hundreds of damaged
/// zips (header bytes changed, sizes and names changed, cut short, stored instead of deflated),
/// the hand path gives ZIPFoundation's bytes, or declines and the zip goes to ZIPFoundation.
import Foundation
import Testing
import GovqCorpus
import GovqDocument
@testable import GovqDOCX

@Suite struct ZipEntryTests {
    static let limit = DocumentLimits.maxTextBytes

    /// Every `.docx` under `Tests/` and whether the hand path reads it: the zips Word,
    /// LibreOffice and python-docx write, not the zip64 (python's zipfile for large entries)
    /// nor the cut ones.
    static let fixtures: [(name: String, byHand: Bool)] = [
        ("LibreOffice/licheng_2019_word.docx", true), ("../Bench/pingtan_czj_2021_libreoffice.docx", true),
        ("../Bench/pingtan_czj_2021_python-docx.docx", true), ("../Bench/bench_large.docx", true), ("hongze_2024.docx", true),
        ("deep.docx", false), ("huge_1gb.docx", false), ("bomb_lying.docx", false), ("truncated.docx", false),
    ]

    /// The hand path's bytes, checked against ZIPFoundation's when it reads the zip; whether it did.
    @discardableResult
    static func expectSame(_ zip: [UInt8], _ label: String, limit: Int = limit) -> Bool {
        guard let hand = zip.withUnsafeBytes({ ZipEntry.read($0, name: "word/document.xml", limit: limit) }) else { return false }
        let reference = zip.withUnsafeBytes { DOCXReader.documentXMLByZIPFoundation($0) }
        #expect(reference == .success(hand), "\(label): \(hand.count) bytes by hand")
        return true
    }

    @Test(arguments: fixtures)
    func fixturesReadAsZIPFoundationReadsThem(_ fixture: (name: String, byHand: Bool)) {
        let zip = Fixtures.bytes(fixture.name)
        #expect(!zip.isEmpty)
        #expect(Self.expectSame(zip, fixture.name) == fixture.byHand, "\(fixture.name)")
    }

    /// The layout of a zip the hand path reads, for the damage below.
    struct Layout {
        struct Entry { var central: Int, nameCount: Int, local: Int, data: Int, compressed: Int, name: String }
        var end: Int
        var entries: [Entry] = []
        var document: Entry { entries.first { $0.name == "word/document.xml" }! }

        init(_ z: [UInt8]) {
            func u16(_ i: Int) -> Int { Int(z[i]) | Int(z[i + 1]) << 8 }
            func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
            end = z.count - 22
            var at = u32(end + 16)
            for _ in 0..<u16(end + 10) {
                let nameCount = u16(at + 28), local = u32(at + 42)
                let name = String(decoding: z[(at + 46)..<(at + 46 + nameCount)], as: UTF8.self)
                entries.append(Entry(central: at, nameCount: nameCount, local: local, data: local + 30 + u16(local + 26) + u16(local + 28),
                                     compressed: u32(at + 20), name: name))
                at += 46 + nameCount + u16(at + 30) + u16(at + 32)
            }
        }
    }

    static func put32(_ z: inout [UInt8], _ i: Int, _ v: Int) { for k in 0..<4 { z[i + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) } }
    static func put16(_ z: inout [UInt8], _ i: Int, _ v: Int) { for k in 0..<2 { z[i + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) } }

    /// Every byte of the end record, the central directory and the local headers (and
    /// LibreOffice's data descriptor after `document.xml`) changed in two ways, one at a time.
    @Test(arguments: ["LibreOffice/licheng_2019_word.docx", "hongze_2024.docx"])
    func everyHeaderByteChanged(_ name: String) {
        let zip = Fixtures.bytes(name)
        let layout = Layout(zip)
        var positions = Array(layout.entries[0].central..<zip.count)
        for e in layout.entries { positions += Array(e.local..<e.data) }
        let doc = layout.document
        positions += Array((doc.data + doc.compressed)..<min(doc.data + doc.compressed + 16, layout.entries.map(\.central).min()!))
        var read = 0
        for at in positions {
            for change in [UInt8(0xFF), 0x01] {
                var z = zip
                z[at] ^= change
                if Self.expectSame(z, "\(name): byte \(at) ^ \(change)") { read += 1 }
            }
        }
        // Dates, CRCs, attributes and the like change nothing either reads: those are read by hand.
        #expect(read > positions.count / 4, "\(name): \(read) of \(2 * positions.count)")
        #expect(read < 2 * positions.count, "\(name)")
    }

    /// `document.xml`'s sizes in the central directory (and LibreOffice's data descriptor) set
    /// to the values around the true ones, zero and the limit's.
    @Test(arguments: ["LibreOffice/licheng_2019_word.docx", "hongze_2024.docx"])
    func sizesChanged(_ name: String) {
        let zip = Fixtures.bytes(name)
        let doc = Layout(zip).document
        let size = Int(zip[doc.central + 24]) | Int(zip[doc.central + 25]) << 8 | Int(zip[doc.central + 26]) << 16 | Int(zip[doc.central + 27]) << 24
        let hasDescriptor = zip[doc.central + 8] & 8 != 0
        let descriptor = doc.data + doc.compressed + 4
        var read: [String] = []
        for field in [20, 24] {
            let base = field == 20 ? doc.compressed : size
            for value in [0, 1, base - 1, base + 1, base * 2, Self.limit, Self.limit + 1, 0xFFFF_FFFF] {
                for alsoDescriptor in hasDescriptor ? [false, true] : [false] {
                    var z = zip
                    Self.put32(&z, doc.central + field, value)
                    if alsoDescriptor { Self.put32(&z, descriptor + (field == 20 ? 4 : 8), value) }
                    let label = "\(name): size field \(field) = \(value)\(alsoDescriptor ? " (and descriptor)" : "")"
                    if Self.expectSame(z, label) { read.append(label) }
                }
            }
        }
        // A stream shorter or longer than its headers say is left to ZIPFoundation.
        #expect(read.isEmpty, "\(read)")
    }

    /// The compressed size cut to every length below the stream's: never read by hand.
    @Test func streamCutShort() {
        let zip = Fixtures.bytes("hongze_2024.docx")
        let doc = Layout(zip).document
        for value in stride(from: 0, to: doc.compressed, by: 7) {
            var z = zip
            Self.put32(&z, doc.central + 20, value)
            #expect(!Self.expectSame(z, "compressed size \(value)"))
        }
    }

    /// The limit below and at the declared size.
    @Test func declaredSizeAgainstTheLimit() {
        let zip = Fixtures.bytes("LibreOffice/licheng_2019_word.docx")
        let xml = CondensedReadTests.documentXML("LibreOffice/licheng_2019_word.docx")
        #expect(!Self.expectSame(zip, "limit below", limit: xml.count - 1))
        #expect(Self.expectSame(zip, "limit at", limit: xml.count))
    }

    /// Names changed: another entry renamed `word/document.xml` (before it: ZIPFoundation takes
    /// the first), the entry renamed in one header only or in both, a name not ASCII.
    @Test func namesChanged() {
        let zip = Fixtures.bytes("LibreOffice/licheng_2019_word.docx")
        let layout = Layout(zip)
        let settings = layout.entries.first { $0.name == "word/settings.xml" }!
        let doc = layout.document
        let cases: [(String, [(Int, String)], Bool)] = [
            ("a second word/document.xml", [(settings.central + 46, "word/document.xml"), (settings.local + 30, "word/document.xml")], false),
            ("central name only", [(doc.central + 46, "word/Document.xml")], false),
            ("local name only", [(doc.local + 30, "word/Document.xml")], false),
            ("both names", [(doc.central + 46, "word/Document.xml"), (doc.local + 30, "word/Document.xml")], false),
            ("another entry not ASCII", [(settings.central + 46, "word/settings.xm\u{7F}"), (settings.local + 30, "word/settings.xm\u{7F}")], false),
            ("another entry renamed", [(settings.central + 46, "word/settings.xmm"), (settings.local + 30, "word/settings.xmm")], true),
        ]
        for (label, edits, byHand) in cases {
            var z = zip
            for (at, name) in edits { z.replaceSubrange(at..<(at + name.utf8.count), with: Array(name.utf8)) }
            #expect(Self.expectSame(z, label) == byHand, "\(label)")
        }
    }

    /// The flags and methods ZIPFoundation reads otherwise or not at all: encryption, zip64,
    /// another method, a directory or symlink by its attributes, a comment after the end record.
    @Test func headersNotModelled() {
        let zip = Fixtures.bytes("hongze_2024.docx")
        let layout = Layout(zip)
        let doc = layout.document
        var cases: [(String, [UInt8])] = []
        func edit(_ label: String, _ change: (inout [UInt8]) -> Void) {
            var z = zip
            change(&z)
            cases.append((label, z))
        }
        edit("encrypted") { Self.put16(&$0, doc.central + 8, 1); Self.put16(&$0, doc.local + 6, 1) }
        edit("an earlier entry encrypted") { Self.put16(&$0, layout.entries[0].central + 8, 1); Self.put16(&$0, layout.entries[0].local + 6, 1) }
        edit("version 4.5") { Self.put16(&$0, doc.central + 6, 45) }
        edit("method 12") { Self.put16(&$0, doc.central + 10, 12); Self.put16(&$0, doc.local + 8, 12) }
        edit("local method 0") { Self.put16(&$0, doc.local + 8, 0) }
        edit("a Unix directory") { Self.put32(&$0, doc.central + 38, 0o040755 << 16) }
        edit("a Unix symlink") { Self.put32(&$0, doc.central + 38, 0o120777 << 16) }
        edit("a DOS directory") { Self.put16(&$0, doc.central + 4, 20); Self.put32(&$0, doc.central + 38, 0x10) }
        edit("a comment after the end") { Self.put16(&$0, layout.end + 20, 2); $0 += [0x41, 0x42] }
        edit("a zip64 locator") { $0.insert(contentsOf: [0x50, 0x4B, 0x06, 0x07] + [UInt8](repeating: 0, count: 16), at: layout.end) }
        for (label, z) in cases { #expect(!Self.expectSame(z, label), "\(label)") }
        // A Unix regular file and a DOS file with the archive bit read alike by hand.
        var dos = zip
        Self.put16(&dos, doc.central + 4, 20)
        Self.put32(&dos, doc.central + 38, 0x20)
        #expect(Self.expectSame(dos, "a DOS file"))
    }

    /// `document.xml` stored, not deflated (its deflate bytes become the entry): read alike.
    @Test func storedEntry() {
        let zip = Fixtures.bytes("hongze_2024.docx")
        let doc = Layout(zip).document
        var z = zip
        Self.put16(&z, doc.central + 10, 0)
        Self.put16(&z, doc.local + 8, 0)
        Self.put32(&z, doc.central + 24, doc.compressed)
        #expect(Self.expectSame(z, "stored"))
        // Stored bytes running past the end of the file: ZIPFoundation's short read, not by hand.
        Self.put32(&z, doc.central + 24, zip.count)
        #expect(!Self.expectSame(z, "stored past the end"))
    }

    /// The zip cut at every length, and mutated at random in its header area.
    @Test func cutAndMutatedZips() {
        let zip = Fixtures.bytes("LibreOffice/licheng_2019_word.docx")
        for cut in 0..<zip.count { #expect(!Self.expectSame(Array(zip[..<cut]), "cut at \(cut)")) }
        let layout = Layout(zip)
        var rng = SplitMix(state: 11)
        for k in 0..<300 {
            var z = zip
            for _ in 0..<rng.below(3) + 1 {
                let e = layout.entries[rng.below(layout.entries.count)]
                let area = rng.below(2) == 0 ? e.central..<(e.central + 46 + e.nameCount) : e.local..<e.data
                z[area.lowerBound + rng.below(area.count)] = UInt8(rng.below(256))
            }
            Self.expectSame(z, "mutated \(k)")
        }
    }
}
