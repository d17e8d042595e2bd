import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// Where commands write: standard output and error, or buffers in tests.
///
/// Commands reach it through `Console.current`, a task-local, so a test can run the real
/// command and read exactly what a user would see.
public final class Console: Sendable {
    public enum Stream: Sendable {
        case output
        case error
    }

    private enum Sink {
        case standard
        case buffer(output: String, error: String)
    }

    private let sink: Mutex<Sink>
    /// Whether each stream is an interactive terminal (colour and progress only there).
    public let isTerminal: @Sendable (Stream) -> Bool
    /// The environment variables commands consult (`NO_COLOR`, …).
    public let environment: @Sendable (String) -> String?

    private init(
        sink: Sink, isTerminal: @escaping @Sendable (Stream) -> Bool,
        environment: @escaping @Sendable (String) -> String?
    ) {
        self.sink = Mutex(sink)
        self.isTerminal = isTerminal
        self.environment = environment
    }

    /// The process's standard output and error.
    public static let standard = Console(
        sink: .standard,
        isTerminal: { stream in isatty(stream == .output ? STDOUT_FILENO : STDERR_FILENO) != 0 },
        environment: { name in getenv(name).map { String(cString: $0) } })

    /// A console that keeps what is written, for tests.
    public static func capturing(terminal: Bool = false, environment: [String: String] = [:]) -> Console {
        Console(sink: .buffer(output: "", error: ""), isTerminal: { _ in terminal }, environment: { environment[$0] })
    }

    @TaskLocal public static var current: Console = .standard

    public func write(_ text: String, to stream: Stream = .output) {
        sink.withLock { sink in
            switch sink {
            case .standard:
                var bytes = Array(text.utf8)
                let descriptor = stream == .output ? STDOUT_FILENO : STDERR_FILENO
                bytes.withUnsafeMutableBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var offset = 0
                    while offset < buffer.count {
                        let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                        if written <= 0 { break }
                        offset += written
                    }
                }
            case .buffer(var output, var error):
                if stream == .output { output += text } else { error += text }
                sink = .buffer(output: output, error: error)
            }
        }
    }

    /// What was written to standard output (captured consoles only).
    public var output: String {
        sink.withLock { if case .buffer(let output, _) = $0 { output } else { "" } }
    }

    /// What was written to standard error (captured consoles only).
    public var error: String {
        sink.withLock { if case .buffer(_, let error) = $0 { error } else { "" } }
    }
}
