public import ArgumentParser

public struct FormatCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "fmt")
    public init() {}
}
