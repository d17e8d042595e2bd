import Foundation

/// One word list of the fake corpus: distinct entries, most common first, with their weights.
struct WordList: Sendable {
    /// The entries as shown ("O'Brien"), distinct, by falling weight.
    let entries: [String]
    /// The entries' bytes, to copy into values built from several words.
    let text: Spellings
    /// Lowercase ASCII letters and digits only ("obrien"), for emails, usernames and domains;
    /// empty unless the list was loaded with `folding`.
    let folded: Spellings
    /// The longest entry and folded spelling, in UTF-8 bytes: what a value reserves for one.
    let longest: Int, longestFolded: Int
    /// Whether the list has weights; a uniform list keeps the file's order.
    let isWeighted: Bool
    private let table: AliasTable?

    /// - Parameters:
    ///   - pairs: entries with their weights, duplicates allowed (their weights add up, which is
    ///     how "Springfield" in many states becomes one city name).
    ///   - weighted: whether the weights mean anything; if not, draws are uniform.
    ///   - folding: whether to precompute `folded`, which must then be distinct and non-empty,
    ///     because unique emails and domains are built from it.
    init(
        file: String, pairs: [(entry: String, weight: UInt64)], weighted: Bool, folding: Bool = false
    ) throws(FakeCorpusError) {
        guard !pairs.isEmpty else { throw FakeCorpusError(file: file, message: "the list is empty") }
        var position: [String: Int] = [:]
        var merged: [(entry: String, weight: UInt64)] = []
        for pair in pairs {
            if let index = position[pair.entry] {
                merged[index].weight += pair.weight
            } else {
                position[pair.entry] = merged.count
                merged.append(pair)
            }
        }
        if weighted {
            // Stable, so ties keep the source's order (the census lists are ranked).
            merged = merged.enumerated()
                .sorted {
                    $0.element.weight != $1.element.weight
                        ? $0.element.weight > $1.element.weight : $0.offset < $1.offset
                }
                .map(\.element)
            let total = merged.reduce(0 as UInt64) { $0 + $1.weight }
            guard !total.multipliedReportingOverflow(by: UInt64(merged.count)).overflow else {
                throw FakeCorpusError(file: file, message: "the weights are too large")
            }
        }
        entries = merged.map(\.entry)
        isWeighted = weighted
        table = weighted ? AliasTable(weights: merged.map(\.weight)) : nil
        text = Spellings(entries)
        longest = entries.reduce(0) { max($0, $1.utf8.count) }
        if folding {
            let folded = entries.map(Self.fold)
            var seen: [String: String] = [:]
            for (entry, spelling) in zip(entries, folded) {
                if spelling.isEmpty {
                    throw FakeCorpusError(file: file, message: "'\(entry)' has no ASCII letters for an email")
                }
                if let other = seen.updateValue(entry, forKey: spelling) {
                    throw FakeCorpusError(
                        file: file, message: "'\(other)' and '\(entry)' are both spelt '\(spelling)' in emails")
                }
            }
            self.folded = Spellings(folded)
            longestFolded = folded.reduce(0) { max($0, $1.utf8.count) }
        } else {
            folded = Spellings([])
            longestFolded = 0
        }
    }

    var count: Int { entries.count }

    /// The index of an entry drawn by weight (uniformly for an unweighted list).
    func sampleIndex(_ random: inout RowRandom) -> Int {
        if let table { return table.sample(&random) }
        return Int(UInt64(entries.count).multipliedFullWidth(by: random.next()).high)
    }

    /// An entry drawn by weight.
    func sample(_ random: inout RowRandom) -> String { entries[sampleIndex(&random)] }

    /// "Zoë O'Brien-Smith" → "zoeobriensmith": what survives of a name in an email address.
    static func fold(_ text: String) -> String {
        var result = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: result.unicodeScalars.append(scalar)
            case 0x41...0x5A: result.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
            default: continue  // accents (split off above), apostrophes, hyphens, spaces
            }
        }
        return result
    }
}
