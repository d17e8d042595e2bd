import Foundation
import SeedbedEngine
import Testing

@Suite("Gaussian copula")
struct CopulaTests {
    static let rows: UInt64 = 100_000

    /// One row's uniforms per row index, as a table's generator would draw them.
    static func uniforms(_ copula: GaussianCopula) -> [[Double]] {
        var buffer: [Double] = []
        return (0..<rows).map { row in
            var random = RowRandom(
                key: StreamKey.column(seed: 42, table: "loan", column: "", purpose: "copula"), row: row)
            copula.uniforms(&random, into: &buffer)
            return buffer
        }
    }

    @Test(
        "amount and ltv keep their marginals and get the requested rank correlation",
        arguments: [0.4, -0.7, 0.0, 0.95])
    func twoColumnsGetTheirRankCorrelation(rank: Double) throws {
        let copula = try GaussianCopula(dimension: 2, correlations: [.init(0, 1, rank: rank)])
        #expect(copula.repair == nil)
        let amount = try NumericDistribution.lognormal(median: 28_000, sigma: 0.9)
        let ltv = try NumericDistribution.uniform(0.05, 1.10)
        let rows = Self.uniforms(copula)
        let amounts = rows.map { amount.quantile($0[0]) }
        let ltvs = rows.map { ltv.quantile($0[1]) }
        #expect(abs(Statistics.spearman(amounts, ltvs) - rank) < 0.05)
        #expect(Statistics.kolmogorovSmirnov(amounts, cdf: amount.cdf) < 0.02)
        #expect(Statistics.kolmogorovSmirnov(ltvs, cdf: ltv.cdf) < 0.02)
    }

    @Test func threeColumnsWithAConsistentMatrix() throws {
        let requested = [(0, 1, 0.5), (0, 2, 0.3), (1, 2, -0.2)]
        let copula = try GaussianCopula(
            dimension: 3, correlations: requested.map { GaussianCopula.Correlation($0.0, $0.1, rank: $0.2) })
        #expect(copula.repair == nil)
        let columns = [
            try NumericDistribution.normal(mean: 50, standardDeviation: 10),
            try NumericDistribution.lognormal(median: 100, sigma: 1),
            try NumericDistribution.uniform(-1, 1),
        ]
        let rows = Self.uniforms(copula)
        let values = columns.indices.map { column in rows.map { columns[column].quantile($0[column]) } }
        for (i, j, rank) in requested {
            #expect(abs(Statistics.spearman(values[i], values[j]) - rank) < 0.05, "columns \(i), \(j)")
            #expect(abs(copula.rankCorrelation(i, j) - rank) < 1e-12)
        }
        for column in columns.indices {
            #expect(Statistics.kolmogorovSmirnov(values[column], cdf: columns[column].cdf) < 0.02)
        }
    }

    @Test func anImpossibleMatrixIsRepairedAndReported() throws {
        // Two columns both close to a third cannot be opposite to each other.
        let copula = try GaussianCopula(
            dimension: 3, correlations: [.init(0, 1, rank: 0.9), .init(0, 2, rank: 0.9), .init(1, 2, rank: -0.9)])
        let repair = try #require(copula.repair)
        #expect(repair.smallestEigenvalue < 0)
        #expect(repair.largestRankChange > 0.1)
        #expect(repair.largestLatentChange > 0.1)
        let rows = Self.uniforms(copula)
        let columns = (0..<3).map { column in rows.map { $0[column] } }
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            // What the repaired copula promises is what it delivers.
            #expect(abs(Statistics.spearman(columns[i], columns[j]) - copula.rankCorrelation(i, j)) < 0.05)
        }
        #expect(copula.rankCorrelation(0, 1) > 0 && copula.rankCorrelation(1, 2) < 0.5)
    }

    @Test func perfectCorrelationIsRepairedToNearlyPerfect() throws {
        let copula = try GaussianCopula(dimension: 2, correlations: [.init(0, 1, rank: 1)])
        #expect(copula.repair != nil)
        #expect(copula.rankCorrelation(0, 1) > 0.999)
    }

    @Test func truncatedColumnsKeepMostOfTheirCorrelation() throws {
        let copula = try GaussianCopula(dimension: 2, correlations: [.init(0, 1, rank: 0.4)])
        let amount = try NumericDistribution.lognormal(median: 28_000, sigma: 0.9)
        let ltv = try NumericDistribution.uniform(0.05, 1.10)
        let allowed = IntervalSet(.lessOrEqual, 0.95)
        let rows = Self.uniforms(copula)
        let amounts = rows.map { amount.quantile($0[0]) }
        let ltvs = try rows.map { try #require(ltv.quantile($0[1], within: allowed)) }
        #expect(ltvs.allSatisfy { $0 <= 0.95 })
        // The conditional quantile is monotone in u, so ranks, hence Spearman, are unchanged.
        #expect(abs(Statistics.spearman(amounts, ltvs) - 0.4) < 0.05)
        let truncated = Statistics.conditionalCDF(allowed) { lo, hi in
            min(max(hi, 0.05), 1.10) - min(max(lo, 0.05), 1.10)
        }
        #expect(Statistics.kolmogorovSmirnov(ltvs, cdf: truncated) < 0.02)
    }

    @Test func invalidCorrelationsAreRejected() {
        #expect(throws: CopulaError.self) { try GaussianCopula(dimension: 0, correlations: []) }
        #expect(throws: CopulaError.self) { try GaussianCopula(dimension: 2, correlations: [.init(0, 2, rank: 0.1)]) }
        #expect(throws: CopulaError.self) { try GaussianCopula(dimension: 2, correlations: [.init(1, 1, rank: 0.1)]) }
        #expect(throws: CopulaError.self) { try GaussianCopula(dimension: 2, correlations: [.init(0, 1, rank: 1.5)]) }
        #expect(throws: CopulaError.self) {
            try GaussianCopula(dimension: 2, correlations: [.init(0, 1, rank: 0.1), .init(1, 0, rank: 0.2)])
        }
        #expect(throws: Never.self) {
            try GaussianCopula(dimension: 2, correlations: [.init(0, 1, rank: 0.1), .init(1, 0, rank: 0.1)])
        }
    }

    @Test func spearmanAndPearsonConversionsAreInverse() {
        for rank in stride(from: -1.0, through: 1.0, by: 0.05) {
            let latent = GaussianCopula.latentCorrelation(forRank: rank)
            #expect(abs(GaussianCopula.rankCorrelation(forLatent: latent) - rank) < 1e-12)
        }
        #expect(abs(GaussianCopula.latentCorrelation(forRank: 0.4) - 0.4158) < 1e-4)
    }
}
