/// Checks spec files: syntax, names, types, generators, references and satisfiability.
///
/// ```swift
/// let result = Checker().check(source: text, file: "lending.seed")
/// if result.hasErrors { print(DiagnosticRenderer(style: .plain).render(result.diagnostics, in: result.source)) }
/// ```
public struct Checker: Sendable {
    public init() {}

    /// Checks one spec file and returns every diagnostic found, in source order.
    public func check(_ source: SourceFile) -> CheckResult {
        check(ParsedSpec.parse(source))
    }

    /// Checks a parsed spec, possibly amended (`seedbed seed` adds the database's columns and
    /// CHECK rules to what the file says).
    public func check(_ parsed: ParsedSpec) -> CheckResult {
        var diagnostics = parsed.diagnostics
        if !parsed.syntax.items.isEmpty || parsed.syntax.dataset != nil {
            var resolver = NameResolver(parsed: parsed)
            resolver.run()
            diagnostics += resolver.diagnostics
            // Reasoning about domains needs resolved names and fitting types: run it on a clean spec only.
            if !diagnostics.contains(where: { $0.severity == .error }) {
                diagnostics += SatisfiabilityAnalysis.diagnose(parsed.syntax)
            }
        }
        return CheckResult(parsed: parsed, diagnostics: CheckResult.ordered(diagnostics))
    }

    /// Checks spec text.
    public func check(source text: String, file: String) -> CheckResult {
        check(SourceFile(name: file, text: text))
    }
}

/// The outcome of checking one spec file.
public struct CheckResult: Sendable {
    public let parsed: ParsedSpec
    public let diagnostics: [Diagnostic]

    public var source: SourceFile { parsed.source }
    public var syntax: SpecFile { parsed.syntax }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// At most this many diagnostics are kept per file; hostile input can make thousands.
    public static let maximumDiagnostics = 100

    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        var result = diagnostics.sorted { $0.range.start < $1.range.start }.filter { seen.insert($0).inserted }
        if result.count > maximumDiagnostics {
            let last = result[maximumDiagnostics - 1].range
            result = Array(result.prefix(maximumDiagnostics)) + [.error(.tooManyErrors, at: last)]
        }
        return result
    }
}
