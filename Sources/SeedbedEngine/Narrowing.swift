import SeedbedSpec

/// SQL truth values a condition may be asked to take.
struct TruthSet: OptionSet {
    let rawValue: UInt8
    static let `true` = TruthSet(rawValue: 1)
    static let `false` = TruthSet(rawValue: 2)
    static let unknown = TruthSet(rawValue: 4)
    static let notTrue: TruthSet = [.false, .unknown]
    static let notFalse: TruthSet = [.true, .unknown]

    var negated: TruthSet {
        var result: TruthSet = []
        if contains(.true) { result.insert(.false) }
        if contains(.false) { result.insert(.true) }
        if contains(.unknown) { result.insert(.unknown) }
        return result
    }

    static func of(_ value: RowValue) -> TruthSet {
        switch value {
        case .bool(true): .true
        case .bool(false): .false
        default: .unknown
        }
    }
}

/// The values a column may take in one row: an interval set for numbers, dates and
/// timestamps; for a categorical column of up to 64 values, a bit per value index (a bit
/// test is far cheaper per row than an interval set of points).
struct Allowed {
    var values: IntervalSet
    var members: UInt64
    var null: Bool

    init(values: IntervalSet, members: UInt64? = nil, null: Bool) {
        self.values = values
        self.members = members ?? (values.isEmpty ? 0 : ~0)
        self.null = null
    }

    static let everything = Allowed(values: .all, null: true)
    static let nothing = Allowed(values: .empty, null: false)

    func intersection(_ other: Allowed) -> Allowed {
        // Most answers allow everything; skip the interval algebra for them (it shows in profiles).
        let values =
            values.isAll ? other.values : (other.values.isAll ? self.values : values.intersection(other.values))
        return Allowed(values: values, members: members & other.members, null: null && other.null)
    }

    func union(_ other: Allowed) -> Allowed {
        Allowed(values: values.union(other.values), members: members | other.members, null: null || other.null)
    }

    var isEmpty: Bool { values.isEmpty && members == 0 && !null }

    /// Whether value index `index` of a categorical column is allowed.
    func admits(choice index: Int, of count: Int) -> Bool {
        count <= 64 ? members & (1 << UInt64(index)) != 0 : values.contains(Double(index))
    }
}

/// A condition seen from one column (the target) of a row whose other columns are known:
/// the forms whose allowed values can be computed exactly, and `opaque` for the rest (the
/// finished row is verified, so an opaque part only costs a retry, never a violation).
indirect enum NarrowExpr {
    /// Does not read the target: evaluate it.
    case fixed(RowExpr)
    /// `scale × target + offset  <comparison>  bound`.
    case compare(IntervalSet.Comparison, scale: Double, offset: RowExpr, bound: RowExpr)
    case between(low: RowExpr, high: RowExpr, negated: Bool)
    case inList([Double], negated: Bool)
    case isNull(negated: Bool)
    /// `years_between(target, reference)` (or `(reference, target)` when `targetIsStart` is false) `<comparison>` bound.
    case years(IntervalSet.Comparison, reference: RowExpr, targetIsStart: Bool, bound: RowExpr)
    /// An atom reading a categorical target: tried with each of its values (the allowed set
    /// holds value indices).
    case enumerated(RowExpr, target: Int, values: [RowValue])
    case opaque
    case not(NarrowExpr)
    case and(NarrowExpr, NarrowExpr)
    case or(NarrowExpr, NarrowExpr)
}

extension NarrowExpr {
    /// The target's values (and whether null) for which the condition's truth is in `want`.
    func allowed(_ want: TruthSet, _ context: RowContext) -> Allowed {
        if case .enumerated(let atom, let target, let values) = self {
            return Self.enumerate(atom, target: target, values: values, want: want, context)
        }
        var result = Allowed.nothing
        for truth in [TruthSet.true, .false, .unknown] where want.contains(truth) {
            result = result.union(allowedExactly(truth, context))
        }
        return result
    }

    /// The value indices (and null) for which the atom's truth is in `want`.
    private static func enumerate(
        _ atom: RowExpr, target: Int, values: [RowValue], want: TruthSet, _ context: RowContext
    )
        -> Allowed
    {
        var row = context
        var members: UInt64 = 0
        var points: [Interval] = []
        for (index, value) in values.enumerated() {
            row.levels[0][target] = value
            guard want.contains(TruthSet.of(atom.evaluate(row))) else { continue }
            if values.count <= 64 {
                members |= 1 << UInt64(index)
            } else if let point = Interval(lower: Double(index), upper: Double(index)) {
                points.append(point)
            }
        }
        row.levels[0][target] = .null
        let null = want.contains(TruthSet.of(atom.evaluate(row)))
        if values.count <= 64 { return Allowed(values: members == 0 ? .empty : .all, members: members, null: null) }
        return Allowed(values: IntervalSet(points), null: null)
    }

