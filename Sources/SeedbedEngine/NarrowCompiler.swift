import SeedbedSpec

/// Rewrites a row condition as seen from one column being drawn (the target).
struct NarrowCompiler {
    let target: Int
    /// Columns of the row not drawn yet when the target is: their values are unknown, so
    /// whatever reads them cannot narrow the target.
    let undrawn: Set<Int>
    /// The target's values when it is categorical (`one of`, bool): atoms are then tried
    /// value by value.
    let choices: [RowValue]?

    init(target: Int, undrawn: Set<Int> = [], choices: [RowValue]? = nil) {
        self.target = target
        self.undrawn = undrawn
        self.choices = choices
    }

    func compile(_ expr: RowExpr) -> NarrowExpr {
        if readsUndrawn(expr) {
            switch expr {
            case .not(let inner): return .not(compile(inner))
            case .and(let a, let b): return .and(compile(a), compile(b))
            case .or(let a, let b): return .or(compile(a), compile(b))
            default: return .opaque
            }
        }
        guard reads(expr) else { return .fixed(expr) }
        if let choices {
            switch expr {
            case .not(let inner): return .not(compile(inner))
            case .and(let a, let b): return .and(compile(a), compile(b))
            case .or(let a, let b): return .or(compile(a), compile(b))
            default: return .enumerated(expr, target: target, values: choices)
            }
        }
        switch expr {
        case .not(let inner): return .not(compile(inner))
        case .and(let a, let b): return .and(compile(a), compile(b))
        case .or(let a, let b): return .or(compile(a), compile(b))
        case .compare(let op, let a, let b):
            guard let comparison = IntervalSet.Comparison(op) else { return .opaque }
            if !reads(b), let years = yearsAtom(comparison, a, bound: b) { return years }
            if !reads(a), let years = yearsAtom(comparison.mirrored, b, bound: a) { return years }
            if !reads(b), let (scale, offset) = linear(a) {
                return .compare(comparison, scale: scale, offset: offset, bound: b)
            }
            if !reads(a), let (scale, offset) = linear(b) {
                return .compare(comparison.mirrored, scale: scale, offset: offset, bound: a)
            }
            return .opaque
        case .between(let value, let low, let high, let negated):
            guard isTarget(value), !reads(low), !reads(high) else { return .opaque }
            return .between(low: low, high: high, negated: negated)
        case .inList(let value, let list, let negated):
            guard isTarget(value) else { return .opaque }
            let numbers = list.compactMap(\.number)
            guard numbers.count == list.count else { return .opaque }
            return .inList(numbers, negated: negated)
        case .isNull(let value, let negated):
            guard linear(value) != nil else { return .opaque }
            return .isNull(negated: negated)
        default:
            return .opaque
        }
    }

    private func isTarget(_ expr: RowExpr) -> Bool {
        if case .column(0, let column) = expr { return column == target }
        return false
    }

    /// `years_between(target, r)` or `years_between(r, target)` compared with a bound.
    private func yearsAtom(_ comparison: IntervalSet.Comparison, _ expr: RowExpr, bound: RowExpr) -> NarrowExpr? {
        guard case .call(.yearsBetween, let arguments) = expr, arguments.count == 2 else { return nil }
        if isTarget(arguments[0]), !reads(arguments[1]) {
            return .years(comparison, reference: arguments[1], targetIsStart: true, bound: bound)
        }
        if isTarget(arguments[1]), !reads(arguments[0]) {
            return .years(comparison, reference: arguments[0], targetIsStart: false, bound: bound)
        }
        return nil
    }

    /// `scale × target + offset` when the expression has that form.
    func linear(_ expr: RowExpr) -> (Double, RowExpr)? {
        if isTarget(expr) { return (1, .constant(.number(0))) }
        switch expr {
        case .negate(let inner):
            guard let (s, o) = linear(inner) else { return nil }
            return (-s, .negate(o))
        case .arithmetic(.add, let a, let b):
            if !reads(b), let (s, o) = linear(a) { return (s, .arithmetic(.add, o, b)) }
            if !reads(a), let (s, o) = linear(b) { return (s, .arithmetic(.add, a, o)) }
        case .arithmetic(.subtract, let a, let b):
            if !reads(b), let (s, o) = linear(a) { return (s, .arithmetic(.subtract, o, b)) }
            if !reads(a), let (s, o) = linear(b) { return (-s, .arithmetic(.subtract, a, o)) }
        case .arithmetic(.multiply, let a, .constant(.number(let c))) where c != 0:
            if let (s, o) = linear(a) { return (s * c, .arithmetic(.multiply, o, .constant(.number(c)))) }
        case .arithmetic(.multiply, .constant(.number(let c)), let b) where c != 0:
            if let (s, o) = linear(b) { return (s * c, .arithmetic(.multiply, o, .constant(.number(c)))) }
        case .call(.daysBetween, let arguments) where arguments.count == 2:
            // days_between(a, b) = b − a
            if !reads(arguments[1]), let (s, o) = linear(arguments[0]) {
                return (-s, .arithmetic(.subtract, arguments[1], o))
            }
            if !reads(arguments[0]), let (s, o) = linear(arguments[1]) {
                return (s, .arithmetic(.subtract, o, arguments[0]))
            }
        default: break
        }
        return nil
    }

