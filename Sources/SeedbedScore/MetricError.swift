/// Why a metric could not be computed from the tables it was given: a caller's mistake (a
/// missing column, columns of different lengths), never a property of the data.
public struct MetricError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case unequalColumnLengths
        case duplicateColumn
        case missingColumn
        case kindMismatch
        case invalidArgument
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func missingColumn(_ name: String, in table: String) -> MetricError {
        MetricError(.missingColumn, "the \(table) table has no column '\(name)'")
    }

    static func kindMismatch(_ name: String, expected: String, found: String) -> MetricError {
        MetricError(.kindMismatch, "column '\(name)' is \(found) here but \(expected) in the real data")
    }
}
