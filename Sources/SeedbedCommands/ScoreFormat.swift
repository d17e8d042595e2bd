public import ArgumentParser

/// How `seedbed score` writes its scorecard.
public enum ScoreFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// For people, on a terminal.
    case text
    /// The stored form, documented in docs/scorecard.md.
    case json
    /// For a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    case markdown
    /// JUnit XML: one test case per gate, rule and scenario.
    case junit
    /// One self-contained page.
    case html
}
