public import SeedbedSpec

/// Strings for a `pattern "…"` column: random ones, and an injective enumeration for unique ones.
///
/// Random strings choose uniformly within each class, between the branches of an alternation,
/// and among the repetition counts of a quantifier (so `[0-9]{1,3}` gives one-, two- and
/// three-digit strings equally often, not mostly three-digit ones). `.` and negated classes
/// draw from printable ASCII minus what they exclude.
///
/// For `unique` columns, `string(at:)` numbers the pattern's strings without repeats; composed
/// with an `IndexPermutation` it gives unique values that do not look sequential. That needs
/// every string to have one derivation, so `count` and `string(at:)` are only defined for
/// patterns that are unambiguous by construction (see `count`).
public struct PatternGenerator: Sendable {
    let program: PatternProgram
    let matcher: PatternMatcher

    /// - Throws: `PatternGeneratorError` when the pattern can produce no string at all (a class
    ///   such as `[^ -~]` leaves nothing printable to draw from).
    public init(_ pattern: PatternNode) throws(PatternGeneratorError) {
        guard let root = PatternTree(pattern) else {
            throw PatternGeneratorError(
                message: "the pattern can produce no string: a class leaves nothing to draw from")
        }
        program = PatternProgram(root)
        matcher = PatternMatcher(pattern)
    }

    /// One random string of the pattern.
    /// - Complexity: O(length of the string).
    public func string(_ random: inout RowRandom) -> String {
        guard program.maximumUTF8Length <= Self.directLimit else {
            var scalars = String.UnicodeScalarView()
            program.append(program.root, random: &random, to: &scalars)
            return String(scalars)
        }
        return String(unsafeUninitializedCapacity: program.maximumUTF8Length) { buffer in
            var writer = UTF8Writer(buffer)
            program.append(program.root, random: &random, to: &writer)
            return writer.count
        }
    }

    /// The number of distinct strings the pattern produces, or nil when it is above
    /// `UInt64.max` or not known exactly.
    ///
    /// It is known when every string has a single derivation: fixed-length parts
    /// (`[A-Z]{2}[0-9]{4}`), variable-length parts whose characters cannot occur in what follows
    /// (`[A-Z]{1,3}[0-9]{4}`), alternatives that differ in their first character, length or
    /// text (`(ab|cd)[0-9]`), and repetitions of fixed-length parts. `(a|ab)(c|bc)` makes "abc"
    /// twice and is nil; so, conservatively, is `[0-9]?[0-9]`, which is unambiguous only by length.
    public var count: UInt64? {
        if case .finite(let count) = program.count { return count }
        return nil
    }

    /// The `index`-th string of the pattern: distinct indices give distinct strings.
    ///
    /// Defined for indices below `count`, and for every index when the pattern is unambiguous
    /// but has more than `UInt64.max` strings; nil otherwise (and for ambiguous patterns).
    /// - Complexity: O(length of the string × log of the class sizes).
    public func string(at index: UInt64) -> String? {
        switch program.count {
        case .ambiguous: return nil
        case .finite(let count) where index >= count: return nil
        case .finite, .huge:
            guard program.maximumUTF8Length <= Self.directLimit else {
                var scalars = String.UnicodeScalarView()
                program.append(program.root, index: index, to: &scalars)
                return String(scalars)
            }
            return String(unsafeUninitializedCapacity: program.maximumUTF8Length) { buffer in
                var writer = UTF8Writer(buffer)
                program.append(program.root, index: index, to: &writer)
                return writer.count
            }
        }
    }

    /// Longest strings, in UTF-8 bytes, written straight into a string's storage (see `UTF8Writer`).
    private static let directLimit = 4096

    /// Whether `text` is one of the pattern's strings (the same subset, matched as a whole).
    public func matches(_ text: String) -> Bool {
        matcher.matches(text)
    }
}

/// Why a pattern cannot generate values.
public struct PatternGeneratorError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
