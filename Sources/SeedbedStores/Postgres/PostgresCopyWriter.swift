import SeedbedEngine
import SeedbedSpec

/// Encodes typed column buffers as the rows of PostgreSQL's COPY text format, straight into a
/// reusable byte buffer: fields separated by tabs, rows ended by a newline, `\N` for null, and
/// backslash, tab, newline and carriage return escaped in text.
///
/// Value forms (see docs/stores.md): integers in decimal; decimals with exactly their scale;
/// floats in Swift's shortest round-trip form (`Infinity`, `-Infinity`, `NaN` spelled as
/// PostgreSQL reads them); booleans `t`/`f` (`1`/`0` into an integer column); dates ISO
/// (`YYYY-MM-DD`, ` BC` before year 1); timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, without
/// the offset for `timestamp without time zone` (the UTC wall-clock time); UUIDs canonical.
struct PostgresCopyWriter {
    /// How each column is written, decided once per load from its declared type.
    enum Form {
        case standard
        /// `timestamp without time zone`: no offset.
        case localTimestamp
        /// Booleans into an integer column.
        case integerBoolean
    }

    private(set) var bytes: ContiguousArray<UInt8> = []
    let forms: [Form]

    init(forms: [Form], capacity: Int) {
        self.forms = forms
        bytes.reserveCapacity(capacity)
    }

    static func form(of column: LoadColumn) -> Form {
        let declared = column.declaredType.lowercased()
        switch column.type {
        case .timestamp:
            let zoned = declared.hasPrefix("timestamptz") || declared.contains("with time zone")
            return declared.hasPrefix("timestamp") && !zoned ? .localTimestamp : .standard
        case .bool:
            let integer = ["smallint", "integer", "int", "bigint", "int2", "int4", "int8"].contains(declared)
            return integer ? .integerBoolean : .standard
        default:
            return .standard
        }
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends row `row` of `batch`.
    mutating func append(row: Int, of batch: RowBatch) {
        for (index, column) in batch.columns.enumerated() {
            if index > 0 { bytes.append(CopyByte.tab) }
            if column.nulls[row] {
                bytes.append(CopyByte.backslash)
                bytes.append(UInt8(ascii: "N"))
                continue
            }
            switch column.values {
            case .int(let values):
                appendInteger(values[row])
            case .decimal(let values, let scale):
                appendDecimal(values[row], scale: scale)
            case .float(let values):
                appendFloat(values[row])
            case .text(let values):
                appendEscaped(values[row])
            case .bool(let values):
                if forms[index] == .integerBoolean {
                    bytes.append(values[row] ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                } else {
                    bytes.append(values[row] ? UInt8(ascii: "t") : UInt8(ascii: "f"))
                }
            case .date(let values):
                appendDate(days: Int(values[row]), era: true)
            case .timestamp(let values):
                appendTimestamp(values[row], offset: forms[index] != .localTimestamp)
            case .uuid(let values):
                values[row].appendHex(to: &bytes)
            }
        }
        bytes.append(CopyByte.newline)
    }

    // MARK: - Values

    mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(CopyByte.minus) }
        appendDigits(value.magnitude, minimumCount: 1)
    }

    mutating func appendDecimal(_ value: Int64, scale: Int) {
        guard scale > 0 else { return appendInteger(value) }
        if value < 0 { bytes.append(CopyByte.minus) }
        let magnitude = value.magnitude
        // Scales past 18 cannot hold any Int64 other than 0 in the fraction's width.
        let divisor = scale <= 19 ? Self.powersOfTen[scale] : nil
        let whole = divisor.map { magnitude / $0 } ?? 0
        let fraction = divisor.map { magnitude % $0 } ?? magnitude
        appendDigits(whole, minimumCount: 1)
        bytes.append(UInt8(ascii: "."))
        appendDigits(fraction, minimumCount: scale)
    }

    mutating func appendFloat(_ value: Double) {
        if value.isNaN {
            bytes.append(contentsOf: "NaN".utf8)
        } else if value.isInfinite {
            bytes.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// `YYYY-MM-DD`; years before 1 as PostgreSQL writes them (`0044-03-15 BC`) when `era`.
    mutating func appendDate(days: Int, era: Bool) {
        let date = PostgresCivilDate(daysSinceEpoch: days)
        appendDigits(UInt64(date.year > 0 ? date.year : 1 - date.year), minimumCount: 4)
        bytes.append(CopyByte.minus)
        appendDigits(UInt64(date.month), minimumCount: 2)
        bytes.append(CopyByte.minus)
        appendDigits(UInt64(date.day), minimumCount: 2)
        if era && date.year <= 0 { bytes.append(contentsOf: " BC".utf8) }
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff][+00][ BC]` of microseconds since the epoch, in UTC.
    mutating func appendTimestamp(_ microseconds: Int64, offset: Bool) {
        let perDay: Int64 = 86_400_000_000
        let (quotient, remainder) = microseconds.quotientAndRemainder(dividingBy: perDay)
        let days = remainder < 0 ? quotient - 1 : quotient
        let time = remainder < 0 ? remainder + perDay : remainder
        appendDate(days: Int(days), era: false)
        bytes.append(UInt8(ascii: " "))
        let seconds = time / 1_000_000
        appendDigits(UInt64(seconds / 3600), minimumCount: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(seconds / 60 % 60), minimumCount: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(seconds % 60), minimumCount: 2)
        let fraction = time % 1_000_000
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(UInt64(fraction), minimumCount: 6)
        }
        if offset { bytes.append(contentsOf: "+00".utf8) }
        if PostgresCivilDate(daysSinceEpoch: Int(days)).year <= 0 { bytes.append(contentsOf: " BC".utf8) }
    }

    /// The text with COPY's escapes; the empty string stays empty (null is `\N`).
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let escaped: UInt8
                switch utf8[index] {
                case CopyByte.backslash: escaped = CopyByte.backslash
                case CopyByte.tab: escaped = UInt8(ascii: "t")
                case CopyByte.newline: escaped = UInt8(ascii: "n")
                case CopyByte.carriageReturn: escaped = UInt8(ascii: "r")
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(CopyByte.backslash)
                bytes.append(escaped)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    /// Decimal digits of `value`, left-padded with zeros to `minimumCount`.
    private mutating func appendDigits(_ value: UInt64, minimumCount: Int) {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        let width = max(count, minimumCount)
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var remaining = value
        var position = start + width - 1
        while remaining > 0 {
            bytes[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        }
    }

    static let powersOfTen: [UInt64] = (0...19).map { power in
        (0..<power).reduce(UInt64(1)) { product, _ in product * 10 }
    }
}

/// The bytes COPY's text format gives a meaning.
enum CopyByte {
    static let backslash = UInt8(ascii: "\\")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let minus = UInt8(ascii: "-")
}
