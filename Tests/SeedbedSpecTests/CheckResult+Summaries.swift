import SeedbedSpec

extension CheckResult {
    /// `LINE:COLUMN: SEVERITY: MESSAGE` for each diagnostic, the form the malformed corpus
    /// writes its expectations in.
    var summaries: [String] {
        diagnostics.map { diagnostic in
            let location = source.location(of: diagnostic.range.start)
            return "\(location.line):\(location.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
        }
    }

    /// The diagnostics as `seedbed check` prints them, without colour.
    var rendered: String {
        DiagnosticRenderer(style: .plain).render(diagnostics, in: source)
    }
}
