// Expressions print with the fewest parentheses that make the parser build the same tree.
//
// Each form has a binding level, loosest first, following the grammar in SPEC-LANGUAGE.md:
//   or 1 < and 2 < not 3 < comparisons 4 < + - 5 < * / % 6 < unary - 7 < primary 8
// An operand is parenthesized when its level is below the one its position accepts.

extension SpecPrinter {
    // MARK: - Binding levels

    private static let notLevel = 3
    private static let comparisonLevel = 4
    /// Operands of a comparison are sums: `a = b = c` does not parse, `(a = b) = c` does.
    private static let sumLevel = 5
    private static let unaryLevel = 7
    private static let primaryLevel = 8

    /// How tightly an expression's printed form binds.
    static func level(of expression: Expr) -> Int {
        switch expression.kind {
        case .binary(let op, _, _): op.precedence
        case .not: notLevel
        case .between, .inList, .isNull, .matches: comparisonLevel
        case .negate: unaryLevel
        case .literal, .column, .call: primaryLevel
        }
    }

    // MARK: - Printing

    /// An expression on one line.
    public static func expression(_ expression: Expr) -> String {
        switch expression.kind {
        case .literal(let value):
            return literal(value)
        case .column(let table, let column):
            return (table.map { name($0) + "." } ?? "") + name(column)
        case .call(let function, let arguments):
            // The parser reads a call only from an unquoted name, so the name is never quoted.
            return function.name + "(" + arguments.map { self.expression($0) }.joined(separator: ", ") + ")"
        case .negate(let operand):
            return "-" + negationOperand(operand)
        case .not(let operand):
            return "not " + self.operand(operand, accepting: notLevel)
        case .binary(let op, let lhs, let rhs):
            if op.isComparison {
                return operand(lhs, accepting: sumLevel) + " \(op.rawValue) " + operand(rhs, accepting: sumLevel)
            }
            // Left-associative: an equal-precedence right operand needs parentheses, `a - (b - c)`.
            return operand(lhs, accepting: op.precedence) + " \(op.rawValue) "
                + operand(rhs, accepting: op.precedence + 1)
        case .between(let value, let low, let high, let negated):
            return operand(value, accepting: sumLevel) + (negated ? " not between " : " between ")
                + operand(low, accepting: sumLevel) + " and " + operand(high, accepting: sumLevel)
        case .inList(let value, let list, let negated):
            return operand(value, accepting: sumLevel) + (negated ? " not in { " : " in { ")
                + list.map(literal).joined(separator: ", ") + " }"
        case .isNull(let value, let negated):
            return operand(value, accepting: sumLevel) + (negated ? " is not null" : " is null")
        case .matches(let value, let pattern):
            return operand(value, accepting: sumLevel) + " matches " + string(pattern.value)
        }
    }

    /// An operand in a position that accepts expressions binding at least as tightly as `minimum`.
    private static func operand(_ operand: Expr, accepting minimum: Int) -> String {
        let text = expression(operand)
        return level(of: operand) < minimum ? "(\(text))" : text
    }

    /// The operand of a unary `-`.
    ///
    /// Besides looser forms, two need parentheses: anything that itself starts with `-`
    /// (`-(-a)`, `-(-5)`, not the puzzling `- -a`), and a number, because the parser folds
    /// `-5` into a negative literal: `-(5)` keeps a negation of 5 a negation.
    private static func negationOperand(_ operand: Expr) -> String {
        let text = expression(operand)
        let isNumber: Bool
        if case .literal(.number) = operand.kind { isNumber = true } else { isNumber = false }
        if level(of: operand) < unaryLevel || isNumber || text.hasPrefix("-") { return "(\(text))" }
        return text
    }
}
