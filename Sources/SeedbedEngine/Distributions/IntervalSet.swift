/// A set of real numbers written as a sorted union of disjoint, non-touching intervals.
///
/// It is what the rules of a row allow for one column (`ltv <= 0.95`, `age >= 18`,
/// `x not between 3 and 7`), narrowed value by value in the generator's per-row loop, so
/// it is cheap: up to two intervals are stored inline, without a heap allocation, and
/// only a set of three or more intervals uses an array.
///
/// The representation is canonical (intervals merged where they overlap or touch), so `==`
/// is set equality.
public struct IntervalSet: Hashable, Sendable {
    var storage: Storage

    enum Storage: Hashable, Sendable {
        case none
        case one(Interval)
        case two(Interval, Interval)
        case many(ContiguousArray<Interval>)
    }

    init(storage: Storage) {
        self.storage = storage
    }

    /// The empty set.
    public static let empty = IntervalSet(storage: .none)

    /// All real numbers.
    public static let all = IntervalSet(storage: .one(.all))

    /// The set holding exactly the values of `interval`.
    public init(_ interval: Interval) {
        storage = .one(interval)
    }

    /// The union of `intervals`, in any order, overlapping or not.
    /// - Complexity: O(n log n) for n intervals.
    public init(_ intervals: some Sequence<Interval>) {
        var builder = IntervalSet.empty
        for interval in intervals.sorted(by: { $0.startsBefore($1) }) { builder.appendMerging(interval) }
        self = builder
    }

    /// Whether the set is all real numbers.
    public var isAll: Bool {
        if case .one(let only) = storage { return only == .all }
        return false
    }

    /// Whether `value` is in the set.
    /// - Complexity: O(log n) for n intervals.
    public func contains(_ value: Double) -> Bool {
        switch storage {
        case .none: return false
        case .one(let a): return a.contains(value)
        case .two(let a, let b): return a.contains(value) || b.contains(value)
        case .many(let intervals):
            // The last interval that does not start after `value` is the only candidate.
            var low = 0
            var high = intervals.count
            while low < high {
                let middle = (low + high) / 2
                if intervals[middle].lower <= value { low = middle + 1 } else { high = middle }
            }
            return low > 0 && intervals[low - 1].contains(value)
        }
    }

    // MARK: - Building in order

    /// Appends `interval`, which must not start before the last interval, merging it into the
    /// last one when they overlap or touch. Every algebra operation builds its result this way.
    mutating func appendMerging(_ interval: Interval) {
        switch storage {
        case .none:
            storage = .one(interval)
        case .one(let a):
            storage = a.joins(interval) ? .one(a.extended(to: interval)) : .two(a, interval)
        case .two(let a, let b):
            storage = b.joins(interval) ? .two(a, b.extended(to: interval)) : .many([a, b, interval])
        case .many(var intervals):
            storage = .none  // keeps the array uniquely referenced, so it grows in place
            if let last = intervals.last, last.joins(interval) {
                intervals[intervals.count - 1] = last.extended(to: interval)
            } else {
                intervals.append(interval)
            }
            storage = .many(intervals)
        }
    }

    mutating func appendMerging(_ interval: Interval?) {
        if let interval { appendMerging(interval) }
    }
}

// MARK: - The intervals, in increasing order

extension IntervalSet: RandomAccessCollection {
    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case .two: 2
        case .many(let intervals): intervals.count
        }
    }

    public subscript(position: Int) -> Interval {
        switch storage {
        case .none: preconditionFailure("index out of range")
        case .one(let a):
            precondition(position == 0, "index out of range")
            return a
        case .two(let a, let b):
            precondition(position == 0 || position == 1, "index out of range")
            return position == 0 ? a : b
        case .many(let intervals): return intervals[position]
        }
    }

    public var isEmpty: Bool {
        if case .none = storage { return true }
        return false
    }
}

extension IntervalSet: CustomStringConvertible {
    public var description: String {
        isEmpty ? "∅" : map(\.description).joined(separator: " ∪ ")
    }
}
