import SeedbedSpec

/// Spec text for the expressions of translated rules, spelled as SeedbedSpec's `SpecPrinter`
/// spells them (that printer prints whole files only): the fewest parentheses that parse back to
/// the same tree, names in backquotes when they are reserved words or not plain identifiers.
enum CheckSpecText {
    // Binding levels, loosest first, as in SPEC-LANGUAGE.md's grammar.
    private static let notLevel = 3
    private static let comparisonLevel = 4
    private static let sumLevel = 5
    private static let unaryLevel = 7
    private static let primaryLevel = 8

    static func expression(_ expression: Expr) -> String {
        switch expression.kind {
        case .literal(let value):
            return literal(value)
        case .column(let table, let column):
            return (table.map { name($0.name) + "." } ?? "") + name(column.name)
        case .call(let function, let arguments):
            return function.name + "(" + arguments.map { self.expression($0) }.joined(separator: ", ") + ")"
        case .negate(let operand):
            let text = self.expression(operand)
            let isNumber: Bool
            if case .literal(.number) = operand.kind { isNumber = true } else { isNumber = false }
            return "-" + (level(of: operand) < unaryLevel || isNumber || text.hasPrefix("-") ? "(\(text))" : text)
        case .not(let operand):
            return "not " + self.operand(operand, accepting: notLevel)
        case .binary(let op, let lhs, let rhs):
            if op.isComparison {
                return operand(lhs, accepting: sumLevel) + " \(op.rawValue) " + operand(rhs, accepting: sumLevel)
            }
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

    private static func level(of expression: Expr) -> Int {
        switch expression.kind {
        case .binary(let op, _, _): op.precedence
        case .not: notLevel
        case .between, .inList, .isNull, .matches: comparisonLevel
        case .negate: unaryLevel
        case .literal, .column, .call: primaryLevel
        }
    }

    private static func operand(_ operand: Expr, accepting minimum: Int) -> String {
        let text = expression(operand)
        return level(of: operand) < minimum ? "(\(text))" : text
    }

    // MARK: - Names and literals

    /// The spec language's reserved words (SPEC-LANGUAGE.md), written in backquotes as names.
    private static let reservedWords: Set<String> = [
        "dataset", "table", "rule", "scenario", "when", "require", "forbid", "where", "and", "or", "not", "between",
        "in", "is", "null", "true", "false", "matches", "rows", "correlate", "key", "unique", "references",
        "nullable", "min", "max", "pii", "sensitive", "fake", "pattern", "sequence",
    ]

    static func name(_ name: String) -> String {
        let isPlain =
            name.utf8.first.map { isLetter($0) || $0 == UInt8(ascii: "_") } ?? false
            && name.utf8.allSatisfy { isLetter($0) || $0 == UInt8(ascii: "_") || SQLTokenizer.isDigit($0) }
        return isPlain && !reservedWords.contains(name) ? name : "`\(name)`"
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func literal(_ literal: Literal) -> String {
        switch literal {
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .date(let days): CivilDate.format(days: days)
        case .timestamp(let micros): CivilDate.format(microseconds: micros)
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    private static func string(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    private static func number(_ number: NumberLiteral) -> String {
        switch number {
        case .integer(let value): integer(value)
        case .decimal(let value): plainDecimal(value)
        // A whole percentage as written (`10%`), as the printer does; below 2^53 every whole Double is exact.
        case .percent(let value) where value == value.rounded() && abs(value) < 9_007_199_254_740_992:
            integer(Int(value)) + "%"
        case .percent(let value): plainDecimal(value) + "%"
        }
    }

    /// Digits grouped by `_` in threes from 5 digits on (`10_000`), as the printer writes them.
    private static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard digits.count >= 5 else { return sign + digits }
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append("_") }
            grouped.append(digit)
        }
        return sign + grouped
    }

    /// Plain digits with at least one after the point (`0.001`, `3.0`): the language has no
    /// exponent notation. The point of Swift's shortest round-tripping text is moved, not rounded.
    private static func plainDecimal(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        var text = value.description
        let sign = text.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { text.removeFirst() }
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pointIndex = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        let digits = Array(mantissa[..<pointIndex] + mantissa[pointIndex...].dropFirst())
        let point = mantissa.distance(from: mantissa.startIndex, to: pointIndex) + exponent
        var whole: String
        var fraction: String
        if point <= 0 {
            whole = "0"
            fraction = String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            whole = String(digits) + String(repeating: "0", count: point - digits.count)
            fraction = ""
        } else {
            whole = String(digits[..<point])
            fraction = String(digits[point...])
        }
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + whole + "." + (fraction.isEmpty ? "0" : fraction)
    }
}
