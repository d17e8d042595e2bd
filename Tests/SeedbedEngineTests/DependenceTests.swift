import Foundation
import SeedbedEngine
import SeedbedSpec
import Testing

/// `from profile` columns follow the profile's dependence tree: a child column is drawn from the
/// joint table's row for its parent's bin, restricted by the rules and renormalised.
@Suite("Profile dependence")
struct DependenceTests {
    static let spec = """
        dataset d
          seed 5
          profile "p.json"
        table t {
          rows 20_000
          x text from profile
          y text from profile
        }
        rule NO-R when t.x = "b" require t.y != "r"
        """

    /// x = "a" gives y = "p" 90% of the time, x = "b" only 10%; bins: the values, "other", null.
    static let profile = ProfileMarginals(
        marginals: [
            "t": [
                "x": .categories([.string("a"), .string("b")], weights: [500, 500]),
                "y": .categories([.string("p"), .string("q"), .string("r")], weights: [500, 250, 250]),
            ]
        ],
        bins: [
            "t": ["x": .categories(binOfValue: [0, 1], count: 4), "y": .categories(binOfValue: [0, 1, 2], count: 5)]
        ],
        joints: [
            "t": [
                ProfileMarginals.JointTable(
                    first: "x", second: "y",
                    counts: [[450, 25, 25, 0, 0], [50, 225, 225, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]])
            ]
        ])

    func generate(seed: UInt64 = 5, spec: String = Self.spec) throws -> GeneratedData.Table {
        let result = Checker().check(source: spec, file: "t.seed")
        try #require(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let model = try GenerationModel(checked: result, profile: Self.profile)
        var options = Generation.Options()
        options.seed = seed
        return try GeneratedData(try Generation(model: model, options: options)).table("t")
    }

    @Test func aPlantedAssociationIsReproducedUnderARuleThatCutsTheDomain() throws {
        let table = try generate()
        let x = try table.texts("x")
        let y = try table.texts("y")
        #expect(table.rowCount == 20_000)
        func share(_ value: String, given parent: String) -> Double {
            let rows = zip(x, y).filter { $0.0 == parent }
            return Double(rows.filter { $0.1 == value }.count) / Double(rows.count)
        }
        // Binomial standard errors at 10k rows are under 0.005: 0.02 is four of them.
        #expect(abs(share("p", given: "a") - 0.9) < 0.02)
        #expect(abs(share("q", given: "a") - 0.05) < 0.02)
        // The rule takes "r" from x = "b": the weights left, 50:225, are renormalised.
        #expect(abs(share("p", given: "b") - 50.0 / 275) < 0.02)
        #expect(share("r", given: "b") == 0)
        #expect(abs(Double(x.filter { $0 == "a" }.count) / 20_000 - 0.5) < 0.02)
    }

    @Test func valuesAreAPureFunctionOfSeedAndRow() throws {
        let first = try generate()
        let again = try generate()
        #expect(try first.texts("y") == again.texts("y"))
        let other = try generate(seed: 6)
        #expect(try first.texts("y") != other.texts("y"))
    }

    @Test func anEdgeAgainstTheRulesOrderIsOrientedByIt() throws {
        // The rule wants y drawn before x: y becomes the parent, read through the table's columns.
        let spec = Self.spec.replacingOccurrences(
            of: #"rule NO-R when t.x = "b" require t.y != "r""#, with: #"rule ONLY-A when t.y = "r" require t.x = "a""#)
        let table = try generate(spec: spec)
        let x = try table.texts("x")
        let y = try table.texts("y")
        #expect(zip(x, y).allSatisfy { $0.1 != "r" || $0.0 == "a" })
        let rowsP = zip(x, y).filter { $0.1 == "p" }
        // P(x = a | y = p) = 450 / 500.
        #expect(abs(Double(rowsP.filter { $0.0 == "a" }.count) / Double(rowsP.count) - 0.9) < 0.02)
    }
}
