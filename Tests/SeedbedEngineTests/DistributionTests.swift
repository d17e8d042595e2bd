import Foundation
import PropertyBased
import SeedbedEngine
import Testing

@Suite("Numeric distributions")
struct DistributionTests {
    static let sampleCount: UInt64 = 100_000

    static func draws(_ distribution: NumericDistribution, within allowed: IntervalSet, key: UInt64 = 11) -> [Double] {
        (0..<sampleCount).compactMap { row in
            var random = RowRandom(key: key, row: row)
            return distribution.sample(&random, within: allowed)
        }
    }

    static func set(_ intervals: Interval?...) -> IntervalSet {
        IntervalSet(intervals.compactMap { $0 })
    }

    // MARK: - Continuous families

    @Test func everyContinuousCaseIsBuilt() {
        #expect(Self.continuousCases.count == 15)
    }

    @Test("draws follow the truncated distribution (KS < 0.02 at 100k)", arguments: continuousCases)
    func continuousDrawsFollowTheTruncatedDistribution(_ test: ContinuousCase) {
        let samples = Self.draws(test.distribution, within: test.allowed)
        #expect(samples.count == Int(Self.sampleCount))
        #expect(samples.allSatisfy(test.allowed.contains))
        let statistic = Statistics.kolmogorovSmirnov(
            samples, cdf: Statistics.conditionalCDF(test.allowed, mass: test.mass))
        #expect(statistic < 0.02)
    }

    /// Stronger than KS: the inverse CDF is exact, so the reference conditional CDF of the value
    /// drawn at probability u gives back u.
    @Test("the conditional CDF of the draw at u is u", arguments: continuousCases)
    func conditionalCDFOfTheDrawIsItsProbability(_ test: ContinuousCase) throws {
        let cdf = Statistics.conditionalCDF(test.allowed, mass: test.mass)
        for step in 1..<1000 {
            let u = Double(step) / 1000
            let value = try #require(test.distribution.quantile(u, within: test.allowed))
            #expect(abs(cdf(value) - u) < 1e-9, "u = \(u), value = \(value)")
        }
    }

    @Test func quantileInvertsTheCDF() throws {
        let normal = try NumericDistribution.normal(mean: 0, standardDeviation: 1)
        // The lower tail, where p carries full precision (above the median 1 − p would not);
        // Φ's condition number is about z², which bounds how well two formulas can agree.
        for z in stride(from: -37.0, through: 0, by: 0.25) {
            let p = Statistics.normalCDF(z)
            #expect(abs(normal.quantile(p) - z) <= 1e-14 * max(1, abs(z)))
            #expect(abs(normal.quantile(1 - p) + z) <= 1e-14 * max(1, abs(z)) || p < 1e-3)
            #expect(abs(normal.cdf(z) - p) <= 1e-15 * (1 + z * z) * p)
        }
        let lognormal = try NumericDistribution.lognormal(median: 28_000, sigma: 0.9)
        #expect(abs(lognormal.quantile(0.5) - 28_000) < 1e-9)
        #expect(abs(lognormal.cdf(28_000) - 0.5) < 1e-15)
        let uniform = try NumericDistribution.uniformInteger(1, 6)
        #expect((0...6).map { uniform.quantile(Double($0) / 6) } == [1, 1, 2, 3, 4, 5, 6])
        #expect(uniform.cdf(3.5) == 0.5)
    }

    @Test func conditionalQuantileIsMonotone() throws {
        let normal = try NumericDistribution.normal(mean: 0, standardDeviation: 1)
        let allowed = Self.set(Interval(lower: -3, upper: -1), Interval(lower: 0.5, upper: 40))
        var previous = -Double.infinity
        for step in 1..<1000 {
            let value = try #require(normal.quantile(Double(step) / 1000, within: allowed))
            #expect(value >= previous)
            #expect(allowed.contains(value))
            previous = value
        }
    }

    // MARK: - Integer families

    @Test func everyDiscreteCaseIsBuilt() {
        #expect(Self.discreteCases.count == 14)
    }

