// Comparisons of a column shifted or scaled by constants (`age + 1 >= 18`, `amount * 1.1 > 1000`,
// `d + 30 > 2026-01-01`) are inverted into a test of the column itself.

extension FormulaBuilder {
    /// `scale × column + offset`: a comparison of it with a constant is one of the column.
    struct Linear {
        var column: Int
        var scale: Double = 1
        var offset: Double = 0
        /// Whether every constant in it is a whole number.
        var hasIntegerConstants = true
    }

    func linear(_ expression: Expr) -> Linear? {
        if let column = column(expression) { return Linear(column: column) }
        switch expression.kind {
        case .negate(let operand):
            guard var form = linear(operand) else { return nil }
            form.scale.negate()
            form.offset.negate()
            return form
        case .binary(let op, let lhs, let rhs) where op == .add || op == .subtract || op == .multiply:
            // Each side is looked at once: a chain like `x + 1 + 1 + …` must stay linear in time.
            let left = linear(lhs)
            let constantFirst = left == nil
            // Only plain numbers shift or scale: `d + 30` stays a date, `30 * d` is no form.
            guard var form = left ?? linear(rhs), case .number(let k, .number)? = constant(constantFirst ? lhs : rhs),
                k.isFinite
            else { return nil }
            switch op {
            case .add: form.offset += k
            case .subtract where constantFirst:
                form.scale.negate()
                form.offset = k - form.offset
            case .subtract: form.offset -= k
            default:
                guard k != 0, universe.domains[form.column].isNumber else { return nil }
                form.scale *= k
                form.offset *= k
            }
            form.hasIntegerConstants = form.hasIntegerConstants && k == k.rounded()
            return form
        default:
            return nil
        }
    }

    func test(_ form: Linear, _ op: BinaryOperator, _ value: Constant) -> Formula {
        guard form.scale != 1 || form.offset != 0 else { return test(form.column, op, value) }
        guard case .number(let k, let kind) = value, case .numbers(let set) = universe.domains[form.column].values,
            kind == set.kind
        else { return .test(form.column, .opaque) }
        let threshold = (k - form.offset) / form.scale
        guard threshold.isFinite, let whenTrue = NumberSet.satisfying(form.scale < 0 ? op.flipped : op, threshold)
        else { return .test(form.column, .opaque) }
        // With whole constants the inversion is exact when the division is, and for whole
        // numbers also when it rounds: no integer lies between the true and the rounded threshold.
        let isExact =
            form.hasIntegerConstants && k == k.rounded()
            && (set.isIntegral || threshold * form.scale == k - form.offset)
        guard !isExact else {
            return .test(form.column, .numbers(whenTrue: whenTrue, whenFalse: whenTrue.complement()))
        }
        // Rounding may put a value near the threshold on either side: let it be both.
        let slack = 1e-9 * Swift.max(1, abs(threshold))
        let near = NumberSet(intervals: [.init(threshold - slack, threshold + slack)])
        return .test(
            form.column, .numbers(whenTrue: whenTrue.union(near), whenFalse: whenTrue.complement().union(near)))
    }
}
