import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// `rows per PARENT DIST`, judged on the written files: every child names an existing parent,
/// and the children per parent follow DIST (mean within 5%, each count's share within five
/// standard errors of its probability).
@Suite("Fan-out of rows per")
struct FanOutConformanceTests {
    static let spec = """
        dataset fanout
          seed 13
        table customer {
          rows 50_000
          id  int  key
        }
        table loan {
          rows per customer poisson(1.3)
          id           int  key
          customer_id  int  references customer.id
        }
        table card {
          rows per customer one of { 1: 0.7, 2: 0.3 }
          id           int  key
          customer_id  int  references customer.id
        }
        table visit {
          rows per customer uniform(0, 3)
          id           int  key
          customer_id  int  references customer.id
        }
        """

    /// P(X = k) for each child table's distribution, written out independently of the engine.
    static let probabilities: [String: [Int: Double]] = [
        "loan": Dictionary(
            uniqueKeysWithValues: (0...15).map { k in
                (k, exp(-1.3) * pow(1.3, Double(k)) / (1...max(1, k)).reduce(1.0) { $0 * Double($1) })
            }),
        "card": [1: 0.7, 2: 0.3],
        "visit": [0: 0.25, 1: 0.25, 2: 0.25, 3: 0.25],
    ]

    @Test("children per parent follow poisson(1.3), one of and uniform at 50,000 parents")
    func childrenPerParentFollowTheDistribution() throws {
        let checked = try Conformance.checked(Self.spec, file: "fanout.seed")
        let folder = try TemporaryDirectory()
        let (summary, data) = try Conformance.generate(checked, options: Generation.Options(), into: folder)
        let conformance = Conformance(data: data)
        conformance.expectReferentialIntegrity()
        conformance.expectFanOutFollowsDistributions(summary: summary)

        let parents = try #require(data.tables["customer"]).rows.count
        #expect(parents == 50_000)
        for (child, probability) in Self.probabilities.sorted(by: { $0.key < $1.key }) {
            let table = try #require(data.tables[child])
            var perParent: [SQLValue: Int] = [:]
            for value in table.values(of: "customer_id") { perParent[value, default: 0] += 1 }
            var histogram: [Int: Int] = [0: parents - perParent.count]
            for count in perParent.values { histogram[count, default: 0] += 1 }
            let outside = histogram.filter { probability[$0.key] == nil && $0.value > 0 }
            #expect(outside.isEmpty, "\(child): parents with a number of children DIST never gives: \(outside)")
            for (count, p) in probability.sorted(by: { $0.key < $1.key }) {
                let share = Double(histogram[count, default: 0]) / Double(parents)
                let tolerance = 5 * (p * (1 - p) / Double(parents)).squareRoot()
                #expect(
                    abs(share - p) <= tolerance,
                    "\(child): \(share) of parents have \(count) children, not \(p) ± \(tolerance)")
            }
        }
    }
}
