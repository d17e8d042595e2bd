import SeedbedCommands

/// What a command line printed and how it exited.
struct CommandOutcome {
    var exitCode: Int32
    var output: String
    var error: String
}

/// Runs `seedbed ARGUMENTS…` in-process, capturing what it writes.
func seedbed(_ arguments: String..., terminal: Bool = false, environment: [String: String] = [:]) async
    -> CommandOutcome
{
    await seedbed(arguments, terminal: terminal, environment: environment)
}

/// `seedbed(_:)` with the arguments as an array.
func seedbed(_ arguments: [String], terminal: Bool = false, environment: [String: String] = [:]) async
    -> CommandOutcome
{
    let console = Console.capturing(terminal: terminal, environment: environment)
    let code = await Console.$current.withValue(console) {
        await SeedbedCommand.run(arguments: arguments)
    }
    return CommandOutcome(exitCode: code, output: console.output, error: console.error)
}
