/// What names a test across runs: the suites it sits in, its class and name, and its file.
public struct TestIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The `name` of each enclosing `testsuite`, outermost first (the `testsuites` root is not
    /// part of it).
    public var suitePath: [String]
    /// `classname` (or PHPUnit's `class`); nil when absent (PHPUnit `.phpt`, converted xUnit.net).
    public var classname: String?
    public var name: String
    /// The `file` attribute of the test case (pytest xunit1, PHPUnit, jest), if any.
    public var file: String?

    public init(suitePath: [String], classname: String?, name: String, file: String?) {
        self.suitePath = suitePath
        self.classname = classname
        self.name = name
        self.file = file
    }

    public var description: String {
        let owner = classname ?? suitePath.joined(separator: " / ")
        return owner.isEmpty ? name : "\(owner).\(name)"
    }
}
