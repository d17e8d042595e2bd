import SeedbedSpec

/// Formats typed column values as text, column by column, into one byte buffer with offsets,
/// so the per-type loops stay tight and rows are then assembled by copying slices.
struct EncodedColumn {
    var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` is row i's field.
    var offsets: [Int] = [0]

    mutating func reset(capacity: Int) {
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.reserveCapacity(capacity + 1)
        offsets.append(0)
    }

    mutating func endField() { offsets.append(bytes.count) }
}

/// The two text formats Seedbed writes.
public enum TextFormat: String, Sendable, CaseIterable {
    /// RFC 4180, a header row; null is an empty unquoted field, the empty string is `""`.
    case csv
    /// One JSON object per line.
    case jsonl

    public var fileExtension: String { rawValue }
}

enum FieldEncoder {
    static func encode(_ column: ColumnBuffer, count: Int, format: TextFormat, into out: inout EncodedColumn) {
        out.reset(capacity: count)
        let null: [UInt8] = format == .csv ? [] : Array("null".utf8)
        let quoteTemporal = format == .jsonl
        let nulls = column.nulls
        switch column.values {
        case .int(let values):
            for row in 0..<count {
                if nulls[row] { out.bytes += null } else { appendInteger(values[row], to: &out.bytes) }
                out.endField()
            }
        case .decimal(let values, let scale):
            for row in 0..<count {
                if nulls[row] { out.bytes += null } else { appendDecimal(values[row], scale: scale, to: &out.bytes) }
                out.endField()
            }
        case .float(let values):
            for row in 0..<count {
                if nulls[row] { out.bytes += null } else { out.bytes += Array(plainDouble(values[row]).utf8) }
                out.endField()
            }
        case .bool(let values):
            for row in 0..<count {
                if nulls[row] { out.bytes += null } else { out.bytes += values[row] ? trueBytes : falseBytes }
                out.endField()
            }
        case .date(let values):
            for row in 0..<count {
                if nulls[row] {
                    out.bytes += null
                } else {
                    if quoteTemporal { out.bytes.append(UInt8(ascii: "\"")) }
                    appendDate(Int(values[row]), to: &out.bytes)
                    if quoteTemporal { out.bytes.append(UInt8(ascii: "\"")) }
                }
                out.endField()
            }
        case .timestamp(let values):
            for row in 0..<count {
                if nulls[row] {
                    out.bytes += null
                } else {
                    if quoteTemporal { out.bytes.append(UInt8(ascii: "\"")) }
                    appendTimestamp(values[row], to: &out.bytes)
                    if quoteTemporal { out.bytes.append(UInt8(ascii: "\"")) }
                }
                out.endField()
            }
        case .uuid(let values):
            for row in 0..<count {
                if nulls[row] {
                    out.bytes += null
                } else {
                    if quoteTemporal { out.bytes.append(UInt8(ascii: "\"")) }
                    values[row].appendHex(to: &out.bytes)
                    if quoteTemporal { out.bytes.append(UInt8(ascii: "\"")) }
                }
                out.endField()
            }
        case .text(let values):
            for row in 0..<count {
                if nulls[row] {
                    out.bytes += null
                } else if format == .csv {
                    appendCSVText(values[row], to: &out.bytes)
                } else {
                    appendJSONString(values[row], to: &out.bytes)
                }
                out.endField()
            }
        }
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    // MARK: - Numbers

    static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumWidth: 1, to: &bytes)
    }

    /// `value / 10^scale` with exactly `scale` digits after the point.
    static func appendDecimal(_ value: Int64, scale: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        guard scale > 0 else { return appendDigits(value.magnitude, minimumWidth: 1, to: &bytes) }
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        appendDigits(value.magnitude / divisor, minimumWidth: 1, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(value.magnitude % divisor, minimumWidth: scale, to: &bytes)
    }

    static func appendDigits(_ value: UInt64, minimumWidth: Int, to bytes: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &buffer) { scratch in
            var index = scratch.count
            var rest = value
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            while scratch.count - index < minimumWidth {
                index -= 1
                scratch[index] = UInt8(ascii: "0")
            }
            bytes.append(contentsOf: scratch[index...])
        }
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

    static func appendDate(_ days: Int, to bytes: inout [UInt8]) {
        let (year, month, day) = CivilDate.civil(fromDays: days)
        appendDigits(UInt64(max(0, year)), minimumWidth: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(month), minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(day), minimumWidth: 2, to: &bytes)
    }

    static func appendTimestamp(_ micros: Int64, to bytes: inout [UInt8]) {
        let perDay: Int64 = 86_400_000_000
        let days = micros >= 0 ? micros / perDay : (micros - perDay + 1) / perDay
        let rest = micros - days * perDay
        appendDate(Int(days), to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        let seconds = UInt64(rest / 1_000_000)
        appendDigits(seconds / 3600, minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, minimumWidth: 2, to: &bytes)
        let fraction = UInt64(rest % 1_000_000)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(fraction, minimumWidth: 6, to: &bytes)
        }
        bytes.append(UInt8(ascii: "Z"))
    }

    // MARK: - Text

    /// RFC 4180: quote fields holding a comma, quote or line break, doubling quotes; the
    /// empty string is `""` so it differs from null.
    static func appendCSVText(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        let needsQuotes =
            utf8.isEmpty
            || utf8.contains {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
                    || $0 == UInt8(ascii: "\r")
            }
        guard needsQuotes else { return bytes.append(contentsOf: utf8) }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8)
                let hex = Array("0123456789abcdef".utf8)
                bytes += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
