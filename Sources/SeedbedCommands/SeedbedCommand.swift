public import ArgumentParser

public struct SeedbedCommand: AsyncParsableCommand {
    public init() {}
}
