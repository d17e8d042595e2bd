import SeedbedSpec

/// A pattern compiled for generation: each node knows the lengths, the characters and the
/// number of the strings it produces, which `count` and `string(at:)` need.
///
/// Nodes that can produce nothing (a class with nothing printable to draw from) are removed
/// while compiling: an alternation drops such branches, and anything that needs one fails.
struct PatternTree: Sendable {
    indirect enum Kind: Sendable {
        case literal(Unicode.Scalar)
        case choice(ScalarSet)
        case sequence([PatternTree])
        case alternation([PatternTree])
        case repetition(PatternTree, min: Int, max: Int)
    }

    let kind: Kind
    let minimumLength: Int
    let maximumLength: Int
    let count: PatternCount
    /// The first characters of the node's non-empty strings.
    let first: ScalarSet
    /// Every character the node's strings can contain.
    let alphabet: ScalarSet
    /// The node's only string, when it has exactly one (and it is short).
    let text: [Unicode.Scalar]?

    private static let none = ScalarSet(ranges: [])
    private static let lengthLimit = Int.max / 4
    private static let textLimit = 4096

    /// The compiled pattern, or nil when it produces no string.
    init?(_ node: PatternNode) {
        switch node {
        case .literal(let scalar):
            self.init(choice: ScalarSet(scalar))
            // keep the literal kind: it appends without a lookup
            self = PatternTree(copying: self, kind: .literal(scalar))
        case .characterClass(let ranges, let negated):
            self.init(choice: ScalarSet(patternClass: ranges, negated: negated))
        case .any:
            self.init(choice: .printableASCII)
        case .sequence(let items):
            var parts: [PatternTree] = []
            for item in items {
                guard let part = PatternTree(item) else { return nil }
                parts.append(part)
            }
            self.init(sequence: parts)
        case .alternation(let branches):
            let alternatives = branches.compactMap(PatternTree.init)
            guard let only = alternatives.first else { return nil }
            if alternatives.count == 1 {
                self = only
            } else {
                self.init(alternation: alternatives)
            }
        case .repetition(let inner, let min, let max, _):
            guard let child = PatternTree(inner) else {
                guard min == 0 else { return nil }
                self.init(sequence: [])  // zero repetitions of nothing: the empty string
                return
            }
            self.init(repeating: child, min: min, max: max)
        }
    }

    private init(
        kind: Kind, lengths: (Int, Int), count: PatternCount, first: ScalarSet, alphabet: ScalarSet,
        text: [Unicode.Scalar]?
    ) {
        self.kind = kind
        self.minimumLength = lengths.0
        self.maximumLength = lengths.1
        self.count = count
        self.first = first
        self.alphabet = alphabet
        self.text = text
    }

    private init(copying other: PatternTree, kind: Kind) {
        self.init(
            kind: kind, lengths: (other.minimumLength, other.maximumLength), count: other.count, first: other.first,
            alphabet: other.alphabet, text: other.text)
    }

    private init?(choice set: ScalarSet) {
        guard !set.isEmpty else { return nil }
        self.init(
            kind: .choice(set), lengths: (1, 1), count: .finite(set.count), first: set, alphabet: set,
            text: set.count == 1 ? [set.scalar(at: 0)] : nil)
    }

    private init(sequence parts: [PatternTree]) {
        var count = PatternCount.finite(1)
        var first = Self.none
        var reachesPast = true  // every part so far can be empty, so the next one can start the string
        var alphabet = Self.none
        var minimum = 0
        var maximum = 0
        var text: [Unicode.Scalar]? = []
        // A variable-length part has one split from what follows only if none of its characters
        // can occur there; the suffix alphabets decide it from the back.
        var following = Self.none
        for part in parts.reversed() {
            if part.minimumLength != part.maximumLength, !part.alphabet.isDisjoint(with: following) {
                count = .ambiguous
            }
            following = following.union(part.alphabet)
        }
        for part in parts {
            count = count * part.count
            if reachesPast { first = first.union(part.first) }
            reachesPast = reachesPast && part.minimumLength == 0
            alphabet = alphabet.union(part.alphabet)
            minimum = Self.add(minimum, part.minimumLength)
            maximum = Self.add(maximum, part.maximumLength)
            if let partText = part.text, let sofar = text, sofar.count + partText.count <= Self.textLimit {
                text = sofar + partText
            } else {
                text = nil
            }
        }
        self.init(
            kind: .sequence(parts), lengths: (minimum, maximum), count: count, first: first, alphabet: alphabet,
            text: text)
    }

