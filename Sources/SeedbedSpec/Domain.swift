/// The SQL truth values an expression may take: any subset of true, false and unknown.
struct TruthSet: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    static let `true` = TruthSet(rawValue: 1)
    static let `false` = TruthSet(rawValue: 2)
    static let unknown = TruthSet(rawValue: 4)
    static let all: TruthSet = [.true, .false, .unknown]

    /// The three values one at a time.
    static let each: [TruthSet] = [.true, .false, .unknown]

    /// What `not` makes of these values: true and false swap, unknown stays.
    var negated: TruthSet {
        var result = TruthSet()
        if contains(.true) { result.insert(.false) }
        if contains(.false) { result.insert(.true) }
        if contains(.unknown) { result.insert(.unknown) }
        return result
    }

    /// SQL `and` of two single truth values.
    static func and(_ a: TruthSet, _ b: TruthSet) -> TruthSet {
        if a == .false || b == .false { return .false }
        return a == .true && b == .true ? .true : .unknown
    }

    /// SQL `or` of two single truth values.
    static func or(_ a: TruthSet, _ b: TruthSet) -> TruthSet {
        if a == .true || b == .true { return .true }
        return a == .false && b == .false ? .false : .unknown
    }
}

/// What values one column may hold on the rows considered: its abstract domain.
///
/// The domain always over-approximates: a value outside it certainly cannot occur, a value
/// inside it might. So an empty domain proves that no row exists, which is the only claim the
/// satisfiability analysis makes.
struct Domain: Hashable, Sendable {
    enum Values: Hashable, Sendable {
        case numbers(NumberSet)
        case literals(LiteralSet)
        /// A type the analysis does not model: any value at all.
        case unknown
    }

    /// The values the column may hold when it is not null.
    var values: Values
    var mayBeNull: Bool

    init(_ values: Values, mayBeNull: Bool) {
        self.values = values
        self.mayBeNull = mayBeNull
    }

    static let unknown = Domain(.unknown, mayBeNull: true)
    /// No value and no null: what is left when every possibility has been ruled out.
    static let nothing = Domain(.literals(.empty), mayBeNull: false)

    var isEmpty: Bool { !mayBeNull && values.isEmpty }

    func union(_ other: Domain) -> Domain {
        if self == other { return self }
        return Domain(values.union(other.values), mayBeNull: mayBeNull || other.mayBeNull)
    }

    /// Whether the values are plain numbers (not dates or timestamps).
    var isNumber: Bool {
        if case .numbers(let set) = values { set.kind == .number } else { false }
    }

    /// The column's non-null values only.
    var withoutNull: Domain { Domain(values, mayBeNull: false) }
}

extension Domain.Values {
    var isEmpty: Bool {
        switch self {
        case .numbers(let set): set.isEmpty
        case .literals(let set): set.isEmpty
        case .unknown: false
        }
    }

    func union(_ other: Self) -> Self {
        if isEmpty { return other }
        if other.isEmpty { return self }
        switch (self, other) {
        case (.numbers(let a), .numbers(let b)): return .numbers(a.union(b))
        case (.literals(let a), .literals(let b)): return .literals(a.union(b))
        default: return .unknown
        }
    }
}

// MARK: - Refining by a test

/// A test of one column against constants, split by the truth value it gives.
///
/// Values in neither `whenTrue` nor `whenFalse` make the test unknown (as `x in {1, null}`
/// does for `x = 2`); null makes every test unknown except `is null`.
enum ColumnTest: Hashable, Sendable {
    case numbers(whenTrue: NumberSet, whenFalse: NumberSet)
    case literals(whenTrue: LiteralSet, whenFalse: LiteralSet)
    /// True exactly when the column is null, false otherwise; never unknown.
    case isNull
    /// Some test the analysis cannot split (`matches`, `<` on text): true or false on any
    /// value, unknown on null.
    case opaque
}

extension Domain {
    /// The part of the domain where `test` takes one of the `wanted` truth values.
    func restricted(by test: ColumnTest, to wanted: TruthSet) -> Domain {
        var result = Domain.nothing
        switch (test, values) {
        case (.isNull, _):
            result.mayBeNull = mayBeNull && wanted.contains(.true)
            if wanted.contains(.false) { result.values = values }
        case (.numbers(let whenTrue, let whenFalse), .numbers(let set)):
            var kept = NumberSet(kind: set.kind, isIntegral: set.isIntegral, intervals: [])
            if wanted.contains(.true) { kept = kept.union(set.intersection(whenTrue)) }
            if wanted.contains(.false) { kept = kept.union(set.intersection(whenFalse)) }
            if wanted.contains(.unknown) { kept = kept.union(set.subtracting(whenTrue.union(whenFalse))) }
            result.values = .numbers(kept)
            result.mayBeNull = mayBeNull && wanted.contains(.unknown)
        case (.literals(let whenTrue, let whenFalse), .literals(let set)):
            var kept = LiteralSet.empty
            if wanted.contains(.true) { kept = kept.union(set.intersection(whenTrue)) }
            if wanted.contains(.false) { kept = kept.union(set.intersection(whenFalse)) }
            if wanted.contains(.unknown) { kept = kept.union(set.subtracting(whenTrue.union(whenFalse))) }
            result.values = .literals(kept)
            result.mayBeNull = mayBeNull && wanted.contains(.unknown)
        default:
            // An opaque test, or one whose constants do not match the column's type: any
            // non-null value may give any truth value, so only null can be told apart.
            if !wanted.isEmpty { result.values = values }
            result.mayBeNull = mayBeNull && wanted.contains(.unknown)
        }
        return result
    }
}
