import SeedbedEngine
import SeedbedSpec

/// Parses the rows of `COPY … TO STDOUT` (text format) into typed column buffers.
///
/// Accepts every form PostgreSQL writes under the session's ISO DateStyle and UTC TimeZone:
/// `t`/`f` (and `true`/`false`/`1`/`0` from other column types), numerics with any scale whose
/// extra digits are zeros, ISO dates and timestamps with any offset and ` BC`, floats in any
/// form `Double` reads, and UUIDs in either case. A value that does not fit the asked type is
/// reported by the caller with its table, column and row.
struct PostgresCopyReader {
    let columns: [LoadColumn]
    private(set) var batch: RowBatch
    let capacity: Int

    init(table: String, columns: [LoadColumn], capacity: Int) {
        self.columns = columns
        self.capacity = capacity
        batch = RowBatch(
            table: table, columns: columns.map { ColumnBuffer(name: $0.name, type: $0.type, capacity: capacity) },
            count: 0)
    }

    var isFull: Bool { batch.count == capacity }

    mutating func reset() { batch.count = 0 }

    /// Why a row did not parse: the column index and the offending text.
    struct Failure: Error {
        var column: Int
        var text: String
        var reason: String
    }

    /// Adds one row (a line without its newline).
    mutating func append(line: UnsafeBufferPointer<UInt8>) throws(Failure) {
        let row = batch.count
        var start = 0
        for column in columns.indices {
            var end = start
            while end < line.count && line[end] != CopyByte.tab { end += 1 }
            let isLast = column == columns.count - 1
            guard end < line.count || isLast, !(isLast && end < line.count) else {
                throw Failure(
                    column: min(column, columns.count - 1), text: "",
                    reason: "the row has \(isLast ? "more" : "fewer") fields than the \(columns.count) asked")
            }
            let field = UnsafeBufferPointer(rebasing: line[start..<end])
            try store(field, column: column, row: row)
            start = end + 1
        }
        batch.count += 1
    }

    private mutating func store(_ field: UnsafeBufferPointer<UInt8>, column: Int, row: Int) throws(Failure) {
        let isNull = field.count == 2 && field[0] == CopyByte.backslash && field[1] == UInt8(ascii: "N")
        batch.columns[column].nulls[row] = isNull
        if isNull { return }
        let fail = { (reason: String) in
            Failure(column: column, text: String(decoding: Self.unescaped(field), as: UTF8.self), reason: reason)
        }
        switch batch.columns[column].values {
        case .int(var values):
            guard let value = Self.decimal(field, scale: 0) else { throw fail("not an integer that fits 64 bits") }
            batch.columns[column].values = .int([])
            values[row] = value
            batch.columns[column].values = .int(values)
        case .decimal(var values, let scale):
            guard let value = Self.decimal(field, scale: scale) else {
                throw fail("not a number with at most \(scale) decimal places that fits 64 bits at that scale")
            }
            batch.columns[column].values = .int([])
            values[row] = value
            batch.columns[column].values = .decimal(values, scale: scale)
        case .float(var values):
            guard let value = Double(String(decoding: field, as: UTF8.self)) else { throw fail("not a number") }
            batch.columns[column].values = .int([])
            values[row] = value
            batch.columns[column].values = .float(values)
        case .text(var values):
            batch.columns[column].values = .int([])
            values[row] = String(decoding: Self.unescaped(field), as: UTF8.self)
            batch.columns[column].values = .text(values)
        case .bool(var values):
            guard let value = Self.boolean(field) else { throw fail("not a boolean") }
            batch.columns[column].values = .int([])
            values[row] = value
            batch.columns[column].values = .bool(values)
        case .date(var values):
            guard let days = Self.date(field), let value = Int32(exactly: days) else { throw fail("not a date") }
            batch.columns[column].values = .int([])
            values[row] = value
            batch.columns[column].values = .date(values)
        case .timestamp(var values):
            guard let value = Self.timestamp(field) else { throw fail("not a timestamp in microsecond range") }
            batch.columns[column].values = .int([])
            values[row] = value
            batch.columns[column].values = .timestamp(values)
        case .uuid(var values):
            guard let value = UUIDValue(String(decoding: field, as: UTF8.self)) else { throw fail("not a UUID") }
            batch.columns[column].values = .int([])
            values[row] = value
            batch.columns[column].values = .uuid(values)
        }
    }

    // MARK: - Values

