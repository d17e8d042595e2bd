import Foundation
import SeedbedProfile
import SeedbedTestSupport
import Testing

@Suite("Profile dependence tree")
struct DependenceProfileTests {
    /// 1000 rows: x = "a" gives y = "p" 90% of the time, "b" 20%; the pair (b, s) occurs 3 times only;
    /// z is null exactly where y is "q".
    static let csv =
        "x,y,z\n"
        + (0..<1000).map { i -> String in
            let x = i % 2 == 0 ? "a" : "b"
            let y: String
            if i < 3 { y = "s" } else if x == "a" { y = i % 20 == 0 ? "q" : "p" } else { y = i % 5 == 1 ? "p" : "q" }
            return "\(i < 3 ? "b" : x),\(y),\(y == "q" ? "" : "k\(i % 3)")"
        }.joined(separator: "\n")

    @Test func theTreeKeepsThePlantedAssociationAndRoundTrips() throws {
        let original = try profile(Self.csv, minCount: 10)
        let dependence = try #require(original.tables[0].dependence)
        #expect(original.format == "seedbed-profile/2")
        let xy = try #require(
            dependence.edges.first { Set([$0.first, $0.second]) == ["x", "y"] }, "edges: \(dependence.edges)")
        let x = try #require(dependence.column(named: "x")?.values)
        let y = try #require(dependence.column(named: "y")?.values)
        let first = xy.first == "x" ? x : y
        func count(_ a: String, _ b: String) -> Int {
            let (i, j) = xy.first == "x" ? (a, b) : (b, a)
            return xy.counts[first.firstIndex(of: i)!][(xy.first == "x" ? y : x).firstIndex(of: j)!]
        }
        // 498 rows of a: 49 q (i % 20 == 0), the rest p; 499 of b, 99 p (i % 5 == 1 among odd i).
        #expect(count("a", "p") == 449)
        #expect(count("a", "q") == 49)
        #expect(count("b", "p") == 99)
        #expect(count("b", "q") == 400)
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("p.json").path
        try original.save(to: path)
        #expect(try Profile.load(path: path) == original)
    }

    @Test func aRareCombinationIsSuppressed() throws {
        let result = try profile(Self.csv, minCount: 10)
        let dependence = try #require(result.tables[0].dependence)
        // "s" has 3 rows: merged into "other", never named; its cells in every table are below 10.
        #expect(dependence.column(named: "y")?.values == ["p", "q"])
        let json = String(decoding: try result.json(), as: UTF8.self)
        #expect(!json.contains("\"s\""))
        for edge in dependence.edges {
            #expect(edge.counts.allSatisfy { $0.allSatisfy { $0 == 0 || $0 >= 10 } }, "\(edge)")
        }
        let xy = try #require(dependence.edges.first { Set([$0.first, $0.second]) == ["x", "y"] })
        #expect(xy.suppressedRows == 3)
    }

    @Test func nullsThatComeTogetherShareABin() throws {
        let dependence = try #require(try profile(Self.csv, minCount: 10).tables[0].dependence)
        let yz = try #require(
            dependence.edges.first { Set([$0.first, $0.second]) == ["y", "z"] }, "\(dependence.edges)")
        let y = try #require(dependence.column(named: "y"))
        let z = try #require(dependence.column(named: "z"))
        // z is null exactly where y is "q": the null bin (last) of z meets "q" only.
        let (yAxis, nullOfZ) = yz.first == "y" ? (0, z.binCount - 1) : (1, z.binCount - 1)
        let q = try #require(y.values?.firstIndex(of: "q"))
        let cells =
            yAxis == 0
            ? yz.counts.map { $0[nullOfZ] } : yz.counts[nullOfZ]
        #expect(cells[q] == 449)
        #expect(cells.reduce(0, +) == 449)
    }

    @Test func differentialPrivacyNoisesTheCellsAndTheLedgerAddsUp() throws {
        let result = try profile(Self.csv, minCount: 10, epsilon: 4, seed: 9)
        let privacy = result.privacy
        #expect(abs(privacy.ledger.reduce(0) { $0 + $1.epsilon } - 4) < 1e-12)
        #expect(privacy.ledger.contains { $0.statistic == "t:dependence" && $0.epsilon > 0 })
        #expect(privacy.ledger.contains { $0.statistic == "t:dependence-structure" && $0.epsilon > 0 })
        for edge in result.tables[0].dependence?.edges ?? [] {
            #expect(edge.counts.allSatisfy { $0.allSatisfy { $0 == 0 || $0 >= 10 } })
        }
        let exact = try profile(Self.csv, minCount: 10)
        #expect(result.tables[0].dependence != exact.tables[0].dependence)
    }

    @Test func formatOneStillReads() throws {
        var json = String(decoding: try profile(Self.csv, minCount: 10).json(), as: UTF8.self)
        json = json.replacingOccurrences(of: "seedbed-profile/2", with: "seedbed-profile/1")
        let start = try #require(json.range(of: "\"dependence\" : {"))
        // Version 1 had no dependence: cut the object out (it is followed by "name").
        let end = try #require(json.range(of: "\"name\" : \"t\"", range: start.upperBound..<json.endIndex))
        json.removeSubrange(start.lowerBound..<end.lowerBound)
        let read = try Profile.decode(Data(json.utf8), file: "old.json")
        #expect(read.format == "seedbed-profile/1")
        #expect(read.tables[0].dependence == nil)
        #expect(read.tables[0].copula != nil)
    }

    @Test func aTableOfTheWrongSizeIsRefused() throws {
        var result = try profile(Self.csv, minCount: 10)
        result.tables[0].dependence?.edges[0].counts.removeLast()
        let error = #expect(throws: ProfileError.self) { try Profile.decode(try result.json(), file: "p.json") }
        #expect(
            error?.description.contains("tables[0].dependence.edges[0].counts: must be a") == true,
            "\(String(describing: error))")
    }
}
