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
    /// Nodes refer to each other by index and hold plain data, so a match never touches a
    /// reference count (as with `PatternProgram`).
    enum Node: Sendable {
        case test(Int)
        case sequence(Range<Int>)
        case alternation(Range<Int>)
        case repetition(child: Int, min: Int, max: Int)
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

    private var nodes: ContiguousArray<Node> = []
    private var children: ContiguousArray<Int> = []
    private var tests: [ScalarTest] = []
    private var root = 0

    /// A matcher for `pattern`; every node of the subset is accepted.
    public init(_ pattern: PatternNode) {
        root = add(pattern)
    }

    private mutating func add(_ pattern: PatternNode) -> Int {
        let node: Node
        switch pattern {
        case .literal(let scalar):
            tests.append(.scalar(scalar))
            node = .test(tests.count - 1)
        case .characterClass(let ranges, let negated):
            tests.append(.ranges(ranges, negated: negated))
            node = .test(tests.count - 1)
        case .any:
            tests.append(.anyButLineBreak)
            node = .test(tests.count - 1)
        case .sequence(let items):
            node = .sequence(addChildren(items))
        case .alternation(let branches):
            node = .alternation(addChildren(branches))
        case .repetition(let inner, let min, let max, let open):
            // `*`, `+` and `{n,}` are unbounded when matching (their cap is for generating only).
            node = .repetition(child: add(inner), min: min, max: open ? Int.max : max)
        }
        nodes.append(node)
        return nodes.count - 1
    }

    private mutating func addChildren(_ patterns: [PatternNode]) -> Range<Int> {
        let indices = patterns.map { add($0) }
        let start = children.count
        children.append(contentsOf: indices)
        return start..<children.count
    }

    /// Whether the whole of `text` matches `pattern` (false when the pattern is invalid: the
    /// checker has reported it).
    public static func matches(_ text: String, pattern: String) -> Bool {
        guard let node = try? PatternSyntax.parse(pattern) else { return false }
        return PatternMatcher(node).matches(text)
    }

    /// Whether the whole of `text` is a string of the pattern.
    /// - Complexity: see the type's discussion; one word per position set below 64 scalars.
    public func matches(_ text: String) -> Bool {
        // A text of under 64 UTF-8 bytes has under 64 scalars, so positions 0…n fit in a word
        // and the class masks can live on the stack.
        if text.utf8.count < 64 {
            return withUnsafeTemporaryAllocation(of: NarrowPositions.self, capacity: tests.count) { masks in
                _ = masks.initialize(repeating: NarrowPositions(length: 0, only: nil))
                var length = 0
                for scalar in text.unicodeScalars {
                    for test in tests.indices where tests[test].accepts(scalar) { masks[test].insert(length) }
                    length += 1
                }
                return ends(of: root, from: NarrowPositions(length: length, only: 0), masks: UnsafeBufferPointer(masks))
                    .contains(length)
            }
        }
        let scalars = Array(text.unicodeScalars)
        let masks = tests.map { test in
            WidePositions(length: scalars.count) { position in test.accepts(scalars[position]) }
        }
        return masks.withUnsafeBufferPointer { masks in
            ends(of: root, from: WidePositions(length: scalars.count, only: 0), masks: masks).contains(scalars.count)
        }
    }

    private func ends<Positions: PositionSet>(
        of node: Int, from starts: Positions, masks: UnsafeBufferPointer<Positions>
    ) -> Positions {
        switch nodes[node] {
        case .test(let index):
            return starts.advanced(through: masks[index])
        case .sequence(let parts):
            var positions = starts
            for part in parts {
                if positions.isEmpty { break }
                positions = ends(of: children[part], from: positions, masks: masks)
            }
            return positions
        case .alternation(let branches):
            var positions = starts.emptied()
            for branch in branches { positions.formUnion(ends(of: children[branch], from: starts, masks: masks)) }
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
