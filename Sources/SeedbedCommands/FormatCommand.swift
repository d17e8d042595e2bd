public import ArgumentParser

/// `seedbed fmt SPEC…`: lay out spec files canonically.
public struct FormatCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fmt", abstract: "Lay out spec files canonically, keeping comments.")

    @ArgumentParser.Argument(help: "Spec files or folders of them.")
    var specs: [String]

    public init() {}

    public func run() async throws {
        throw ExitCode.inputError
    }
}
