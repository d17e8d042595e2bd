/// Whole-string matching for the pattern subset, as rules' `matches "…"` evaluates it.
///
/// Instead of backtracking one path at a time (exponential on `(a*)*b`), the matcher moves
/// the set of all positions a node can start from to the set of positions it can end at, one
/// bit per position, for all paths at once: a class is one mask-and-shift. A repetition
/// iterates the set until it is empty or stops growing, and drops positions already reached
/// with fewer copies (those dominate: they can still take as many more), so each repetition
/// makes at most length + 2 steps whatever its bounds. Matching takes
/// O(nodes × (length + 2)^depth × length / 64) in the worst case, where depth counts nested
/// repetitions; a pattern's size and nesting are bounded by its parser.
///
/// The semantics are those of regular expressions on Unicode scalars: `.` is any scalar but
/// a line break, `[^…]` any scalar outside the class (not only printable ASCII, which is what
/// the generator draws from), and the pattern must match the whole text.
public struct PatternMatcher: Sendable {
    indirect enum Node: Sendable {
        case test(Int)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int)
    }

    enum ScalarTest: Sendable {
        case scalar(Unicode.Scalar)
        case ranges([ClosedRange<Unicode.Scalar>], negated: Bool)
        case anyButLineBreak

        func accepts(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .scalar(let expected): return scalar == expected
            case .ranges(let ranges, let negated): return ranges.contains { $0.contains(scalar) } != negated
            case .anyButLineBreak:
                switch scalar {
                case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": return false
                default: return true
                }
            }
        }
    }

    let root: Node
    let tests: [ScalarTest]

    public init(_ pattern: PatternNode) {
        var tests: [ScalarTest] = []
        root = Self.compile(pattern, into: &tests)
        self.tests = tests
    }

    private static func compile(_ pattern: PatternNode, into tests: inout [ScalarTest]) -> Node {
        switch pattern {
        case .literal(let scalar):
            tests.append(.scalar(scalar))
            return .test(tests.count - 1)
        case .characterClass(let ranges, let negated):
            tests.append(.ranges(ranges, negated: negated))
            return .test(tests.count - 1)
        case .any:
            tests.append(.anyButLineBreak)
            return .test(tests.count - 1)
        case .sequence(let items):
            return .sequence(items.map { compile($0, into: &tests) })
        case .alternation(let branches):
            return .alternation(branches.map { compile($0, into: &tests) })
        case .repetition(let inner, let min, let max, let open):
            // `*`, `+` and `{n,}` are unbounded when matching (their cap is for generating only).
            return .repetition(compile(inner, into: &tests), min: min, max: open ? Int.max : max)
        }
    }

    /// Whether the whole of `text` matches `pattern` (false when the pattern is invalid: the
    /// checker has reported it).
    public static func matches(_ text: String, pattern: String) -> Bool {
        guard let node = try? PatternSyntax.parse(pattern) else { return false }
        return PatternMatcher(node).matches(text)
    }

    /// Whether the whole of `text` is a string of the pattern.
    public func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        // Positions 0…n need n + 1 bits: one machine word covers every text under 64 scalars.
        if scalars.count < 64 {
            return run(scalars, as: NarrowPositions.self)
        }
        return run(scalars, as: WidePositions.self)
    }

    private func run<Positions: PositionSet>(_ scalars: [Unicode.Scalar], as _: Positions.Type) -> Bool {
        let length = scalars.count
        let masks = tests.map { test in
            Positions(length: length) { position in test.accepts(scalars[position]) }
        }
        let ends = Self.ends(of: root, from: Positions(length: length, only: 0), masks: masks)
        return ends.contains(length)
    }

    private static func ends<Positions: PositionSet>(of node: Node, from starts: Positions, masks: [Positions])
        -> Positions
    {
        switch node {
        case .test(let index):
            return starts.advanced(through: masks[index])
        case .sequence(let parts):
            var positions = starts
            for part in parts {
                if positions.isEmpty { break }
                positions = ends(of: part, from: positions, masks: masks)
            }
            return positions
        case .alternation(let branches):
            var positions = starts.emptied()
            for branch in branches { positions.formUnion(ends(of: branch, from: starts, masks: masks)) }
            return positions
        case .repetition(let child, let min, let max):
            var current = starts
            var result = min == 0 ? starts : starts.emptied()
            var copies = 0
            while copies < max, !current.isEmpty {
                let next = ends(of: child, from: current, masks: masks)
                copies += 1
                if copies >= min {
                    // Positions already reached with fewer copies (≥ min) can do everything these can.
                    current = next.subtracting(result)
                    result.formUnion(next)
                } else if next == current {
                    // A fixed point before reaching min: every later count gives the same set.
                    return next
                } else {
                    current = next
                }
            }
            return result
        }
    }
}
