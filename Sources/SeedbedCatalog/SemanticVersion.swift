/// A semantic version (semver.org 2.0.0): `MAJOR.MINOR.PATCH`, optionally `-PRERELEASE` and
/// `+BUILD`. Dataset versions are compared by precedence (the build part is ignored).
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var prerelease: [String]
    public var build: [String]

    /// Parses `1.4.0`, `2.0.0-rc.1`, `1.0.0+20260101`.
    /// - Throws: `.usage` naming what is wrong and an example.
    public init(parsing text: String) throws(CatalogError) {
        func fail(_ reason: String) -> CatalogError {
            CatalogError(
                .usage,
                "'\(text)' is not a semantic version (\(reason)); write MAJOR.MINOR.PATCH, such as 1.4.0 or 2.0.0-rc.1")
        }
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            rest = rest[..<plus]
            guard build.allSatisfy(Self.isIdentifier) else {
                throw fail("the build part must be dot-separated [0-9A-Za-z-] words")
            }
        }
        var prerelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            rest = rest[..<dash]
            guard prerelease.allSatisfy(Self.isIdentifier) else {
                throw fail("the pre-release part must be dot-separated [0-9A-Za-z-] words")
            }
            guard prerelease.allSatisfy({ !Self.isNumeric($0) || $0 == "0" || !$0.hasPrefix("0") }) else {
                throw fail("a numeric pre-release part has no leading zero")
            }
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else { throw fail("it needs three numbers") }
        var parsed: [Int] = []
        for number in numbers {
            guard Self.isNumeric(number), number == "0" || !number.hasPrefix("0"), let value = Int(number) else {
                throw fail("'\(number)' is not a number without leading zeros")
            }
            parsed.append(value)
        }
        major = parsed[0]
        minor = parsed[1]
        patch = parsed[2]
        self.prerelease = prerelease
        self.build = build
    }

    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Precedence as semver.org §11: numbers first, then a pre-release sorts before its release,
    /// identifiers compared numerically when both are numbers, numbers before words.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        let left = (lhs.major, lhs.minor, lhs.patch)
        let right = (rhs.major, rhs.minor, rhs.patch)
        if left != right { return left < right }
        if lhs.prerelease.isEmpty || rhs.prerelease.isEmpty {
            return !lhs.prerelease.isEmpty && rhs.prerelease.isEmpty
        }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (Int(a), Int(b)) {
            case (let x?, let y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }

    private static func isIdentifier(_ word: some StringProtocol) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { $0 == UInt8(ascii: "-") || isAlphanumeric($0) }
    }

    private static func isNumeric(_ word: some StringProtocol) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}

/// `NAME@VERSION`, as commands take a dataset version.
public struct DatasetReference: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var version: SemanticVersion

    public init(name: String, version: SemanticVersion) {
        self.name = name
        self.version = version
    }

    /// Parses `lending@1.4.0`.
    public init(parsing text: String) throws(CatalogError) {
        guard let at = text.lastIndex(of: "@"), at != text.startIndex else {
            throw CatalogError(
                .usage, "'\(text)' does not name a dataset version; write NAME@VERSION, such as lending@1.4.0")
        }
        name = String(text[..<at])
        version = try SemanticVersion(parsing: String(text[text.index(after: at)...]))
    }

    public var description: String { "\(name)@\(version)" }
}
