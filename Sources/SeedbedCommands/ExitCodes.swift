public import ArgumentParser

/// The exit codes scripts and CI depend on (DESIGN.md).
extension ExitCode {
    /// A gate or check failed: the input was read and found wanting.
    public static let checkFailed = ExitCode(1)
    /// Bad usage or unreadable input.
    public static let inputError = ExitCode(2)
    /// The environment failed: a database is unreachable, a library is missing, …
    public static let environmentError = ExitCode(3)
}
