public import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `seedbed` command: test data that obeys your business rules.
public struct SeedbedCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "seedbed",
        abstract: "Test data that obeys your business rules, for the databases your tests run on.",
        discussion: """
            A spec file (*.seed) declares tables, distributions, business rules and rare
            scenarios. `seedbed check` finds mistakes in specs before any row is made;
            `seedbed fmt` lays them out canonically.

            Exit codes: 0 success, 1 a check or gate failed, 2 usage or input error,
            3 environment error.
            """,
        version: SeedbedVersion.current,
        subcommands: [
            CheckCommand.self, FormatCommand.self, GenerateCommand.self, SeedCommand.self, ProfileCommand.self,
            InitCommand.self, ScoreCommand.self,
            KeygenCommand.self, CertifyCommand.self, VerifyCommand.self, CatalogCommand.self, RevalidateCommand.self,
            IngestCommand.self, EffectivenessCommand.self, TraceCommand.self, CompareCommand.self, ReportCommand.self,
        ]
    )

    public init() {}

    /// Runs a command line and returns its exit code, writing to `Console.current`.
    ///
    /// Unlike `main()`, it never exits the process, so tests call it directly.
    public static func run(arguments: [String]) async -> Int32 {
        let console = Console.current
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                // --help and --version are answers, not errors.
                console.write(message + "\n")
                return 0
            }
            console.write(message + "\n", to: .error)
            // ArgumentParser says 64 for usage errors; Seedbed promises 2.
            return code == .validationFailure ? ExitCode.inputError.rawValue : code.rawValue
        }
    }

    /// The process entry point: runs the command line and exits with its code.
    public static func start() async -> Never {
        let code = await run(arguments: Array(CommandLine.arguments.dropFirst()))
        #if canImport(Glibc)
            Glibc.exit(code)
        #else
            Darwin.exit(code)
        #endif
    }
}

public enum SeedbedVersion {
    public static let current = "0.1.0"
}
