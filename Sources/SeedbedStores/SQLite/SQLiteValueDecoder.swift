import SeedbedEngine
import SeedbedSpec

/// Reads the text forms of values stored in SQLite, from UTF-8 bytes, strictly: what does not
/// parse returns `nil` and the reader reports it. Accepts what Seedbed writes and what other tools
/// commonly write for the same type.
enum SQLiteValueDecoder {
    /// `[+-]digits`, in Int64 range.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        decimal(bytes, scale: 0, allowFraction: false)
    }

    /// `[+-]digits[.digits]` (or `.5`) as fixed point with `scale` digits: further digits are
    /// rounded half away from zero. An exponent form (`1.5e3`, which SQLite writes for some
    /// REALs turned to text) goes through a double.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, scale: Int, allowFraction: Bool = true) -> Int64? {
        guard scale < Powers.signed.count else { return nil }
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var magnitude: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var roundUp = false
        var droppedAny = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint, allowFraction {
                seenPoint = true
            } else if let digit = byte.decimalDigit {
                digits += 1
                if seenPoint && fractionDigits == scale {
                    // The first digit past the scale decides the rounding; the rest need only be digits.
                    if !droppedAny { roundUp = digit >= 5 }
                    droppedAny = true
                } else {
                    if seenPoint { fractionDigits += 1 }
                    let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, carry) = times.addingReportingOverflow(UInt64(digit))
                    guard !overflow, !carry else { return nil }
                    magnitude = sum
                }
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                return allowFraction ? decimalThroughDouble(bytes, scale: scale) : nil
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        for _ in fractionDigits..<scale {
            let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = times
        }
        if roundUp {
            let (sum, overflow) = magnitude.addingReportingOverflow(1)
            guard !overflow else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    private static func decimalThroughDouble(_ bytes: UnsafeBufferPointer<UInt8>, scale: Int) -> Int64? {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
        return decimal(fromDouble: value, scale: scale)
    }

    /// `value × 10^scale`, rounded half away from zero, when it fits an Int64.
    static func decimal(fromDouble value: Double, scale: Int) -> Int64? {
        guard value.isFinite, scale < Powers.double.count else { return nil }
        let scaled = (value * Powers.double[scale]).rounded()
        // 2^63 is exact as a double; Int64.max is not.
        guard scaled >= -9_223_372_036_854_775_808.0, scaled < 9_223_372_036_854_775_808.0 else { return nil }
        return Int64(scaled)
    }

    /// A finite number in any form Swift's `Double` reads.
    static func float(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let first = bytes.first,
            first.decimalDigit != nil || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".")
        else { return nil }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// `true`/`false`, `t`/`f`, `1`/`0` in any case.
    static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch String(decoding: bytes, as: UTF8.self).lowercased() {
        case "true", "t", "1": true
        case "false", "f", "0": false
        default: nil
        }
    }

    /// `YYYY-MM-DD`, alone or as the date of a timestamp (which must be valid too).
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let days = days(bytes) else { return nil }
        guard bytes.count == 10 || timestamp(bytes) != nil else { return nil }
        return Int32(exactly: days)
    }

    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z|±HH[:MM]|±HHMM]`, as microseconds since the
    /// epoch in UTC (an offset is subtracted; fraction digits past the sixth are dropped). A
    /// bare date is its midnight.
    static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let days = days(bytes) else { return nil }
        var micros = Int64(days) * SQLiteTextEncoder.microsecondsPerDay
        guard bytes.count > 10 else { return micros }
        guard bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let hour = number(bytes, at: 11, digits: 2), hour < 24, bytes.count > 13, bytes[13] == UInt8(ascii: ":"),
            let minute = number(bytes, at: 14, digits: 2), minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = number(bytes, at: index + 1, digits: 2), value < 60 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var fraction = 0
                var digits = 0
                while index < bytes.count, let digit = bytes[index].decimalDigit {
                    if digits < 6 { fraction = fraction * 10 + digit }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 6) { fraction *= 10 }
                micros += Int64(fraction)
            }
        }
        micros += Int64((hour * 60 + minute) * 60 + second) * 1_000_000
        guard index < bytes.count else { return micros }
        // A space before the zone is what some tools write.
        if bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return index + 1 == bytes.count ? micros : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            guard let hours = number(bytes, at: index + 1, digits: 2), hours <= 23 else { return nil }
            var minutes = 0
            var end = index + 3
            if end < bytes.count {
                if bytes[end] == UInt8(ascii: ":") { end += 1 }
                guard let value = number(bytes, at: end, digits: 2), value < 60 else { return nil }
                minutes = value
                end += 2
            }
            guard end == bytes.count else { return nil }
            return micros - sign * Int64(hours * 60 + minutes) * 60_000_000
        default:
            return nil
        }
    }

    /// The 8-4-4-4-12 form in either case, or 32 hex digits.
    static func uuid(_ bytes: UnsafeBufferPointer<UInt8>) -> UUIDValue? {
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.count == 36 {
            let dashes = [8, 13, 18, 23]
            guard dashes.allSatisfy({ bytes[$0] == UInt8(ascii: "-") }) else { return nil }
            return UUIDValue(text)
        }
        guard bytes.count == 32 else { return nil }
        var canonical = text
        for position in [8, 13, 18, 23] {
            canonical.insert("-", at: canonical.utf8.index(canonical.utf8.startIndex, offsetBy: position))
        }
        return UUIDValue(canonical)
    }

    /// 16 bytes, in RFC 9562 order.
    static func uuid(blob: UnsafeRawBufferPointer) -> UUIDValue? {
        guard blob.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(blob[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(blob[index]) }
        return UUIDValue(high: high, low: low)
    }

    // MARK: - Pieces

    /// The day number of a leading `YYYY-MM-DD` that exists.
    private static func days(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes, at: 0, digits: 4), let month = number(bytes, at: 5, digits: 2),
            let day = number(bytes, at: 8, digits: 2)
        else { return nil }
        return CivilDate.days(year: year, month: month, day: day)
    }

    /// Exactly `digits` decimal digits from `index`.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, digits: Int) -> Int? {
        guard index >= 0, index + digits <= bytes.count else { return nil }
        var value = 0
        for position in index..<(index + digits) {
            guard let digit = bytes[position].decimalDigit else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}

extension UInt8 {
    fileprivate var decimalDigit: Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil
    }
}
