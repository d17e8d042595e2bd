import Foundation
import SeedbedEngine
import SeedbedSpec
import Testing

@Suite("Fake values")
struct FakeValuesTests {
    static let streetSuffixes = [
        "Street", "Avenue", "Road", "Drive", "Lane", "Court", "Way", "Boulevard", "Place", "Circle", "Trail", "Parkway",
        "Terrace", "Loop", "Pike", "Highway",
    ]

    /// The exact shape every value of a provider has.
    static let shapes: [FakeProvider: String] = [
        .personName: #"^[A-Z][A-Za-z']+ (Mc|O')?[A-Z][A-Za-z']+$"#,
        .personFirstName: #"^[A-Z][a-z]+$"#,
        .personLastName: #"^(Mc|O')?[A-Z][a-z]+$"#,
        .internetEmail: #"^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$"#,
        .internetUsername: #"^[a-z][a-z0-9._]*$"#,
        .internetDomain: #"^[a-z0-9-]+\.example\.(com|org|net)$"#,
        .phoneNumber: #"^\([2-9][0-9]{2}\) 555-[0-9]{4}$"#,
        .addressStreet: #"^[1-9][0-9]{0,4} [A-Za-z0-9 ]+ ("# + streetSuffixes.joined(separator: "|") + ")$",
        .addressCity: #"^[A-Z][A-Za-z .'-]+$"#,
        .addressPostcode: #"^[0-9]{5}$"#,
        .addressCountry: #"^[A-Z][A-Za-z ,.()'-]+$"#,
        .companyName: #"^[A-Z][A-Za-z &,.'-]+$"#,
        .loremWord: #"^[a-z]+$"#,
        .loremSentence: #"^[A-Z][a-z]*( [a-z]+){5,13}\.$"#,
    ]

    static func random(_ row: UInt64, column: String = "c") -> RowRandom {
        RowRandom(key: StreamKey.column(seed: 2024, table: "t", column: column), row: row)
    }

    static func matches(_ value: String, _ pattern: String) -> Bool {
        value.range(of: pattern, options: .regularExpression) != nil
    }

    // MARK: - Shapes

    @Test("every provider makes plausible values of its exact shape", arguments: FakeProvider.allCases)
    func valuesHaveTheirShape(provider: FakeProvider) throws {
        let fakes = FakeValues(provider)
        let pattern = try #require(Self.shapes[provider])
        var distinct = Set<String>()
        for row in 0..<2_000 as Range<UInt64> {
            var random = Self.random(row)
            let value = fakes.value(&random)
            #expect(Self.matches(value, pattern), "\(provider.rawValue): '\(value)'")
            distinct.insert(value)
        }
        // Not one value repeated: even the shortest lists (area codes aside) vary.
        #expect(distinct.count > 100)
    }

    @Test("unique values have the same shapes as drawn ones", arguments: FakeProvider.allCases)
    func uniqueValuesHaveTheirShape(provider: FakeProvider) throws {
        let fakes = FakeValues(provider)
        let pattern = try #require(Self.shapes[provider])
        // Emails and usernames have a number for every index below 10^19 - 1.
        let capacity = fakes.uniqueCapacity() ?? 9_999_999_999_999_999_999
        // The start and the end of the index space, where the constructions change gear.
        let indices = Array(0..<min(capacity, 500)) + Array(capacity - min(capacity, 200)..<capacity)
        for index in indices {
            var random = Self.random(index)
            let value = fakes.uniqueValue(index: index, random: &random)
            #expect(Self.matches(value, pattern), "\(provider.rawValue)[\(index)]: '\(value)'")
        }
    }

    @Test func sentencesHaveSixToFourteenWords() {
        let fakes = FakeValues(.loremSentence)
        var lengths = Set<Int>()
        for row in 0..<2_000 as Range<UInt64> {
            var random = Self.random(row)
            lengths.insert(fakes.value(&random).split(separator: " ").count)
            var unique = Self.random(row)
            let count = fakes.uniqueValue(index: row, random: &unique).split(separator: " ").count
            #expect((6...14).contains(count))
        }
        #expect(lengths == Set(6...14))
    }

