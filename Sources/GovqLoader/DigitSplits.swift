/// Cutting a run of digits back into the cells it was printed as. A flattened table
/// (`640020470`) lost the boundaries between its numbers; the report's own arithmetic gives
/// them back: in every row the last cell of a group is the sum of the others (a row's 总计 is
/// the sum of its six applicant cells; section 四's 总计 the sum of its four results). A cut is
/// kept only when it is the only one that fits. The search is bounded: a count has at most ten
/// digits and no leading zero, and a budget of steps stops a hostile run early (it is then
/// ambiguous, never guessed).

enum DigitSplits {
    struct Result: Equatable {
        /// The cuts that fit, at most `limit` of them.
        var candidates: [[Int]]
        /// Whether the search stopped on its budget before it had tried every cut.
        var exhausted: Bool
    }

    /// Every way to cut `digits` (0–9 each) into `count` counts, in groups of `group` whose last
    /// is the sum of the others, up to `limit` ways. `cuts` are the places (0 < p < count of
    /// digits) where a cell must end: a blank or an NA marker printed there.
    static func splits(_ digits: [UInt8], count: Int, group: Int, limit: Int = 8, budget: Int = 200_000,
                       cuts: Set<Int> = []) -> Result {
        var must = [Bool](repeating: false, count: digits.count + 1)
        for c in cuts where c > 0 && c < digits.count { must[c] = true }
        /// Whether a cell from `at` of `width` digits runs over a place where a cell must end.
        func crosses(_ at: Int, _ width: Int) -> Bool {
            var k = at + 1
            while k < at + width { if must[k] { return true }; k += 1 }
            return false
        }
        var out: [[Int]] = []
        var values: [Int] = []
        values.reserveCapacity(count)
        var steps = 0
        var exhausted = false
        // Ten digits at most a count, one at least: a run outside those bounds has no cut.
        guard digits.count >= count, digits.count <= count * 10 else { return Result(candidates: [], exhausted: false) }

        func cut(_ at: Int) {
            if out.count >= limit || exhausted { return }
            steps += 1
            if steps > budget { exhausted = true; return }
            let left = count - values.count
            if left == 0 {
                if at == digits.count { out.append(values) }
                return
            }
            let rest = digits.count - at
            guard rest >= left, rest <= left * 10 else { return }
            // The last cell of a group is its sum: only one length can hold it.
            if (values.count + 1) % group == 0 {
                let sum = values.suffix(group - 1).reduce(0, +)
                let width = sum == 0 ? 1 : String(sum).count
                guard width <= rest, value(digits, at, width) == sum, width == 1 || digits[at] != 0, !crosses(at, width) else { return }
                values.append(sum)
                cut(at + width)
                values.removeLast()
                return
            }
            let most = digits[at] == 0 ? 1 : min(10, rest - (left - 1))
            for width in stride(from: 1, through: most, by: 1) {
                if width > 1, must[at + width - 1] { break }
                let v = value(digits, at, width)
                if v > Int(Int32.max) { break }
                values.append(v)
                cut(at + width)
                values.removeLast()
            }
        }
        cut(0)
        return Result(candidates: out, exhausted: exhausted)
    }

    private static func value(_ d: [UInt8], _ at: Int, _ width: Int) -> Int {
        var v = 0
        for k in at..<(at + width) { v = v * 10 + Int(d[k]) }
        return v
    }
}
