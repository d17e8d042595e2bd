import Foundation
import SeedbedSpec

// MARK: - Constants typed to the column they meet

extension CheckTranslator.Scope {
    /// A constant (possibly signed or cast), as a spec literal of the type it meets: `'2020-01-01'`
    /// against a date column is a date, `1` against a SQLite boolean column is `true`.
    ///
    /// - Parameter dateOnlyTimestamp: Whether a SQLite `'YYYY-MM-DD'` may meet a timestamp column
    ///   (the comparison is one where text order and time order agree).
    func literal(
        _ sql: SQLExpression, as expected: ValueType?, dateOnlyTimestamp: Bool = false
    ) throws(CheckUnsupported) -> Operand {
        switch sql {
        case .null:
            return Operand(expr: Expr(.literal(.null)), type: nil, isLiteral: true)
        case .boolean(let truth):
            return try boolean(truth, as: expected)
        case .number(let text):
            return try number(text, as: expected)
        case .string(let text):
            return try string(text, as: expected, dateOnlyTimestamp: dateOnlyTimestamp)
        case .sign(let negative, let inner):
            let operand = try literal(inner, as: expected)
            guard case .literal(.number(let number)) = operand.expr.kind else {
                throw CheckUnsupported("puts a sign before \(Self.describe(operand.type))")
            }
            return Operand(
                expr: Expr(.literal(.number(negative ? number.negated : number))), type: operand.type, isLiteral: true)
        case .cast(let inner, let name):
            // The cast says what the constant is; the comparison then checks it fits the column.
            let target = try castType(name)
            var operand = try literal(inner, as: target)
            if case .literal(.number(let number)) = operand.expr.kind, target == .int, number.integerValue == nil {
                throw CheckUnsupported("casts \(SpecPrinter.literal(.number(number))) to an integer, which rounds")
            }
            if operand.type != nil { operand.type = target }
            return operand
        default:
            throw CheckUnsupported("cannot read a constant")
        }
    }

    private func boolean(_ truth: Bool, as expected: ValueType?) throws(CheckUnsupported) -> Operand {
        switch expected {
        case nil, .bool?:
            return Operand(expr: Expr(.literal(.bool(truth))), type: .bool, isLiteral: true)
        case let type? where type.isNumeric && dialect == .sqlite:
            // SQLite's TRUE and FALSE are the integers 1 and 0.
            return Operand(expr: Expr(.literal(.number(.integer(truth ? 1 : 0)))), type: .int, isLiteral: true)
        case let type?:
            throw CheckUnsupported("compares \(Self.describe(type)) with \(truth)")
        }
    }

    private func number(_ text: String, as expected: ValueType?) throws(CheckUnsupported) -> Operand {
        guard let number = Self.number(text) else { throw CheckUnsupported("cannot read the number '\(text)'") }
        let type: ValueType = number.integerValue == nil ? .float : .int
        switch expected {
        case nil:
            return Operand(expr: Expr(.literal(.number(number))), type: type, isLiteral: true)
        case let numeric? where numeric.isNumeric:
            return Operand(expr: Expr(.literal(.number(number))), type: type, isLiteral: true)
        case .bool? where dialect == .sqlite && (number.value == 0 || number.value == 1):
            // SQLite keeps booleans as the integers 0 and 1.
            return Operand(expr: Expr(.literal(.bool(number.value == 1))), type: .bool, isLiteral: true)
        case let other?:
            throw CheckUnsupported("compares \(Self.describe(other)) with the number \(text)")
        }
    }

    /// An integer when the text is one that fits, otherwise a decimal; `nil` for no number.
    static func number(_ text: String) -> NumberLiteral? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("0x") {
            return Int(lowered.dropFirst(2), radix: 16).map(NumberLiteral.integer)
        }
        let body = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
        guard !body.isEmpty,
            body.utf8.allSatisfy({
                SQLTokenizer.isDigit($0) || $0 == UInt8(ascii: ".")
                    || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "+")
            })
        else { return nil }
        if let integer = Int(trimmed.hasPrefix("+") ? String(body) : trimmed) { return .integer(integer) }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return .decimal(value)
    }

    private func string(
        _ text: String, as expected: ValueType?, dateOnlyTimestamp: Bool
    ) throws(CheckUnsupported) -> Operand {
        func made(_ literal: Literal, _ type: ValueType) -> Operand {
            Operand(expr: Expr(.literal(literal)), type: type, isLiteral: true)
        }
        let quoted = "'\(text.prefix(40))'"
        switch expected {
        case nil, .text?:
            return made(.string(text), .text)
        case .uuid?:
            // PostgreSQL compares uuids, not their spelling; SQLite compares the stored text.
            return made(.string(dialect == .postgres ? text.lowercased() : text), .uuid)
        case .date?:
            guard let days = SQLDateText.days(text) else {
                throw CheckUnsupported("compares a date with \(quoted), which is not a YYYY-MM-DD date")
            }
            return made(.date(days), .date)
        case .timestamp?:
            return made(.timestamp(try timestamp(text, dateOnlyTimestamp: dateOnlyTimestamp)), .timestamp)
        case let numeric? where numeric.isNumeric:
            // PostgreSQL prints negative constants quoted ('-1'::integer); SQLite converts the text.
            guard let number = Self.number(text) else {
                throw CheckUnsupported("compares \(Self.describe(numeric)) with the text \(quoted)")
            }
            return made(.number(number), number.integerValue == nil ? .float : .int)
        case .bool?:
            let spellings: [String: Bool] =
                dialect == .postgres
                ? [
                    "t": true, "true": true, "y": true, "yes": true, "on": true, "1": true, "f": false, "false": false,
                    "n": false, "no": false, "off": false, "0": false,
                ]
                : ["1": true, "0": false]
            guard let truth = spellings[text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()] else {
                throw CheckUnsupported("compares a boolean with the text \(quoted)")
            }
            return made(.bool(truth), .bool)
        default:
            throw CheckUnsupported("compares \(Self.describe(expected)) with the text \(quoted)")
        }
    }

    private func timestamp(_ text: String, dateOnlyTimestamp: Bool) throws(CheckUnsupported) -> Int64 {
        let quoted = "'\(text.prefix(40))'"
        guard let parsed = SQLDateText.timestamp(text) else {
            throw CheckUnsupported("compares a timestamp with \(quoted), which is not a timestamp")
        }
        guard dialect == .sqlite else { return parsed.microseconds }
        // SQLite compares the stored text ('YYYY-MM-DD HH:MM:SS[.ffffff]') with the constant's.
        if parsed.isDateOnly {
            guard dateOnlyTimestamp else {
                throw CheckUnsupported(
                    "compares a timestamp with the date \(quoted), which SQLite does as text; write \(quoted.dropLast()) 00:00:00'"
                )
            }
        } else if !parsed.isStoredForm {
            throw CheckUnsupported(
                "compares a timestamp with \(quoted), which SQLite does as text: write 'YYYY-MM-DD HH:MM:SS' in UTC")
        }
        return parsed.microseconds
    }
}
