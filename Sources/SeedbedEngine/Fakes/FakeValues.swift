public import SeedbedSpec

/// Realistic values for one `fake` provider: US names, emails, phone numbers, addresses,
/// companies and lorem ipsum, drawn from word lists that ship with the package.
///
/// Values are pure functions of the `RowRandom` they are given, so they inherit Seedbed's
/// determinism: the same seed, table, column and row give the same value on every machine.
/// Weighted lists (names by census frequency, cities by population) are sampled by weight.
///
/// Nothing here can reach a real person: email domains and `internet.domain` values are
/// reserved names (`example.com`, `example.org`, `example.net`, and the `.test` and `.example`
/// top-level domains of RFC 2606 and RFC 6761), and phone numbers use the 555 exchange, mostly
/// its 555-0100…0199 block, which is set aside for fiction.
///
/// - Note: The word lists load once, on first use, and are shared (and immutable), so making a
///   `FakeValues` is cheap and using one from many tasks at once is safe.
public struct FakeValues: Sendable {
    /// The provider whose values this makes.
    public let provider: FakeProvider
    let corpus: FakeCorpus

    /// The generator of one provider's values; the first one made loads the word lists.
    public init(_ provider: FakeProvider) {
        self.provider = provider
        self.corpus = .shared
    }

    /// A value drawn from the provider's distribution.
    ///
    /// - Parameter random: the row's random source; the value uses a few of its draws.
    /// - Returns: for example "Mary Johnson", "mary.johnson@example.com", "(415) 555-0142",
    ///   "123 Maple Street", "02139", "Summit Foods Inc.", "Lorem ipsum dolor sit amet.".
    /// - Complexity: O(1) per value (alias tables, no search), with at most one allocation:
    ///   the returned string's storage, and none when it is 15 bytes or shorter.
    public func value(_ random: inout RowRandom) -> String {
        switch provider {
        case .personName: personName(&random)
        case .personFirstName: corpus.firstNames.sample(&random)
        case .personLastName: corpus.lastNames.sample(&random)
        case .internetEmail: email(&random)
        case .internetUsername: username(&random)
        case .internetDomain: domain(&random)
        case .phoneNumber: phoneNumber(&random)
        case .addressStreet: street(&random)
        case .addressCity: corpus.cities.sample(&random)
        case .addressPostcode: postcode(&random)
        case .addressCountry: corpus.countries.sample(&random)
        case .companyName: companyName(&random)
        case .loremWord: corpus.loremWords.sample(&random)
        case .loremSentence: sentence(&random)
        }
    }

    /// A value that differs from the value of every other index, with no record of the values
    /// already made: the index is mapped bijectively onto the provider's space of values.
    ///
    /// How each provider stays distinct, and what it looks like:
    /// - `internet.email`, `internet.username`: a name drawn as in `value`, then a number that is
    ///   a bijection of the index, short numbers first ("mary.jones482@example.com", "mjones7").
    /// - `person.name`: a distinct (first, last) pair, common names first, with no disambiguator
    ///   ("Mary Smith"); 200,000 names use only the ~450 commonest first and last names.
    ///   `person.first_name` and `person.last_name` run through their lists, commonest first,
    ///   so their capacity is the list's size.
    /// - `phone.number`: every area code's 555-0100…0199 first, then the rest of its 555 exchange
    ///   (which has no subscriber lines; 555-1212 and 555-4334, in service, are skipped).
    /// - `address.postcode`: each ZIP code from 00601 to 99950 once.
    /// - `address.street`, `company.name`, `internet.domain`, `lorem.sentence`: a distinct
    ///   combination of house number or words, the rest of the value drawn as in `value`.
    /// - `address.city`, `address.country`, `lorem.word`: the list once through.
    ///
    /// The order in which indices visit values is fixed per provider; to vary it with the seed,
    /// pass an index permuted by the column's key (`IndexPermutation`).
    ///
    /// - Parameters:
    ///   - index: which distinct value; must be below `uniqueCapacity()` when that is not `nil`
    ///     (checking that before generating is the caller's job, so that a spec asking for more
    ///     unique values than exist is reported, not crashed on).
    ///   - random: the row's random source, for the parts of the value that need not be unique.
    /// - Returns: a value of the same shape as `value` returns.
    /// - Complexity: O(1).
    public func uniqueValue(index: UInt64, random: inout RowRandom) -> String {
        if let capacity = uniqueCapacity() {
            precondition(
                index < capacity, "\(provider.rawValue) has \(capacity) distinct values; index \(index) is beyond them")
        }
        switch provider {
        case .personName: return uniquePersonName(index)
        case .personFirstName: return corpus.firstNames.entries[Self.firstNameOrder.rank(index)]
        case .personLastName: return corpus.lastNames.entries[Self.lastNameOrder.rank(index)]
        case .internetEmail: return uniqueEmail(index, &random)
        case .internetUsername: return uniqueUsername(index, &random)
        case .internetDomain: return uniqueDomain(index, &random)
        case .phoneNumber: return uniquePhoneNumber(index)
        case .addressStreet: return uniqueStreet(index)
        case .addressCity: return corpus.cities.entries[Self.cityOrder.rank(index)]
        case .addressPostcode: return uniquePostcode(index)
        case .addressCountry: return corpus.countries.entries[Self.countryOrder.rank(index)]
        case .companyName: return uniqueCompanyName(index)
        case .loremWord: return corpus.loremWords.entries[Self.loremWordOrder.rank(index)]
        case .loremSentence: return uniqueSentence(index, &random)
        }
    }

