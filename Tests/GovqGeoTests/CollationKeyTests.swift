/// The sort keys `Collation` ranks by order names exactly as `Collation.less` (Foundation's
/// locale compare) does: on every character and every name of the gazetteer, on the kinds of
/// unit names reports give (letters, digits, brackets, full-width forms), and on CJK beyond
/// the gazetteer's. Here rather than in GovqCubeTests for the gazetteer's names.
import Testing
@testable import GovqCube
import GovqGeo

@Suite struct CollationKeyTests {
    /// `names` in `less` order (a stable sort of distinct names: the order is total).
    static func byLess(_ names: [String]) -> [String] {
        names.sorted { Collation.less($0, $1) }
    }

    static func byKeys(_ names: [String]) -> [String]? {
        SortKeys().order(names).map { $0.map { names[$0] } }
    }

    static var gazetteerNames: [String] {
        Array(Set(Gazetteer.shared.divisions.flatMap { [$0.name, $0.short] })).sorted()
    }

    @Test func theCollatorOpens() {
        #expect(SortKeys().available)
        #expect(SortKeys().key("济南") != nil)
    }

    @Test func gazetteerCharactersOrderAsLess() throws {
        let characters = Array(Set(Self.gazetteerNames.flatMap { $0.unicodeScalars.map { String($0) } })).sorted()
        #expect(characters.count > 1000)
        #expect(try #require(Self.byKeys(characters)) == Self.byLess(characters))
    }

    @Test func gazetteerNamesOrderAsLess() throws {
        let names = Self.gazetteerNames
        #expect(names.count > 3000)
        #expect(try #require(Self.byKeys(names)) == Self.byLess(names))
    }

    /// Every seventh CJK ideograph of the basic block, with ASCII, full-width forms and the
    /// punctuation of unit names: ties the locale breaks by case, width or punctuation.
    @Test func charactersBeyondTheGazetteerOrderAsLess() throws {
        var characters = stride(from: 0x4E00, through: 0x9FA5, by: 7).map { String(Unicode.Scalar($0)!) }
        characters += ["a", "A", "b", "B", "1", "2", "２", "Ｚ", "ｚ", "·", "（", "）", "(", ")", "-", "—", "〇", "Ⅱ", "、", " "]
        #expect(try #require(Self.byKeys(characters)) == Self.byLess(characters))
    }

    @Test(arguments: [
        ["济南市", "临淄区", "青岛市", "下城区", "历城区", "重庆市", "长沙市", "厦门市"],
        ["ab", "A-b", "Ab", "b", "a b", "AB", "a-b"],
        ["人民政府办公室", "人民政府（办公室）", "人民政府(办公室)", "人民政府办公室2", "人民政府办公室１", "人民政府办公室〇"],
        ["第一中学", "第二中学", "第10中学", "第2中学", "第二十中学"],
        ["济南", "济南市", "济", "济南市历城区", "济南·历城"],
    ])
    func unitNamesOrderAsLess(_ names: [String]) throws {
        #expect(try #require(Self.byKeys(names)) == Self.byLess(names))
    }

    /// The display ranks of a dictionary below 2,000 names are `less`'s order (now by keys).
    @Test func displayRanksAreLessOrder() {
        let names = Array(Self.gazetteerNames.prefix(1500))
        let order = Self.byLess(names)
        var expected = [UInt32](repeating: 0, count: names.count)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, UInt32($0)) })
        for (i, n) in names.enumerated() { expected[i] = position[n]! }
        #expect(Collation.displayRanks(of: names) == expected)
    }
}
