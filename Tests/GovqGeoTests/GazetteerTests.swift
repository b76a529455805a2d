import Testing
@testable import GovqGeo

@Suite struct GazetteerTests {
    let g = Gazetteer.shared

    @Test func placeholder() {
        #expect(g.divisions(named: "鼓楼区").count == 4)
    }
}