    private func allowedExactly(_ truth: TruthSet, _ context: RowContext) -> Allowed {
        switch self {
        case .enumerated:
            return allowed(truth, context)
        case .fixed(let expr):
            return TruthSet.of(expr.evaluate(context)).contains(truth) ? .everything : .nothing
        case .opaque:
            return .everything
        case .not(let inner):
            return inner.allowedExactly(truth.negated, context)
        case .and(let a, let b):
            if truth == .true { return a.allowed(.true, context).intersection(b.allowed(.true, context)) }
            if truth == .false { return a.allowed(.false, context).union(b.allowed(.false, context)) }
            return a.allowed(.unknown, context).intersection(b.allowed(.notFalse, context))
                .union(a.allowed(.true, context).intersection(b.allowed(.unknown, context)))
        case .or(let a, let b):
            if truth == .true { return a.allowed(.true, context).union(b.allowed(.true, context)) }
            if truth == .false { return a.allowed(.false, context).intersection(b.allowed(.false, context)) }
            return a.allowed(.unknown, context).intersection(b.allowed(.notTrue, context))
                .union(a.allowed(.false, context).intersection(b.allowed(.unknown, context)))
        case .isNull(let negated):
            let isNull = (truth == .true) != negated
            if truth == .unknown { return .nothing }
            return isNull ? Allowed(values: .empty, null: true) : Allowed(values: .all, null: false)
        case .compare(let comparison, let scale, let offset, let bound):
            guard case .number(let b) = bound.evaluate(context), case .number(let c) = offset.evaluate(context) else {
                // A null bound makes the comparison unknown whatever the target is.
                return truth == .unknown ? .everything : .nothing
            }
            if truth == .unknown { return Allowed(values: .empty, null: true) }
            // scale·x + c  op  b   ⇔   x  op'  (b − c) / scale, flipping the order when scale < 0.
            var op = truth == .true ? comparison : comparison.negated
            if scale < 0 { op = op.mirrored }
            return Allowed(values: IntervalSet(op, (b - c) / scale), null: false)
        case .between(let low, let high, let negated):
            guard case .number(let l) = low.evaluate(context), case .number(let h) = high.evaluate(context) else {
                return .everything
            }
            if truth == .unknown { return Allowed(values: .empty, null: true) }
            let inside = IntervalSet(.greaterOrEqual, l).intersection(.lessOrEqual, h)
            return Allowed(values: (truth == .true) != negated ? inside : inside.complement, null: false)
        case .inList(let values, let negated):
            if truth == .unknown { return Allowed(values: .empty, null: true) }
            let members = values.reduce(IntervalSet.empty) { $0.union(IntervalSet(.equal, $1)) }
            return Allowed(values: (truth == .true) != negated ? members : members.complement, null: false)
        case .years(let comparison, let reference, let targetIsStart, let bound):
            guard case .number(let r) = reference.evaluate(context), case .number(let n) = bound.evaluate(context)
            else {
                return truth == .unknown ? .everything : .nothing
            }
            if truth == .unknown { return Allowed(values: .empty, null: true) }
            let op = truth == .true ? comparison : comparison.negated
            return Allowed(
                values: YearsInverse.days(op, n, reference: Int(r), targetIsStart: targetIsStart), null: false)
        }
    }
}

extension IntervalSet.Comparison {
    /// `not (x op c)` as a comparison.
    var negated: Self {
        switch self {
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        case .equal: .notEqual
        case .notEqual: .equal
        }
    }

    /// `c op x` written as `x op' c`.
    var mirrored: Self {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }

    init?(_ op: BinaryOperator) {
        switch op {
        case .less: self = .less
        case .lessOrEqual: self = .lessOrEqual
        case .greater: self = .greater
        case .greaterOrEqual: self = .greaterOrEqual
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        default: return nil
        }
    }
}

/// Which dates give `years_between(date, reference) op n` (an age), exactly on the calendar.
enum YearsInverse {
    static func days(_ op: IntervalSet.Comparison, _ n: Double, reference: Int, targetIsStart: Bool) -> IntervalSet {
        // Whole years: age ≥ 17.5 means age ≥ 18, age ≤ 17.5 means age ≤ 17.
        switch op {
        case .greaterOrEqual: return atLeast(Int(n.rounded(.up)), reference, targetIsStart)
        case .greater: return atLeast(Int(n.rounded(.down)) + 1, reference, targetIsStart)
        case .lessOrEqual: return atLeast(Int(n.rounded(.down)) + 1, reference, targetIsStart).complement
        case .less: return atLeast(Int(n.rounded(.up)), reference, targetIsStart).complement
        case .equal:
            guard n == n.rounded() else { return .empty }
            return atLeast(Int(n), reference, targetIsStart).subtracting(atLeast(Int(n) + 1, reference, targetIsStart))
        case .notEqual:
            guard n == n.rounded() else { return .all }
            return atLeast(Int(n), reference, targetIsStart).subtracting(atLeast(Int(n) + 1, reference, targetIsStart))
                .complement
        }
    }

    /// The dates whose year count to (or from) `reference` is at least `years`.
    private static func atLeast(_ years: Int, _ reference: Int, _ targetIsStart: Bool) -> IntervalSet {
        let ref = CivilDate.civil(fromDays: reference)
        if targetIsStart {
            // The latest start date with yearsBetween(start, reference) ≥ years.
            let year = ref.year - years
            var candidate =
                CivilDate.days(
                    year: year, month: ref.month, day: min(ref.day, CivilDate.daysInMonth(year: year, month: ref.month))
                )
                ?? reference
            while CivilDate.yearsBetween(candidate, reference) < years { candidate -= 1 }
            while CivilDate.yearsBetween(candidate + 1, reference) >= years { candidate += 1 }
            return IntervalSet(.lessOrEqual, Double(candidate))
        }
        // The earliest end date with yearsBetween(reference, end) ≥ years.
        let year = ref.year + years
        var candidate =
            CivilDate.days(
                year: year, month: ref.month, day: min(ref.day, CivilDate.daysInMonth(year: year, month: ref.month)))
            ?? reference
        while CivilDate.yearsBetween(reference, candidate) >= years { candidate -= 1 }
        while CivilDate.yearsBetween(reference, candidate) < years { candidate += 1 }
        return IntervalSet(.greaterOrEqual, Double(candidate))
    }
}
