import Foundation
import Testing

/// `correlate A, B R` gives generated columns the requested Spearman rank correlation while
/// each keeps its own distribution, at 100,000 rows. Spearman is computed here with average
/// ranks for ties (decimal columns repeat values on their grid).
@Suite("Rank correlation of generated columns")
struct CorrelationTests {
    static func loanSpec(_ rank: Double) -> String {
        """
        dataset lending

        table loan {
          rows 100_000
          id      int         key
          amount  decimal(2)  lognormal(median: 28000, sigma: 0.9)
          ltv     decimal(3)  uniform(0.05, 1.10)
          status  text        one of { approved: 0.7, declined: 0.3 }
          correlate amount, ltv \(rank)
        }
        """
    }

    @Test("amount and ltv get the requested rank correlation and keep their marginals", arguments: [0.4, -0.6])
    func amountAndLTV(rank: Double) throws {
        let loan = try CheckedSpec(Self.loanSpec(rank)).generate(seed: 3).table("loan")
        #expect(loan.rowCount == 100_000)
        let amount = try loan.nonNullNumbers("amount")
        let ltv = try loan.nonNullNumbers("ltv")
        #expect(amount.count == 100_000 && ltv.count == 100_000)
        let spearman = Statistics.spearmanWithTies(amount, ltv)
        #expect(abs(spearman - rank) < 0.05, "Spearman \(spearman) for \(rank)")

        let ksAmount = Statistics.gridKolmogorovSmirnov(
            amount, step: 0.01, cdf: Statistics.lognormalCDF(median: 28_000, sigma: 0.9))
        #expect(ksAmount < 0.02, "KS amount \(ksAmount)")
        // ltv's grid points 0.050 … 1.100 stand for [0.0495, 1.1005); the uniform has no mass
        // outside [0.05, 1.10], so the end points get half a cell each.
        #expect(ltv.allSatisfy { (0.05...1.10).contains($0) })
        let ksLTV = Statistics.gridKolmogorovSmirnov(ltv, step: 0.001, cdf: Statistics.uniformCDF(0.05, 1.10))
        #expect(ksLTV < 0.02, "KS ltv \(ksLTV)")
        // A column outside the correlation is independent of it.
        let declined = try loan.texts("status").map { $0 == "declined" ? 1.0 : 0.0 }
        #expect(abs(Statistics.spearmanWithTies(amount, declined)) < 0.02)
    }

    static let threeColumns = """
        dataset three

        table t {
          rows 100_000
          a  float       normal(mean: 50, sd: 10)
          b  decimal(2)  lognormal(median: 100, sigma: 1)
          c  int         uniform(0, 1000)
          correlate a, b 0.5
          correlate a, c 0.3
          correlate b, c -0.2
        }
        """

    @Test("three columns with a consistent set of correlations get each pair's, with their marginals")
    func threeColumns() throws {
        let table = try CheckedSpec(Self.threeColumns).generate(seed: 5).table("t")
        let columns = try ["a", "b", "c"].map { try table.nonNullNumbers($0) }
        for column in columns { #expect(column.count == 100_000) }
        var measured: [Double] = []
        for (i, j, rank) in [(0, 1, 0.5), (0, 2, 0.3), (1, 2, -0.2)] {
            let spearman = Statistics.spearmanWithTies(columns[i], columns[j])
            measured.append(spearman)
            #expect(abs(spearman - rank) < 0.05, "columns \(i), \(j): Spearman \(spearman) for \(rank)")
        }
        let ksA = Statistics.kolmogorovSmirnov(columns[0], cdf: { Statistics.normalCDF(($0 - 50) / 10) })
        let ksB = Statistics.gridKolmogorovSmirnov(
            columns[1], step: 0.01, cdf: Statistics.lognormalCDF(median: 100, sigma: 1))
        let pmf = Dictionary(uniqueKeysWithValues: (0...1000).map { ($0, 1.0 / 1001) })
        let ksC = Statistics.discreteKolmogorovSmirnov(columns[2], pmf: pmf)
        #expect(ksA < 0.02, "KS a \(ksA)")
        #expect(ksB < 0.02, "KS b \(ksB)")
        #expect(ksC < 0.02, "KS c \(ksC)")
    }

    @Test("average ranks: ties share the mean of their ranks")
    func averageRanksOfTies() {
        #expect(Statistics.averageRanks([10, 20, 10, 30, 20, 20]) == [1.5, 4, 1.5, 6, 4, 4])
        // A monotone transform with ties keeps a perfect rank correlation.
        let x: [Double] = [1, 2, 2, 3, 4, 4, 4, 5]
        #expect(abs(Statistics.spearmanWithTies(x, x.map { $0 * $0 }) - 1) < 1e-12)
        #expect(abs(Statistics.spearmanWithTies(x, x.map { -$0 }) + 1) < 1e-12)
    }
}
