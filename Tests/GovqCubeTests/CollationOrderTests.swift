/// `Collation.precedes` is the comparison `Collation.displayRanks` sorts by: for dictionaries
/// of each kind (ASCII file names; fewer than 2,000 Chinese names; more), sorting the names by
/// it gives the ranks `displayRanks` gives, so that a name added to a stored dictionary can be
/// ranked among the stored ranks (the incremental index) exactly as ranking all of them again.
import Dispatch
import GovqCube
import Synchronization
import Testing

@Suite struct CollationOrderTests {
    /// Names of Han characters, digits, Latin and full-width letters, some prefixes of others.
    static func names(_ count: Int, seed: UInt64) -> [String] {
        let pool = Array("济南市历城区临淄青岛下城县镇人民政府办公室公安局教育局自然资源经济技术开发区管理委员会一二三〇")
        let extra = ["A", "b", "1", "２", "Ｚ", "·", "（", "）", "-"]
        var rng = seed, out = Set<String>()
        func next() -> Int {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: rng >> 33)
        }
        while out.count < count {
            var s = ""
            for _ in 0..<(1 + next() % 5) { s.append(pool[next() % pool.count]) }
            if next() % 7 == 0 { s += extra[next() % extra.count] }
            out.insert(s)
        }
        return out.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    @Test(arguments: [12, 600, 1999, 2000, 2600])
    func sortingByPrecedesGivesTheDisplayRanks(_ count: Int) {
        let values = Self.names(count, seed: UInt64(count))
        let order = Collation.DisplayOrder(count: values.count, allASCII: false)
        #expect(order == (count < 2000 ? .locale : .characters))
        let sorted = values.indices.sorted { Collation.precedes(values[$0], values[$1], in: order) }
        var ranks = [UInt32](repeating: 0, count: values.count)
        for (rank, code) in sorted.enumerated() { ranks[code] = UInt32(rank) }
        #expect(ranks == Collation.displayRanks(of: values))
    }

    @Test func asciiNamesSortByTheirBytes() {
        let values = ["reports/b.txt", "reports/a.txt", "reports/B.txt", "reports/a/c.txt", "reports/a-1.txt"]
        #expect(Collation.DisplayOrder(count: 5, allASCII: true) == .bytes)
        let sorted = values.indices.sorted { Collation.precedes(values[$0], values[$1], in: .bytes) }
        var ranks = [UInt32](repeating: 0, count: values.count)
        for (rank, code) in sorted.enumerated() { ranks[code] = UInt32(rank) }
        #expect(ranks == Collation.displayRanks(of: values))
        #expect(sorted.map { values[$0] } == ["reports/B.txt", "reports/a-1.txt", "reports/a.txt", "reports/a/c.txt", "reports/b.txt"])
    }

    /// The same for dictionaries the locale orders otherwise than character by character:
    /// Latin names where case and hyphens weigh less than letters (`ab` < `A-b` < `Ab` < `b`),
    /// mixed with Chinese ones, so that most names start out of place and the ranking falls
    /// back to sorting them whole; and Chinese names for which it does not.
    @Test(arguments: [(400, true), (1200, true), (1500, false), (1999, false)])
    func namesFarFromTheirCharactersOrder(_ count: Int, latin: Bool) {
        var values = Self.names(count / 2, seed: UInt64(count) &* 7)
        if latin {
            let letters = Array("aAbB-c C")
            var rng = UInt64(count)
            var seen = Set(values)
            while values.count < count {
                var s = ""
                for _ in 0..<4 {
                    rng = rng &* 6364136223846793005 &+ 1442695040888963407
                    s.append(letters[Int(truncatingIfNeeded: rng >> 33) % letters.count])
                }
                if seen.insert(s).inserted { values.append(s) }
            }
        } else {
            values = Self.names(count, seed: UInt64(count) &* 7)
        }
        let sorted = values.indices.sorted { Collation.precedes(values[$0], values[$1], in: .locale) }
        var ranks = [UInt32](repeating: 0, count: values.count)
        for (rank, code) in sorted.enumerated() { ranks[code] = UInt32(rank) }
        #expect(ranks == Collation.displayRanks(of: values))
    }

    /// Dictionaries ranked one after another, and several at once on other threads, share the
    /// characters ranked so far: each still gets the ranks of sorting it alone.
    @Test func dictionariesRankedTogetherRankAsAlone() {
        let dictionaries = (0..<6).map { Self.names([40, 300, 1200, 2100, 700, 2500][$0], seed: 1000 + UInt64($0)) }
        let expected = dictionaries.map { values -> [UInt32] in
            let order = Collation.DisplayOrder(count: values.count, allASCII: false)
            let sorted = values.indices.sorted { Collation.precedes(values[$0], values[$1], in: order) }
            var ranks = [UInt32](repeating: 0, count: values.count)
            for (rank, code) in sorted.enumerated() { ranks[code] = UInt32(rank) }
            return ranks
        }
        let got = Mutex([[UInt32]](repeating: [], count: dictionaries.count))
        DispatchQueue.concurrentPerform(iterations: dictionaries.count) { i in
            let ranks = Collation.displayRanks(of: dictionaries[i])
            got.withLock { $0[i] = ranks }
        }
        #expect(got.withLock { $0 } == expected)
        #expect(dictionaries.map { Collation.displayRanks(of: $0) } == expected)
    }
}
