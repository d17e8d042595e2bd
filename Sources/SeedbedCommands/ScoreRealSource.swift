import Foundation
import SeedbedEngine
import SeedbedProfile
import SeedbedScore
import SeedbedSpec
import SeedbedStores

/// A real source read for comparison (`--baseline`, `--privacy-against`): a CSV file or
/// folder (through SeedbedProfile's `CSVSource`, values typed by the spec's column types) or a
/// database target (read with the spec's types). Only the spec's tables and columns it holds are read.
struct ScoreRealSource {
    struct Failure: Error {
        var message: String
        var code: Failure.Code
        enum Code { case input, environment }
    }

    let text: String

    /// Whether the text names a database rather than CSV files (a `.db` file is a database).
    var isDatabase: Bool {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory)
        return (try? Target(parsing: text)) != nil && !(exists && isDirectory.boolValue)
            && !text.lowercased().hasSuffix(".csv")
    }

    /// The source's tables, named as the spec's, holding the spec's columns it has.
    func read(tables: [TableDecl]) throws(Failure) -> [String: MetricTable] {
        if isDatabase { return try readDatabase(tables: tables) }
        return try readCSV(tables: tables)
    }

    private func readDatabase(tables: [TableDecl]) throws(Failure) -> [String: MetricTable] {
        do {
            let target = try Target(parsing: text)
            let database = try target.open()
            let schema = try database.introspect()
            var result: [String: MetricTable] = [:]
            for table in tables {
                guard let found = schema.table(named: table.name.name) else { continue }
                let existing = Dictionary(
                    found.columns.map { ($0.name.lowercased(), $0.name) }, uniquingKeysWith: { first, _ in first })
                let columns = table.columns.compactMap { column -> (spec: String, load: LoadColumn)? in
                    guard let name = existing[column.name.name.lowercased()], let type = column.type.valueType
                    else { return nil }
                    return (column.name.name, LoadColumn(name: name, type: type, declaredType: ""))
                }
                var gathered = ScoreColumns(names: columns.map(\.spec), types: columns.map(\.load.type))
                try database.read(table: found.name, columns: columns.map(\.load), batchSize: 4096) { batch in
                    gathered.append(batch)
                }
                result[table.name.name] = try gathered.table()
            }
            return result
        } catch let error as StoreError {
            throw Failure(
                message: error.message,
                code: error.kind == .unreachable || error.kind == .database ? .environment : .input)
        } catch {
            throw Failure(message: "\(error)", code: .input)
        }
    }

    private func readCSV(tables: [TableDecl]) throws(Failure) -> [String: MetricTable] {
        do {
            let source = try CSVSource(path: text)
            var result: [String: MetricTable] = [:]
            for sourceTable in try source.tables() {
                guard let table = tables.first(where: { $0.name.name == sourceTable.name }) else { continue }
                let header = sourceTable.columns.map(\.name)
                let columns = table.columns.compactMap { column -> (name: String, type: ValueType, index: Int)? in
                    guard let index = header.firstIndex(of: column.name.name), let type = column.type.valueType
                    else { return nil }
                    return (column.name.name, type, index)
                }
                var metric = columns.map { ScoreRealColumn(type: $0.type) }
                var conversionError: String?
                try source.scan(sourceTable) { batch in
                    guard conversionError == nil else { return }
                    for (position, column) in columns.enumerated() {
                        for value in batch.columns[column.index] {
                            guard metric[position].append(value) else {
                                conversionError =
                                    "\(text): table '\(table.name.name)', column '\(column.name)': '\(value.text)' is not \(column.type.withArticle)"
                                return
                            }
                        }
                    }
                }
                if let conversionError { throw Failure(message: conversionError, code: .input) }
                result[table.name.name] = try MetricTable(
                    names: columns.map(\.name), columns: metric.map(\.column))
            }
            return result
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(message: "\(error)", code: .input)
        }
    }
}

/// One real CSV column typed by the spec: numbers, dates (days) and timestamps (microseconds)
/// as doubles, the rest as categories. Spellings are those production exports use.
struct ScoreRealColumn {
    let type: ValueType
    private var numbers: [Double?] = []
    private var categories: [String?] = []

    init(type: ValueType) { self.type = type }

    var column: MetricColumn {
        type.isNumeric || type == .date || type == .timestamp ? .numeric(numbers) : .categorical(categories)
    }

