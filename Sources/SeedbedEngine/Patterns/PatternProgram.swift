/// A compiled pattern laid out flat for the per-row walk: nodes refer to each other by index
/// and are plain data, so generating a string never touches a reference count.
///
/// Measured: walking `PatternTree` itself (whose nodes hold their children, character sets
/// and texts in arrays) spent 60% of the time of `[A-Z]{2}[0-9]{4}` in retain and release.
struct PatternProgram: Sendable {
    enum Node: Sendable {
        case literal(Unicode.Scalar)
        /// One of the scalars of `ranges` (indices into `rangeLowerBounds` and `rangeOffsets`).
        case choice(ranges: Range<Int>, size: UInt64)
        /// Every child in turn (indices into `children`).
        case sequence(Range<Int>)
        /// One child.
        case alternation(Range<Int>)
        case repetition(child: Int, min: Int, max: Int)
    }

    private(set) var nodes: ContiguousArray<Node> = []
    /// How many strings each node produces, as `PatternTree` counted them.
    private(set) var counts: ContiguousArray<PatternCount> = []
    /// Whether a node produces only the empty string.
    private(set) var producesOnlyEmpty: ContiguousArray<Bool> = []
    private(set) var children: ContiguousArray<Int> = []
    private(set) var rangeLowerBounds: ContiguousArray<UInt32> = []
    /// For each range, how many members of its set come before it.
    private(set) var rangeOffsets: ContiguousArray<UInt64> = []
    private(set) var root = 0
    /// The longest string in UTF-8 bytes: the capacity to reserve, so that a string of at most 15
    /// bytes is built in place, without a heap allocation.
    private(set) var maximumUTF8Length = 0
    let count: PatternCount

    init(_ tree: PatternTree) {
        count = tree.count
        root = add(tree)
        maximumUTF8Length = Self.maximumUTF8Length(of: tree)
    }

    private static func maximumUTF8Length(of tree: PatternTree) -> Int {
        let limit = Int.max / 8
        switch tree.kind {
        case .literal(let scalar):
            return UTF8.width(scalar)
        case .choice(let set):
            return set.ranges.last.flatMap { Unicode.Scalar($0.upperBound) }.map(UTF8.width) ?? 4
        case .sequence(let parts):
            return parts.reduce(0) { min($0 + maximumUTF8Length(of: $1), limit) }
        case .alternation(let branches):
            return branches.map(maximumUTF8Length(of:)).max() ?? 0
        case .repetition(let child, _, let max):
            let (product, overflow) = maximumUTF8Length(of: child).multipliedReportingOverflow(by: max)
            return overflow ? limit : min(product, limit)
        }
    }

    private mutating func add(_ tree: PatternTree) -> Int {
        let node: Node
        switch tree.kind {
        case .literal(let scalar):
            node = .literal(scalar)
        case .choice(let set):
            let start = rangeLowerBounds.count
            var before: UInt64 = 0
            for range in set.ranges {
                rangeLowerBounds.append(range.lowerBound)
                rangeOffsets.append(before)
                before += UInt64(range.count)
            }
            node = .choice(ranges: start..<rangeLowerBounds.count, size: set.count)
        case .sequence(let parts):
            node = .sequence(addChildren(parts))
        case .alternation(let branches):
            node = .alternation(addChildren(branches))
        case .repetition(let child, let min, let max):
            node = .repetition(child: add(child), min: min, max: max)
        }
        nodes.append(node)
        counts.append(tree.count)
        producesOnlyEmpty.append(tree.maximumLength == 0)
        return nodes.count - 1
    }

    private mutating func addChildren(_ trees: [PatternTree]) -> Range<Int> {
        let indices = trees.map { add($0) }  // children first: their own children go before them
        let start = children.count
        children.append(contentsOf: indices)
        return start..<children.count
    }

