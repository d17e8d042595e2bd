import Foundation
import SeedbedProfile
import SeedbedTestSupport
import Testing

@Suite("Profiler: exact statistics")
struct ProfilerTests {
    @Test func quantilesOfOneToEleven() throws {
        let csv = "n\n" + (1...11).map(String.init).joined(separator: "\n")
        let numeric = try #require(try profile(csv).tables[0].columns[0].numeric)
        #expect(numeric.min == 1 && numeric.max == 11)
        #expect(numeric.quantiles.count == 101)
        #expect(numeric.quantiles[0] == 1 && numeric.quantiles[50] == 6 && numeric.quantiles[100] == 11)
        #expect(numeric.quantiles[10] == 2)  // type 7: 1 + 0.1 × 10
        #expect(numeric.quantiles[15] == 3)  // 2.5 rounded to the int column's whole numbers
        #expect(numeric.exact)
    }

    @Test func extremesAreClippedToTheKthValueFromEachEnd() throws {
        let values = [-1_000_000] + (1...98).map { $0 } + [9_999_999]
        let csv = "n\n" + values.map(String.init).joined(separator: "\n")
        let numeric = try #require(try profile(csv, minCount: 3).tables[0].columns[0].numeric)
        #expect(numeric.min == 2 && numeric.max == 97)
        #expect(numeric.quantiles.first == 2 && numeric.quantiles.last == 97)
        let text = String(decoding: try profile(csv, minCount: 3).json(), as: UTF8.self)
        #expect(!text.contains("1000000") && !text.contains("9999999"))
    }

    @Test func datesAreInDaysAndDecimalsKeepTheirScale() throws {
        let table = try profile("d,x\n1970-01-02,1.25\n1970-01-11,2.5\n").tables[0]
        #expect(table.columns[0].type == "date")
        #expect(table.columns[0].numeric?.quantiles.first == 1)
        #expect(table.columns[0].numeric?.quantiles.last == 10)
        #expect(table.columns[0].numeric?.quantiles[50] == 5)  // 5.5 days, whole days
        #expect(table.columns[1].numeric?.quantiles[50] == 1.88)  // 1.875 at scale 2
    }

    @Test func categoriesUnderMinCountAreMergedIntoOther() throws {
        let rows =
            Array(repeating: "a", count: 12) + Array(repeating: "b", count: 10) + Array(repeating: "c", count: 9)
            + ["d", "e"]
        let categories = try #require(
            try profile("k\n" + rows.joined(separator: "\n"), minCount: 10).tables[0].columns[0].categories)
        #expect(categories.counts == [CategoryCount(value: "a", count: 12), CategoryCount(value: "b", count: 10)])
        #expect(categories.otherRows == 11)
        #expect(categories.otherCategories == 3)
        let json = String(
            decoding: try profile("k\n" + rows.joined(separator: "\n"), minCount: 10).json(), as: UTF8.self)
        #expect(!json.contains("\"c\"") && !json.contains("\"d\"") && !json.contains("\"e\""))
    }

    @Test func lowCardinalityNumbersAlsoGetFrequencies() throws {
        let column = try profile("n\n1\n1\n2\n").tables[0].columns[0]
        #expect(
            column.categories?.counts == [CategoryCount(value: "1", count: 2), CategoryCount(value: "2", count: 1)])
    }

    @Test func spearmanOfAMonotoneAndAReversedPair() throws {
        let csv = "x,y,z\n" + (1...20).map { "\($0),\($0 * $0),\(100 - $0)" }.joined(separator: "\n")
        let table = try profile(csv).tables[0]
        let rho = Dictionary(uniqueKeysWithValues: table.rankCorrelations.map { ("\($0.first)-\($0.second)", $0.rho) })
        #expect(rho == ["x-y": 1, "x-z": -1, "y-z": -1])
        let copula = try #require(table.copula)
        #expect(copula.columns == ["x", "y", "z"])
        #expect(copula.correlation[0][1] == 1 && copula.correlation[0][2] == -1)
    }

    @Test func spearmanWithTiesIsPearsonOfMidRanks() throws {
        // x ranks 1.5,1.5,3,4; y ranks 1,2,3,4: Pearson = 0.948683 (scipy.stats.spearmanr agrees).
        let table = try profile("x,y\n1,10\n1,20\n2,30\n3,40\n").tables[0]
        #expect(table.rankCorrelations == [PairCorrelation(first: "x", second: "y", rho: 0.948683)])
    }

    @Test func theCopulaLinksACategoryToANumber() throws {
        let rows = (1...40).map { i in "\(i <= 20 ? "low" : "high"),\(i)" }
        let table = try profile("band,n\n" + rows.joined(separator: "\n")).tables[0]
        let copula = try #require(table.copula)
        #expect(copula.columns == ["band", "n"])
        // Categories in profile order (equal counts: "high" first by name), so "low" scores higher.
        #expect(copula.correlation[0][1] < -0.75)
    }

    @Test func nullRateAndRowCount() throws {
        let table = try profile("a,b\n1,\n2,x\n3,\n4,y\n").tables[0]
        #expect(table.rows == 4)
        #expect(table.columns[1].nulls == 2 && table.columns[1].nullRate == 0.5)
    }

    @Test func fanOutFollowsTheSpecReferences() throws {
        let folder = try TemporaryDirectory()
        _ = try folder.write("customer.csv", "id\n1\n2\n3\n4\n")
        _ = try folder.write("loan.csv", "id,customer_id\n1,1\n2,1\n3,2\n4,9\n5,\n")
        let spec = """
            table customer { rows 4
              id int key }
            table loan { rows per customer poisson(1)
              id int key
              customer_id int references customer.id }
            """
        let result = try Profiler(options: options(spec: spec)).profile(try CSVSource(path: folder.url.path))
        #expect(
            result.foreignKeys == [
                ForeignKeyProfile(
                    child: "loan.customer_id", parent: "customer.id", orphans: 1,
                    fanOut: [
                        FanOutCount(children: 0, parents: 2), FanOutCount(children: 1, parents: 1),
                        FanOutCount(children: 2, parents: 1),
                    ])
            ])
    }

    @Test func theSameSourceGivesTheSameBytes() throws {
        let csv = "a,b\n" + (1...300).map { "\($0 % 7),\($0 * 3 % 11)" }.joined(separator: "\n")
        #expect(try profile(csv).json() == profile(csv).json())
    }
}
