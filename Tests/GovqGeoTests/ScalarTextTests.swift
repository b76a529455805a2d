/// `String(scalars:)`, which places a report's names with, against the scalar view it stands in
/// for: every width of UTF-8 (ASCII, Latin, Han, beyond the BMP), empty and sliced inputs.
@testable import GovqGeo
import Testing

@Suite struct ScalarTextTests {
    @Test func isTheScalarViewsString() {
        let pool: [Unicode.Scalar] = ["a", "7", " ", "é", "\u{7FF}", "\u{800}", "济", "南", "市", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}",
                                      "\u{301}", "豈"]
        var state: UInt64 = 7
        for round in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let count = Int(state >> 59)
            var scalars: [Unicode.Scalar] = []
            for k in 0..<count { scalars.append(pool[Int((state >> UInt64(k % 50)) % UInt64(pool.count))]) }
            let from = count == 0 ? 0 : Int(state % UInt64(count + 1))
            let slice = scalars[from...]
            let made = String(scalars: slice), viewed = String(String.UnicodeScalarView(slice))
            #expect(Array(made.utf8) == Array(viewed.utf8), "round \(round)")
            #expect(made == viewed)
        }
        #expect(String(scalars: Array("济南市历城区".unicodeScalars)[3...]) == "历城区")
        #expect(String(scalars: []).isEmpty)
    }
}
