/// Why a JUnit file was refused or could not be read to its end, and where.
///
/// Every error names the file and, when one is known, the 1-based line libxml2 (or the prolog
/// check) was on, so a user can open the file at the place.
public struct JUnitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The closed set of reasons; `isRecoverable` says which a partial read may stand in for.
    public enum Code: String, Hashable, Sendable {
        case unreadable
        case empty
        case fileTooLarge
        case doctypeRefused
        case entityRefused
        case tooDeep
        case textTooLong
        case attributeTooLong
        case prologTooLong
        case notJUnit
        case notXML
        case truncated
        case malformed
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var message: String

    public init(_ code: Code, file: String, line: Int?, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    /// Truncated and malformed files may still be read up to the break with `allowPartial`;
    /// refusals for safety (DTDs, limits) and files that are not JUnit never are.
    public var isRecoverable: Bool { code == .truncated || code == .malformed }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): error: \(message)"
    }
}
