/// A parsed `pattern "…"` (and `matches "…"`): the regular-expression subset Seedbed can both
/// match and generate from.
///
/// The subset: literal characters, `.`, classes `[a-z0-9_]` and `[^…]`, the escapes `\d \w \s`
/// (and `\D \W \S`) and escaped metacharacters, groups `( … )` and `(?: … )`, alternation `|`,
/// and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`. Unbounded quantifiers are capped
/// when generating, so every pattern has a finite set of lengths. `^` and `$` at the ends are
/// accepted and mean nothing more (patterns always match whole values).
public indirect enum PatternNode: Hashable, Sendable {
    case literal(Unicode.Scalar)
    case characterClass([ClosedRange<Unicode.Scalar>], negated: Bool)
    /// `.`: any character but a line break.
    case any
    case sequence([PatternNode])
    case alternation([PatternNode])
    /// `max` is already capped for generation; `open` says the pattern set no upper bound
    /// (`*`, `+`, `{n,}`), which matching honours.
    case repetition(PatternNode, min: Int, max: Int, open: Bool)
}

/// Why a pattern is outside the subset, and where (counted in characters from 1).
public struct PatternSyntaxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var position: Int

    public var description: String { "\(message) at character \(position)" }
}

public enum PatternSyntax {
    /// The most repetitions `*`, `+` and `{n,}` add when generating.
    public static let openRepetitionLimit = 8
    /// The largest count `{n,m}` may name.
    public static let maximumCount = 1000
    static let maximumDepth = 64

    /// Parses a pattern of the supported subset.
    /// - Throws: `PatternSyntaxError` naming the first construct outside the subset.
    public static func parse(_ pattern: String) throws(PatternSyntaxError) -> PatternNode {
        var parser = PatternParser(scalars: Array(pattern.unicodeScalars))
        if parser.peek == "^" { parser.index += 1 }
        let node = try parser.parseAlternation(depth: 0)
        if parser.peek == "$" { parser.index += 1 }
        guard parser.index == parser.scalars.count else {
            throw parser.error(parser.peek == ")" ? "unmatched ')'" : "unexpected '\(parser.peek ?? " ")'")
        }
        return node
    }
}

private struct PatternParser {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func error(_ message: String) -> PatternSyntaxError {
        PatternSyntaxError(message: message, position: index + 1)
    }

