/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning
    case error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// A finding about a spec file: where, what, and what to do about it.
public struct Diagnostic: Sendable, Hashable {
    /// Extra context attached to a diagnostic, such as the other rule of a contradiction.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var range: SourceRange?

        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    public var severity: Severity
    public var message: String
    /// What the caret underlines; its start is the reported location.
    public var range: SourceRange
    public var notes: [Note]
    /// A suggested fix, shown as `help: …` (for instance `did you mean 'age'?`).
    public var help: String?

    public init(
        _ severity: Severity, _ message: String, at range: SourceRange, notes: [Note] = [], help: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.help = help
    }

    public static func error(
        _ message: DiagnosticMessage, at range: SourceRange, notes: [Note] = [], help: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message.text, at: range, notes: notes, help: help ?? message.help)
    }

    public static func warning(
        _ message: DiagnosticMessage, at range: SourceRange, notes: [Note] = [], help: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message.text, at: range, notes: notes, help: help ?? message.help)
    }
}

/// The diagnostics found in one file, with the file they point into.
public struct FileDiagnostics: Sendable {
    public var file: SourceFile
    public var diagnostics: [Diagnostic]

    public init(file: SourceFile, diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
