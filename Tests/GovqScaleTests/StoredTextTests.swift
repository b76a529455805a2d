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
