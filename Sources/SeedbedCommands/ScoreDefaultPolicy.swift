/// The policy `seedbed score` applies without `--policy`: the text of scorecards/default.yml,
/// built in so a scorecard never runs without gates (a test keeps the two identical).
enum ScoreDefaultPolicy {
    static let name = "scorecards/default.yml (built in)"

    static let text = """
        # scorecards/default.yml: the gate policy a team starts from.
        #
        # Read by `seedbed score SPEC … --policy scorecards/default.yml`: every gate is
        # checked against the scorecard of the data that landed in the target, and the
        # command exits 1 if any gate fails. The format is described in docs/gate-policy.md:
        # under `gates`, each metric is followed by its condition, a comparison and a
        # number in double quotes ("= 0", ">= 0.80"; YAML needs the quotes for '>').
        #
        # A gate whose metric was not measured fails (it never passes by omission). Fidelity
        # gates need a baseline (`--profile`); privacy gates need the production source
        # (`--privacy-against`). A team without production data deletes those gates here,
        # so the decision is visible in review.
        #
        # Copy this file next to your spec and tighten it as your data and tests mature.

        gates:
          # ---- Rule conformance: the reason test data exists ----

          # Every row obeys every rule. A single violation means a generator or load bug, and
          # a test that fails on such a row is chasing a defect in the data, not in the code.
          conformance.violations: "= 0"

          # Every scenario got exactly its quota. An unmet scenario means the rare case the
          # tests rely on (the LTV limit, the wear-and-tear decline) silently went missing.
          scenarios.unmet: "= 0"

          # ---- Structural validity (SDMetrics Diagnostic): sanity, expected to be perfect ----

          # Keys are unique and not null; a duplicate key breaks loads and joins downstream.
          validity.key_uniqueness: "= 1"

          # Every foreign key finds its parent row; orphans make tests fail for the wrong reason.
          validity.referential_integrity: "= 1"

          # ---- Fidelity to the production baseline (SDMetrics Quality Report, 0..1) ----

          # Overall quality (mean of column shapes and column pair trends). 0.80 is a level
          # a copula-style generator reaches on ordinary business tables; below it, tests
          # that depend on realistic distributions (pricing, limits, risk bands) stop being
          # representative. Scores from SDMetrics >= 0.27 ignore pairs with no real trend,
          # so compare only with scorecards of the same metrics version.
          fidelity.overall: ">= 0.80"

          # Single columns (KSComplement for numbers and dates, TVComplement for categories).
          # Marginals are the easiest thing to get right; a low score is a spec mistake
          # (a wrong unit, a missing category) more often than a generator limitation.
          fidelity.column_shapes: ">= 0.85"

          # ---- Privacy against the production source ----

          # No generated row equals a production row on every non-key column: copies of
          # real records are a disclosure, however few.
          privacy.exact_match_rate: "<= 0.0"

          # k-anonymity over the quasi-identifier columns of the generated data (ARX
          # definition: the smallest group of rows sharing one quasi-identifier tuple).
          # 5 is the common floor for data released inside an organisation.
          privacy.k_anonymity: ">= 5"

          # Generated rows are at least half as far from real rows as random noise is
          # (SDMetrics DCRBaselineProtection: 1.0 = as far as random data, 0 = copies).
          privacy.dcr_baseline_protection: ">= 0.5"

          # A distance-based membership-inference attack guesses no better than AUC 0.6
          # (0.5 is chance). Needs a holdout; distance proxies alone can look private
          # while leaking, which is why this gate is here beside the DCR one.
          privacy.mia_auc: "<= 0.6"

        """
}
