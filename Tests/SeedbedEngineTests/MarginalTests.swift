import Foundation
import SeedbedSpec
import Testing

/// Each column of 100,000 generated rows follows the distribution its spec asks for, measured
/// with the Kolmogorov–Smirnov statistic against reference CDFs written here from textbook
/// formulas (on the grid the column stores: a decimal(2) value stands for the values that round
/// to it), and with category shares against their weights.
@Suite("Marginal distributions of generated columns")
struct MarginalTests {
    static let rows = 100_000

    static let spec = """
        dataset marginals

        table t {
          rows 100_000
          id        int         key
          u_dec     decimal(2)  uniform(0, 100)
          u_int     int         uniform(0, 100)
          n         float       normal(mean: 50, sd: 10)
          n_int     int         normal(mean: -20, sd: 4)
          ln        decimal(2)  lognormal(median: 28000, sigma: 0.9)
          po        int         poisson(3.5)
          d         date        uniform(2020-01-01, 2025-12-31)
          product   text        one of { home: 0.55, car: 0.25, personal: 0.18, student: 0.02 }
          colour    text        one of { red, green, blue }
          segment   text        one of { retail: 90%, premium: 10% }
          share     decimal(3)  uniform(0, 1)          nullable 10%
          opened    date        uniform(2020-01-01, 2020-12-31)  nullable 10%
          grade     text        one of { A, B, C }     nullable 25%
          amount    decimal(2)  lognormal(median: 28000, sigma: 0.9)  min 1000 max 100000
          clipped   int         normal(mean: 0, sd: 10)  min -5 max 20
        }
        """

    /// One generation shared by the tests of this suite.
    static let table: Result<GeneratedData.Table, any Error> = Result {
        try CheckedSpec(spec).generate(seed: 7).table("t")
    }

    static func numbers(_ column: String) throws -> [Double] {
        let table = try table.get()
        #expect(table.rowCount == rows)
        return try table.nonNullNumbers(column)
    }

    // MARK: - Continuous and integer families

    @Test("uniform(0, 100) as decimal(2) is uniform on the grid")
    func uniformDecimal() throws {
        let values = try Self.numbers("u_dec")
        #expect(values.count == Self.rows)
        #expect(values.allSatisfy { (0...100).contains($0) })
        let ks = Statistics.gridKolmogorovSmirnov(values, step: 0.01, cdf: Statistics.uniformCDF(0, 100))
        #expect(ks < 0.02)
    }

    @Test("uniform(0, 100) as int gives each of the 101 integers 1/101")
    func uniformInteger() throws {
        let values = try Self.numbers("u_int")
        #expect(values.allSatisfy { $0 == $0.rounded() && (0...100).contains($0) })
        let pmf = Dictionary(uniqueKeysWithValues: (0...100).map { ($0, 1.0 / 101) })
        let ks = Statistics.discreteKolmogorovSmirnov(values, pmf: pmf)
        #expect(ks < 0.02)
        #expect(Set(values).count == 101, "every value in range appears")
    }

    @Test("normal(mean: 50, sd: 10) as float")
    func normalFloat() throws {
        let values = try Self.numbers("n")
        let ks = Statistics.kolmogorovSmirnov(values, cdf: { Statistics.normalCDF(($0 - 50) / 10) })
        #expect(ks < 0.02)
    }

    @Test("normal(mean: -20, sd: 4) as int is the normal rounded to integers")
    func normalInteger() throws {
        let values = try Self.numbers("n_int")
        #expect(values.allSatisfy { $0 == $0.rounded() })
        let ks = Statistics.gridKolmogorovSmirnov(values, step: 1) { Statistics.normalCDF(($0 + 20) / 4) }
        #expect(ks < 0.02)
    }

    @Test("lognormal(median: 28000, sigma: 0.9) as decimal(2), against the exact CDF on the grid")
    func lognormalDecimal() throws {
        let values = try Self.numbers("ln")
        let ks = Statistics.gridKolmogorovSmirnov(
            values, step: 0.01, cdf: Statistics.lognormalCDF(median: 28_000, sigma: 0.9))
        #expect(ks < 0.02)
        let median = values.sorted()[values.count / 2]
        #expect(abs(log(median / 28_000)) < 0.02, "median \(median)")
    }