    @Test func emailsAreBuiltFromNamesOnReservedDomains() {
        let fakes = FakeValues(.internetEmail)
        let reserved = #"@((mail|inbox|webmail)\.)?example\.(com|org|net)$|\.test$|\.example$"#
        var withDot = 0
        for row in 0..<5_000 as Range<UInt64> {
            var random = Self.random(row)
            let email = fakes.value(&random)
            #expect(Self.matches(email, reserved), "'\(email)' is not on a reserved domain")
            if email.split(separator: "@")[0].contains(".") { withDot += 1 }
            var unique = Self.random(row)
            let uniqueEmail = fakes.uniqueValue(index: row, random: &unique)
            #expect(Self.matches(uniqueEmail, reserved), "'\(uniqueEmail)' is not on a reserved domain")
        }
        // first.last (and its variants) is the common shape, as in real address books.
        #expect(withDot > 2_500)
    }

    @Test func phoneNumbersDrawnStayInTheFictionalBlock() {
        let fakes = FakeValues(.phoneNumber)
        for row in 0..<5_000 as Range<UInt64> {
            var random = Self.random(row)
            #expect(Self.matches(fakes.value(&random), #"555-01[0-9]{2}$"#))
        }
    }

    @Test func uniquePhoneNumbersUseTheFictionalBlockFirstAndSkipLinesInService() throws {
        let fakes = FakeValues(.phoneNumber)
        let capacity = try #require(fakes.uniqueCapacity())
        let fictional = capacity / 9_998 * 100
        var random = Self.random(0)
        for index in stride(from: 0, to: fictional, by: 97) {
            #expect(Self.matches(fakes.uniqueValue(index: index, random: &random), #"555-01[0-9]{2}$"#))
        }
        for index in stride(from: fictional, to: capacity, by: 9_973) {
            let number = fakes.uniqueValue(index: index, random: &random)
            #expect(!Self.matches(number, #"555-(01[0-9]{2}|1212|4334)$"#), "\(number)")
        }
    }

    // MARK: - Determinism and weighting

    @Test("the same random source gives the same value", arguments: FakeProvider.allCases)
    func valuesAreDeterministic(provider: FakeProvider) {
        let fakes = FakeValues(provider)
        for row in 0..<200 as Range<UInt64> {
            var a = Self.random(row)
            var b = Self.random(row)
            #expect(fakes.value(&a) == FakeValues(provider).value(&b))
            guard row < fakes.uniqueCapacity() ?? .max else { continue }
            var c = Self.random(row)
            var d = Self.random(row)
            #expect(fakes.uniqueValue(index: row, random: &c) == fakes.uniqueValue(index: row, random: &d))
        }
    }

    @Test func commonNamesAreDrawnMoreOftenThanRareOnes() {
        let fakes = FakeValues(.personLastName)
        var counts: [String: Int] = [:]
        let draws = 100_000
        for row in 0..<UInt64(draws) {
            var random = Self.random(row)
            counts[fakes.value(&random), default: 0] += 1
        }
        // Census 1990: Smith is 1.006 % of people, and the names kept (those of 0.001 % or
        // more) cover 79.590 % of them; 0.0015 is about four standard deviations.
        let smith = Double(counts["Smith", default: 0]) / Double(draws)
        #expect(abs(smith - 1.006 / 79.590) < 0.0015, "Smith drawn \(smith)")
        #expect(counts["Smith", default: 0] > counts["Johnson", default: 0])
        #expect(counts["Johnson", default: 0] > 10 * counts["Zimmerman", default: 0])
        // Rare names still come up: the tail is sampled, not cut.
        #expect(counts.count > 8_000)
    }

    @Test func firstNamesOfBothSexesAreWeightedTogether() {
        let fakes = FakeValues(.personFirstName)
        var counts: [String: Int] = [:]
        for row in 0..<100_000 as Range<UInt64> {
            var random = Self.random(row)
            counts[fakes.value(&random), default: 0] += 1
        }
        // James leads the men and Mary the women; the two lists are merged, not one of them.
        let top = counts.sorted { $0.value > $1.value }.prefix(6).map(\.key)
        #expect(top.contains("James") && top.contains("Mary"), "\(top)")
        #expect(counts["Mary", default: 0] > 100 * max(1, counts["Allyn", default: 0]))
    }

    @Test func citiesAreWeightedByPopulation() {
        let fakes = FakeValues(.addressCity)
        var counts: [String: Int] = [:]
        for row in 0..<100_000 as Range<UInt64> {
            var random = Self.random(row)
            counts[fakes.value(&random), default: 0] += 1
        }
        #expect(counts["New York", default: 0] > counts["Chicago", default: 0])
        #expect(counts["Chicago", default: 0] > 5 * counts["Boulder", default: 0])
    }

