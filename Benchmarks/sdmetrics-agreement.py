# Benchmarks/sdmetrics-agreement.py: called by sdmetrics-agreement.sh with, per dataset,
# NAME SPEC REAL_CSV SYNTHETIC_CSV SEEDBED_JSON. Scores the real/synthetic pair with SDMetrics'
# QualityReport and compares with what `seedbed score --baseline … --format json` found.
#
# Metadata comes from the spec's column types: int/decimal/float numerical, date/timestamp
# datetime, bool boolean, text categorical. Keys, references and uuid columns are ids (SDMetrics'
# reports skip them) and columns tagged pii are left out of both tables (SDV marks them as PII),
# which is what Seedbed compares (ScorecardTable.Column.isCompared).
#
# Prints one row per dataset, then, with --details, every column or pair whose scores differ.
import json
import re
import sys
import warnings

import numpy as np
import pandas as pd
import sdmetrics
from sdmetrics.reports.single_table import QualityReport

warnings.filterwarnings("ignore")

SDTYPES = {"int": "numerical", "decimal": "numerical", "float": "numerical", "date": "datetime",
           "timestamp": "datetime", "bool": "boolean", "text": "categorical"}
COLUMN = re.compile(r"^\s+([A-Za-z_][A-Za-z0-9_]*)\s+(int|decimal(?:\(\d+\))?|float|text|bool|date|timestamp|uuid)\b(.*)$")


def spec_columns(path):
    """(name, sdtype) of every compared column of the spec's only table, in order."""
    columns = []
    in_table = False
    for line in open(path, encoding="utf-8"):
        code = line.split("#", 1)[0].rstrip()
        if re.match(r"^table\s", code):
            in_table = True
            continue
        if in_table and code.strip() == "}":
            break
        match = COLUMN.match(code) if in_table else None
        if not match:
            continue
        name, kind, rest = match.group(1), match.group(2).split("(")[0], match.group(3)
        words = rest.split()
        if kind == "uuid" or "key" in words or "references" in words or "pii" in words:
            continue
        columns.append((name, SDTYPES[kind]))
    return columns


def load(path, columns):
    frame = pd.read_csv(path, low_memory=False)
    frame = frame[[name for name, _ in columns]].copy()
    for name, sdtype in columns:
        if sdtype == "numerical":
            frame[name] = pd.to_numeric(frame[name], errors="coerce")
        elif sdtype == "categorical":
            # The same text on both sides whatever pandas guessed ("5" and 5 are one category).
            frame[name] = frame[name].map(lambda v: v if pd.isna(v) else str(v), na_action=None)
        elif sdtype == "boolean":
            frame[name] = frame[name].map(
                lambda v: v if pd.isna(v) else str(v).strip().lower() in ("true", "1", "t", "yes"))
    return frame


def main():
    details = "--details" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--details"]
    rows = []
    print(f"sdmetrics {sdmetrics.__version__}")
    header = (f"{'dataset':<15} {'cols':>4} {'rows':>6}  {'shapes SDM':>10} {'Seedbed':>8} {'diff':>8}"
              f"  {'trends SDM':>10} {'Seedbed':>8} {'diff':>8}  {'overall SDM':>11} {'Seedbed':>8} {'diff':>8}")
    notes = []
    for start in range(0, len(args), 5):
        name, spec, real_csv, synthetic_csv, seedbed_json = args[start:start + 5]
        columns = spec_columns(spec)
        real = load(real_csv, columns)
        synthetic = load(synthetic_csv, columns)
        metadata = {"columns": {n: {"sdtype": t} for n, t in columns}}
        report = QualityReport()
        report.generate(real, synthetic, metadata, verbose=False)
        properties = dict(zip(report.get_properties()["Property"], report.get_properties()["Score"]))
        fidelity = json.load(open(seedbed_json))["fidelity"]
        table = fidelity["tables"][0]
        ours = (table["column_shapes"], table["column_pair_trends"], table["score"])
        theirs = (properties["Column Shapes"], properties["Column Pair Trends"], report.get_score())
        rows.append((name, len(columns), len(real), theirs, ours))
        if details:
            shapes = report.get_details("Column Shapes")
            by_column = {c["column"]: c["score"] for c in fidelity["columns"]}
            for _, row in shapes.iterrows():
                ours_score = by_column.get(row["Column"])
                if not close(row["Score"], ours_score, 1e-9):
                    notes.append(f"{name}: {row['Column']} {row['Metric']} SDMetrics {row['Score']!r} Seedbed {ours_score!r}")
            pairs = report.get_details("Column Pair Trends")
            by_pair = {(p["first"], p["second"]): p for p in fidelity["pairs"]}
            for _, row in pairs.iterrows():
                pair = by_pair.get((row["Column 1"], row["Column 2"]))
                sd_counts = bool(row["Meets Threshold?"]) if not pd.isna(row["Meets Threshold?"]) else False
                ours_score = pair["score"] if pair else None
                if not close(row["Score"], ours_score, 1e-9) or sd_counts != (pair or {}).get("counts"):
                    notes.append(
                        f"{name}: {row['Column 1']} x {row['Column 2']} {row['Metric']} SDMetrics {row['Score']!r}"
                        f" counts={sd_counts} Seedbed {ours_score!r} counts={(pair or {}).get('counts')}")
    print(header)
    worst = 0.0
    for name, count, length, theirs, ours in rows:
        cells = []
        for a, b in zip(theirs, ours):
            diff = (b - a) if a is not None and b is not None and not np.isnan(a) else float("nan")
            worst = max(worst, abs(diff)) if not np.isnan(diff) else worst
            cells.append((a, b, diff))
        print(f"{name:<15} {count:>4} {length:>6}  " + "  ".join(
            f"{fmt(a):>{10 if i < 2 else 11}} {fmt(b):>8} {diff:>+8.4f}" for i, (a, b, diff) in enumerate(cells)))
    print(f"largest difference: {worst:.2e} ({'within' if worst <= 0.01 else 'NOT within'} 0.01)")
    for note in notes:
        print(note)
    return 0 if worst <= 0.01 else 1


def close(a, b, tolerance):
    a_missing = a is None or (isinstance(a, float) and np.isnan(a))
    b_missing = b is None
    if a_missing or b_missing:
        return a_missing and b_missing
    return abs(a - b) <= tolerance


def fmt(value):
    return "n/a" if value is None or (isinstance(value, float) and np.isnan(value)) else f"{value:.4f}"


if __name__ == "__main__":
    sys.exit(main())
