/// Works out the domain a column's declaration allows: its type, generator and modifiers, and
/// for a derived column the range its expression can take.
///
/// Every answer over-approximates. Where a generator is not understood (`from profile`,
/// `fake`, `pattern`, a type mismatch the type checker reports) the whole type is assumed.
struct DomainBuilder {
    let universe: ColumnUniverse
    private var memo: [Domain?]
    private var inProgress: Set<Int> = []

    init(universe: ColumnUniverse) {
        self.universe = universe
        memo = Array(repeating: nil, count: universe.count)
    }

    mutating func domain(of column: Int) -> Domain {
        if let known = memo[column] { return known }
        // A derived column that depends on itself is an error reported elsewhere; assume anything.
        guard inProgress.insert(column).inserted else { return .unknown }
        defer { inProgress.remove(column) }
        let info = universe.columns[column]
        let domain = declared(info.declaration, table: info.table)
        memo[column] = domain
        return domain
    }

    static func isNullable(_ column: ColumnDecl) -> Bool {
        column.modifiers.contains {
            if case .nullable(let share) = $0.value { share.value > 0 } else { false }
        }
    }

    // MARK: - Declarations

    private mutating func declared(_ column: ColumnDecl, table: String) -> Domain {
        let base = Self.values(of: column.type)
        var domain = Domain(base, mayBeNull: Self.isNullable(column))
        switch column.generator?.value {
        case .derived(let expression)?:
            let computed = evaluate(expression, scope: table)
            domain.values = Self.stored(computed.values, as: base, scale: column.type.scale?.value)
            domain.mayBeNull = domain.mayBeNull || computed.mayBeNull
        case .distribution(.oneOf(let choices))?:
            let drawn = choices.filter { ($0.weight?.value ?? 1) > 0 }
            domain.values = Self.values(drawn.map(\.value).filter { $0 != .null }, as: base)
            domain.mayBeNull = domain.mayBeNull || drawn.contains { $0.value == .null }
        case .distribution(.call(let name, let arguments))?:
            domain.values = Self.distribution(name.name, arguments, as: base)
        case .sequence(let arguments)?:
            domain.values = Self.sequence(arguments, as: base)
        default:
            break
        }
        if case .numbers(var set) = domain.values {
            for modifier in column.modifiers {
                switch modifier.value {
                case .min(let literal):
                    if let bound = Self.number(literal, kind: set.kind) {
                        set = set.intersection(NumberSet(intervals: [.init(bound, .infinity)]))
                    }
                case .max(let literal):
                    if let bound = Self.number(literal, kind: set.kind) {
                        set = set.intersection(NumberSet(intervals: [.init(-.infinity, bound)]))
                    }
                default: break
                }
            }
            domain.values = .numbers(set)
        }
        // A declaration that allows no value at all (min above max, every weight zero) is
        // someone else's error; blaming the rules for it would mislead.
        if domain.values.isEmpty { domain.values = base }
        return domain
    }

    /// Everything a column of this type can hold.
    static func values(of type: TypeName) -> Domain.Values {
        switch type.name.name {
        case "int": .numbers(.all(.number, isIntegral: true))
        case "decimal": .numbers(.all(.number, isIntegral: type.scale?.value == 0))
        case "float": .numbers(.all(.number))
        case "date": .numbers(.all(.date, isIntegral: true))
        case "timestamp": .numbers(.all(.timestamp, isIntegral: true))
        case "bool": .literals(.bools)
        case "text", "uuid": .literals(.anything)
        default: .unknown
        }
    }

    /// A literal as a number of the given kind, or `nil` when it is not one.
    static func number(_ literal: Literal, kind: NumberSet.Kind) -> Double? {
        switch (literal, kind) {
        case (.number(let n), .number): n.value
        case (.date(let days), .date): Double(days)
        case (.timestamp(let micros), .timestamp): Double(micros)
        default: nil
        }
    }

    /// The values of a `one of`, when they fit the column's type.
    private static func values(_ literals: [Literal], as base: Domain.Values) -> Domain.Values {
        switch base {
        case .numbers(let all):
            let points = literals.map { number($0, kind: all.kind) }
            guard !points.contains(nil) else { return base }
            let intervals = points.compactMap { $0 }.map { NumberSet.Interval($0, $0) }
            return .numbers(all.intersection(NumberSet(kind: all.kind, intervals: intervals)))
        case .literals(let all):
            let fits = literals.allSatisfy {
                switch $0 {
                case .string, .bool: true
                default: false
                }
            }
            return fits ? .literals(all.intersection(LiteralSet(Set(literals)))) : base
        case .unknown:
            return base
        }
    }

    private static func distribution(_ name: String, _ arguments: [Argument], as base: Domain.Values) -> Domain.Values {
        guard case .numbers(let all) = base else { return base }
        let range: NumberSet
        switch name {
        case "uniform":
            let bounds = arguments.compactMap { number($0.value, kind: all.kind) }
            guard arguments.count == 2, bounds.count == 2, bounds[0] <= bounds[1] else { return base }
            range = NumberSet(intervals: [.init(bounds[0], bounds[1])])
        case "lognormal":
            range = NumberSet(intervals: [.init(0, .infinity, includesLower: false)])
        case "poisson":
            range = NumberSet(isIntegral: true, intervals: [.init(0, .infinity)])
        default:
            return base
        }
        return .numbers(all.intersection(range))
    }

    /// `sequence(start: N, step: K)`: from N upwards for a positive step (downwards for a negative one).
    private static func sequence(_ arguments: [Argument], as base: Domain.Values) -> Domain.Values {
        guard case .numbers(let all) = base else { return base }
        let positional = arguments.filter { $0.label == nil }
        let startLiteral = arguments.first { $0.label?.name == "start" } ?? positional.first
        let stepLiteral = arguments.first { $0.label?.name == "step" } ?? positional.dropFirst().first
        let start = startLiteral.map { number($0.value, kind: all.kind) } ?? 1
        let step = stepLiteral.map { number($0.value, kind: .number) } ?? 1
        guard let start, let step else { return base }
        let range =
            step > 0
            ? NumberSet.Interval(start, .infinity)
            : step < 0 ? NumberSet.Interval(-.infinity, start) : NumberSet.Interval(start, start)
        return .numbers(all.intersection(NumberSet(intervals: [range])))
    }

    /// What a column of type `base` can hold when it stores values in `computed`.
    ///
    /// The database rounds what it stores: an int column holds 2 for 1.6, so the computed range
    /// is widened to whole numbers (or by one step of a decimal's scale) before it is trusted.
    private static func stored(_ computed: Domain.Values, as base: Domain.Values, scale: Int?) -> Domain.Values {
        switch (computed, base) {
        case (.numbers(let set), .numbers(let all)) where set.kind == all.kind:
            var widened = set
            if !set.isIntegral {
                let step = all.isIntegral ? 1 : scale.map { pow10(-$0) } ?? 0
                widened = NumberSet(
                    kind: set.kind,
                    intervals: set.intervals.map { .init($0.lower - step, $0.upper + step) })
            }
            return .numbers(all.intersection(widened))
        case (.literals(let set), .literals(let all)):
            return .literals(all.intersection(set))
        default:
            return base
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        // Past 10^30 the step no longer matters to a Double; a silly scale must not loop long.
        for _ in 0..<Swift.min(abs(exponent), 30) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
