extension PatternTree {
    /// Appends one random string of the node.
    func append(random: inout RowRandom, to scalars: inout String.UnicodeScalarView) {
        switch kind {
        case .literal(let scalar):
            scalars.append(scalar)
        case .choice(let set):
            scalars.append(set.scalar(at: random.next(below: set.count)))
        case .sequence(let parts):
            for part in parts { part.append(random: &random, to: &scalars) }
        case .alternation(let branches):
            branches[Int(random.next(below: UInt64(branches.count)))].append(random: &random, to: &scalars)
        case .repetition(let child, let min, let max):
            let times = min + Int(random.next(below: UInt64(max - min + 1)))
            for _ in 0..<times { child.append(random: &random, to: &scalars) }
        }
    }

    /// Appends the node's `index`-th string, for an index below its count (any index when the
    /// count is huge). Distinct indices give distinct strings because the node is unambiguous.
    ///
    /// Mixed-radix decoding: an alternation gives each branch a block of indices, a sequence
    /// splits the index into one digit per part (the last part varies fastest), and a
    /// repetition gives each number of copies a block, shortest first, then splits into digits.
    func append(index: UInt64, to scalars: inout String.UnicodeScalarView) {
        switch kind {
        case .literal(let scalar):
            scalars.append(scalar)
        case .choice(let set):
            scalars.append(set.scalar(at: index))
        case .sequence(let parts):
            Self.appendDigits(of: index, parts: parts, to: &scalars)
        case .alternation(let branches):
            var rest = index
            for branch in branches {
                if case .finite(let size) = branch.count, rest >= size {
                    rest -= size
                    continue
                }
                branch.append(index: rest, to: &scalars)
                return
            }
        case .repetition(let child, let min, let max):
            guard child.maximumLength > 0, max > 0 else { return }
            if min == 1, max == 1 {
                child.append(index: index, to: &scalars)
                return
            }
            var rest = index
            var block = PatternCount.finite(1)
            for _ in 0..<min { block = block * child.count }
            for times in min...max {
                if case .finite(let size) = block, rest >= size {
                    rest -= size
                    block = block * child.count
                    continue
                }
                Self.appendDigits(of: rest, parts: [PatternTree](repeating: child, count: times), to: &scalars)
                return
            }
        }
    }

    private static func appendDigits(of index: UInt64, parts: [PatternTree], to scalars: inout String.UnicodeScalarView)
    {
        var digits = [UInt64](repeating: 0, count: parts.count)
        var rest = index
        for position in parts.indices.reversed() {
            if case .finite(let radix) = parts[position].count {
                digits[position] = rest % radix
                rest /= radix
            } else {
                // A part with more strings than any index: the rest of the index fits in it.
                digits[position] = rest
                rest = 0
            }
        }
        for position in parts.indices { parts[position].append(index: digits[position], to: &scalars) }
    }
}
