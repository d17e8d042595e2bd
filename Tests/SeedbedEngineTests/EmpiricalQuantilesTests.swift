import SeedbedEngine
import Testing

@Suite struct EmpiricalQuantilesTests {
    /// 0 for the lowest half of the rows (an atom), then a straight line up to 100.
    static let debt = try! EmpiricalQuantiles([0, 0, 0, 50, 100])

    @Test func theCDFJumpsOverAnAtomAndIsLinearBetweenKnots() {
        #expect(Self.debt.cdf(-1) == 0)
        #expect(Self.debt.cdf(0) == 0.5)
        #expect(Self.debt.cdfBelow(0) == 0)
        #expect(Self.debt.cdf(25) == 0.625)
        #expect(Self.debt.cdf(75) == 0.875)
        #expect(Self.debt.cdf(100) == 1)
        #expect(Self.debt.quantile(0.3) == 0)
        #expect(Self.debt.quantile(0.625) == 25)
        #expect(Self.debt.quantile(1) == 100)
    }

    @Test func aRuleExcludingTheAtomDrawsOnlyAboveIt() throws {
        let distribution = try NumericDistribution(.empirical(Self.debt))
        let positive = IntervalSet.all.intersection(.greater, 0)
        var random = RowRandom(key: 7, row: 0)
        var draws: [Double] = []
        for row in 0..<2000 {
            random = RowRandom(key: 7, row: UInt64(row))
            draws.append(try #require(distribution.sample(&random, within: positive)))
        }
        #expect(draws.allSatisfy { $0 > 0 && $0 <= 100 })
        // Above the atom the line from 0 to 100 holds half the mass on each of (0, 50] and (50, 100].
        let low = draws.filter { $0 <= 50 }.count
        #expect(abs(Double(low) / 2000 - 0.5) < 0.05)
        // And a rule keeping only the atom draws it every time.
        let zero = IntervalSet.all.intersection(.lessOrEqual, 0)
        #expect(distribution.quantile(0.9, within: zero) == 0)
    }

    @Test func malformedQuantilesAreRefused() {
        #expect(throws: DistributionError.self) { try EmpiricalQuantiles([1]) }
        #expect(throws: DistributionError.self) { try EmpiricalQuantiles([2, 1]) }
        #expect(throws: DistributionError.self) { try EmpiricalQuantiles([0, .nan]) }
    }
}
