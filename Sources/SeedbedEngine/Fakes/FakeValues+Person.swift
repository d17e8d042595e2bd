// MARK: - person.*, internet.email, internet.username

extension FakeValues {
    func personName(_ random: inout RowRandom) -> String {
        let first = corpus.firstNames.sampleIndex(&random)
        return fullName(first, corpus.lastNames.sampleIndex(&random))
    }

    func uniquePersonName(_ index: UInt64) -> String {
        let pair = Self.namePairs.pair(index)
        return fullName(pair.row, pair.column)
    }

    private func fullName(_ first: Int, _ last: Int) -> String {
        let (firsts, lasts) = (corpus.firstNames.text, corpus.lastNames.text)
        // Exact, so that names of 15 bytes or fewer stay inline, without allocating.
        return .assembling(capacity: firsts.count(first) + 1 + lasts.count(last)) { text in
            text.append(firsts, first)
            text.append(" ")
            text.append(lasts, last)
        }
    }

    /// "mary.jones@example.com", "mjones@mail.test", "mary.jones84@example.org", …
    func email(_ random: inout RowRandom) -> String {
        let name = foldedName(&random)
        let domains = corpus.emailDomains
        let domain = domains.sampleIndex(&random)
        return .assembling(capacity: handleCapacity + 1 + domains.longest) { text in
            // Shares of the common shapes of personal addresses, in percent.
            switch random.next(below: 100) {
            case 0..<35: write(.firstDotLast, name, to: &text)
            case 35..<50: write(.initialLast, name, to: &text)
            case 50..<58: write(.firstLast, name, to: &text)
            case 58..<63: write(.firstUnderscoreLast, name, to: &text)
            case 63..<73:
                write(.firstDotLast, name, to: &text)
                text.appendDecimal(10 + random.next(below: 90))
            case 73..<80:
                write(.first, name, to: &text)
                text.appendDecimal(10 + random.next(below: 90))
            case 80..<85: write(.firstInitial, name, to: &text)
            case 85..<90: write(.initialDotLast, name, to: &text)
            case 90..<95: write(.lastDotFirst, name, to: &text)
            default:
                write(.firstDotLast, name, to: &text)
                text.appendDecimal(1950 + random.next(below: 56))
            }
            text.append("@")
            text.append(domains.text, domain)
        }
    }

    /// A name-shaped local part, then the index's number: the number alone keeps it distinct,
    /// because the name part never ends in a digit.
    func uniqueEmail(_ index: UInt64, _ random: inout RowRandom) -> String {
        let name = foldedName(&random)
        let domains = corpus.emailDomains
        let domain = domains.sampleIndex(&random)
        return .assembling(capacity: handleCapacity + 1 + domains.longest) { text in
            write(uniqueHandleShape(&random), name, to: &text)
            text.appendDecimal(Self.numbering.number(index))
            text.append("@")
            text.append(domains.text, domain)
        }
    }

    /// "mjones", "mary.jones", "maryj", "mary84", "mjones1977", …
    func username(_ random: inout RowRandom) -> String {
        let name = foldedName(&random)
        return .assembling(capacity: handleCapacity) { text in
            switch random.next(below: 100) {
            case 0..<20: write(.initialLast, name, to: &text)
            case 20..<35: write(.firstDotLast, name, to: &text)
            case 35..<45: write(.firstUnderscoreLast, name, to: &text)
            case 45..<55: write(.firstLast, name, to: &text)
            case 55..<65: write(.firstInitial, name, to: &text)
            case 65..<77:
                write(.first, name, to: &text)
                text.appendDecimal(10 + random.next(below: 90))
            case 77..<87:
                write(.initialLast, name, to: &text)
                text.appendDecimal(10 + random.next(below: 90))
            default:
                write(.first, name, to: &text)
                text.appendDecimal(1950 + random.next(below: 56))
            }
        }
    }

    func uniqueUsername(_ index: UInt64, _ random: inout RowRandom) -> String {
        let name = foldedName(&random)
        return .assembling(capacity: handleCapacity) { text in
            write(uniqueHandleShape(&random), name, to: &text)
            text.appendDecimal(Self.numbering.number(index))
        }
    }

    // MARK: Handles

    /// The ways people turn their name into a handle.
    private enum HandleShape {
        case firstDotLast, firstUnderscoreLast, firstLast, initialLast, initialDotLast, firstInitial, lastDotFirst
        case first
    }

    /// A first and last name, drawn by frequency, to be written in their email spelling.
    private typealias FoldedName = (first: Int, last: Int)

    private func foldedName(_ random: inout RowRandom) -> FoldedName {
        let first = corpus.firstNames.sampleIndex(&random)
        return (first, corpus.lastNames.sampleIndex(&random))
    }

    /// Enough for two names, a separator and a number of up to 20 digits.
    private var handleCapacity: Int { corpus.firstNames.longestFolded + corpus.lastNames.longestFolded + 21 }

    /// Shapes made of letters and separators only, ending in a letter, so that a number
    /// appended to the handle can be read back unambiguously.
    private func uniqueHandleShape(_ random: inout RowRandom) -> HandleShape {
        switch random.next(below: 100) {
        case 0..<50: .firstDotLast
        case 50..<70: .initialLast
        case 70..<80: .firstUnderscoreLast
        case 80..<90: .firstLast
        default: .firstInitial
        }
    }

    private func write(_ shape: HandleShape, _ name: FoldedName, to text: inout TextAssembler) {
        let (firsts, lasts) = (corpus.firstNames.folded, corpus.lastNames.folded)
        switch shape {
        case .firstDotLast, .firstUnderscoreLast, .firstLast:
            text.append(firsts, name.first)
            if shape == .firstDotLast { text.append(".") } else if shape == .firstUnderscoreLast { text.append("_") }
            text.append(lasts, name.last)
        case .initialLast, .initialDotLast:
            text.appendInitial(firsts, name.first)
            if shape == .initialDotLast { text.append(".") }
            text.append(lasts, name.last)
        case .firstInitial:
            text.append(firsts, name.first)
            text.appendInitial(lasts, name.last)
        case .lastDotFirst:
            text.append(lasts, name.last)
            text.append(".")
            text.append(firsts, name.first)
        case .first:
            text.append(firsts, name.first)
        }
    }
}
