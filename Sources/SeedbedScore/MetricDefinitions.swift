/// The versions of the metric definitions this library follows. Every scorecard prints them:
/// SDMetrics changed how column pair trends are averaged in 0.27, so a score is comparable
/// only with scores computed under the same definitions.
public enum MetricDefinitions {
    /// Fidelity, diagnostics and DCR.
    public static let sdmetrics = "SDMetrics 0.32.0 single-table QualityReport and DiagnosticReport semantics"
    /// k-anonymity and l-diversity.
    public static let arx = "ARX equivalence-class privacy models (k-anonymity, distinct and entropy l-diversity)"
    /// The membership-inference attack, which has no SDMetrics counterpart.
    public static let membershipInference =
        "Seedbed distance-based membership inference: ROC AUC of -DCR, DeLong 95% interval"
    /// One line naming all of the above, for a scorecard's header.
    public static let summary = "\(sdmetrics); \(arx); \(membershipInference)"
}
