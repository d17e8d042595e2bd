import SeedbedSpec

/// An expression compiled against a table's row and its ancestors: names are resolved to
/// slots once, so evaluating it per row does no lookups by name.
indirect enum RowExpr {
    case constant(RowValue)
    /// A column of the row (`level` 0) or of the ancestor row at `level` in the row's context.
    case column(level: Int, column: Int)
    case call(RowFunction, [RowExpr])
    case negate(RowExpr)
    case not(RowExpr)
    case and(RowExpr, RowExpr)
    case or(RowExpr, RowExpr)
    case compare(BinaryOperator, RowExpr, RowExpr)
    case arithmetic(BinaryOperator, RowExpr, RowExpr)
    case between(RowExpr, RowExpr, RowExpr, negated: Bool)
    case inList(RowExpr, [RowValue], negated: Bool)
    case isNull(RowExpr, negated: Bool)
    case matches(RowExpr, PatternMatcher)
}

enum RowFunction {
    case yearsBetween, daysBetween, year, month, length, lower, upper, abs, min, max, floor
}

/// Values of a row and its ancestors, as a rule sees them.
struct RowContext {
    /// `levels[0]` is the row being made; the others are its ancestors' rows.
    var levels: [RowValues]
}

extension RowExpr {
    func evaluate(_ context: RowContext) -> RowValue {
        switch self {
        case .constant(let value):
            return value
        case .column(let level, let column):
            return context.levels[level][column]
        case .call(let function, let arguments):
            return function.apply(arguments.map { $0.evaluate(context) })
        case .negate(let operand):
            if case .number(let x) = operand.evaluate(context) { return .number(-x) }
            return .null
        case .not(let operand):
            if case .bool(let b) = operand.evaluate(context) { return .bool(!b) }
            return .null
        case .and(let a, let b):
            let x = a.evaluate(context)
            if x == .bool(false) { return x }
            let y = b.evaluate(context)
            if y == .bool(false) { return y }
            return x == .bool(true) && y == .bool(true) ? .bool(true) : .null
        case .or(let a, let b):
            let x = a.evaluate(context)
            if x == .bool(true) { return x }
            let y = b.evaluate(context)
            if y == .bool(true) { return y }
            return x == .bool(false) && y == .bool(false) ? .bool(false) : .null
        case .compare(let op, let a, let b):
            return Self.compare(op, a.evaluate(context), b.evaluate(context))
        case .arithmetic(let op, let a, let b):
            guard case .number(let x) = a.evaluate(context), case .number(let y) = b.evaluate(context) else {
                return .null
            }
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return y == 0 ? .null : .number(x / y)
            default: return y == 0 ? .null : .number(x.truncatingRemainder(dividingBy: y))
            }
        case .between(let value, let low, let high, let negated):
            let x = value.evaluate(context)
            let above = Self.compare(.greaterOrEqual, x, low.evaluate(context))
            let below = Self.compare(.lessOrEqual, x, high.evaluate(context))
            let result: RowValue =
                above == .bool(false) || below == .bool(false)
                ? .bool(false) : (above == .bool(true) && below == .bool(true) ? .bool(true) : .null)
            if case .bool(let b) = result, negated { return .bool(!b) }
            return result
        case .inList(let value, let list, let negated):
            let x = value.evaluate(context)
            if x == .null { return .null }
            let found = list.contains(x)
            return .bool(found != negated)
        case .isNull(let value, let negated):
            return .bool((value.evaluate(context) == .null) != negated)
        case .matches(let value, let pattern):
            guard case .text(let text) = value.evaluate(context) else { return .null }
            return .bool(pattern.matches(text))
        }
    }

    static func compare(_ op: BinaryOperator, _ x: RowValue, _ y: RowValue) -> RowValue {
        let order: Int
        switch (x, y) {
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.text(let a), .text(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.bool(let a), .bool(let b)): order = a == b ? 0 : (a ? 1 : -1)
        default: return .null
        }
        switch op {
        case .equal: return .bool(order == 0)
        case .notEqual: return .bool(order != 0)
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }
}

extension RowFunction {
    func apply(_ arguments: [RowValue]) -> RowValue {
        switch self {
        case .yearsBetween, .daysBetween:
            guard case .number(let a) = arguments[0], case .number(let b) = arguments[1] else { return .null }
            return .number(
                Double(self == .daysBetween ? Int(b) - Int(a) : CivilDate.yearsBetween(Int(a), Int(b))))
        case .year, .month:
            guard case .number(let d) = arguments[0] else { return .null }
            let civil = CivilDate.civil(fromDays: Int(d))
            return .number(Double(self == .year ? civil.year : civil.month))
        case .length:
            guard case .text(let s) = arguments[0] else { return .null }
            return .number(Double(s.count))
        case .lower, .upper:
            guard case .text(let s) = arguments[0] else { return .null }
            return .text(self == .lower ? s.lowercased() : s.uppercased())
        case .abs:
            guard case .number(let x) = arguments[0] else { return .null }
            return .number(Swift.abs(x))
        case .floor:
            guard case .number(let x) = arguments[0] else { return .null }
            return .number(x.rounded(.down))
        case .min, .max:
            if arguments.contains(.null) { return .null }
            let less = RowExpr.compare(.less, arguments[0], arguments[1]) == .bool(true)
            return (self == .min) == less ? arguments[0] : arguments[1]
        }
    }
}