    @Test("poisson(3.5): each count's share within 0.01 of its pmf, and KS on the discrete CDF")
    func poisson() throws {
        let values = try Self.numbers("po")
        #expect(values.allSatisfy { $0 == $0.rounded() && $0 >= 0 })
        let shares = Statistics.shares(values.map { Int($0) })
        let pmf = Dictionary(uniqueKeysWithValues: (0...40).map { ($0, Statistics.poissonPMF($0, 3.5)) })
        for k in 0...40 {
            #expect(abs((shares[k] ?? 0) - (pmf[k] ?? 0)) < 0.01, "P(X = \(k))")
        }
        #expect(shares.keys.allSatisfy { (0...40).contains($0) })
        let ks = Statistics.discreteKolmogorovSmirnov(values, pmf: pmf)
        #expect(ks < 0.02)
    }

    @Test("dates uniform(2020-01-01, 2025-12-31) give each day the same share")
    func uniformDates() throws {
        let values = try Self.numbers("d")
        let first = try #require(CivilDate.days(year: 2020, month: 1, day: 1))
        let last = try #require(CivilDate.days(year: 2025, month: 12, day: 31))
        #expect(values.allSatisfy { (Double(first)...Double(last)).contains($0) })
        let days = last - first + 1
        let pmf = Dictionary(uniqueKeysWithValues: (first...last).map { ($0, 1.0 / Double(days)) })
        let ks = Statistics.discreteKolmogorovSmirnov(values, pmf: pmf)
        #expect(ks < 0.02)
        // Years are not skewed: each holds its days' share (2020 and 2024 are leap years).
        let years = Statistics.shares(values.map { CivilDate.civil(fromDays: Int($0)).year })
        for year in 2020...2025 {
            let expected = Double(year % 4 == 0 ? 366 : 365) / Double(days)
            #expect(abs((years[year] ?? 0) - expected) < 0.01, "year \(year)")
        }
    }

    // MARK: - Categories

    static let weights: [(column: String, weights: [String: Double])] = [
        ("product", ["home": 0.55, "car": 0.25, "personal": 0.18, "student": 0.02]),
        ("colour", ["red": 1.0 / 3, "green": 1.0 / 3, "blue": 1.0 / 3]),
        ("segment", ["retail": 0.9, "premium": 0.1]),
    ]

    @Test("one of: each value's share within 0.01 of its weight", arguments: weights)
    func categoryShares(column: String, weights: [String: Double]) throws {
        let table = try Self.table.get()
        let values = try table.texts(column)
        #expect(values.allSatisfy { $0 != nil })
        let shares = Statistics.shares(values.compactMap { $0 })
        #expect(Set(shares.keys) == Set(weights.keys))
        for (value, weight) in weights {
            #expect(abs((shares[value] ?? 0) - weight) < 0.01, "\(column) = \(value): \(shares[value] ?? 0)")
        }
    }

    // MARK: - Nulls