    /// Whether the expression reads the target column.
    func reads(_ expr: RowExpr) -> Bool { readsAny(expr, of: [target]) }

    func readsUndrawn(_ expr: RowExpr) -> Bool { !undrawn.isEmpty && readsAny(expr, of: undrawn) }

    private func readsAny(_ expr: RowExpr, of columns: Set<Int>) -> Bool {
        func reads(_ expr: RowExpr) -> Bool { readsAny(expr, of: columns) }
        switch expr {
        case .constant: return false
        case .column(let level, let column): return level == 0 && columns.contains(column)
        case .call(_, let arguments): return arguments.contains(where: reads)
        case .negate(let e), .not(let e), .inList(let e, _, _), .isNull(let e, _), .matches(let e, _): return reads(e)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b):
            return reads(a) || reads(b)
        case .between(let a, let b, let c, _): return reads(a) || reads(b) || reads(c)
        }
    }
}

extension RowExpr {
    /// The columns of the row itself (level 0) the expression reads.
    var ownColumns: [Int] {
        switch self {
        case .constant: []
        case .column(let level, let column): level == 0 ? [column] : []
        case .call(_, let arguments): arguments.flatMap(\.ownColumns)
        case .negate(let e), .not(let e), .inList(let e, _, _), .isNull(let e, _), .matches(let e, _): e.ownColumns
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b):
            a.ownColumns + b.ownColumns
        case .between(let a, let b, let c, _): a.ownColumns + b.ownColumns + c.ownColumns
        }
    }

    /// Whether the expression reads a parent row.
    var readsAncestors: Bool {
        switch self {
        case .constant: false
        case .column(let level, _): level > 0
        case .call(_, let arguments): arguments.contains(where: \.readsAncestors)
        case .negate(let e), .not(let e), .inList(let e, _, _), .isNull(let e, _), .matches(let e, _): e.readsAncestors
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b):
            a.readsAncestors || b.readsAncestors
        case .between(let a, let b, let c, _): a.readsAncestors || b.readsAncestors || c.readsAncestors
        }
    }

    /// The expression with each derived column of the row replaced by its definition, so
    /// narrowing sees through `age` to `birth_date`.
    func inliningDerived(_ definitions: [Int: RowExpr], depth: Int = 0) -> RowExpr {
        guard depth < 32 else { return self }
        switch self {
        case .constant: return self
        case .column(0, let column):
            return definitions[column].map { $0.inliningDerived(definitions, depth: depth + 1) } ?? self
        case .column: return self
        case .call(let f, let arguments):
            return .call(f, arguments.map { $0.inliningDerived(definitions, depth: depth) })
        case .negate(let e): return .negate(e.inliningDerived(definitions, depth: depth))
        case .not(let e): return .not(e.inliningDerived(definitions, depth: depth))
        case .and(let a, let b):
            return .and(a.inliningDerived(definitions, depth: depth), b.inliningDerived(definitions, depth: depth))
        case .or(let a, let b):
            return .or(a.inliningDerived(definitions, depth: depth), b.inliningDerived(definitions, depth: depth))
        case .compare(let op, let a, let b):
            return .compare(
                op, a.inliningDerived(definitions, depth: depth), b.inliningDerived(definitions, depth: depth))
        case .arithmetic(let op, let a, let b):
            return .arithmetic(
                op, a.inliningDerived(definitions, depth: depth), b.inliningDerived(definitions, depth: depth))
        case .between(let a, let b, let c, let negated):
            return .between(
                a.inliningDerived(definitions, depth: depth), b.inliningDerived(definitions, depth: depth),
                c.inliningDerived(definitions, depth: depth), negated: negated)
        case .inList(let e, let list, let negated):
            return .inList(e.inliningDerived(definitions, depth: depth), list, negated: negated)
        case .isNull(let e, let negated): return .isNull(e.inliningDerived(definitions, depth: depth), negated: negated)
        case .matches(let e, let pattern): return .matches(e.inliningDerived(definitions, depth: depth), pattern)
        }
    }
}
