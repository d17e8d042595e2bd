// MARK: - company.name, internet.domain, lorem.*

extension FakeValues {
    /// "Harris Logistics LLC", "Summit Foods Inc.", "Harris & Cole", "Harris, Cole and Baker", …
    func companyName(_ random: inout RowRandom) -> String {
        let (names, prefixes, industries, suffixes) =
            (corpus.lastNames, corpus.companyPrefixes, corpus.companyIndustries, corpus.companySuffixes)
        let widest = max(names.longest, prefixes.longest, industries.longest)
        return .assembling(capacity: 3 * widest + suffixes.longest + 8) { text in
            switch random.next(below: 100) {
            case 0..<25:
                text.append(names.text, names.sampleIndex(&random))
                text.append(" ")
                text.append(industries.text, industries.sampleIndex(&random))
                text.append(" ")
                text.append(suffixes.text, suffixes.sampleIndex(&random))
            case 25..<50:
                text.append(prefixes.text, prefixes.sampleIndex(&random))
                text.append(" ")
                text.append(industries.text, industries.sampleIndex(&random))
                text.append(" ")
                text.append(suffixes.text, suffixes.sampleIndex(&random))
            case 50..<65:
                text.append(prefixes.text, prefixes.sampleIndex(&random))
                text.append(" ")
                text.append(industries.text, industries.sampleIndex(&random))
            case 65..<77:
                text.append(names.text, names.sampleIndex(&random))
                text.append(" ")
                text.append(suffixes.text, suffixes.sampleIndex(&random))
            case 77..<90:
                text.append(names.text, names.sampleIndex(&random))
                text.append(" & ")
                text.append(names.text, names.sampleIndex(&random))
            case 90..<95:
                text.append(names.text, names.sampleIndex(&random))
                text.append(", ")
                text.append(names.text, names.sampleIndex(&random))
                text.append(" and ")
                text.append(names.text, names.sampleIndex(&random))
            default:
                text.append(names.text, names.sampleIndex(&random))
                text.append(" ")
                text.append(industries.text, industries.sampleIndex(&random))
            }
        }
    }

    /// A distinct (surname, industry, suffix): the surname is one word and the suffix one word
    /// or "& Word" (industries have no "&"), so the three can be read back from the text.
    func uniqueCompanyName(_ index: UInt64) -> String {
        let (names, industries, suffixes) = (corpus.lastNames, corpus.companyIndustries, corpus.companySuffixes)
        var rest = Self.companyPermutation(index)
        let name = Int(rest % UInt64(names.count))
        rest /= UInt64(names.count)
        let industry = Int(rest % UInt64(industries.count))
        let suffix = Int(rest / UInt64(industries.count))
        let capacity = names.text.count(name) + industries.text.count(industry) + suffixes.text.count(suffix) + 2
        return .assembling(capacity: capacity) { text in
            text.append(names.text, name)
            text.append(" ")
            text.append(industries.text, industry)
            text.append(" ")
            text.append(suffixes.text, suffix)
        }
    }

    static let companyPermutation = IndexPermutation(
        count: UInt64(
            FakeCorpus.shared.lastNames.count * FakeCorpus.shared.companyIndustries.count
                * FakeCorpus.shared.companySuffixes.count),
        key: key("company"))

    // MARK: Domains

    /// "harris.example.com", "harris-cole.example.org", "summitfoods.example.net", …: always
    /// below a reserved name, so no value is a real site.
    func domain(_ random: inout RowRandom) -> String {
        let (names, prefixes, industries, parents) =
            (corpus.lastNames, corpus.companyPrefixes, corpus.companyIndustries, corpus.domainParents)
        let capacity =
            max(names.longestFolded, prefixes.longestFolded) + 1 + max(names.longestFolded, industries.longestFolded)
            + 1 + parents.longest
        return .assembling(capacity: capacity) { text in
            switch random.next(below: 100) {
            case 0..<40:
                text.append(names.folded, names.sampleIndex(&random))
            case 40..<55:
                text.append(names.folded, names.sampleIndex(&random))
                text.append("-")
                text.append(names.folded, names.sampleIndex(&random))
            case 55..<75:
                text.append(names.folded, names.sampleIndex(&random))
                text.append(industries.folded, industries.sampleIndex(&random))
            default:
                text.append(prefixes.folded, prefixes.sampleIndex(&random))
                text.append(industries.folded, industries.sampleIndex(&random))
            }
            text.append(".")
            text.append(parents.text, parents.sampleIndex(&random))
        }
    }

    /// "harris-cole.example.com": a distinct pair of surnames, common ones first (surnames have
    /// no hyphen, so the pair can be read back).
    func uniqueDomain(_ index: UInt64, _ random: inout RowRandom) -> String {
        let (names, parents) = (corpus.lastNames, corpus.domainParents)
        let pair = Self.domainPairs.pair(index)
        return .assembling(capacity: 2 * names.longestFolded + 2 + parents.longest) { text in
            text.append(names.folded, pair.row)
            text.append("-")
            text.append(names.folded, pair.column)
            text.append(".")
            text.append(parents.text, parents.sampleIndex(&random))
        }
    }

    // MARK: Lorem ipsum

    /// Sentences have 6 to 14 words; unique ones open with `uniqueSentenceWords` chosen words.
    static let sentenceWords: ClosedRange<UInt64> = 6...14
    static let uniqueSentenceWords = 6

    /// "Dolorem quia velit amet porro sed." (6 to 14 words, capitalised, ending in a period).
    func sentence(_ random: inout RowRandom) -> String {
        sentence(index: nil, &random)
    }

    /// The first six words spell the index's position in base (vocabulary size), the rest are
    /// drawn: two sentences share their opening only if their indices are equal.
    func uniqueSentence(_ index: UInt64, _ random: inout RowRandom) -> String {
        sentence(index: index, &random)
    }

    private func sentence(index: UInt64?, _ random: inout RowRandom) -> String {
        let words = corpus.loremWords
        let vocabulary = UInt64(words.count)
        let count = Self.sentenceWords.lowerBound + random.next(below: UInt64(Self.sentenceWords.count))
        var digits = index.map(Self.sentencePermutation.callAsFunction)
        return .assembling(capacity: Int(count) * (words.longest + 1)) { text in
            for position in 0..<count {
                let word: Int
                if let chosen = digits, position < Self.uniqueSentenceWords {
                    word = Int(chosen % vocabulary)
                    digits = chosen / vocabulary
                } else {
                    word = words.sampleIndex(&random)
                }
                if position == 0 {
                    // Lorem words are lowercase ASCII (checked at load): capitalise the first.
                    text.appendCapitalized(words.text, word)
                } else {
                    text.append(" ")
                    text.append(words.text, word)
                }
            }
            text.append(".")
        }
    }

    static let sentencePermutation: IndexPermutation = {
        let vocabulary = UInt64(FakeCorpus.shared.loremWords.count)
        var count: UInt64 = 1
        for _ in 0..<uniqueSentenceWords { count *= vocabulary }
        return IndexPermutation(count: count, key: key("sentence"))
    }()
}
