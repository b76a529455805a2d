/// A snapshot's code column answers a few reports' codes alone (a warning names three) and is
/// decoded whole only when more are asked for, or when the whole column is.
import GovqCube
import Synchronization
import Testing

@Suite struct DeferredCodesTests {
    final class Calls: Sendable {
        let decodes = Atomic<Int>(0), alone = Atomic<Int>(0)
    }

    static let column: [UInt32] = (0..<500).map { UInt32($0 * 7 % 13) }

    static func codes(_ calls: Calls) -> DeferredCodes {
        DeferredCodes({ calls.decodes.add(1, ordering: .relaxed); return column },
                      one: { r in calls.alone.add(1, ordering: .relaxed); return column[r] })
    }

    @Test func theFirst64AreReadAloneThenTheColumnIsDecoded() {
        let calls = Calls(), codes = Self.codes(calls)
        for r in 0..<64 { #expect(codes.code(r) == Self.column[r]) }
        #expect(calls.decodes.load(ordering: .relaxed) == 0)
        #expect(calls.alone.load(ordering: .relaxed) == 64)
        for r in 64..<500 { #expect(codes.code(r) == Self.column[r]) }
        #expect(calls.decodes.load(ordering: .relaxed) == 1)
        #expect(calls.alone.load(ordering: .relaxed) == 64)
    }

    @Test func aDecodedColumnIsReadFromItsArray() {
        let calls = Calls(), codes = Self.codes(calls)
        #expect(codes.codes == Self.column)
        #expect((0..<500).map(codes.code) == Self.column)
        #expect(calls.decodes.load(ordering: .relaxed) == 1)
        #expect(calls.alone.load(ordering: .relaxed) == 0)
    }

    @Test func withoutAReaderForOneCodeTheColumnIsDecoded() {
        let codes = DeferredCodes { Self.column }
        #expect(codes.code(3) == Self.column[3])
        let column = DimensionColumn(dictionary: LazyDictionary(count: 13, all: { (0..<13).map(String.init) }, ranks: { Array(0..<13) }, one: { String($0) }),
                                     codes: codes)
        #expect((0..<500).map { column.code(at: $0) } == Self.column)
    }
}
