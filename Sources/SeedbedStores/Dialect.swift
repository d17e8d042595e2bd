import Foundation
public import SeedbedSpec

/// What differs between the databases Seedbed writes: type names and what a type means.
public enum Dialect: String, Sendable {
    case sqlite
    case postgres

    /// The column type `--create` declares for a spec type.
    public func columnType(for type: ValueType) -> String {
        switch (self, type) {
        case (.sqlite, .int): "INTEGER"
        case (.sqlite, .decimal(let scale)): "NUMERIC(18,\(scale))"
        case (.sqlite, .float): "REAL"
        case (.sqlite, .text): "TEXT"
        case (.sqlite, .bool): "BOOLEAN"
        case (.sqlite, .date): "DATE"
        case (.sqlite, .timestamp): "TIMESTAMP"
        case (.sqlite, .uuid): "UUID"
        case (.postgres, .int): "bigint"
        case (.postgres, .decimal(let scale)): "numeric(18,\(scale))"
        case (.postgres, .float): "double precision"
        case (.postgres, .text): "text"
        case (.postgres, .bool): "boolean"
        case (.postgres, .date): "date"
        case (.postgres, .timestamp): "timestamp with time zone"
        case (.postgres, .uuid): "uuid"
        }
    }

    /// The spec type that fits a declared database type, for columns the spec does not mention and
    /// for `init`. `nil` for types Seedbed cannot generate (arrays, json, bytea, …).
    public func valueType(forDeclared declared: String) -> ValueType? {
        let lowered = declared.lowercased().trimmingCharacters(in: .whitespaces)
        let base = lowered.prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces)
        let arguments = Self.typeArguments(lowered)
        switch base {
        case "int", "integer", "int2", "int4", "int8", "smallint", "bigint", "tinyint", "mediumint", "serial",
            "bigserial", "smallserial", "unsigned big int":
            return .int
        case "numeric", "decimal":
            // numeric(p, s): scale s; a bare numeric gets the default scale.
            if arguments.count == 2, let scale = arguments[1] { return .decimal(scale: scale) }
            if arguments.count == 1 { return .decimal(scale: 0) }
            return .decimal(scale: ValueType.defaultDecimalScale)
        case "real", "float", "float4", "float8", "double", "double precision":
            return .float
        case "bool", "boolean":
            return .bool
        case "date":
            return .date
        case "timestamp", "timestamptz", "datetime", "timestamp with time zone", "timestamp without time zone":
            return .timestamp
        case "uuid":
            return .uuid
        case "text", "varchar", "character varying", "char", "character", "bpchar", "clob", "string", "name",
            "citext", "nvarchar", "nchar", "varying character", "native character":
            return .text
        default:
            guard self == .sqlite else { return nil }
            // SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), in their order.
            if base.contains("int") { return .int }
            if base.contains("char") || base.contains("clob") || base.contains("text") { return .text }
            if base.contains("real") || base.contains("floa") || base.contains("doub") { return .float }
            if base.isEmpty || base.contains("blob") { return nil }
            return .decimal(scale: ValueType.defaultDecimalScale)
        }
    }

    /// The numbers in a declared type's parentheses: `numeric(12, 2)` → [12, 2]; empty without any.
    static func typeArguments(_ declared: String) -> [Int?] {
        declared.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }
            .split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The longest text a declared type holds (`varchar(40)` → 40), so generated text fits.
    /// SQLite enforces no length, so only PostgreSQL types have one.
    public func maximumTextLength(ofDeclared declared: String) -> Int? {
        guard self == .postgres else { return nil }
        let lowered = declared.lowercased()
        guard
            lowered.hasPrefix("varchar") || lowered.hasPrefix("character varying") || lowered.hasPrefix("char")
                || lowered.hasPrefix("character") || lowered.hasPrefix("nvarchar") || lowered.hasPrefix("nchar")
        else { return nil }
        guard let open = lowered.firstIndex(of: "("), let close = lowered.firstIndex(of: ")"), open < close else {
            return lowered.hasPrefix("char") && !lowered.hasPrefix("character varying") ? 1 : nil
        }
        return Int(lowered[lowered.index(after: open)..<close].trimmingCharacters(in: .whitespaces))
    }
}