    /// COPY's backslash escapes undone (`\t`, `\n`, `\r`, `\b`, `\f`, `\v`, octal, `\x` hex, and
    /// any other character taken literally).
    static func unescaped(_ field: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard field.contains(CopyByte.backslash) else { return Array(field) }
        var result: [UInt8] = []
        result.reserveCapacity(field.count)
        var index = 0
        while index < field.count {
            let byte = field[index]
            index += 1
            guard byte == CopyByte.backslash, index < field.count else {
                result.append(byte)
                continue
            }
            let next = field[index]
            index += 1
            switch next {
            case UInt8(ascii: "t"): result.append(CopyByte.tab)
            case UInt8(ascii: "n"): result.append(CopyByte.newline)
            case UInt8(ascii: "r"): result.append(CopyByte.carriageReturn)
            case UInt8(ascii: "b"): result.append(8)
            case UInt8(ascii: "f"): result.append(12)
            case UInt8(ascii: "v"): result.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < field.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(field[index]) {
                    value = value * 8 + Int(field[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                result.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"):
                var value = 0
                var digits = 0
                while digits < 2, index < field.count, let digit = hexDigit(field[index]) {
                    value = value * 16 + digit
                    index += 1
                    digits += 1
                }
                if digits == 0 { result.append(UInt8(ascii: "x")) } else { result.append(UInt8(value)) }
            default: result.append(next)
            }
        }
        return result
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// `-?[0-9]+(\.[0-9]*)?` times 10^scale, when the digits past `scale` are zeros and it fits.
    static func decimal(_ field: UnsafeBufferPointer<UInt8>, scale: Int) -> Int64? {
        var index = 0
        let negative = field.first == CopyByte.minus
        if negative || field.first == UInt8(ascii: "+") { index = 1 }
        var magnitude: UInt64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < field.count {
            let byte = field[index]
            index += 1
            if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = UInt64(byte - UInt8(ascii: "0"))
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > scale {
                    guard digit == 0 else { return nil }
                    continue
                }
            } else {
                integerDigits += 1
            }
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            magnitude = sum
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        for _ in min(fractionDigits, scale)..<scale {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = shifted
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return Int64(exactly: magnitude)
    }

    static func boolean(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch String(decoding: field, as: UTF8.self).lowercased() {
        case "t", "true", "1": true
        case "f", "false", "0": false
        default: nil
        }
    }

    /// `YYYY-MM-DD` (any number of year digits) with an optional ` BC`: days since 1970-01-01.
    static func date(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        var scanner = PostgresDateScanner(field)
        guard let date = scanner.date(), let civil = scanner.era(of: date), scanner.isAtEnd else { return nil }
        return civil.daysSinceEpoch
    }

    /// A date, then ` ` or `T`, `HH:MM:SS[.ffffff]`, an optional offset (`+00`, `-08:30`, `Z`)
    /// and ` BC`: microseconds since the epoch, UTC. A bare date is its midnight.
    static func timestamp(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        var scanner = PostgresDateScanner(field)
        guard let date = scanner.date() else { return nil }
        var microseconds: Int64 = 0
        if !scanner.isAtEnd && !scanner.atEra {
            guard scanner.skip(UInt8(ascii: " ")) || scanner.skip(UInt8(ascii: "T")),
                let hours = scanner.number(digits: 2), scanner.skip(UInt8(ascii: ":")),
                let minutes = scanner.number(digits: 2), scanner.skip(UInt8(ascii: ":")),
                let seconds = scanner.number(digits: 2), hours <= 24, minutes < 60, seconds < 60
            else { return nil }
            var fraction = 0
            if scanner.skip(UInt8(ascii: ".")) {
                guard let (value, digits) = scanner.digits(), digits <= 6 else { return nil }
                fraction = value * PostgresDateScanner.powerOfTen(6 - digits)
            }
            microseconds = Int64(((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + fraction)
            if scanner.skip(UInt8(ascii: "Z")) {
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.number(digits: 2) else { return nil }
                var offset = offsetHours * 3600
                if scanner.skip(UInt8(ascii: ":")) || scanner.peekDigit {
                    guard let offsetMinutes = scanner.number(digits: 2) else { return nil }
                    offset += offsetMinutes * 60
                    if scanner.skip(UInt8(ascii: ":")) || scanner.peekDigit {
                        guard let offsetSeconds = scanner.number(digits: 2) else { return nil }
                        offset += offsetSeconds
                    }
                }
                microseconds -= Int64(sign * offset) * 1_000_000
            }
        }
        guard let civil = scanner.era(of: date), scanner.isAtEnd else { return nil }
        let (dayMicroseconds, overflow) = Int64(civil.daysSinceEpoch).multipliedReportingOverflow(by: 86_400_000_000)
        guard !overflow else { return nil }
        let (total, carry) = dayMicroseconds.addingReportingOverflow(microseconds)
        return carry ? nil : total
    }
}

/// A cursor over the bytes of a date or timestamp.
struct PostgresDateScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }
    var peekDigit: Bool { index < bytes.count && Self.isDigit(bytes[index]) }
    var atEra: Bool {
        index < bytes.count && bytes[index] == UInt8(ascii: " ") && index + 1 < bytes.count
            && bytes[index + 1] == UInt8(ascii: "B")
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func powerOfTen(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { product, _ in product * 10 } }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// `+1` or `-1` for an offset's sign.
    mutating func sign() -> Int? {
        if skip(UInt8(ascii: "+")) { return 1 }
        if skip(CopyByte.minus) { return -1 }
        return nil
    }

    /// A run of digits (at most 9) and how many there were.
    mutating func digits() -> (Int, Int)? {
        var value = 0
        var count = 0
        while index < bytes.count, Self.isDigit(bytes[index]), count < 9 {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
            count += 1
        }
        return count > 0 && !peekDigit ? (value, count) : nil
    }

    mutating func number(digits expected: Int) -> Int? {
        guard let (value, count) = digits(), count == expected else { return nil }
        return value
    }

    /// `Y…Y-MM-DD`, not yet adjusted for an era.
    mutating func date() -> PostgresCivilDate? {
        guard let (year, _) = digits(), skip(CopyByte.minus), let month = number(digits: 2), skip(CopyByte.minus),
            let day = number(digits: 2)
        else { return nil }
        return PostgresCivilDate(year: year, month: month, day: day)
    }

    /// The date with ` BC` applied when it follows (year N BC is astronomical year 1 - N), when valid.
    mutating func era(of date: PostgresCivilDate) -> PostgresCivilDate? {
        var result = date
        let suffix = Array(" BC".utf8)
        if bytes.count - index >= 3, Array(bytes[index..<index + 3]) == suffix {
            index += 3
            guard date.year >= 1 else { return nil }
            result.year = 1 - date.year
        }
        return result.isValid ? result : nil
    }
}
