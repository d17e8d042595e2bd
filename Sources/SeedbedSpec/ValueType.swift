/// The type of a column, as the spec declares it.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case int
    /// A fixed-point number with `scale` digits after the point.
    case decimal(scale: Int)
    case float
    case text
    case bool
    case date
    case timestamp
    case uuid

    /// The scale `decimal` gets when the spec does not give one.
    public static let defaultDecimalScale = 2

    public static let names = ["int", "decimal", "float", "text", "bool", "date", "timestamp", "uuid"]

    public var description: String {
        switch self {
        case .int: "int"
        case .decimal(let scale): "decimal(\(scale))"
        case .float: "float"
        case .text: "text"
        case .bool: "bool"
        case .date: "date"
        case .timestamp: "timestamp"
        case .uuid: "uuid"
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .int, .decimal, .float: true
        default: false
        }
    }

    /// The type's name with its indefinite article, for messages: `an int`, `a date`.
    var withArticle: String { self == .int ? "an int" : "a \(description)" }

    /// Ordered values that intervals and `uniform`, `min` and `max` make sense for.
    public var isOrdered: Bool { isNumeric || self == .date || self == .timestamp }
}

extension TypeName {
    /// The type this names, or `nil` for an unknown type name.
    public var valueType: ValueType? {
        switch name.name {
        case "int": .int
        case "decimal": .decimal(scale: scale?.value ?? ValueType.defaultDecimalScale)
        case "float": .float
        case "text": .text
        case "bool": .bool
        case "date": .date
        case "timestamp": .timestamp
        case "uuid": .uuid
        default: nil
        }
    }
}

/// The type of an expression, for type checking.
enum ExprType: Hashable, CustomStringConvertible {
    case number(integer: Bool)
    case text
    case bool
    case date
    case timestamp
    case uuid
    case null
    /// The expression has an error already reported; checks that involve it stay silent.
    case unknown

    init(_ type: ValueType) {
        switch type {
        case .int: self = .number(integer: true)
        case .decimal, .float: self = .number(integer: false)
        case .text: self = .text
        case .bool: self = .bool
        case .date: self = .date
        case .timestamp: self = .timestamp
        case .uuid: self = .uuid
        }
    }

    init(_ literal: Literal) {
        switch literal {
        case .number(let n): self = .number(integer: n.integerValue != nil)
        case .string: self = .text
        case .date: self = .date
        case .timestamp: self = .timestamp
        case .bool: self = .bool
        case .null: self = .null
        }
    }

    var description: String {
        switch self {
        case .number(let integer): integer ? "int" : "number"
        case .text: "text"
        case .bool: "bool"
        case .date: "date"
        case .timestamp: "timestamp"
        case .uuid: "uuid"
        case .null: "null"
        case .unknown: "unknown"
        }
    }

    var isNumber: Bool { if case .number = self { true } else { false } }
    var isTemporal: Bool { self == .date || self == .timestamp }

    /// Whether values of the two types can be compared with `=`, `<`, `between`, …
    func isComparable(with other: ExprType) -> Bool {
        switch (self, other) {
        case (.unknown, _), (_, .unknown), (.null, _), (_, .null): true
        case (.number, .number): true
        case (.date, .date), (.timestamp, .timestamp), (.date, .timestamp), (.timestamp, .date): true
        case (.uuid, .text), (.text, .uuid): true
        default: self == other
        }
    }

    /// Whether a value of this type can be stored in a column of `type`.
    func fits(_ type: ValueType) -> Bool {
        switch (self, type) {
        case (.unknown, _), (.null, _): true
        case (.number(let integer), .int): integer
        case (.number, .decimal), (.number, .float): true
        case (.date, .timestamp): true
        case (.text, .uuid): true
        default: self == ExprType(type)
        }
    }
}

/// The providers `fake` knows; the engine implements each one.
public enum FakeProvider: String, CaseIterable, Sendable {
    case personName = "person.name"
    case personFirstName = "person.first_name"
    case personLastName = "person.last_name"
    case internetEmail = "internet.email"
    case internetUsername = "internet.username"
    case internetDomain = "internet.domain"
    case phoneNumber = "phone.number"
    case addressStreet = "address.street"
    case addressCity = "address.city"
    case addressPostcode = "address.postcode"
    case addressCountry = "address.country"
    case companyName = "company.name"
    case loremWord = "lorem.word"
    case loremSentence = "lorem.sentence"
}
