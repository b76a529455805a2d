import Testing
@testable import GovqEngine

/// `Executor.positions`: where the reports that do not add up are found (memchr over the
/// status column), stopping at the view's report count.
@Suite struct InputWarningsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var bytes: [UInt8], byte: UInt8, limit: Int, expected: [Int]
        var testDescription: String { "\(bytes.count) bytes below \(limit)" }
    }
    static let cases: [Case] = [
        Case(bytes: [], byte: 1, limit: 0, expected: []),
        Case(bytes: [0, 0, 0], byte: 1, limit: 3, expected: []),
        Case(bytes: [1, 0, 1, 1], byte: 1, limit: 4, expected: [0, 2, 3]),
        Case(bytes: [1, 0, 1, 1], byte: 1, limit: 3, expected: [0, 2]),
        Case(bytes: [1, 0, 1, 1], byte: 1, limit: 9, expected: [0, 2, 3]),
        Case(bytes: Array(repeating: 0, count: 5_000) + [2] + Array(repeating: 0, count: 70) + [2], byte: 2,
             limit: 5_072, expected: [5_000, 5_071]),
    ]

    @Test(arguments: cases)
    func positionsInOrder(c: Case) {
        #expect(Executor.positions(of: c.byte, in: c.bytes, below: c.limit) == c.expected)
    }
}
