import SeedbedSpec

/// Writes the text forms Seedbed stores in SQLite, as UTF-8 bytes appended to a buffer (no
/// `String` per value): dates and timestamps in the forms SQLite's date and time functions read.
enum SQLiteTextEncoder {
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// `YYYY-MM-DD`.
    /// - Returns: `false` (appending nothing) outside years 0000–9999, which SQLite's date
    ///   functions do not read.
    static func appendDate(days: Int, to bytes: inout ContiguousArray<UInt8>) -> Bool {
        let (year, month, day) = CivilDate.civil(fromDays: days)
        guard (0...9999).contains(year) else { return false }
        appendDigits(UInt64(year), width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(month), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(day), width: 2, to: &bytes)
        return true
    }

    /// `YYYY-MM-DD HH:MM:SS`, then `.ffffff` when there are microseconds; UTC.
    /// - Returns: `false` (appending nothing) outside years 0000–9999.
    static func appendTimestamp(microseconds: Int64, to bytes: inout ContiguousArray<UInt8>) -> Bool {
        let days = microseconds >= 0 ? microseconds / microsecondsPerDay : (microseconds + 1) / microsecondsPerDay - 1
        let rest = microseconds - days * microsecondsPerDay
        guard appendDate(days: Int(days), to: &bytes) else { return false }
        bytes.append(UInt8(ascii: " "))
        let seconds = UInt64(rest / 1_000_000)
        appendDigits(seconds / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, width: 2, to: &bytes)
        let fraction = UInt64(rest % 1_000_000)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(fraction, width: 6, to: &bytes)
        }
        return true
    }

    /// `value / 10^scale` with exactly `scale` digits after the point: `-12.50`.
    static func appendDecimal(_ value: Int64, scale: Int, to bytes: inout ContiguousArray<UInt8>) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        guard scale > 0 else { return appendDigits(value.magnitude, width: 1, to: &bytes) }
        // Scales past 19 digits leave the whole part 0 and print the magnitude zero-padded.
        let divisor = scale < Powers.unsigned.count ? Powers.unsigned[scale] : nil
        appendDigits(divisor.map { value.magnitude / $0 } ?? 0, width: 1, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(divisor.map { value.magnitude % $0 } ?? value.magnitude, width: scale, to: &bytes)
    }

    /// The decimal digits of `value`, left-padded with zeros to `width`.
    static func appendDigits(_ value: UInt64, width: Int, to bytes: inout ContiguousArray<UInt8>) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        let count = withUnsafeMutableBytes(of: &digits) { scratch in
            var index = scratch.count
            var rest = value
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            return scratch.count - index
        }
        for _ in count..<max(count, width) { bytes.append(UInt8(ascii: "0")) }
        withUnsafeBytes(of: &digits) { scratch in bytes.append(contentsOf: scratch[(scratch.count - count)...]) }
    }
}

/// Powers of ten for fixed-point decimals.
enum Powers {
    /// 10^0 … 10^19.
    static let unsigned: [UInt64] = (0...19).map { exponent in
        (0..<exponent).reduce(UInt64(1)) { power, _ in power * 10 }
    }
    /// 10^0 … 10^18 (what an Int64 holds).
    static let signed: [Int64] = unsigned.prefix(19).map { Int64($0) }
    /// 10^0 … 10^22, exact as doubles.
    static let double: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }
}
