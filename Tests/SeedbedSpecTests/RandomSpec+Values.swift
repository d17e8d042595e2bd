@testable import SeedbedSpec

// Names and literal values for random specs.

extension RandomSpec {
    // MARK: - Names

    /// Words that look like keywords but are not reserved, so they print without backquotes.
    static let keywordLikeWords = [
        "as", "of", "one", "from", "per", "share", "count", "version", "seed", "profile", "quasi", "identifier",
        "int", "text", "decimal", "uniform", "poisson", "e", "T", "Z", "_", "_1", "eligibility", "impossible",
    ]

    /// Names only backquotes can write.
    static let quotedOnlyNames = [
        "first name", "naïve", "名前", "a-b", "1st", "#tag", "say \"hi\"", "back\\slash", " ", "x%", "{}", "ü",
    ]

    mutating func identifier() -> Identifier { Identifier(name(dotted: true)) }

    /// A name of any kind; `dotted` allows names holding a `.` (not for `fake` provider parts,
    /// which the parser joins with dots).
    mutating func name(dotted: Bool) -> String {
        switch int(0...9) {
        case 0...3: return plainName()
        case 4, 5: return pick(Parser.reservedWords.sorted())
        case 6, 7: return pick(Self.keywordLikeWords)
        default: return dotted && chance(0.2) ? "x.y" : pick(Self.quotedOnlyNames)
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    mutating func plainName() -> String {
        let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        let rest = first + Array("0123456789")
        return String(pick(first)) + String(list(0...7) { $0.pick(rest) })
    }

    /// A rule or scenario ID such as `ELIG-001`: segments of letters and digits joined by `-`.
    /// Digit-only segments have three digits, so no run of segments reads as a date; a
    /// structural word such as `is` cannot be an ID.
    mutating func ruleID() -> String {
        while true {
            let id = idCandidate()
            if !Parser.structuralWords.contains(id) { return id }
        }
    }

    private mutating func idCandidate() -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let alphanumerics = letters + Array("0123456789")
        var segments = [String(pick(letters)) + String(list(0...4) { $0.pick(alphanumerics) })]
        for _ in 0..<int(0...2) {
            segments.append(
                chance(0.5)
                    ? String(list(3...3) { $0.pick(Array("0123456789")) })
                    : String(pick(letters)) + String(list(0...3) { $0.pick(alphanumerics) }))
        }
        return segments.joined(separator: "-")
    }

    // MARK: - Literals

    mutating func literal() -> Literal {
        switch int(0...6) {
        case 0, 1: .number(number())
        case 2: .string(string())
        case 3: .date(date())
        case 4: .timestamp(timestamp())
        case 5: .bool(chance(0.5))
        default: .null
        }
    }

    /// Text with the characters that need care: quotes, backslashes, `#`, non-ASCII.
    mutating func string() -> String {
        let characters: [Character] = [
            "a", "Z", "0", " ", "\"", "\\", "#", "`", "%", "{", "\t", "é", "漢", "😀", "'", "\\", "\"",
        ]
        return String(list(0...8) { $0.pick(characters) })
    }

    /// Days since 1970-01-01 of a date whose year has four digits.
    mutating func date() -> Int {
        int(Self.firstDay...Self.lastDay)
    }

    mutating func timestamp() -> Int64 {
        let perDay: Int64 = 86_400_000_000
        return Int64.random(
            in: Int64(Self.firstDay) * perDay...Int64(Self.lastDay) * perDay + perDay - 1, using: &random)
    }

    static let firstDay = CivilDate.days(year: 1000, month: 1, day: 1) ?? 0
    static let lastDay = CivilDate.days(year: 9999, month: 12, day: 31) ?? 0

    mutating func number() -> NumberLiteral {
        switch int(0...2) {
        case 0: .integer(integer())
        case 1: .decimal(decimal())
        default: .percent(chance(0.5) ? Double(int(-200...200)) : decimal())
        }
    }

    /// Any integer the lexer reads (`Int.min` has no positive counterpart to negate).
    mutating func integer() -> Int {
        switch int(0...2) {
        case 0: int(0...100)
        case 1: int(-999_999...999_999)
        default: int(Int.min + 1...Int.max)
        }
    }

    /// A finite double, often one whose shortest form has an exponent.
    mutating func decimal() -> Double {
        let sign: Double = chance(0.3) ? -1 : 1
        switch int(0...3) {
        case 0:
            return sign * Double(int(0...100_000)) / 1000
        case 1:
            return sign
                * pick([1e-5, 1.5e-7, 5e-324, 2.2250738585072014e-308, 1e16, 1e300, 1.7976931348623157e308, 0.1])
        case 2:
            return sign * Double(int(1...9_999)) * pick([1e-9, 1e-12, 1e17, 1e22, 1e-300])
        default:
            while true {
                let value = Double(bitPattern: random.next())
                if value.isFinite { return value }
            }
        }
    }
}