    @Test("nullable 10% gives 10% ± 1% nulls, and the other values keep their distribution")
    func nullShares() throws {
        let table = try Self.table.get()
        for (column, share) in [("share", 0.10), ("opened", 0.10), ("grade", 0.25)] {
            let nulls = try table.column(column).filter { $0 == .null }.count
            #expect(abs(Double(nulls) / Double(Self.rows) - share) < 0.01, "\(column): \(nulls) nulls")
        }
        let values = try table.nonNullNumbers("share")
        let ks = Statistics.gridKolmogorovSmirnov(values, step: 0.001, cdf: Statistics.uniformCDF(0, 1))
        #expect(ks < 0.02)
        let grades = Statistics.shares(try table.texts("grade").compactMap { $0 })
        for grade in ["A", "B", "C"] { #expect(abs((grades[grade] ?? 0) - 1.0 / 3) < 0.01) }
        // Columns without `nullable` are never null.
        for column in ["u_dec", "u_int", "n", "ln", "po", "d", "product", "amount"] {
            #expect(try table.column(column).allSatisfy { $0 != .null }, "\(column)")
        }
    }

    // MARK: - min and max

    @Test("min 1000 max 100000 truncate the lognormal, which keeps its shape inside")
    func truncatedLognormal() throws {
        let values = try Self.numbers("amount")
        #expect(values.count == Self.rows)
        #expect(values.allSatisfy { (1000...100_000).contains($0) })
        // The grid points 1000.00 … 100000.00 stand for [999.995, 100000.005).
        let cdf = Statistics.truncated(
            Statistics.lognormalCDF(median: 28_000, sigma: 0.9), 999.995, 100_000.005)
        let ks = Statistics.gridKolmogorovSmirnov(values, step: 0.01, cdf: cdf)
        #expect(ks < 0.02)
    }

    @Test("min -5 max 20 truncate an integer normal")
    func truncatedIntegerNormal() throws {
        let values = try Self.numbers("clipped")
        #expect(values.allSatisfy { (-5...20).contains($0) && $0 == $0.rounded() })
        let cdf = Statistics.truncated({ Statistics.normalCDF($0 / 10) }, -5.5, 20.5)
        let ks = Statistics.gridKolmogorovSmirnov(values, step: 1, cdf: cdf)
        #expect(ks < 0.02)
    }

    // MARK: - Under rules

    static let ruleSpec = """
        dataset ruled

        table t {
          rows 100_000
          p  text        one of { a: 0.4, b: 0.6 }
          x  decimal(2)  uniform(0, 100)
          k  int         uniform(0, 100)
          y  float       normal(mean: 0, sd: 1)
        }

        rule HALF "a rows keep x in the lower half"
          when t.p = "a" require t.x <= 50

        rule GAP "no k between 20 and 29"
          forbid t.k between 20 and 29

        rule TAIL "b rows have y of at least -0.5"
          when t.p = "b" require t.y >= -0.5
        """

    @Test("a rule truncates a column exactly where it applies, and the other rows keep its marginal")
    func marginalsUnderRules() throws {
        let table = try CheckedSpec(Self.ruleSpec).generate(seed: 11).table("t")
        #expect(table.rowCount == Self.rows)
        let p = try table.texts("p")
        let x = try table.numbers("x")
        let k = try table.nonNullNumbers("k")
        let y = try table.numbers("y")
        // The condition's column keeps its weights.
        let aShare = Double(p.count { $0 == "a" }) / Double(Self.rows)
        #expect(abs(aShare - 0.4) < 0.01)

        // p = "a": x uniform on the grid points 0.00 … 50.00, that is on [0, 50.005).
        let xa = zip(p, x).filter { $0.0 == "a" }.compactMap(\.1)
        #expect(xa.allSatisfy { (0...50).contains($0) })
        let ksA = Statistics.gridKolmogorovSmirnov(xa, step: 0.01, cdf: Statistics.uniformCDF(0, 50.005))
        #expect(ksA < 0.02)
        // Over all rows x keeps the spec's uniform(0, 100): the "b" rows, which the rule leaves
        // alone, make up for the "a" rows it narrows (see TableMaker.balance).
        let ksX = Statistics.gridKolmogorovSmirnov(
            x.compactMap { $0 }, step: 0.01, cdf: Statistics.uniformCDF(0, 100.005))
        #expect(ksX < 0.02)

        // k: the 91 integers outside 20 … 29, equally likely.
        #expect(k.allSatisfy { !(20...29).contains($0) })
        let pmf = Dictionary(
            uniqueKeysWithValues: (0...100).filter { !(20...29).contains($0) }.map { ($0, 1.0 / 91) })
        let ksK = Statistics.discreteKolmogorovSmirnov(k, pmf: pmf)
        #expect(ksK < 0.02)

        // p = "b": y a normal truncated below at -0.5; over all rows the full normal, the "a" rows
        // taking the mass below -0.5 the "b" rows cannot.
        let yb = zip(p, y).filter { $0.0 == "b" }.compactMap(\.1)
        #expect(yb.allSatisfy { $0 >= -0.5 })
        let ksYB = Statistics.kolmogorovSmirnov(yb, cdf: Statistics.truncated(Statistics.normalCDF, -0.5, .infinity))
        #expect(ksYB < 0.02)
        let ksY = Statistics.kolmogorovSmirnov(y.compactMap { $0 }, cdf: Statistics.normalCDF)
        #expect(ksY < 0.02)
    }
}
