/// A name and value from a `property` element (`value` attribute or text), or from a
/// `[[PROPERTY|name=value]]` line in captured output. Names repeat: keep every one, in order.
public struct Property: Hashable, Sendable, Codable {
    public enum Origin: String, Hashable, Sendable, Codable {
        case element
        case outputMarker
        /// An attribute of the test case that names a link (Xray's `requirement`).
        case attribute
    }

    public var name: String
    public var value: String
    public var origin: Origin

    public init(name: String, value: String, origin: Origin = .element) {
        self.name = name
        self.value = value
        self.origin = origin
    }
}