    /// Adds a value; `false` when it cannot be read as the column's type.
    mutating func append(_ value: SourceValue) -> Bool {
        let text: String
        switch value {
        case .null:
            numbers.append(nil)
            categories.append(nil)
            return true
        case .text(let value): text = value
        default: return false
        }
        switch type {
        case .int, .decimal, .float:
            guard let number = Self.number(text), number.isFinite else { return false }
            numbers.append(number)
        case .date:
            guard let days = Self.date(Substring(text)) else { return false }
            numbers.append(Double(days))
        case .timestamp:
            guard let micros = Self.timestamp(text) else { return false }
            numbers.append(Double(micros))
        case .bool:
            switch text.lowercased() {
            case "true", "t", "1", "yes", "y": categories.append("true")
            case "false", "f", "0", "no", "n": categories.append("false")
            default: return false
            }
        case .text, .uuid:
            categories.append(text)
        }
        return true
    }

    /// The number a field spells, surrounding spaces allowed. Parsed as is first: trimming
    /// through Foundation bridges to NSString and cost more than half of reading a real CSV.
    static func number(_ text: String) -> Double? {
        if let value = plainDecimal(text) { return value }
        if let value = Double(text) { return value }
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == 0x20 || bytes[bytes.index(before: end)] == 0x09 {
            end = bytes.index(before: end)
        }
        guard start != bytes.startIndex || end != bytes.endIndex else { return nil }
        return Double(text[start..<end])
    }

    /// `-?[0-9]+(.[0-9]+)?` with at most 15 digits, without strtod: the digits are exact as a
    /// double and so is 10^k for k ≤ 15, so one correctly rounded division gives the double
    /// nearest the decimal, which is what `Double(text)` returns. `nil` for any other spelling.
    static func plainDecimal(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes -> Double? in
            var index = 0
            let negative = bytes.first == UInt8(ascii: "-")
            if negative { index = 1 }
            var mantissa: UInt64 = 0
            var digits = 0
            var fraction = -1
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "."), fraction < 0, digits > 0 {
                    fraction = 0
                    continue
                }
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10, digits < 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(digit)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            }
            guard digits > 0, fraction != 0 else { return nil }
            let value = Double(mantissa) / powersOfTen[Swift.max(0, fraction)]
            return negative ? -value : value
        }
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { result, _ in result * 10 }
    }

    static func date(_ text: Substring) -> Int? {
        // `YYYY-MM-DD` as production exports write it, read from the bytes; any other
        // spelling the general parse below accepts or refuses.
        let bytes = text.utf8
        if bytes.count == 10 {
            var fields = [0, 0, 0]
            var valid = true
            for (offset, byte) in bytes.enumerated() {
                switch offset {
                case 4, 7: valid = valid && byte == UInt8(ascii: "-")
                default:
                    let digit = byte &- UInt8(ascii: "0")
                    valid = valid && digit < 10
                    let field = offset < 4 ? 0 : offset < 7 ? 1 : 2
                    fields[field] = fields[field] * 10 + Int(digit)
                }
            }
            if valid { return CivilDate.days(year: fields[0], month: fields[1], day: fields[2]) }
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return nil }
        return CivilDate.days(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH:MM]`, in UTC.
    static func timestamp(_ text: String) -> Int64? {
        guard text.count >= 16, let days = date(text.prefix(10)) else { return nil }
        var rest = text.dropFirst(10)
        guard rest.first == "T" || rest.first == " " else { return nil }
        rest = rest.dropFirst()
        var offset = 0
        if rest.hasSuffix("Z") {
            rest = rest.dropLast()
        } else if rest.count > 6, let sign = rest.dropLast(5).last, sign == "+" || sign == "-" {
            let zone = rest.suffix(5).split(separator: ":")
            guard zone.count == 2, let hours = Int(zone[0]), let minutes = Int(zone[1]) else { return nil }
            offset = (sign == "+" ? 1 : -1) * (hours * 3600 + minutes * 60)
            rest = rest.dropLast(6)
        }
        let clock = rest.split(separator: ":")
        guard clock.count == 2 || clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]) else {
            return nil
        }
        var seconds = 0.0
        if clock.count == 3 {
            guard let value = Double(clock[2]) else { return nil }
            seconds = value
        }
        let whole = Double(days * 86_400 + hour * 3600 + minute * 60 - offset) + seconds
        return Int64((whole * 1_000_000).rounded())
    }
}

extension SourceValue {
    fileprivate var text: String {
        switch self {
        case .text(let value): value
        default: "\(self)"
        }
    }
}

extension ValueType {
    fileprivate var withArticle: String { self == .int ? "an int" : "a \(self)" }
}
