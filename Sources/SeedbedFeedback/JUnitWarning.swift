/// Something in a report that was read but looks wrong: counts that do not add up, a time that is
/// not a number. The run is still complete.
public struct JUnitWarning: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case declaredCountsDiffer
        case unreadableTime
        case unreadableTimestamp
        case missingName
        case tooManyAttempts
    }

    public var code: Code
    public var file: String
    public var line: Int
    public var message: String

    public init(_ code: Code, file: String, line: Int, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): warning: \(message)" }
}
