import Foundation
import SeedbedProfile
import Testing

@Suite("Profile privacy")
struct PrivacyTests {
    static let people = """
        id,email,first_name,phone,ssn,note,notes,segment
        1,ann.lee@example.com,Annabel,+1 555-0101,123-45-6789,Zephyrine,Called about the late fee twice,retail
        2,bob.k@example.org,Bartholomew,+1 555-0102,234-56-7890,Quillon,Wants paper statements from now on,retail
        3,cy@example.net,Cyprian,(555) 010-3333,345-67-8901,Marzipane,Moved to a new flat in the old town,premium
        4,dee.x@example.com,Delphine,555.010.4444,456-78-9012,Orvillea,Asked for a credit limit review soon,retail

        """

    @Test func identifiersAndPiiColumnsKeepNoValue() throws {
        let spec = "table people { rows 4\n id int key\n note text pii }"
        let result = try profile(Self.people, table: "people", spec: spec)
        let json = String(decoding: try result.json(), as: UTF8.self)
        let rows = Self.people.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        for row in rows {
            for value in row[1...6] { #expect(!json.contains(value), "\(value) leaked") }
        }
        let reasons = result.tables[0].columns.map { $0.shapeOnly ?? "-" }
        #expect(
            reasons == [
                "-", "email addresses (by name)", "person names (by name)", "phone numbers (by name)",
                "national-ID-like numbers (by name)", "tagged pii in the spec", "free text", "-",
            ])
        #expect(result.privacy.shapeOnlyColumns.count == 6)
        #expect(result.tables[0].columns[1].shape?.lengths.quantiles.count == 101)
    }

    @Test func identifiersAreRecognisedByTheirValuesUnderAnyName() throws {
        let csv = "a,b,c\nx@y.io,+44 20 7946 0000,078-05-1120\nq@r.io,+44 20 7946 0001,219-09-9999\n"
        let reasons = try profile(csv).tables[0].columns.map(\.shapeOnly)
        #expect(reasons == ["email addresses", "phone numbers", "national-ID-like numbers"])
    }

    static let numbers = "x,k\n" + (1...2000).map { "\($0 % 97),\($0 % 3 == 0 ? "a" : "b")" }.joined(separator: "\n")

    @Test func theLedgerAddsUpToEpsilon() throws {
        let result = try profile(Self.numbers, minCount: 10, epsilon: 0.7, seed: 1)
        let privacy = result.privacy
        #expect(privacy.epsilon == 0.7)
        #expect(abs(privacy.ledger.reduce(0) { $0 + $1.epsilon } - 0.7) < 1e-12)
        #expect(abs(privacy.epsilonSpent - 0.7) < 1e-12)
        #expect(
            privacy.ledger.map(\.statistic) == [
                "t:rows", "t.x:nulls", "t.x:bounds", "t.x:quantiles", "t.k:nulls", "t.k:categories", "t.k:lengths",
                "t.k:characters", "t:copula", "t:dependence-structure", "t:dependence",
            ])
        #expect(privacy.ledger.allSatisfy { $0.epsilon > 0 })
    }

    @Test func noiseIsDeterministicPerSeed() throws {
        let a = try profile(Self.numbers, epsilon: 1, seed: 42).json()
        let b = try profile(Self.numbers, epsilon: 1, seed: 42).json()
        let c = try profile(Self.numbers, epsilon: 1, seed: 43).json()
        #expect(a == b)
        #expect(a != c)
    }

    @Test func aLargeEpsilonIsCloseToTheExactProfile() throws {
        let exact = try profile(Self.numbers).tables[0]
        let noisy = try profile(Self.numbers, epsilon: 10_000, seed: 7).tables[0]
        #expect(abs(noisy.rows - exact.rows) <= 1)
        let exactQ = try #require(exact.columns[0].numeric?.quantiles)
        let noisyQ = try #require(noisy.columns[0].numeric?.quantiles)
        // 256 bins over [0, 128): within one bin width of the exact quantile.
        for (e, n) in zip(exactQ, noisyQ) { #expect(abs(e - n) <= 1, "\(e) vs \(n)") }
        let exactC = try #require(exact.columns[1].categories?.counts)
        let noisyC = try #require(noisy.columns[1].categories?.counts)
        #expect(exactC.map(\.value) == noisyC.map(\.value))
        for (e, n) in zip(exactC, noisyC) { #expect(abs(e.count - n.count) <= 1) }
        let r = try #require(exact.copula?.correlation[0][1])
        let s = try #require(noisy.copula?.correlation[0][1])
        #expect(abs(r - s) < 0.01)
    }

    @Test func theRowCountNoiseHasTheAdvertisedScale() throws {
        // Laplace(1/ε) has mean 0 and variance 2/ε²; over 400 seeds the sample variance is within
        // 30 % of it (a 5-sigma band for this sample size).
        let csv = "x\n" + (1...50).map(String.init).joined(separator: "\n")
        let epsilon = 2.0
        var deviations: [Double] = []
        for seed in 0..<400 {
            let result = try profile(csv, epsilon: epsilon, seed: UInt64(seed))
            let share = try #require(result.privacy.ledger.first { $0.statistic == "t:rows" }?.epsilon)
            deviations.append((Double(result.tables[0].rows) - 50) * share)
        }
        let mean = deviations.reduce(0, +) / Double(deviations.count)
        let variance = deviations.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(deviations.count - 1)
        // Scaled by the statistic's ε, the noise is Laplace(1): variance 2, plus the rounding's 1/12 × ε².
        #expect(abs(mean) < 0.25)
        #expect(variance > 1.4 && variance < 2.9, "variance \(variance)")
    }
}
