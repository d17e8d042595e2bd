// MARK: - address.*, phone.number

extension FakeValues {
    /// House numbers run from 1 to 9999 in unique streets; `value` also makes a few 5-digit ones.
    static let houseNumbers: UInt64 = 9_999

    /// "123 Maple Street": the house number skewed short, as real ones are.
    func street(_ random: inout RowRandom) -> String {
        let number: UInt64
        switch random.next(below: 100) {
        case 0..<8: number = 1 + random.next(below: 9)
        case 8..<30: number = 10 + random.next(below: 90)
        case 30..<70: number = 100 + random.next(below: 900)
        case 70..<95: number = 1_000 + random.next(below: 9_000)
        default: number = 10_000 + random.next(below: 90_000)
        }
        let name = corpus.streetNames.sampleIndex(&random)
        return street(number: number, name: name, suffix: corpus.streetSuffixes.sampleIndex(&random))
    }

    /// A distinct (house number, street name, suffix): the suffix is the last word and the
    /// number the first, so the three can be read back from the text.
    func uniqueStreet(_ index: UInt64) -> String {
        var rest = Self.streetPermutation(index)
        let number = 1 + rest % Self.houseNumbers
        rest /= Self.houseNumbers
        let names = UInt64(corpus.streetNames.count)
        return street(number: number, name: Int(rest % names), suffix: Int(rest / names))
    }

    private func street(number: UInt64, name: Int, suffix: Int) -> String {
        let (names, suffixes) = (corpus.streetNames.text, corpus.streetSuffixes.text)
        return .assembling(capacity: 5 + 1 + names.count(name) + 1 + suffixes.count(suffix)) { text in
            text.appendDecimal(number)
            text.append(" ")
            text.append(names, name)
            text.append(" ")
            text.append(suffixes, suffix)
        }
    }

    static let streetPermutation = IndexPermutation(
        count: houseNumbers * UInt64(FakeCorpus.shared.streetNames.count * FakeCorpus.shared.streetSuffixes.count),
        key: key("street"))

    // MARK: Postcodes

    /// Five-digit ZIP codes from 00601 (the lowest in use outside the IRS's own) to 99950.
    static let postcodes: ClosedRange<UInt64> = 601...99_950
    static let postcodePermutation = IndexPermutation(count: UInt64(postcodes.count), key: key("postcode"))

    func postcode(_ random: inout RowRandom) -> String {
        zip(Self.postcodes.lowerBound + random.next(below: UInt64(Self.postcodes.count)))
    }

    func uniquePostcode(_ index: UInt64) -> String {
        zip(Self.postcodes.lowerBound + Self.postcodePermutation(index))
    }

    private func zip(_ code: UInt64) -> String {
        .assembling(capacity: 5) { $0.appendDecimal(code, width: 5) }
    }

    // MARK: Phone numbers

    /// "(415) 555-0142": a real area code, the 555 exchange, and a line in 0100…0199, the block
    /// that the North American Numbering Plan keeps for fiction.
    func phoneNumber(_ random: inout RowRandom) -> String {
        phoneNumber(areaCode: corpus.areaCodes.sampleIndex(&random), line: 100 + random.next(below: 100))
    }

    /// The fictional block of every area code first; past it, the rest of the 555 exchange,
    /// which holds no subscriber lines (its two numbers in national service are left out).
    func uniquePhoneNumber(_ index: UInt64) -> String {
        let areaCodes = UInt64(corpus.areaCodes.count)
        let fictional = areaCodes * 100
        if index < fictional {
            let position = Self.fictionalPhonePermutation(index)
            return phoneNumber(areaCode: Int(position / 100), line: 100 + position % 100)
        }
        let otherLines = Self.linesPerAreaCode - 100
        let position = Self.otherPhonePermutation(index - fictional)
        // Lines 0000…9999 without 0100…0199, 1212 and 4334, in order.
        var line = position % otherLines
        if line >= 100 { line += 100 }
        if line >= 1_212 { line += 1 }
        if line >= 4_334 { line += 1 }
        return phoneNumber(areaCode: Int(position / otherLines), line: line)
    }

    /// The 555 lines a unique phone number can use in one area code: all but 555-1212
    /// (directory assistance) and 555-4334.
    static let linesPerAreaCode: UInt64 = 10_000 - 2
    static let fictionalPhonePermutation = IndexPermutation(
        count: UInt64(FakeCorpus.shared.areaCodes.count) * 100, key: key("phone.fictional"))
    static let otherPhonePermutation = IndexPermutation(
        count: UInt64(FakeCorpus.shared.areaCodes.count) * (linesPerAreaCode - 100), key: key("phone.other"))

    private func phoneNumber(areaCode: Int, line: UInt64) -> String {
        // 14 bytes: Swift keeps the whole number inline, without allocating.
        .assembling(capacity: 14) { text in
            text.append("(")
            text.append(corpus.areaCodes.text, areaCode)
            text.append(") 555-")
            text.appendDecimal(line, width: 4)
        }
    }
}
