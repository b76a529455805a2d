import CGovqText

extension PageFurniture {
    /// The lines beside page breaks grouped by their normalised text (`RowLabels.normalize`),
    /// as a `[String: [Int]]` groups them (equal as Strings: canonically equivalent, a line
    /// once), but keyed by the normalised bytes while every text is valid UTF-8 made only of
    /// scalars NFC leaves as they are and never composes (ASCII, Latin-1's upper half, CJK
    /// ideographs, CJK punctuation but its combining marks, full-width forms, the dashes, quotes
    /// and marks of general punctuation but its spaces): two such texts are equal as Strings
    /// exactly when their bytes are. Hashing a Chinese String walks its NFC form scalar by
    /// scalar, and building the Strings of every line beside a break was most of the rest:
    /// together two fifths of the page-furniture pass on page-broken reports. Texts are kept
    /// in one buffer and found by a hash of their bytes; a String is made only for a text seen
    /// twice. The first text outside that set moves every group to the String-keyed dictionary.
    struct RepeatedTexts {
        /// The normalised bytes of every distinct text, one after another.
        private var arena: [UInt8] = []
        private var texts: [(start: Int, count: Int, hash: UInt64)] = []
        /// Open addressing over `texts` (index + 1; 0 is empty), a power of two long.
        private var slots: [Int32] = []
        /// Each add as (text, line), in order.
        private var adds: [(text: Int32, line: Int)] = []
        private var scratch: [UInt8] = []
        private var byText: [String: [Int]]?

        /// Adds a line's raw bytes; they are normalised here.
        mutating func add(_ raw: Bytes, line: Int) {
            if byText == nil, let p = raw.base.baseAddress, govq_utf8_valid(p + raw.startIndex, raw.count) != 0 {
                if scratch.count < raw.count { scratch = [UInt8](repeating: 0, count: max(raw.count, 128)) }
                let n = scratch.withUnsafeMutableBufferPointer { RowLabels.normalize(utf8: UnsafeBufferPointer(rebasing: raw), into: $0) }
                if scratch.withUnsafeBufferPointer({ Self.isStable(UnsafeBufferPointer(rebasing: $0[..<n])) }) {
                    addStable(scratch[..<n], line: line)
                    return
                }
            }
            // Valid UTF-8 is its String's UTF-8, so the String normalises to the same text.
            add(RowLabels.normalize(String(decoding: raw, as: UTF8.self)), line: line)
        }

        /// Adds a normalised text.
        mutating func add(_ text: String, line: Int) {
            if byText == nil, let bytes = Self.stableBytes(text) {
                addStable(bytes[...], line: line)
                return
            }
            if byText == nil {
                let before = groups(seenAtLeast: 1)
                byText = [:]
                for (text, lines) in before { byText![text] = lines }
                arena = []; texts = []; slots = []; adds = []
            }
            if byText![text]?.contains(line) == true { return }
            byText![text, default: []].append(line)
        }

        private mutating func addStable(_ bytes: ArraySlice<UInt8>, line: Int) {
            // FNV-1a: the texts are short and few a report.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
            if texts.count * 2 >= slots.count { grow() }
            let mask = slots.count - 1
            var k = Int(truncatingIfNeeded: hash) & mask
            while slots[k] != 0 {
                let t = texts[Int(slots[k]) - 1]
                if t.hash == hash, t.count == bytes.count, arena[t.start..<t.start + t.count].elementsEqual(bytes) {
                    adds.append((slots[k] - 1, line))
                    return
                }
                k = (k + 1) & mask
            }
            texts.append((arena.count, bytes.count, hash))
            arena.append(contentsOf: bytes)
            slots[k] = Int32(texts.count)
            adds.append((Int32(texts.count - 1), line))
        }

        private mutating func grow() {
            slots = [Int32](repeating: 0, count: max(64, slots.count * 2))
            let mask = slots.count - 1
            for (i, t) in texts.enumerated() {
                var k = Int(truncatingIfNeeded: t.hash) & mask
                while slots[k] != 0 { k = (k + 1) & mask }
                slots[k] = Int32(i + 1)
            }
        }

        /// The texts with at least `n` distinct lines, each line once, in the order added.
        func groups(seenAtLeast n: Int) -> [(text: String, lines: [Int])] {
            if let byText { return byText.filter { $0.value.count >= n }.map { ($0.key, $0.value) } }
            var counts = [Int](repeating: 0, count: texts.count)
            for a in adds { counts[Int(a.text)] += 1 }
            var lines = [[Int]](repeating: [], count: texts.count)
            for a in adds where counts[Int(a.text)] >= n {
                let t = Int(a.text)
                // A line beside two breaks is added twice, the second time just after the first;
                // past 16 lines a set finds the repeats below.
                if lines[t].last == a.line || (lines[t].count < 16 && lines[t].contains(a.line)) { continue }
                lines[t].append(a.line)
            }
            var result: [(text: String, lines: [Int])] = []
            for t in texts.indices where counts[t] >= n {
                var at = lines[t]
                // Past 16 lines a set finds the repeats (a hostile file's thousands of breaks).
                if at.count >= 16 { var seen = Set<Int>(); at = at.filter { seen.insert($0).inserted } }
                guard at.count >= n else { continue }
                let text = texts[t]
                result.append((String(decoding: arena[text.start..<text.start + text.count], as: UTF8.self), at))
            }
            return result
        }

        /// The text's bytes when each scalar is one of the set above, else nil.
        static func stableBytes(_ text: String) -> [UInt8]? {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { isStable($0) } ? bytes : nil
        }

        /// Whether every scalar of the valid UTF-8 `bytes` is one of the set above.
        static func isStable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var k = 0
            while k < bytes.count {
                let b = bytes[k]
                if b < 0x80 { k += 1; continue }
                // U+00A0–U+00FF (· among them): C2 A0 to C3 BF.
                if (b == 0xC2 || b == 0xC3), k + 1 < bytes.count, b == 0xC3 || bytes[k + 1] >= 0xA0 { k += 2; continue }
                guard b & 0xF0 == 0xE0, k + 2 < bytes.count else { return false }
                let scalar = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[k + 1] & 0x3F) << 6) | UInt32(bytes[k + 2] & 0x3F)
                guard (0x4E00...0x9FFF).contains(scalar) || (0x3000...0x3029).contains(scalar)
                        || (0x3030...0x303F).contains(scalar) || (0xFF00...0xFFEF).contains(scalar)
                        || (0x2010...0x2027).contains(scalar) || (0x2030...0x205E).contains(scalar) else { return false }
                k += 3
            }
            return true
        }
    }
}
