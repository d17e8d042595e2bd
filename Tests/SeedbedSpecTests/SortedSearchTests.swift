import SeedbedSpec
import Testing

@Suite("Counting in a sorted array")
struct SortedSearchTests {
    @Test func aValueOnACutGoesAboveIt() {
        let cuts = [1.0, 2, 2, 5]
        #expect([0.5, 1, 1.5, 2, 4.9, 5, 9].map(cuts.countAtOrBelow) == [0, 1, 1, 3, 3, 4, 4])
        #expect([0.5, 1, 1.5, 2, 4.9, 5, 9].map(cuts.countBelow) == [0, 0, 1, 1, 3, 3, 4])
        #expect([Double]().countAtOrBelow(1) == 0)
    }

    @Test func agreesWithCountingEveryElement() {
        var state: UInt64 = 7
        for _ in 0..<500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let values = (0..<Int(state >> 60)).map { Double(($0 * 7 + Int(state >> 40 & 7)) % 9) }.sorted()
            let x = Double(state >> 33 & 15) / 2 - 1
            #expect(values.countAtOrBelow(x) == values.count { $0 <= x })
            #expect(values.countBelow(x) == values.count { $0 < x })
        }
    }
}
