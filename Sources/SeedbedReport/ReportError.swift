/// Why a report could not be made.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The templates shipped with Seedbed are missing or broken: a packaging bug.
        case templates
        /// The output folder cannot be written.
        case output
    }

    public var kind: Kind
    public var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