    @Test("integer draws have the truncated pmf (each frequency within ±0.01, KS < 0.02)", arguments: discreteCases)
    func integerDrawsHaveTheTruncatedPMF(_ test: DiscreteCase) {
        let samples = Self.draws(test.distribution, within: test.allowed)
        #expect(samples.count == Int(Self.sampleCount))
        #expect(samples.allSatisfy { test.allowed.contains($0) && $0 == $0.rounded() })
        let expected = Statistics.conditionalPMF(test.allowed, support: test.support, logPMF: test.logPMF)
        var observed: [Int: Double] = [:]
        for sample in samples { observed[Int(sample), default: 0] += 1 / Double(samples.count) }
        #expect(Set(observed.keys).isSubset(of: expected.keys))
        let worst = expected.map { k, probability in (k, abs((observed[k] ?? 0) - probability)) }.max { $0.1 < $1.1 }
        #expect((worst?.1 ?? 0) < 0.01, "worst at k = \(worst?.0 ?? 0)")
        let cdf = Statistics.discreteCDF(expected)
        let statistic = Statistics.kolmogorovSmirnov(samples, cdf: cdf, cdfBelow: { cdf($0 - 1) })
        #expect(statistic < 0.02)
    }

    /// Stronger than frequencies: the integer inverse CDF is exact, so the value drawn at u is the
    /// first whose reference conditional CDF reaches u (up to the reference's own rounding; its
    /// lgamma loses about 1e-6 at λ = 1e9).
    @Test("the conditional CDF brackets u at the integer drawn at u", arguments: discreteCases)
    func conditionalCDFBracketsTheProbability(_ test: DiscreteCase) throws {
        let expected = Statistics.conditionalPMF(test.allowed, support: test.support, logPMF: test.logPMF)
        let cdf = Statistics.discreteCDF(expected)
        let tolerance = 1e-5
        for step in 1..<1000 {
            let u = Double(step) / 1000
            let value = try #require(test.distribution.quantile(u, within: test.allowed))
            let k = Int(value)
            #expect(cdf(Double(k)) >= u - tolerance, "u = \(u), k = \(k)")
            #expect(cdf(Double(k - 1)) < u + tolerance, "u = \(u), k = \(k)")
        }
    }

    @Test func poissonCDFMatchesTheReference() throws {
        for mean in [0.3, 1.3, 30, 250, 5000] {
            let poisson = try NumericDistribution.poisson(mean: mean)
            var sum = 0.0
            for k in 0...Int(mean + 10 * mean.squareRoot() + 10) {
                sum += Statistics.poissonPMF(k, mean)
                #expect(abs(poisson.cdf(Double(k)) - sum) < 1e-9, "λ = \(mean), k = \(k)")
            }
        }
    }

    // MARK: - Decimal grids

    @Test func decimalDrawsStayOnTheGridInsideTheSet() throws {
        let ltv = try NumericDistribution.uniform(0.05, 1.10)
        for allowed in [
            IntervalSet(.lessOrEqual, 0.95), IntervalSet(.less, 0.95), Self.set(Interval(lower: 0.5, upper: 0.5004)),
        ] {
            for row in 0..<20_000 as Range<UInt64> {
                var random = RowRandom(key: 3, row: row)
                let value = try #require(ltv.sample(&random, within: allowed, decimalScale: 3))
                #expect(allowed.contains(value))
                #expect((value * 1000).rounded() / 1000 == value)
            }
        }
    }