    private init(alternation branches: [PatternTree]) {
        var count = PatternCount.finite(0)
        for (index, branch) in branches.enumerated() {
            count = count + branch.count
            for other in branches[..<index] where !branch.isDisjoint(with: other) { count = .ambiguous }
        }
        self.init(
            kind: .alternation(branches),
            lengths: (branches.map(\.minimumLength).min() ?? 0, branches.map(\.maximumLength).max() ?? 0),
            count: count,
            first: branches.reduce(Self.none) { $0.union($1.first) },
            alphabet: branches.reduce(Self.none) { $0.union($1.alphabet) },
            text: nil)
    }

    private init(repeating child: PatternTree, min: Int, max: Int) {
        let count: PatternCount
        if child.maximumLength == 0 || max == 0 {
            count = .finite(1)  // only the empty string
        } else if case .ambiguous = child.count {
            count = .ambiguous
        } else if min == 1, max == 1 {
            count = child.count
        } else if child.minimumLength == child.maximumLength {
            // n copies of a fixed-length part have length n × L: the counts add up by length.
            var total = PatternCount.finite(0)
            var power = PatternCount.finite(1)
            for n in 0...max {
                if n >= min { total = total + power }
                if case .huge = total { break }
                power = power * child.count
            }
            count = total
        } else if max == 1, child.minimumLength > 0 {
            count = .finite(1) + child.count  // `x?`: the empty string or one of x's
        } else {
            count = .ambiguous
        }
        var text: [Unicode.Scalar]?
        if let childText = child.text, min == max, childText.count * min <= Self.textLimit {
            text = Array([[Unicode.Scalar]](repeating: childText, count: min).joined())
        }
        self.init(
            kind: .repetition(child, min: min, max: max),
            lengths: (Self.multiply(child.minimumLength, min), Self.multiply(child.maximumLength, max)),
            count: count,
            first: max == 0 ? Self.none : child.first,
            alphabet: max == 0 ? Self.none : child.alphabet,
            text: text)
    }

    /// Whether no string is produced by both nodes, as far as their shapes can tell.
    private func isDisjoint(with other: PatternTree) -> Bool {
        if let text, let otherText = other.text { return text != otherText }
        if maximumLength < other.minimumLength || other.maximumLength < minimumLength { return true }
        return minimumLength > 0 && other.minimumLength > 0 && first.isDisjoint(with: other.first)
    }

    private static func add(_ a: Int, _ b: Int) -> Int {
        Swift.min(a + b, lengthLimit)  // both are at most lengthLimit, so no overflow
    }

    private static func multiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? lengthLimit : Swift.min(product, lengthLimit)
    }
}

/// How many distinct strings a pattern node produces.
enum PatternCount: Equatable, Sendable {
    case finite(UInt64)
    /// More than `UInt64.max`, each string with one derivation.
    case huge
    /// Some string may have two derivations, so the number is not known.
    case ambiguous

    static func + (a: PatternCount, b: PatternCount) -> PatternCount {
        switch (a, b) {
        case (.ambiguous, _), (_, .ambiguous): return .ambiguous
        case (.finite(let x), .finite(let y)):
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? .huge : .finite(sum)
        default: return .huge
        }
    }

    static func * (a: PatternCount, b: PatternCount) -> PatternCount {
        switch (a, b) {
        case (.ambiguous, _), (_, .ambiguous): return .ambiguous
        case (.finite(let x), .finite(let y)):
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? .huge : .finite(product)
        default: return .huge
        }
    }
}
