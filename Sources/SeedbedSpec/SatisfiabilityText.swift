/// How the satisfiability analysis writes expressions, declarations and domains in its messages.
///
/// It renders from the syntax tree because the analysis receives a `SpecFile`, not the source
/// text; expressions come out in the spec language, parenthesized only where needed.
enum SatisfiabilityText {
    // MARK: - Expressions

    static func expression(_ expression: Expr) -> String {
        render(expression, context: 0)
    }

    /// `context` is the binding strength the surrounding syntax needs; weaker expressions get
    /// parentheses (levels as in the grammar: or 1, and 2, not 3, comparison 4, sum 5, product 6).
    private static func render(_ expression: Expr, context: Int) -> String {
        let text: String
        let level: Int
        switch expression.kind {
        case .literal(let literal):
            return self.literal(literal)
        case .column(let table, let column):
            return table.map { "\($0.name).\(column.name)" } ?? column.name
        case .call(let name, let arguments):
            return "\(name.name)(\(arguments.map { render($0, context: 0) }.joined(separator: ", ")))"
        case .negate(let operand):
            text = "-" + render(operand, context: 7)
            level = 7
        case .not(let operand):
            text = "not " + render(operand, context: 3)
            level = 3
        case .binary(let op, let lhs, let rhs):
            level = op.precedence
            // Left-associative: the right operand of `a - (b - c)` keeps its parentheses, and
            // comparisons do not chain.
            let left = render(lhs, context: op.isComparison ? level + 1 : level)
            text = "\(left) \(op.rawValue) \(render(rhs, context: level + 1))"
        case .between(let operand, let low, let high, let negated):
            text =
                "\(render(operand, context: 5)) \(negated ? "not " : "")between \(render(low, context: 5)) and \(render(high, context: 5))"
            level = 4
        case .inList(let operand, let values, let negated):
            text =
                "\(render(operand, context: 5)) \(negated ? "not " : "")in { \(values.map(literal).joined(separator: ", ")) }"
            level = 4
        case .isNull(let operand, let negated):
            text = "\(render(operand, context: 5)) is \(negated ? "not " : "")null"
            level = 4
        case .matches(let operand, let pattern):
            text = "\(render(operand, context: 5)) matches \(quoted(pattern.value))"
            level = 4
        }
        return level < context ? "(\(text))" : text
    }

    static func literal(_ literal: Literal) -> String {
        switch literal {
        case .number(let n): number(n)
        case .string(let text): quoted(text)
        case .date(let days): CivilDate.format(days: days)
        case .timestamp(let micros): CivilDate.format(microseconds: micros)
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    static func number(_ literal: NumberLiteral) -> String {
        switch literal {
        case .integer(let n): String(n)
        case .decimal(let x): number(x)
        case .percent(let p): number(p) + "%"
        }
    }

    /// A number without needless decimals: 17, not 17.0.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    // MARK: - Declarations

    /// What a column's declaration says about its values: `uniform(0, 17) min 1 nullable 10%`.
    static func declaration(_ column: ColumnDecl) -> String {
        var parts: [String] = []
        switch column.generator?.value {
        case .distribution(let distribution)?: parts.append(self.distribution(distribution))
        case .sequence(let arguments)?:
            parts.append(
                arguments.isEmpty ? "sequence" : "sequence(\(arguments.map(argument).joined(separator: ", ")))")
        case .fromProfile?: parts.append("from profile")
        case .fake(let provider)?: parts.append("fake \(provider.name)")
        case .pattern(let pattern)?: parts.append("pattern \(quoted(pattern.value))")
        case .derived(let expression)?: parts.append("= " + self.expression(expression))
        case nil: break
        }
        for modifier in column.modifiers {
            switch modifier.value {
            case .key: parts.append("key")
            case .nullable(let share): parts.append("nullable \(number(share))")
            case .min(let bound): parts.append("min \(literal(bound))")
            case .max(let bound): parts.append("max \(literal(bound))")
            default: break
            }
        }
        return parts.joined(separator: " ")
    }

    static func distribution(_ distribution: Distribution) -> String {
        switch distribution {
        case .call(let name, let arguments):
            return "\(name.name)(\(arguments.map(argument).joined(separator: ", ")))"
        case .oneOf(let choices):
            let shown = choices.map { choice in
                literal(choice.value) + (choice.weight.map { ": " + number($0) } ?? "")
            }
            return "one of { \(shown.joined(separator: ", ")) }"
        }
    }

    private static func argument(_ argument: Argument) -> String {
        (argument.label.map { "\($0.name): " } ?? "") + literal(argument.value)
    }

    // MARK: - Domains

    /// What a domain allows, for "customer.age is always …"; `nil` when it allows every value.
    static func values(_ values: Domain.Values) -> String? {
        switch values {
        case .numbers(let set):
            guard !set.isEverything else { return nil }
            guard !set.isEmpty else { return "nothing" }
            return set.intervals.map { interval($0, kind: set.kind) }.joined(separator: " or ")
        case .literals(let set):
            guard !set.isAnything, set != .bools else { return nil }
            let members = set.members.map(literal).sorted()
            if set.isCofinite { return "anything but " + list(members, conjunction: "or") }
            switch members.count {
            case 0: return "nothing"
            case 1: return members[0]
            default: return "one of " + members.joined(separator: ", ")
            }
        case .unknown:
            return nil
        }
    }

    private static func interval(_ interval: NumberSet.Interval, kind: NumberSet.Kind) -> String {
        func show(_ value: Double) -> String {
            // Bounds computed by arithmetic can leave the calendar; show those as plain numbers.
            switch kind {
            case .date where abs(value) < 1e9: CivilDate.format(days: Int(value))
            case .timestamp where abs(value) < 1e17: CivilDate.format(microseconds: Int64(value))
            default: number(value)
            }
        }
        let lower =
            interval.lower.isFinite
            ? (interval.includesLower ? "at least " : "greater than ") + show(interval.lower) : nil
        let upper =
            interval.upper.isFinite ? (interval.includesUpper ? "at most " : "less than ") + show(interval.upper) : nil
        if interval.isPoint { return show(interval.lower) }
        if interval.includesLower, interval.includesUpper, interval.lower.isFinite, interval.upper.isFinite {
            return "between \(show(interval.lower)) and \(show(interval.upper))"
        }
        return [lower, upper].compactMap { $0 }.joined(separator: " and ")
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String], conjunction: String = "and") -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
