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
}
