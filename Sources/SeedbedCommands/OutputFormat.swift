public import ArgumentParser

/// How a command prints its result.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// For people.
    case text
    /// For machines: one JSON document on standard output.
    case json
}

/// When to colour output.
public enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    case auto
    case always
    case never

    func isEnabled(for stream: Console.Stream, console: Console) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            // https://no-color.org: any non-empty NO_COLOR turns colour off.
            return console.isTerminal(stream) && (console.environment("NO_COLOR") ?? "").isEmpty
        }
    }
}
