import SeedbedSpec
import Testing

@testable import SeedbedEngine

@Suite("Marginals under rules")
struct BalanceTests {
    /// Only a quarter of the rows may take "b"; without reweighting its share would fall from
    /// 10% to about 2.5%.
    @Test func aValueMostRowsCannotTakeKeepsItsShare() throws {
        let spec = """
            dataset d
              seed 8
            table t {
              rows 40_000
              young    bool  one of { true: 0.25, false: 0.75 }
              product  text  one of { a: 0.9, b: 0.1 }
            }
            rule R when t.product = "b" require t.young = true
            """
        let generation = try Generation(
            model: try GenerationModel(checked: Checker().check(source: spec, file: "d.seed")))
        var products: [String] = []
        var young: [Bool] = []
        _ = try generation.generate(table: 0) { batch, _ in
            if case .text(let values) = batch.columns[1].values { products += values.prefix(batch.count) }
            if case .bool(let values) = batch.columns[0].values { young += values.prefix(batch.count) }
        }
        let share = Double(products.filter { $0 == "b" }.count) / Double(products.count)
        #expect(abs(share - 0.1) < 0.01, "share of b: \(share)")
        #expect(zip(products, young).allSatisfy { $0 != "b" || $1 }, "rule R holds")
        // The conditioning column keeps its own share too.
        let youngShare = Double(young.filter { $0 }.count) / Double(young.count)
        #expect(abs(youngShare - 0.25) < 0.01, "share of young: \(youngShare)")
    }

    @Test func fittingReachesTheTargetShares() {
        // Value 1 is open in a quarter of the draws, value 0 in all of them.
        let masks = (0..<400).map { $0 % 4 == 0 ? UInt64(0b11) : UInt64(0b01) }
        let fitted = TableMaker.fit(weights: [0.9, 0.1], masks: masks)
        var share1 = 0.0
        for mask in masks where mask == 0b11 { share1 += fitted[1] / (fitted[0] + fitted[1]) / Double(masks.count) }
        #expect(abs(share1 - 0.1) < 0.001)
    }

    /// Students must be under 30 and earn under 30,000: without compensation the ages' KS
    /// distance to uniform(18, 80) was 0.079 and the incomes' to their lognormal 0.071; the other
    /// rows now make up for them.
    @Test func numbersNarrowedForSomeRowsKeepTheirDistribution() throws {
        let spec = """
            dataset d
              seed 5
            table person {
              rows 50_000
              product  text  one of { student: 0.1, other: 0.9 }
              age      int   uniform(18, 80)
              income   decimal(2)  lognormal(median: 40000, sigma: 0.5)
            }
            rule YOUNG when person.product = "student" require person.age < 30
            rule POOR when person.product = "student" require person.income < 30000
            """
        let generation = try Generation(
            model: try GenerationModel(checked: Checker().check(source: spec, file: "d.seed")))
        var ages: [Int64] = []
        var incomes: [Double] = []
        _ = try generation.generate(table: 0) { batch, _ in
            if case .int(let values) = batch.columns[1].values { ages += values.prefix(batch.count) }
            if case .decimal(let values, _) = batch.columns[2].values {
                incomes += values.prefix(batch.count).map { Double($0) / 100 }
            }
        }
        let n = Double(ages.count)
        var ageKS = 0.0
        var below = 0
        let counts = Dictionary(grouping: ages, by: { $0 }).mapValues(\.count)
        for age in Int64(18)...80 {
            below += counts[age] ?? 0
            ageKS = max(ageKS, abs(Double(below) / n - Double(age - 17) / 63))
        }
        #expect(ageKS < 0.02, "age KS \(ageKS)")
        let lognormal = try NumericDistribution(.lognormal(median: 40000, sigma: 0.5))
        var incomeKS = 0.0
        for (index, income) in incomes.sorted().enumerated() {
            let f = lognormal.cdf(income)
            incomeKS = max(incomeKS, abs(Double(index + 1) / n - f), abs(Double(index) / n - f))
        }
        #expect(incomeKS < 0.02, "income KS \(incomeKS)")
    }

    @Test func compensationIsTheIdentityWhenNothingWasNarrowed() throws {
        #expect(TableMaker.compensation(for: [(false, 0.3), (false, 0.7)]) == nil)
        // Half the draws narrowed into [0, 0.5): the free half must fill [0.5, 1].
        let draws = (0..<1000).map { index in
            index % 2 == 0 ? (narrowed: true, position: Double(index / 2) / 1000) : (narrowed: false, position: 0.5)
        }
        let inverse = try #require(TableMaker.compensation(for: draws))
        #expect(abs(inverse.quantile(0.01) - 0.5) < 0.02)
        #expect(abs(inverse.quantile(0.5) - 0.75) < 0.02)
        #expect(inverse.quantile(1) == 1)
    }
}
