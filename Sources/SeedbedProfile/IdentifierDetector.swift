/// Recognises direct identifiers from a column's name and a sample of its values, so their
/// values never enter a profile even when no spec tags them `pii`.
///
/// A column is an identifier when its name says so (`email`, `phone`, `ssn`, `first_name`, …)
/// or when at least 80 % of its sampled non-null values look like emails, phone numbers or
/// national-ID numbers. Free text is decided later, from the distinct count (see `Profiler`).
struct IdentifierDetector {
    /// Values looked at per column: enough to see a pattern, bounded so wide tables stay fast.
    static let sampleSize = 10_000
    static let threshold = 0.8

    private(set) var sampled = 0
    private var emails = 0
    private var phones = 0
    private var nationalIDs = 0

    mutating func add(_ value: String) {
        guard sampled < Self.sampleSize else { return }
        sampled += 1
        let bytes = Array(value.utf8)
        if Self.isEmail(bytes) {
            emails += 1
        } else if Self.isNationalID(bytes) {
            nationalIDs += 1
        } else if Self.isPhone(bytes) {
            phones += 1
        }
    }

    /// What the values look like, when most of them look like one kind of identifier.
    var detectedKind: String? {
        guard sampled > 0 else { return nil }
        let share = { (count: Int) in Double(count) / Double(sampled) >= Self.threshold }
        if share(emails) { return "email addresses" }
        if share(nationalIDs) { return "national-ID-like numbers" }
        if share(phones) { return "phone numbers" }
        return nil
    }

    // MARK: - Names

    /// What a column's name says it holds, when that is a direct identifier.
    static func kind(ofColumnNamed name: String) -> String? {
        let words = Self.words(name)
        let joined = words.joined()
        let has = { (word: String) in words.contains(word) }
        if has("email") || has("mail") || joined.contains("email") { return "email addresses (by name)" }
        if has("phone") || has("mobile") || has("telephone") || has("fax") || joined.contains("phone") {
            return "phone numbers (by name)"
        }
        if has("ssn") || has("passport") || has("nino") || has("iban") || joined.contains("nationalid")
            || joined.contains("socialsecurity") || joined.contains("taxid")
        {
            return "national-ID-like numbers (by name)"
        }
        let personWords: Set<String> = [
            "first", "last", "full", "given", "family", "middle", "maiden", "person", "patient", "customer",
            "user", "contact", "client", "employee",
        ]
        let nameWords: Set<String> = ["surname", "forename", "firstname", "lastname", "fullname", "givenname"]
        if words.contains(where: nameWords.contains) || (has("name") && words.contains(where: personWords.contains)) {
            return "person names (by name)"
        }
        return nil
    }

    /// `first_name`, `firstName`, `First Name` → ["first", "name"].
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in name {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousLower && !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(Character(character.lowercased()))
                previousLower = character.isLowercase
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    // MARK: - Values

    /// `local@domain.tld` with no spaces.
    static func isEmail(_ bytes: [UInt8]) -> Bool {
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0,
            bytes.lastIndex(of: UInt8(ascii: "@")) == at, !bytes.contains(UInt8(ascii: " "))
        else { return false }
        let domain = bytes[(at + 1)...]
        guard let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot > at + 1, dot < bytes.count - 2 else {
            return false
        }
        return true
    }

    /// 7 to 15 digits written with phone punctuation (`+`, spaces, dashes, dots, parentheses), and
    /// at least one such mark, so a plain number column is not taken for phones.
    static func isPhone(_ bytes: [UInt8]) -> Bool {
        var digits = 0
        var marks = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "+"), UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("),
                UInt8(ascii: ")"):
                marks += 1
            default: return false
            }
        }
        return (7...15).contains(digits) && marks > 0
    }

    /// US social security numbers (`123-45-6789`), card-like numbers of 13–19 digits in groups,
    /// and IBAN-like codes (two letters, two digits, 10–30 letters or digits).
    static func isNationalID(_ bytes: [UInt8]) -> Bool {
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        let isUpper = { (b: UInt8) in b >= 65 && b <= 90 }
        if bytes.count == 11, bytes[3] == UInt8(ascii: "-"), bytes[6] == UInt8(ascii: "-"),
            bytes.enumerated().allSatisfy({ $0.offset == 3 || $0.offset == 6 || isDigit($0.element) })
        {
            return true
        }
        let compact = bytes.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") }
        if compact.count != bytes.count, (13...19).contains(compact.count), compact.allSatisfy(isDigit) {
            return true
        }
        if (14...34).contains(compact.count), isUpper(compact[0]), isUpper(compact[1]), isDigit(compact[2]),
            isDigit(compact[3]), compact.dropFirst(4).allSatisfy({ isDigit($0) || isUpper($0) })
        {
            return true
        }
        return false
    }
}
