# Benchmarks/sdmetrics-disclosure.py: called by sdmetrics-disclosure.sh with, per dataset,
# NAME SPEC REAL_CSV SYNTHETIC_CSV SEEDBED_JSON TIMINGS. Computes SDMetrics 0.32.0's
# DisclosureProtection on the real/synthetic pair, with the known and sensitive columns Seedbed
# used (its JSON names them), and compares with Seedbed's privacy.tables.disclosure_protection.
# Columns are typed as in sdmetrics-agreement.py (which this borrows from): numbers are
# continuous (binned by SDMetrics), text and booleans categories.
import importlib.util
import json
import os
import re
import sys
import time
import warnings

import numpy as np
import sdmetrics
from sdmetrics.single_table import DisclosureProtection

warnings.filterwarnings("ignore")
here = os.path.dirname(os.path.abspath(__file__))
loader = importlib.util.spec_from_file_location("agreement", os.path.join(here, "sdmetrics-agreement.py"))
agreement = importlib.util.module_from_spec(loader)
loader.loader.exec_module(agreement)


def main():
    args = sys.argv[1:]
    print(f"sdmetrics {sdmetrics.__version__}")
    print(f"{'dataset':<15} {'rows':>6}  {'known':<22} {'sensitive':<18} {'SDMetrics':>9} {'Seedbed':>9} {'diff':>9}"
          f"  {'cap SDM':>8} {'Seedbed':>8}  {'base SDM':>8} {'Seedbed':>8}  {'SDM s':>7} {'privacy s':>9}")
    worst = 0.0
    for start in range(0, len(args), 6):
        name, spec, real_csv, synthetic_csv, seedbed_json, timings = args[start:start + 6]
        ours = json.load(open(seedbed_json))["privacy"]["tables"]["disclosure_protection"]
        if not ours:
            print(f"{name:<15} no quasi-identifier and sensitive columns in common: not measured")
            continue
        ours = ours[0]
        known, sensitive = ours["known"], ours["sensitive"]
        sdtypes = dict(agreement.spec_columns(spec))
        columns = [(c, sdtypes[c]) for c in known + sensitive]
        real = agreement.load(real_csv, columns)
        synthetic = agreement.load(synthetic_csv, columns)
        continuous = [c for c, t in columns if t in ("numerical", "datetime")]
        for c, t in columns:
            if t == "datetime":
                real[c] = real[c].astype("datetime64[ns]").astype("int64")
                synthetic[c] = synthetic[c].astype("datetime64[ns]").astype("int64")
        clock = time.perf_counter()
        theirs = DisclosureProtection.compute_breakdown(
            real, synthetic, known, sensitive, continuous_column_names=continuous or None)
        seconds = time.perf_counter() - clock
        privacy_seconds = next(
            (float(m.group(1)) for m in map(re.compile(r"timing: privacy: ([0-9.]+) s").search, open(timings)) if m),
            float("nan"))
        score = theirs["score"]
        diff = (ours["score"] - score) if ours["score"] is not None and not np.isnan(score) else float("nan")
        if np.isnan(diff):
            if not (ours["score"] is None and np.isnan(score)):
                worst = float("inf")
        else:
            worst = max(worst, abs(diff))
        print(f"{name:<15} {len(real):>6}  {','.join(known):<22} {','.join(sensitive):<18} {fmt(score):>9}"
              f" {fmt(ours['score']):>9} {diff:>+9.1e}  {fmt(theirs['cap_protection']):>8}"
              f" {fmt(ours['cap_protection']):>8}  {fmt(theirs['baseline_protection']):>8}"
              f" {fmt(ours['baseline_protection']):>8}  {seconds:>7.2f} {privacy_seconds:>9.3f}")
    print(f"largest difference: {worst:.2e} ({'within' if worst <= 1e-9 else 'NOT within'} 1e-9)")
    return 0 if worst <= 1e-9 else 1


def fmt(value):
    return "n/a" if value is None or (isinstance(value, float) and np.isnan(value)) else f"{value:.6f}"


if __name__ == "__main__":
    sys.exit(main())
