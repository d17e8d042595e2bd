/// Why a profile could not be made or loaded: always with the place and, where one is known, the fix.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The source's data is malformed (a ragged CSV row, bad quoting, bytes that are not UTF-8).
        case malformedInput
        /// The source cannot be read at all (missing file, permissions, an empty folder).
        case unreadable
        /// A profile file is not a valid profile.
        case invalidProfile
    }

    public var kind: Kind
    /// Where: `file:line` for CSV input, a JSON path for a profile, or a file name.
    public var place: String
    public var message: String
    /// What to do about it, when there is something to say.
    public var fix: String?

    public init(_ kind: Kind, at place: String, _ message: String, fix: String? = nil) {
        self.kind = kind
        self.place = place
        self.message = message
        self.fix = fix
    }

    public var description: String {
        var text = place.isEmpty ? message : "\(place): \(message)"
        if let fix { text += " (\(fix))" }
        return text
    }
}
