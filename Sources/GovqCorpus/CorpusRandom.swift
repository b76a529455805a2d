/// A small deterministic random source. The generator must give the same corpus for the same
/// seed on every machine and Swift version, so it does not rely on the standard library's
/// `random(in:using:)` algorithm, which is not promised to stay the same.

/// SplitMix64: one independent stream per report (seed × report index), so reports can be
/// generated in parallel and in any order with identical results.
public struct CorpusRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64, stream: UInt64 = 0) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ (stream &+ 1) &* 0xD1B5_4A32_D192_ED03
        _ = next()
    }

    /// A plain SplitMix64 started at `state` (tests that replay a stream by its state).
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<n` (n > 0), by multiply-shift.
    public mutating func int(_ n: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(n).multipliedFullWidth(by: next())).high)
    }

    /// A uniform integer in the closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(range.count)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// A count with a long tail: most small, a few large, as request numbers are.
    public mutating func count(typical: Int) -> Int {
        guard typical > 0 else { return 0 }
        let u = Double(next() >> 11) * 0x1p-53
        // Inverse of a Pareto-like tail: the median is about `typical`.
        let v = Double(typical) * (1 / max(1 - u, 1e-4) - 1) * 1.0
        return min(Int(v), typical * 200)
    }
}