    /// The member at `index` of a choice's set, in increasing order.
    private func scalar(_ ranges: Range<Int>, at index: UInt64) -> Unicode.Scalar {
        var low = ranges.lowerBound
        var high = ranges.upperBound - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if rangeOffsets[middle] <= index { low = middle } else { high = middle - 1 }
        }
        // Sets hold scalar values only (surrogates are removed when a class is read), so the
        // replacement character is never returned; it only makes the conversion total.
        return Unicode.Scalar(rangeLowerBounds[low] + UInt32(index - rangeOffsets[low])) ?? "\u{FFFD}"
    }

    // MARK: - Random strings

    /// Appends one random string of `node`.
    func append(_ node: Int, random: inout RowRandom, to sink: inout some ScalarSink) {
        switch nodes[node] {
        case .literal(let scalar):
            sink.append(scalar)
        case .choice(let ranges, let size):
            sink.append(scalar(ranges, at: random.next(below: size)))
        case .sequence(let parts):
            for part in parts { append(children[part], random: &random, to: &sink) }
        case .alternation(let branches):
            let branch = branches.lowerBound + Int(random.next(below: UInt64(branches.count)))
            append(children[branch], random: &random, to: &sink)
        case .repetition(let child, let min, let max):
            let times = min + Int(random.next(below: UInt64(max - min + 1)))
            for _ in 0..<times { append(child, random: &random, to: &sink) }
        }
    }

    // MARK: - The enumeration

    /// Appends the `index`-th string of `node`, for an index below its count (any index when
    /// the count is huge). Distinct indices give distinct strings because the node is unambiguous.
    ///
    /// Mixed-radix decoding: an alternation gives each branch a block of indices, a sequence
    /// splits the index into one digit per part (the last part varies fastest), and a
    /// repetition gives each number of copies a block, shortest first, then splits into digits.
    func append(_ node: Int, index: UInt64, to sink: inout some ScalarSink) {
        switch nodes[node] {
        case .literal(let scalar):
            sink.append(scalar)
        case .choice(let ranges, _):
            sink.append(scalar(ranges, at: index))
        case .sequence(let parts):
            withDigits(of: index, radices: parts.count, { counts[children[parts.lowerBound + $0]] }) { digits in
                for position in 0..<parts.count {
                    append(children[parts.lowerBound + position], index: digits[position], to: &sink)
                }
            }
        case .alternation(let branches):
            var rest = index
            for branch in branches {
                let child = children[branch]
                if case .finite(let size) = counts[child], rest >= size {
                    rest -= size
                    continue
                }
                append(child, index: rest, to: &sink)
                return
            }
        case .repetition(let child, let min, let max):
            guard !producesOnlyEmpty[child], max > 0 else { return }
            var rest = index
            var block = PatternCount.finite(1)
            for _ in 0..<min { block = block * counts[child] }
            for times in min...max {
                if case .finite(let size) = block, rest >= size {
                    rest -= size
                    block = block * counts[child]
                    continue
                }
                withDigits(of: rest, radices: times, { _ in counts[child] }) { digits in
                    for position in 0..<times { append(child, index: digits[position], to: &sink) }
                }
                return
            }
        }
    }

    /// Calls `body` with the mixed-radix digits of `index`, the last radix varying fastest. A
    /// radix larger than any index (a part with more than `UInt64.max` strings) takes the whole
    /// rest of the index, leaving zeros before it. The digits live in stack scratch space.
    private func withDigits(
        of index: UInt64, radices: Int, _ radix: (Int) -> PatternCount, _ body: (UnsafeBufferPointer<UInt64>) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: radices) { digits in
            var rest = index
            for position in stride(from: radices - 1, through: 0, by: -1) {
                if case .finite(let size) = radix(position) {
                    digits.initializeElement(at: position, to: rest % size)
                    rest /= size
                } else {
                    digits.initializeElement(at: position, to: rest)
                    rest = 0
                }
            }
            body(UnsafeBufferPointer(digits))
        }
    }
}

/// Where generated scalars go: generic (never an existential), so each use is specialised.
protocol ScalarSink {
    mutating func append(_ scalar: Unicode.Scalar)
}

extension String.UnicodeScalarView: ScalarSink {}

/// UTF-8 written straight into a new string's storage, which for strings up to 15 bytes is
/// inline, instead of through a `String.UnicodeScalarView`.
struct UTF8Writer: ScalarSink {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { byte in
            buffer[count] = byte  // checked: the capacity is the longest string's UTF-8 length
            count += 1
        }
    }
}
