public import SeedbedSpec

/// A table of a registered dataset version: where its rows are, the columns Seedbed wrote (the
/// ones a certificate fingerprints), and how many rows each run made.
public struct DatasetTable: Codable, Sendable, Equatable {
    /// A column as the data names it, with the type it is read back as (`int`, `decimal(2)`, …).
    public struct Column: Codable, Sendable, Equatable {
        public var name: String
        public var type: String

        public init(name: String, type: ValueType) {
            self.name = name
            self.type = type.description
        }

        /// A column with its type as a catalog or certificate wrote it (checked when read).
        public init(name: String, typeName: String) {
            self.name = name
            self.type = typeName
        }

        /// The type, or nil when the text is not one (a hand-edited catalog or certificate).
        public var valueType: ValueType? { ValueType(catalogName: type) }
    }

    /// The table as the data names it: the file's stem (`loan` for `loan.csv`), or the database
    /// table (`billing.loan` when qualified).
    public var name: String
    public var columns: [Column]
    public var rows: Int
    /// Rows made for each scenario, by scenario ID.
    public var scenarioRows: [String: Int]
    /// `--negative` rows made to break each rule, by rule ID (files only).
    public var negativeRows: [String: Int]

    public init(
        name: String, columns: [Column], rows: Int, scenarioRows: [String: Int] = [:], negativeRows: [String: Int] = [:]
    ) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.scenarioRows = scenarioRows
        self.negativeRows = negativeRows
    }
}

extension ValueType {
    /// Reads `ValueType.description` back: `int`, `decimal(2)`, `text`, …
    public init?(catalogName text: String) {
        switch text {
        case "int": self = .int
        case "float": self = .float
        case "text": self = .text
        case "bool": self = .bool
        case "date": self = .date
        case "timestamp": self = .timestamp
        case "uuid": self = .uuid
        default:
            guard text.hasPrefix("decimal("), text.hasSuffix(")"),
                let scale = Int(text.dropFirst("decimal(".count).dropLast()), (0...18).contains(scale)
            else { return nil }
            self = .decimal(scale: scale)
        }
    }
}
