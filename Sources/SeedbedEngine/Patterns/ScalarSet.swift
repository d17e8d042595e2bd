/// A finite set of Unicode scalars as sorted, disjoint, non-adjacent ranges, indexable so that
/// a uniform draw and the n-th member are both one binary search.
struct ScalarSet: Hashable, Sendable {
    /// Merged ranges of scalar values.
    private(set) var ranges: [ClosedRange<UInt32>]
    /// `offsets[i]`: how many members precede `ranges[i]`; one more entry holds the total.
    private var offsets: [UInt64]

    /// Printable ASCII, what `.` and negated classes draw from.
    static let printableASCII = ScalarSet(ranges: [0x20...0x7E])

    init(ranges: [ClosedRange<UInt32>]) {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
        var offsets: [UInt64] = [0]
        for range in merged { offsets.append(offsets[offsets.count - 1] + UInt64(range.count)) }
        self.offsets = offsets
    }

    init(_ scalar: Unicode.Scalar) {
        self.init(ranges: [scalar.value...scalar.value])
    }

    /// A pattern class as the generator reads it: its own ranges (a range such as
    /// `[\u{D7FF}-\u{E000}]` spans the surrogate values, which are not scalars and are left out),
    /// or printable ASCII without them.
    init(patternClass ranges: [ClosedRange<Unicode.Scalar>], negated: Bool) {
        let own = ScalarSet(ranges: ranges.map { $0.lowerBound.value...$0.upperBound.value })
        self = negated ? ScalarSet.printableASCII.subtracting(own) : own.subtracting(Self.surrogates)
    }

    private static let surrogates = ScalarSet(ranges: [0xD800...0xDFFF])

    var count: UInt64 { offsets[offsets.count - 1] }

    var isEmpty: Bool { ranges.isEmpty }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < scalar.value { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].contains(scalar.value)
    }

    /// The member at `index` (< `count`), in increasing order.
    /// - Complexity: O(log r) for r ranges.
    func scalar(at index: UInt64) -> Unicode.Scalar {
        var low = 0
        var high = ranges.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if offsets[middle] <= index { low = middle } else { high = middle - 1 }
        }
        let value = ranges[low].lowerBound + UInt32(index - offsets[low])
        // Every member is a scalar value (surrogates are removed when a class is read), so the
        // replacement character is never returned; it only makes the conversion total.
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    func isDisjoint(with other: ScalarSet) -> Bool {
        var i = 0
        var j = 0
        while i < ranges.count, j < other.ranges.count {
            if ranges[i].overlaps(other.ranges[j]) { return false }
            if ranges[i].upperBound < other.ranges[j].upperBound { i += 1 } else { j += 1 }
        }
        return true
    }

    func union(_ other: ScalarSet) -> ScalarSet {
        ScalarSet(ranges: ranges + other.ranges)
    }

    func subtracting(_ other: ScalarSet) -> ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges {
            var next = range.lowerBound
            var exhausted = false
            for cut in other.ranges where cut.overlaps(range) && !exhausted {
                if cut.lowerBound > next { result.append(next...(cut.lowerBound - 1)) }
                if cut.upperBound >= range.upperBound {
                    exhausted = true
                } else {
                    next = max(next, cut.upperBound + 1)
                }
            }
            if !exhausted, next <= range.upperBound { result.append(next...range.upperBound) }
        }
        return ScalarSet(ranges: result)
    }
}