    @Test func decimalPointsCarryTheMassOfTheirCells() throws {
        // Grid points 0.2, 0.3 and 0.4 each stand for a cell of width 0.1 under U(0, 1).
        let uniform = try NumericDistribution.uniform(0, 1)
        let allowed = Self.set(Interval(lower: 0.2, upper: 0.4))
        var counts: [Double: Int] = [:]
        for row in 0..<30_000 as Range<UInt64> {
            var random = RowRandom(key: 4, row: row)
            counts[try #require(uniform.sample(&random, within: allowed, decimalScale: 1)), default: 0] += 1
        }
        #expect(counts.keys.sorted() == [0.2, 0.3, 0.4])
        for count in counts.values { #expect(abs(Double(count) / 30_000 - 1.0 / 3) < 0.01) }
        // Only 0.13 lies on the grid of [0.125, 0.135] at scale 2.
        let normal = try NumericDistribution.normal(mean: 0, standardDeviation: 1)
        var random = RowRandom(key: 4, row: 0)
        #expect(normal.sample(&random, within: Self.set(Interval(lower: 0.125, upper: 0.135)), decimalScale: 2) == 0.13)
    }

    // MARK: - Nothing allowed

    @Test func setsWithoutMassGiveNil() throws {
        let uniform = try NumericDistribution.uniform(0, 1)
        let normal = try NumericDistribution.normal(mean: 0, standardDeviation: 1)
        let lognormal = try NumericDistribution.lognormal(median: 1, sigma: 1)
        let poisson = try NumericDistribution.poisson(mean: 3)
        let dice = try NumericDistribution.uniformInteger(1, 6)
        let nothing: [(NumericDistribution, IntervalSet)] = [
            (uniform, Self.set(Interval(lower: 2, upper: 3))),
            (uniform, .empty),
            (normal, IntervalSet(.equal, 1)),  // a point has no mass under a continuous law
            (lognormal, IntervalSet(.lessOrEqual, 0)),
            (poisson, IntervalSet(.less, 0)),
            (poisson, Self.set(Interval(lower: 3, upper: 4, includesLower: false, includesUpper: false))),
            (dice, Self.set(Interval(lower: 3.2, upper: 3.8))),
            (dice, IntervalSet(.greater, 6)),
        ]
        for (distribution, allowed) in nothing {
            var random = RowRandom(key: 1, row: 1)
            #expect(distribution.sample(&random, within: allowed) == nil, "\(distribution.family) on \(allowed)")
        }
        var random = RowRandom(key: 1, row: 1)
        #expect(uniform.sample(&random, within: Self.set(Interval(lower: 0.951, upper: 0.959)), decimalScale: 2) == nil)
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: DistributionError.self) { try NumericDistribution.uniform(1, 1) }
        #expect(throws: DistributionError.self) { try NumericDistribution.uniform(0, .infinity) }
        #expect(throws: DistributionError.self) { try NumericDistribution.normal(mean: 0, standardDeviation: 0) }
        #expect(throws: DistributionError.self) { try NumericDistribution.lognormal(median: -1, sigma: 1) }
        #expect(throws: DistributionError.self) { try NumericDistribution.poisson(mean: .nan) }
        #expect(throws: DistributionError.self) { try NumericDistribution.poisson(mean: 1e10) }
        #expect(throws: DistributionError.self) { try NumericDistribution.uniformInteger(3, 2) }
    }

    @Test func everyDrawLiesInItsAllowedSet() async throws {
        let distributions = [
            try NumericDistribution.uniform(-50, 50), try NumericDistribution.normal(mean: 3, standardDeviation: 20),
            try NumericDistribution.lognormal(median: 10, sigma: 1.5), try NumericDistribution.poisson(mean: 20),
            try NumericDistribution.uniformInteger(-40, 40),
        ]
        await propertyCheck(
            count: 300, input: Gen.double(in: -100...100), Gen.double(in: 0...60), Gen.double(in: -100...100),
            Gen.uint64()
        ) { start, width, excluded, row in
            let allowed = Self.set(Interval(lower: start, upper: start + width)).intersection(.notEqual, excluded)
            for distribution in distributions {
                var random = RowRandom(key: 9, row: row)
                if let value = distribution.sample(&random, within: allowed) {
                    #expect(allowed.contains(value))
                }
                var again = RowRandom(key: 9, row: row)
                if let value = distribution.sample(&again, within: allowed, decimalScale: 2) {
                    #expect(allowed.contains(value))
                    #expect((value * 100).rounded() / 100 == value)
                }
            }
        }
    }
}
