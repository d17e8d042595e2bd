/// A set of text or bool values: finitely many, or everything but finitely many.
///
/// Text columns made by `fake` or `pattern` can hold any string, so "anything but these" is
/// needed to say what `forbid p = "a"` leaves; a `one of` gives a finite set.
///
/// The members are a sorted array rather than a `Set`: these sets hold a handful of values
/// and are combined millions of times in a large spec, where merging two short arrays is far
/// cheaper than hashing every string again.
struct LiteralSet: Hashable, Sendable {
    /// When true the set holds every value except `members`.
    private(set) var isCofinite: Bool
    /// Sorted by `LiteralSet.precedes`, without duplicates.
    private(set) var members: [Literal]

    init(isCofinite: Bool = false, _ members: some Sequence<Literal>) {
        self.isCofinite = isCofinite
        var sorted = members.sorted(by: Self.precedes)
        var unique: [Literal] = []
        unique.reserveCapacity(sorted.count)
        for member in sorted where unique.last != member { unique.append(member) }
        sorted = unique
        self.members = sorted
    }

    private init(isCofinite: Bool, sorted: [Literal]) {
        self.isCofinite = isCofinite
        self.members = sorted
    }

    static let anything = LiteralSet(isCofinite: true, sorted: [])
    static let empty = LiteralSet(isCofinite: false, sorted: [])
    static let bools = LiteralSet([.bool(false), .bool(true)])

    var isEmpty: Bool { !isCofinite && members.isEmpty }
    var isAnything: Bool { isCofinite && members.isEmpty }

    func contains(_ value: Literal) -> Bool { members.contains(value) != isCofinite }

    func complement() -> LiteralSet { LiteralSet(isCofinite: !isCofinite, sorted: members) }

    func intersection(_ other: LiteralSet) -> LiteralSet {
        switch (isCofinite, other.isCofinite) {
        case (false, false): LiteralSet(isCofinite: false, sorted: Self.merge(members, other.members, keep: .both))
        case (false, true): LiteralSet(isCofinite: false, sorted: Self.merge(members, other.members, keep: .onlyFirst))
        case (true, false): LiteralSet(isCofinite: false, sorted: Self.merge(other.members, members, keep: .onlyFirst))
        case (true, true): LiteralSet(isCofinite: true, sorted: Self.merge(members, other.members, keep: .either))
        }
    }

    func union(_ other: LiteralSet) -> LiteralSet {
        if self == other || other.isEmpty { return self }
        if isEmpty { return other }
        return complement().intersection(other.complement()).complement()
    }

    func subtracting(_ other: LiteralSet) -> LiteralSet { intersection(other.complement()) }

    // MARK: - Sorted arrays

    private enum Keep {
        case both
        case onlyFirst
        case either
    }

    /// One linear walk over two sorted arrays.
    private static func merge(_ a: [Literal], _ b: [Literal], keep: Keep) -> [Literal] {
        var result: [Literal] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && precedes(a[i], b[j])) {
                if keep != .both { result.append(a[i]) }
                i += 1
            } else if i == a.count || precedes(b[j], a[i]) {
                if keep == .either { result.append(b[j]) }
                j += 1
            } else {
                if keep != .onlyFirst { result.append(a[i]) }
                i += 1
                j += 1
            }
        }
        return result
    }

    /// A total order on the literals these sets hold: bools, then strings, then anything else.
    static func precedes(_ a: Literal, _ b: Literal) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.string(let x), .string(let y)): return x < y
        case (.number(let x), .number(let y)): return x.value < y.value
        case (.date(let x), .date(let y)): return x < y
        case (.timestamp(let x), .timestamp(let y)): return x < y
        default: return rank(a) < rank(b)
        }
    }

    private static func rank(_ literal: Literal) -> Int {
        switch literal {
        case .bool: 0
        case .string: 1
        case .number: 2
        case .date: 3
        case .timestamp: 4
        case .null: 5
        }
    }
}