    // MARK: - Uniqueness

    @Test(
        "unique values are distinct for 200,000 indices (or the whole capacity)",
        arguments: [
            FakeProvider.internetEmail, .internetUsername, .phoneNumber, .addressPostcode, .companyName, .personName,
            .internetDomain, .addressStreet, .loremSentence,
        ])
    func uniqueValuesAreDistinct(provider: FakeProvider) {
        let fakes = FakeValues(provider)
        let count = min(fakes.uniqueCapacity() ?? .max, 200_000)
        var seen = Set<String>(minimumCapacity: Int(count))
        for index in 0..<count {
            var random = Self.random(index)
            seen.insert(fakes.uniqueValue(index: index, random: &random))
        }
        #expect(seen.count == Int(count))
    }

    @Test(
        "small unique lists are exhausted exactly",
        arguments: [
            FakeProvider.personFirstName, .personLastName, .addressCity, .addressCountry, .loremWord,
        ])
    func smallListsAreExhaustedExactly(provider: FakeProvider) throws {
        let fakes = FakeValues(provider)
        let capacity = try #require(fakes.uniqueCapacity())
        var seen = Set<String>()
        var random = Self.random(0)
        for index in 0..<capacity { seen.insert(fakes.uniqueValue(index: index, random: &random)) }
        #expect(seen.count == Int(capacity))
    }

    @Test func capacitiesAreAsDocumented() throws {
        #expect(FakeValues(.internetEmail).uniqueCapacity() == nil)
        #expect(FakeValues(.internetUsername).uniqueCapacity() == nil)
        #expect(FakeValues(.addressPostcode).uniqueCapacity() == 99_350)
        let phones = try #require(FakeValues(.phoneNumber).uniqueCapacity())
        #expect(phones % 9_998 == 0 && phones >= 300 * 9_998)
        let names = try #require(FakeValues(.personName).uniqueCapacity())
        #expect(names > 50_000_000)
    }

    @Test func uniqueNamesFavourCommonNames() {
        let fakes = FakeValues(.personName)
        var firsts = Set<Substring>()
        var lasts = Set<Substring>()
        for index in 0..<200_000 as Range<UInt64> {
            var random = Self.random(index)
            let parts = fakes.uniqueValue(index: index, random: &random).split(separator: " ")
            firsts.insert(parts[0])
            lasts.insert(parts[1])
        }
        // 200,000 pairs fit in the top 512 × 512 names.
        #expect(firsts.count <= 512 && lasts.count <= 512)
        #expect(firsts.contains("Mary") && lasts.contains("Smith"))
    }

    @Test func theFirstUniqueFirstNamesAreCommonOnes() {
        let fakes = FakeValues(.personFirstName)
        var counts: [String: Int] = [:]
        for row in 0..<100_000 as Range<UInt64> {
            var random = Self.random(row)
            counts[fakes.value(&random), default: 0] += 1
        }
        // The first 64 unique names are the 64 commonest (each over 0.1 % of people), in a
        // scrambled order, not names from the census's long tail.
        var random = Self.random(0)
        let names = (0..<64 as Range<UInt64>).map { fakes.uniqueValue(index: $0, random: &random) }
        #expect(names.allSatisfy { counts[$0, default: 0] > 100 }, "\(names)")
        #expect(names != names.sorted { counts[$0, default: 0] > counts[$1, default: 0] })
    }

    // MARK: - Resources

    @Test func wordListsLoadFromTheBundle() throws {
        let sizes = try FakeValues.loadWordLists()
        #expect(sizes["first_names", default: 0] >= 1_000)
        #expect(sizes["last_names", default: 0] >= 1_000)
        #expect(sizes["cities", default: 0] >= 300)
        #expect(sizes["street_names", default: 0] >= 200)
        #expect(sizes["countries", default: 0] >= 190)
        #expect(sizes["area_codes", default: 0] >= 300)
        #expect(sizes["lorem", default: 0] >= 150)
        #expect(sizes.values.allSatisfy { $0 > 0 })
        #expect(FakeValues(.addressCity).uniqueCapacity() == UInt64(sizes["cities", default: 0]))
    }
}
