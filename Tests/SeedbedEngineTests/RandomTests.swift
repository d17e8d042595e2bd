import PropertyBased
import SeedbedEngine
import Testing

@Suite("Counter-based randomness")
struct RandomTests {
    @Test func aValueIsAPureFunctionOfKeyAndRow() {
        let key = StreamKey.column(seed: 42, table: "loan", column: "amount")
        var a = RowRandom(key: key, row: 7)
        var b = RowRandom(key: key, row: 7)
        #expect((0..<4).map { _ in a.next() } == (0..<4).map { _ in b.next() })
        var c = RowRandom(key: key, row: 8)
        #expect(RowRandom(key: key, row: 7).peek != c.next())
    }

    @Test func keysDependOnSeedTableAndColumnNames() {
        let base = StreamKey.column(seed: 1, table: "t", column: "c")
        #expect(base != StreamKey.column(seed: 2, table: "t", column: "c"))
        #expect(base != StreamKey.column(seed: 1, table: "u", column: "c"))
        #expect(base != StreamKey.column(seed: 1, table: "t", column: "d"))
        #expect(base == StreamKey.column(seed: 1, table: "t", column: "c"))
        // Names hash the same in every process (FNV-1a, not Swift's seeded Hasher).
        #expect(StreamKey.hash("") == 0xCBF2_9CE4_8422_2325)
        #expect(StreamKey.hash("a") == 0xAF63_DC4C_8601_EC8C)
    }

    @Test func unitValuesAreUniform() {
        let key = StreamKey.column(seed: 9, table: "t", column: "u")
        var buckets = [Int](repeating: 0, count: 10)
        for row in 0..<100_000 as Range<UInt64> {
            var random = RowRandom(key: key, row: row)
            let u = random.nextUnit()
            #expect(u >= 0 && u < 1)
            buckets[Int(u * 10)] += 1
        }
        for count in buckets { #expect(abs(count - 10_000) < 400) }
    }

    @Test func boundedIntegersStayInRange() async {
        await propertyCheck(input: Gen.uint64(), Gen.uint64(in: 1...1_000)) { row, bound in
            var random = RowRandom(key: 5, row: row)
            #expect(random.next(below: bound) < bound)
        }
    }

    @Test(arguments: [1, 2, 3, 10, 1000, 65_537] as [UInt64])
    func permutationsAreBijections(count: UInt64) {
        let permutation = IndexPermutation(count: count, key: 77)
        var seen = Set<UInt64>()
        for index in 0..<count {
            let image = permutation(index)
            #expect(image < count)
            seen.insert(image)
        }
        #expect(seen.count == Int(count))
    }

    @Test func permutationsDependOnTheirKey() {
        let a = (0..<100 as Range<UInt64>).map(IndexPermutation(count: 100, key: 1).callAsFunction)
        let b = (0..<100 as Range<UInt64>).map(IndexPermutation(count: 100, key: 2).callAsFunction)
        #expect(a != b)
        #expect(a != Array(0..<100))
    }
}

extension RowRandom {
    fileprivate var peek: UInt64 {
        var copy = self
        return copy.next()
    }
}
