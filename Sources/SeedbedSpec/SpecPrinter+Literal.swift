// How names, numbers, strings and other literals are spelled in canonical text. Each spelling
// is one the lexer reads back to the same value.

// MARK: - Names

extension SpecPrinter {
    /// A name, in backquotes when it is a reserved word or not a plain identifier.
    static func name(_ name: String) -> String {
        isPlainIdentifier(name) && !Parser.reservedWords.contains(name) ? name : "`\(name)`"
    }

    static func name(_ identifier: Identifier) -> String { name(identifier.name) }

    /// `[A-Za-z_][A-Za-z0-9_]*`, the names the lexer reads without backquotes.
    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, first.isIdentifierStart else { return false }
        return text.utf8.allSatisfy(\.isIdentifierContinue)
    }

    /// A `fake` provider such as `person.name`: the parser joins its parts with `.`.
    static func provider(_ identifier: Identifier) -> String {
        let parts = identifier.name.split(separator: ".", omittingEmptySubsequences: false)
        // An empty part can only come from a backquoted name holding a dot; keep it whole.
        guard !parts.contains(where: \.isEmpty) else { return name(identifier.name) }
        return parts.map { name(String($0)) }.joined(separator: ".")
    }
}

// MARK: - Literals

extension SpecPrinter {
    public static func literal(_ literal: Literal) -> String {
        switch literal {
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .date(let days): CivilDate.format(days: days)
        case .timestamp(let micros): CivilDate.format(microseconds: micros)
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    /// A string in double quotes; `\"` and `\\` are the only escapes the lexer knows.
    static func string(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}

// MARK: - Numbers

extension SpecPrinter {
    static func number(_ number: NumberLiteral) -> String {
        switch number {
        case .integer(let value): integer(value)
        case .decimal(let value): plainDecimal(value)
        case .percent(let value): percent(value) + "%"
        }
    }

    /// An integer, with `_` between groups of three digits from 5 digits on (`10_000`).
    static func integer(_ value: Int) -> String {
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

    /// The number before a `%`: a whole number as written (`10`), otherwise a decimal (`0.5`).
    private static func percent(_ value: Double) -> String {
        // 2^53: beyond it not every whole number is a Double, and `Int(_:)` could trap further on.
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return integer(Int(value)) }
        return plainDecimal(value)
    }

    /// A decimal in plain digits with at least one digit after the point (`0.00001`, `3.0`),
    /// since the language has no exponent notation.
    ///
    /// Swift's `description` is the shortest text that reads back as the same `Double`; this
    /// moves its point instead of rounding, so the plain form reads back the same too.
    static func plainDecimal(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        var text = value.description
        let sign = text.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { text.removeFirst() }
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pointIndex = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        let digits = Array(mantissa[..<pointIndex] + mantissa[pointIndex...].dropFirst())
        // Where the point goes, counted in digits from the left; it may fall outside `digits`.
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