    mutating func parseAlternation(depth: Int) throws(PatternSyntaxError) -> PatternNode {
        guard depth < PatternSyntax.maximumDepth else { throw error("groups nested too deeply") }
        var branches = [try parseSequence(depth: depth)]
        while peek == "|" {
            index += 1
            branches.append(try parseSequence(depth: depth))
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseSequence(depth: Int) throws(PatternSyntaxError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            if scalar == "$", index == scalars.count - 1 { break }
            let atom = try parseAtom(depth: depth)
            items.append(try parseQuantifiers(atom))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseQuantifiers(_ atom: PatternNode) throws(PatternSyntaxError) -> PatternNode {
        var node = atom
        var quantified = false
        while let scalar = peek {
            let bounds: (Int, Int, Bool)
            switch scalar {
            case "?": bounds = (0, 1, false)
            case "*": bounds = (0, PatternSyntax.openRepetitionLimit, true)
            case "+": bounds = (1, 1 + PatternSyntax.openRepetitionLimit, true)
            case "{": bounds = try parseCount()
            default: return node
            }
            if scalar != "{" { index += 1 }
            // `a**` is a mistake; `(a*)*` quantifies a group and is fine.
            if quantified { throw error("a quantifier cannot follow another; use a group") }
            quantified = true
            node = .repetition(node, min: bounds.0, max: bounds.1, open: bounds.2)
        }
        return node
    }

    mutating func parseCount() throws(PatternSyntaxError) -> (Int, Int, Bool) {
        let start = index
        index += 1
        func number(_ parser: inout PatternParser) -> Int? {
            var value: Int?
            while let scalar = parser.peek, let digit = Int(String(scalar)), scalar.isASCII {
                value = Swift.min((value ?? 0) * 10 + digit, PatternSyntax.maximumCount + 1)
                parser.index += 1
            }
            return value
        }
        guard let low = number(&self) else {
            index = start
            throw error("'{' needs a count such as {3} or {2,5}; write \\{ for a brace")
        }
        var high = low
        var open = false
        if peek == "," {
            index += 1
            if let given = number(&self) {
                high = given
            } else {
                high = low + PatternSyntax.openRepetitionLimit
                open = true
            }
        }
        guard peek == "}" else { throw error("expected '}' to close the count") }
        index += 1
        guard high <= PatternSyntax.maximumCount else {
            throw PatternSyntaxError(
                message: "counts above \(PatternSyntax.maximumCount) are not supported", position: start + 1)
        }
        guard low <= high else {
            throw PatternSyntaxError(message: "the count {\(low),\(high)} is empty", position: start + 1)
        }
        return (low, high, open)
    }

    mutating func parseAtom(depth: Int) throws(PatternSyntaxError) -> PatternNode {
        guard let scalar = peek else { throw error("unexpected end of pattern") }
        switch scalar {
        case "(":
            index += 1
            if peek == "?" {
                guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                    throw error("lookarounds and other '(?' groups are not supported")
                }
                index += 2
            }
            let inner = try parseAlternation(depth: depth + 1)
            guard peek == ")" else { throw error("expected ')' to close the group") }
            index += 1
            return inner
        case "[": return try parseClass()
        case ".":
            index += 1
            return .any
        case "\\": return try parseEscape(inClass: false)
        case "*", "+", "?", "{": throw error("'\(scalar)' has nothing to repeat")
        case "^", "$":
            throw error("'\(scalar)' is only allowed at the start or end; write \\\(scalar) for the character")
        default:
            index += 1
            return .literal(scalar)
        }
    }

    mutating func parseEscape(inClass: Bool) throws(PatternSyntaxError) -> PatternNode {
        index += 1
        guard let scalar = peek else { throw error("a pattern cannot end with '\\'") }
        index += 1
        let digits: ClosedRange<Unicode.Scalar> = "0"..."9"
        let word: [ClosedRange<Unicode.Scalar>] = ["a"..."z", "A"..."Z", digits, "_"..."_"]
        let space: [ClosedRange<Unicode.Scalar>] = [" "..." ", "\t"..."\t"]
        switch scalar {
        case "d": return .characterClass([digits], negated: false)
        case "D": return .characterClass([digits], negated: true)
        case "w": return .characterClass(word, negated: false)
        case "W": return .characterClass(word, negated: true)
        case "s": return .characterClass(space, negated: false)
        case "S": return .characterClass(space, negated: true)
        case "n": return .literal("\n")
        case "t": return .literal("\t")
        default:
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                index -= 1
                throw error("the escape '\\\(scalar)' is not supported")
            }
            return .literal(scalar)
        }
    }

    mutating func parseClass() throws(PatternSyntaxError) -> PatternNode {
        let start = index
        index += 1
        let negated = peek == "^"
        if negated { index += 1 }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while let scalar = peek, scalar != "]" || first {
            first = false
            var low: Unicode.Scalar
            if scalar == "\\" {
                switch try parseEscape(inClass: true) {
                case .literal(let literal): low = literal
                case .characterClass(let inner, negated: false):
                    ranges += inner
                    continue
                default: throw error("a negated escape cannot stand inside a class")
                }
            } else {
                low = scalar
                index += 1
            }
            if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                index += 1
                var high = scalars[index]
                if high == "\\" {
                    guard case .literal(let literal) = try parseEscape(inClass: true) else {
                        throw error("a range must end in a single character")
                    }
                    high = literal
                } else {
                    index += 1
                }
                guard low <= high else { throw error("the range \(low)-\(high) is backwards") }
                ranges.append(low...high)
            } else {
                ranges.append(low...low)
            }
        }
        guard peek == "]" else {
            throw PatternSyntaxError(message: "'[' is never closed with ']'", position: start + 1)
        }
        index += 1
        return .characterClass(ranges, negated: negated)
    }
}
