/// Substring search on UTF-8 bytes (ByteSearch), against positions counted by hand.
import Testing
@testable import GovqLoader

@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("aaab", "aab", 1),          // a partial match right before the real one
        ("abc", "abc", 0),           // the whole haystack
        ("xxabc", "bc", 3),          // at the very end
        ("abc", "c", 2),             // one byte
        ("abc", "", 0),              // an empty needle is found at 0
        ("报告", "报告", 0),
        ("本报告根据年度报告", "年度报告", 15),   // five characters of three bytes before it
        ("政府信息公开", "公开", 12),
    ])
    func findsTheFirstOccurrence(haystack: String, needle: String, offset: Int) {
        #expect(Array(haystack.utf8).offset(of: Array(needle.utf8)) == offset)
        #expect(haystack.includes(needle))
    }

    @Test(arguments: [("abc", "abd"), ("ab", "abc"), ("", "a"), ("报", "报告"), ("告报", "报告"), ("ba", "ab")])
    func missesWhatIsNotThere(haystack: String, needle: String) {
        #expect(Array(haystack.utf8).offset(of: Array(needle.utf8)) == nil)
        #expect(!haystack.includes(needle))
    }

    /// On a slice of a line, the offset is an index of the slice's base, as the callers use it.
    @Test func sliceOffsetsIndexTheBase() {
        let text = Array("第一行\n本年新收申请数量".utf8)
        text.withUnsafeBufferPointer { buffer in
            let line = buffer[10...]
            #expect(line.offset(of: Array("申请".utf8)) == 10 + 12)
            #expect(line.offset(of: Array("第一".utf8)) == nil)
        }
    }

    /// Every occurrence, whichever byte anchors the memchr: against a scan of every position,
    /// on random bytes from a small alphabet (so that needles recur, overlap and touch the ends).
    @Test func everyOffsetWhateverTheAnchor() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet: [UInt8] = [0xE7, 0x94, 0xB3, 0x61, 0x0A]
        for _ in 0..<2000 {
            let hay = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }
            let needle = (0..<(1 + next(4))).map { _ in alphabet[next(alphabet.count)] }
            let expected = hay.count < needle.count ? [] : (0...(hay.count - needle.count)).filter { hay.matches(needle, at: $0) }
            for anchor in needle.indices {
                var found: [Int] = []
                hay.withUnsafeBufferPointer { $0.forEachOffset(of: needle, anchor: anchor) { found.append($0); return true } }
                #expect(found == expected, "\(hay) \(needle) anchor \(anchor)")
            }
        }
        // `body` returning false stops the search.
        var first: [Int] = []
        Array("件件件".utf8).withUnsafeBufferPointer { $0.forEachOffset(of: Array("件".utf8), anchor: 2) { first.append($0); return false } }
        #expect(first == [0])
    }

    /// The kind of a file by its name when the content says nothing: `.txt` is told without
    /// splitting the path, every other name as before.
    @Test(arguments: [
        ("a/b/report.txt", FileKind.text), ("report.TXT", .text), ("报告.txt", .text), (".txt", .text), ("a..txt", .text),
        ("page.html", .html), ("page.HTM", .html), ("a.txt.html", .html), ("a.html.txt", .text), ("dir.html/x.txt", .text),
        ("x.shtml", .html), ("报告.xhtml", .html), ("noextension", .text),
    ])
    func kindByName(name: String, kind: FileKind) {
        Array("本年新收政府信息公开申请数量".utf8).withUnsafeBufferPointer { #expect(FileKind.of($0, name: name) == kind) }
    }

    /// `endsWith` compares bytes (memcmp on the strings' storage): a suffix of whole
    /// characters, the empty suffix, a suffix longer than the string, one byte off.
    @Test(arguments: [
        ("某某区人民政府办公室", "办公室", true), ("某某区人民政府办公室", "政府", false), ("报告", "报告", true),
        ("告", "报告", false), ("", "", true), ("abc", "", true), ("", "a", false), ("年度报告。", "报告", false),
        ("2021年度工作报告", "工作报告", true), ("x报告", "x报告", true), ("Ab", "b", true), ("Ab", "B", false),
    ] as [(String, String, Bool)])
    func endsWithComparesBytes(string: String, suffix: String, expected: Bool) {
        #expect(string.endsWith(suffix) == expected)
        // A string sliced out of a longer one (its own storage after String(_:)) answers the same.
        let sliced = String(("前" + string + "后").dropFirst().dropLast())
        #expect(sliced.endsWith(suffix) == expected)
    }

    /// `%PDF-` anywhere in the first kilobyte makes a PDF, and only there.
    @Test func pdfMagicInTheFirstKilobyte() {
        for (at, pdf) in [(0, true), (7, true), (1019, true), (1020, false), (2000, false)] {
            var bytes = [UInt8](repeating: 0x20, count: 3000)
            bytes.replaceSubrange(at..<(at + 5), with: Array("%PDF-".utf8))
            bytes.withUnsafeBufferPointer { #expect((FileKind.of($0, name: "x.txt") == .pdf) == pdf, "at \(at)") }
        }
    }
}
