import SeedbedSpec

/// The two text formats Seedbed writes.
public enum TextFormat: String, Sendable, CaseIterable {
    /// RFC 4180, a header row; null is an empty unquoted field, the empty string is `""`.
    case csv
    /// One JSON object per line.
    case jsonl

    public var fileExtension: String { rawValue }
}

/// Formats typed values as the text of CSV and JSONL fields, into a `ByteBuffer`.
enum FieldEncoder {
    static func putNull(_ out: inout ByteBuffer) {
        out.reserve(4)
        for byte in "null".utf8 { out.put(byte) }
    }

    /// Appends text as it is (no quoting).
    static func putText(_ text: String, to out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
    }

    // MARK: - Numbers

    static func putInteger(_ value: Int64, to out: inout ByteBuffer) {
        if value < 0 {
            out.reserve(1)
            out.put(UInt8(ascii: "-"))
        }
        out.putDigits(value.magnitude)
    }

    /// `value / 10^scale` with exactly `scale` digits after the point.
    static func putDecimal(_ value: Int64, scale: Int, to out: inout ByteBuffer) {
        if value < 0 {
            out.reserve(1)
            out.put(UInt8(ascii: "-"))
        }
        guard scale > 0 else { return out.putDigits(value.magnitude) }
        var divisor: UInt64 = 1
        for _ in 0..<min(scale, 19) { divisor &*= 10 }
        out.putDigits(value.magnitude / divisor)
        out.reserve(1)
        out.put(UInt8(ascii: "."))
        out.putDigits(value.magnitude % divisor, minimumWidth: scale)
    }

    /// A double without exponent notation, which some loaders reject.
    static func plainDouble(_ value: Double) -> String {
        let text = "\(value)"
        guard text.contains("e") else { return text.hasSuffix(".0") ? String(text.dropLast(2)) : text }
        let parts = text.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]) else { return text }
        let negative = parts[0].hasPrefix("-")
        let mantissa = parts[0].drop { $0 == "-" }
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(pieces[0]) + (pieces.count > 1 ? String(pieces[1]) : "")
        var point = pieces[0].count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        }
        if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var result = String(digits.prefix(point))
        let fraction = digits.dropFirst(point).reversed().drop { $0 == "0" }.reversed()
        if !fraction.isEmpty { result += "." + String(fraction) }
        return (negative ? "-" : "") + result
    }

    // MARK: - Dates

    static func putDate(_ days: Int, to out: inout ByteBuffer) {
        let (year, month, day) = CivilDate.civil(fromDays: days)
        out.putDigits(UInt64(max(0, year)), minimumWidth: 4)
        out.reserve(6)
        out.put(UInt8(ascii: "-"))
        out.putDigits(UInt64(month), minimumWidth: 2)
        out.put(UInt8(ascii: "-"))
        out.putDigits(UInt64(day), minimumWidth: 2)
    }

    static func putTimestamp(_ micros: Int64, to out: inout ByteBuffer) {
        let perDay: Int64 = 86_400_000_000
        let days = micros >= 0 ? micros / perDay : (micros - perDay + 1) / perDay
        let rest = micros - days * perDay
        putDate(Int(days), to: &out)
        out.reserve(16)
        out.put(UInt8(ascii: "T"))
        let seconds = UInt64(rest / 1_000_000)
        out.putDigits(seconds / 3600, minimumWidth: 2)
        out.put(UInt8(ascii: ":"))
        out.putDigits(seconds / 60 % 60, minimumWidth: 2)
        out.put(UInt8(ascii: ":"))
        out.putDigits(seconds % 60, minimumWidth: 2)
        let fraction = UInt64(rest % 1_000_000)
        if fraction != 0 {
            out.reserve(8)
            out.put(UInt8(ascii: "."))
            out.putDigits(fraction, minimumWidth: 6)
        }
        out.reserve(1)
        out.put(UInt8(ascii: "Z"))
    }

    /// The canonical 8-4-4-4-12 lowercase form.
    static func putUUID(_ uuid: UUIDValue, to out: inout ByteBuffer) {
        let digits: StaticString = "0123456789abcdef"
        out.reserve(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { out.put(UInt8(ascii: "-")) }
            let shift = 124 - 4 * index
            let word = shift >= 64 ? uuid.high >> UInt64(shift - 64) : uuid.low >> UInt64(shift)
            out.put(digits.utf8Start[Int(word & 0xF)])
        }
    }

    // MARK: - Text

    /// RFC 4180: quote fields holding a comma, quote or line break, doubling quotes; the
    /// empty string is `""` so it differs from null.
    static func putCSVText(_ text: String, to out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            var needsQuotes = utf8.isEmpty
            for byte in utf8
            where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
            {
                needsQuotes = true
                break
            }
            guard needsQuotes else { return out.append(UnsafeRawBufferPointer(utf8)) }
            out.reserve(2 * utf8.count + 2)
            out.put(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { out.put(byte) }
                out.put(byte)
            }
            out.put(UInt8(ascii: "\""))
        }
    }

    static func putJSONString(_ text: String, to out: inout ByteBuffer) {
        var text = text
        let hex: StaticString = "0123456789abcdef"
        text.withUTF8 { utf8 in
            out.reserve(6 * utf8.count + 2)
            out.put(UInt8(ascii: "\""))
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.put(UInt8(ascii: "\\"))
                    out.put(byte)
                case UInt8(ascii: "\n"):
                    out.put(UInt8(ascii: "\\"))
                    out.put(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"):
                    out.put(UInt8(ascii: "\\"))
                    out.put(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"):
                    out.put(UInt8(ascii: "\\"))
                    out.put(UInt8(ascii: "t"))
                case 0..<0x20:
                    for escape in "\\u00".utf8 { out.put(escape) }
                    out.put(hex.utf8Start[Int(byte >> 4)])
                    out.put(hex.utf8Start[Int(byte & 0xF)])
                default:
                    out.put(byte)
                }
            }
            out.put(UInt8(ascii: "\""))
        }
    }
}
