import SeedbedSpec

// Privacy tags guessed from column names. The lists are documented in docs/init.md; a name
// matches when one of its words (split at `_`, `-`, spaces, digits and camelCase) is in a list.
// `pii` is not guessed here: it goes on every column the profile kept only the shape of.

extension StarterSpec {
    /// Words of quasi-identifiers: attributes that single a person out in combination (birth
    /// dates, ages, sex, postcodes, places), counted for k-anonymity.
    static let quasiIdentifierWords: Set<String> = [
        "age", "ages", "birth", "birthdate", "birthday", "dob", "born", "sex", "gender", "zip", "zipcode", "postcode",
        "postal", "postalcode", "plz", "region", "state", "county", "province", "district", "municipality", "city",
        "town", "nationality", "citizenship",
    ]

    /// Words of sensitive attributes: what must not be learnt about a person (health, results,
    /// money, beliefs), counted for l-diversity.
    static let sensitiveWords: Set<String> = [
        "diagnosis", "diagnoses", "diagnostic", "icd", "disease", "illness", "medication", "treatment",
        "hiv", "pregnancy", "pregnant", "disability", "health", "result", "results", "income", "salary",
        "salaries", "wage", "wages", "earnings", "religion", "religious", "ethnicity", "ethnic", "race", "criminal",
        "conviction", "convictions", "sexuality",
    ]

    /// The tag a column's name suggests, with the word that suggested it.
    static func guessedTag(forColumnNamed name: String) -> (tag: Modifier, word: String)? {
        let words = IdentifierDetector.words(name)
        let joined = words.joined()
        if let word = words.first(where: quasiIdentifierWords.contains) { return (.quasiIdentifier, word) }
        for compound in ["dateofbirth", "birthdate", "zipcode", "postcode", "postalcode"]
        where joined.contains(compound) {
            return (.quasiIdentifier, compound)
        }
        if let word = words.first(where: sensitiveWords.contains) { return (.sensitive, word) }
        return nil
    }

    /// A fake provider that makes values of the kind a shape-only column holds, when its reason
    /// (or its name) says which kind: generated identifiers look real without coming from anyone.
    static func fakeProvider(shapeOnly reason: String, columnNamed name: String) -> FakeProvider? {
        if reason.hasPrefix("email") { return .internetEmail }
        if reason.hasPrefix("phone") { return .phoneNumber }
        guard reason.hasPrefix("person names") else { return nil }
        let words = Set(IdentifierDetector.words(name))
        if !words.isDisjoint(with: ["first", "given", "forename", "firstname", "givenname"]) {
            return .personFirstName
        }
        if !words.isDisjoint(with: ["last", "family", "surname", "lastname", "maiden"]) { return .personLastName }
        return .personName
    }

    // MARK: - Identifier-like names

    /// For a column named like an identifier, what precedes `id`: `""` for `id`, `customer` for
    /// `customer_id` or `customerId`; `nil` for any other name.
    static func idStem(_ name: String) -> String? {
        let words = IdentifierDetector.words(name)
        guard words.last == "id" else { return nil }
        return words.dropLast().joined(separator: "_")
    }

    /// Whether an id stem names a table: `customer` names `customer`, `customers`, `Customer`.
    static func stem(_ stem: String, names table: String) -> Bool {
        guard !stem.isEmpty else { return false }
        let tableStem = IdentifierDetector.words(table).joined(separator: "_")
        if stem == tableStem || stem + "s" == tableStem || stem + "es" == tableStem { return true }
        return stem.hasSuffix("y") && String(stem.dropLast()) + "ies" == tableStem
    }
}
