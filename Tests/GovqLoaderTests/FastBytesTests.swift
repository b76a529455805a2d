/// The fast path's byte tests and label shortcuts of the sixth round (table6), each against
/// the test it stands for: the eight-bytes-a-step refusal test against the byte-at-a-time one,
/// the digit-led labels the classifier is no longer asked about against the classifier, the
/// remembered headers against `columnOrder`.
import Testing
@testable import GovqLoader

@Suite struct FastBytesTests {
    /// Every byte value at every one of the eight places, among bytes no test refuses (a Han
    /// character's bytes and digits): the word test answers as the byte test does.
    @Test func eightBytesAtATimeRefuseWhatOneAtATimeRefuses() {
        let filler: [UInt8] = [0xE4, 0xB8, 0x80, 0x31, 0x32, 0xE5, 0xAD, 0x97]
        for b in 0...255 {
            for at in 0..<8 {
                var word = filler
                word[at] = UInt8(b)
                let any = word.withUnsafeBufferPointer { FastBytes.mayRefuseAny($0.baseAddress!, 0) }
                #expect(any == FastBytes.mayRefuse(UInt8(b)), "byte \(b) at \(at)")
            }
        }
        // The bytes refused, by hand: control characters but the tab, `&`, `|`, DEL, E2, EF.
        let refused = (0...255).filter { FastBytes.mayRefuse(UInt8($0)) }
        #expect(refused == Array(0x00...0x08) + Array(0x0A...0x1F) + [0x26, 0x7C, 0x7F, 0xE2, 0xEF])
    }

    /// `contains` (table8: the one pass's search for a tab) against a byte-at-a-time search, on
    /// every range of a line with tabs, spaces, digits and Han characters.
    @Test func eightBytesAtATimeFindWhatOneAtATimeFinds() {
        let text = Array("（三）不予公开\t1、属于国家秘密 4\t0 0".utf8)
        for lo in 0..<text.count {
            for hi in lo...text.count {
                for b: UInt8 in [0x09, 0x20, 0x30, 0xEF, 0x88, 0x0A] {
                    let fast = text.withUnsafeBufferPointer { FastBytes.contains(b, $0.baseAddress!, lo, hi) }
                    #expect(fast == text[lo..<hi].contains(b), "\(b) in \(lo)..<\(hi)")
                }
            }
        }
    }

    /// Every leaf label of both templates starts with a digit in three of its four numberings
    /// (`1.` `1．` `1、`), and the classifier reads each form as text: the shortcut is taken for
    /// every leaf, and it answers as the classifier does.
    @Test func digitLedLabelsAreTextAsTheClassifierReadsThem() {
        for slot in FastLabels.t2019 + FastLabels.t2021 {
            var text = true
            for form in slot.forms where form.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true {
                form.withUnsafeBufferPointer { b in
                    if case (.text, _) = CellScanner.classifyCell(b[...]) {} else { text = false }
                }
            }
            #expect(slot.digitLedFormsAreText == text)
            #expect(slot.digitLedFormsAreText)
        }
    }

    /// A header is in the template's order exactly when `columnOrder` gives 0…6, asked once or
    /// again (the second answer comes from the remembered headers).
    @Test(arguments: [
        ("申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计", true),
        ("申请人情况自然人法人或其他组织科研机构商业企业社会公益组织法律服务机构其他总计", false),
        ("申请人情况总计自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他", false),
    ])
    func remembersHeadersInTemplateOrder(header: String, inOrder: Bool) {
        let bytes = Array(header.utf8)
        #expect((ApplicationsTable.columnOrder(bytes) == Array(0..<7)) == inOrder)
        #expect(FastLabels.headerInTemplateOrder(bytes) == inOrder)
        #expect(FastLabels.headerInTemplateOrder(bytes) == inOrder)
    }
}
