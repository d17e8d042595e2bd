import Foundation

/// The word lists behind `fake` values, read once from the package's resources and shared by
/// every `FakeValues`.
///
/// The files live in `Resources/fakes` (see SOURCES.md there for where each comes from): one
/// entry per line, optionally followed by a tab and a positive integer weight; `#` starts a
/// comment line. Nothing is read from the network, and nothing is read twice: `shared` is a
/// lazily initialised global, which Swift initialises exactly once even under concurrent access.
final class FakeCorpus: Sendable {
    /// Female and male first names together, weighted by how many people carry them.
    let firstNames: WordList
    let lastNames: WordList
    /// City names without their state, weighted by population ("Springfield" sums every state's).
    let cities: WordList
    let countries: WordList
    let streetNames: WordList
    let streetSuffixes: WordList
    let areaCodes: WordList
    let companyPrefixes: WordList
    let companyIndustries: WordList
    let companySuffixes: WordList
    let emailDomains: WordList
    let domainParents: WordList
    let loremWords: WordList

    /// The lists of this package's bundle.
    ///
    /// A missing or malformed list is a packaging bug, not a user error, so it stops the program
    /// with the file and line to fix, as `Bundle.module` itself does when the bundle is missing.
    static let shared: FakeCorpus = {
        do {
            return try FakeCorpus(bundle: .module)
        } catch {
            fatalError("Seedbed's word lists are broken: \(error)")
        }
    }()

    init(bundle: Bundle) throws(FakeCorpusError) {
        func read(_ name: String) throws(FakeCorpusError) -> [(entry: String, weight: UInt64)] {
            try Self.parse(Self.text(of: name, in: bundle), file: name + ".txt")
        }
        firstNames = try WordList(
            file: "first_names_*.txt", pairs: read("first_names_female") + read("first_names_male"), weighted: true,
            folding: true)
        lastNames = try WordList(file: "last_names.txt", pairs: read("last_names"), weighted: true, folding: true)
        let cities = try read("cities").map { pair in
            // "Austin, TX": the state stays in the file for providers that will need it.
            (entry: pair.entry.split(separator: ",", maxSplits: 1).first.map(String.init) ?? pair.entry, pair.weight)
        }
        self.cities = try WordList(file: "cities.txt", pairs: cities, weighted: true)
        countries = try WordList(file: "countries.txt", pairs: read("countries"), weighted: false)
        streetNames = try WordList(file: "street_names.txt", pairs: read("street_names"), weighted: true)
        streetSuffixes = try WordList(file: "street_suffixes.txt", pairs: read("street_suffixes"), weighted: true)
        areaCodes = try WordList(file: "area_codes.txt", pairs: read("area_codes"), weighted: false)
        companyPrefixes = try WordList(
            file: "company_prefixes.txt", pairs: read("company_prefixes"), weighted: false, folding: true)
        companyIndustries = try WordList(
            file: "company_industries.txt", pairs: read("company_industries"), weighted: false, folding: true)
        companySuffixes = try WordList(file: "company_suffixes.txt", pairs: read("company_suffixes"), weighted: true)
        emailDomains = try WordList(file: "email_domains.txt", pairs: read("email_domains"), weighted: true)
        domainParents = try WordList(file: "domain_parents.txt", pairs: read("domain_parents"), weighted: true)
        loremWords = try WordList(file: "lorem.txt", pairs: read("lorem"), weighted: false)
        try checkShapes()
    }

    /// The unique constructions rely on these, so a careless edit of a list fails the load
    /// (and the tests) instead of producing duplicates.
    private func checkShapes() throws(FakeCorpusError) {
        func require(_ ok: Bool, _ file: String, _ message: String) throws(FakeCorpusError) {
            if !ok { throw FakeCorpusError(file: file, message: message) }
        }
        try require(
            firstNames.entries.allSatisfy { !$0.contains(" ") } && lastNames.entries.allSatisfy { !$0.contains(" ") },
            "*_names*.txt", "a person name must be one word, so that \"First Last\" names one pair")
        try require(
            streetSuffixes.entries.allSatisfy { !$0.contains(" ") }, "street_suffixes.txt",
            "a street suffix must be one word, so that a street's last word is its suffix")
        try require(
            companySuffixes.entries.allSatisfy { $0.split(separator: " ").count == 1 || $0.hasPrefix("& ") },
            "company_suffixes.txt", "a company suffix is one word or '& Word'")
        try require(
            companyIndustries.entries.allSatisfy { !$0.contains("&") }, "company_industries.txt",
            "an industry must not contain '&', which opens a suffix")
        try require(
            areaCodes.entries.allSatisfy { $0.utf8.count == 3 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } },
            "area_codes.txt", "an area code is three digits")
        try require(
            loremWords.entries.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x61...0x7A).contains($0) } },
            "lorem.txt", "a lorem word is lowercase ASCII letters")
    }

    private static func text(of name: String, in bundle: Bundle) throws(FakeCorpusError) -> String {
        guard let url = bundle.url(forResource: name, withExtension: "txt", subdirectory: "Resources/fakes") else {
            throw FakeCorpusError(file: name + ".txt", message: "not found in the SeedbedEngine resource bundle")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FakeCorpusError(file: name + ".txt", message: "cannot be read: \(error)")
        }
    }

    /// Lines of `entry` or `entry<TAB>weight`; a missing weight counts as 1.
    static func parse(_ text: String, file: String) throws(FakeCorpusError) -> [(entry: String, weight: UInt64)] {
        var pairs: [(entry: String, weight: UInt64)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let entry = String(fields[0])
            guard !entry.isEmpty, fields.count <= 2 else {
                throw FakeCorpusError(file: file, line: number + 1, message: "expected 'entry' or 'entry<TAB>weight'")
            }
            guard entry.trimmingCharacters(in: .whitespaces) == entry else {
                throw FakeCorpusError(file: file, line: number + 1, message: "the entry has spaces at an end")
            }
            var weight: UInt64 = 1
            if fields.count == 2 {
                guard let parsed = UInt64(fields[1]), parsed > 0, parsed < 1 << 40 else {
                    throw FakeCorpusError(
                        file: file, line: number + 1, message: "the weight must be a whole number from 1 to 2^40")
                }
                weight = parsed
            }
            pairs.append((entry, weight))
        }
        return pairs
    }
}
