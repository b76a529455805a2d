import Testing
@testable import GovqSnapshot

/// `StoredText`: a string made from a stored area without a check of its own is exactly the
/// string `String(decoding:)` makes, for every slice of areas valid and not (a slice of a valid
/// area that cuts a character is repaired, as before).
@Suite struct StoredTextTests {
    static let areas: [[UInt8]] = [
        Array("济南市历城区".utf8),
        Array("a福州市鼓楼区b😀c\u{301}".utf8),
        Array("abc".utf8) + [0xE5, 0x8E] + Array("区".utf8),   // a character cut short inside
        [0xFF, 0x41, 0xC0, 0x80],
        [],
    ]

    @Test(arguments: areas)
    func everySliceAsDecoded(area: [UInt8]) {
        area.withUnsafeBytes { raw in
            let valid = StoredText.isValid(raw)
            #expect(valid == (String(validating: area, as: UTF8.self) != nil))
            for start in 0...area.count {
                for end in start...area.count {
                    let expected = String(decoding: area[start..<end], as: UTF8.self)
                    #expect(StoredText.string(raw, start, end, valid: valid) == expected, "\(start)..<\(end)")
                }
            }
        }
    }
}

/// `allBelow`, the check every stored code and rank passes before it indexes a dictionary: the
/// largest decides, wherever it stands (first, last, alone, past the eight-code steps).
@Suite struct CodeBoundTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var codes: [UInt32], limit: Int, below: Bool
        var testDescription: String { "\(codes.count) codes, limit \(limit)" }
    }
    static let cases: [Case] = [
        Case(codes: [], limit: 0, below: true),
        Case(codes: [0], limit: 0, below: false),
        Case(codes: [0], limit: 1, below: true),
        Case(codes: [3, 1, 2], limit: 3, below: false),
        Case(codes: [3, 1, 2], limit: 4, below: true),
        Case(codes: Array(repeating: 5, count: 1_000) + [9], limit: 9, below: false),
        Case(codes: [9] + Array(repeating: 5, count: 1_000), limit: 10, below: true),
        Case(codes: Array(0..<20_000).map(UInt32.init), limit: 20_000, below: true),
        Case(codes: Array(0..<20_000).map(UInt32.init), limit: 19_999, below: false),
        Case(codes: [UInt32.max], limit: Int(UInt32.max), below: false),
    ]

    @Test(arguments: cases)
    func largestDecides(c: Case) {
        #expect(allBelow(c.codes, c.limit) == c.below)
        #expect(allBelow(c.codes, c.limit) == c.codes.allSatisfy { Int($0) < c.limit })
    }
}