    /// How many distinct values `uniqueValue` can make, or `nil` when that is more than any
    /// table can hold (emails and usernames: one for every index below 10^19 - 1).
    public func uniqueCapacity() -> UInt64? {
        switch provider {
        case .personName: Self.namePairs.count
        case .personFirstName: UInt64(corpus.firstNames.count)
        case .personLastName: UInt64(corpus.lastNames.count)
        case .internetEmail, .internetUsername: nil
        case .internetDomain: Self.domainPairs.count
        case .phoneNumber: UInt64(corpus.areaCodes.count) * Self.linesPerAreaCode
        case .addressStreet: Self.streetPermutation.count
        case .addressCity: UInt64(corpus.cities.count)
        case .addressPostcode: Self.postcodePermutation.count
        case .addressCountry: UInt64(corpus.countries.count)
        case .companyName: Self.companyPermutation.count
        case .loremWord: UInt64(corpus.loremWords.count)
        case .loremSentence: Self.sentencePermutation.count
        }
    }
}

// MARK: - The bijections behind uniqueValue

extension FakeValues {
    /// A fixed key per construction; the values do not depend on the seed (see `uniqueValue`).
    static func key(_ name: String) -> UInt64 { StreamKey.hash("seedbed.fake." + name) }

    static let numbering = ShortNumbering(key: key("number"))
    static let firstNameOrder = RankedOrder(count: FakeCorpus.shared.firstNames.count, ranked: true, key: key("first"))
    static let lastNameOrder = RankedOrder(count: FakeCorpus.shared.lastNames.count, ranked: true, key: key("last"))
    static let namePairs = RankedPairs(
        rows: FakeCorpus.shared.firstNames.count, columns: FakeCorpus.shared.lastNames.count, key: key("name"))
    static let domainPairs = RankedPairs(
        rows: FakeCorpus.shared.lastNames.count, columns: FakeCorpus.shared.lastNames.count, key: key("domain"))
    static let cityOrder = RankedOrder(count: FakeCorpus.shared.cities.count, ranked: true, key: key("city"))
    static let countryOrder = RankedOrder(count: FakeCorpus.shared.countries.count, ranked: false, key: key("country"))
    static let loremWordOrder = RankedOrder(count: FakeCorpus.shared.loremWords.count, ranked: false, key: key("word"))
}

// MARK: - Checking the word lists

extension FakeValues {
    /// Reads every word list from the bundle afresh and reports how many distinct entries each
    /// has, by name; a broken list is thrown here rather than stopping the program.
    package static func loadWordLists() throws -> [String: Int] {
        let corpus = try FakeCorpus(bundle: .module)
        return [
            "first_names": corpus.firstNames.count, "last_names": corpus.lastNames.count, "cities": corpus.cities.count,
            "countries": corpus.countries.count, "street_names": corpus.streetNames.count,
            "street_suffixes": corpus.streetSuffixes.count, "area_codes": corpus.areaCodes.count,
            "company_prefixes": corpus.companyPrefixes.count, "company_industries": corpus.companyIndustries.count,
            "company_suffixes": corpus.companySuffixes.count, "email_domains": corpus.emailDomains.count,
            "domain_parents": corpus.domainParents.count, "lorem": corpus.loremWords.count,
        ]
    }
}
