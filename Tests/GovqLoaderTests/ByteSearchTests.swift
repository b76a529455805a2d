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
}
