/// Whole-value matching for the pattern subset (`matches "…"` in rules).
///
/// It tracks the set of positions a pattern can reach instead of backtracking, so no pattern
/// can take exponential time: the work is bounded by nodes × repetitions × text length.
public enum PatternMatcher {
    /// Whether `text` as a whole matches `pattern` (false when the pattern is invalid: the
    /// checker has reported it).
    public static func matches(_ text: String, pattern: String) -> Bool {
        guard let node = try? PatternSyntax.parse(pattern) else { return false }
        return matches(text, node)
    }

    public static func matches(_ text: String, _ node: PatternNode) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return ends(of: node, in: scalars, from: [0]).contains(scalars.count)
    }

    /// Every position the node can end at, starting from any of `starts`.
    private static func ends(of node: PatternNode, in text: [Unicode.Scalar], from starts: Set<Int>) -> Set<Int> {
        if starts.isEmpty { return [] }
        switch node {
        case .literal(let scalar):
            return Set(starts.filter { $0 < text.count && text[$0] == scalar }.map { $0 + 1 })
        case .any:
            return Set(starts.filter { $0 < text.count && text[$0] != "\n" }.map { $0 + 1 })
        case .characterClass(let ranges, let negated):
            return Set(
                starts.filter { position in
                    position < text.count && ranges.contains { $0.contains(text[position]) } != negated
                }.map { $0 + 1 })
        case .sequence(let items):
            return items.reduce(starts) { ends(of: $1, in: text, from: $0) }
        case .alternation(let branches):
            return branches.reduce(into: Set<Int>()) { $0.formUnion(ends(of: $1, in: text, from: starts)) }
        case .repetition(let inner, let minimum, let maximum, let open):
            var current = starts
            for _ in 0..<minimum { current = ends(of: inner, in: text, from: current) }
            var result = current
            // Unbounded in matching: `a*` matches any run of a's, however long the value.
            let limit = open ? text.count + 1 : maximum - minimum
            var step = 0
            while step < limit, !current.isEmpty {
                current = ends(of: inner, in: text, from: current).subtracting(result)
                result.formUnion(current)
                step += 1
            }
            return result
        }
    }
}
