# Computes the SDMetrics values that SDMetricsAgreementTests.swift holds as literals.
# Not run by CI. To re-run: python3 -m venv v && v/bin/pip install sdmetrics==0.32.0 &&
# v/bin/python Tests/SeedbedScoreTests/SDMetricsReference.py
import numpy as np
import pandas as pd
import sdmetrics
from sdmetrics.single_column import (KSComplement, TVComplement, BoundaryAdherence,
                                     CategoryAdherence, KeyUniqueness)
from sdmetrics.column_pairs import CorrelationSimilarity, ContingencySimilarity, ReferentialIntegrity
from sdmetrics.reports import QualityReport
from sdmetrics.single_table import DCROverfittingProtection, NewRowSynthesis
from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

print("sdmetrics", sdmetrics.__version__)
nan = np.nan
r = lambda v: repr(float(v))

print("ks", r(KSComplement.compute(pd.Series([1, 2, 3, 4, 5, nan]), pd.Series([2, 3, 4, 6, 8]))))
print("tv", r(TVComplement.compute(pd.Series(["a", "a", "b", "c", None]), pd.Series(["a", "b", "b", "d"]))))
print("corr", r(CorrelationSimilarity.compute(
    pd.DataFrame({"x": [1, 2, 3, 4, 5.0], "y": [2, 4, 5, 4, 5.0]}),
    pd.DataFrame({"x": [1, 2, 3, 4, 5.0], "y": [5, 3, 4, 2, 1.0]}))))
print("cont", r(ContingencySimilarity.compute(
    pd.DataFrame({"a": ["x", "x", "y", "y", None], "b": ["p", "q", "p", "p", "q"]}),
    pd.DataFrame({"a": ["x", "y", "y", "y", "x", None], "b": ["p", "p", "q", "p", "p", "q"]}))))
print("boundary", r(BoundaryAdherence.compute(pd.Series([1.0, 5.0, 3.0]), pd.Series([0.0, 1.0, 5.0, 6.0, nan]))))
print("category", r(CategoryAdherence.compute(pd.Series(["a", "b", None]), pd.Series(["a", "c", None, "b"]))))
print("keys", r(KeyUniqueness.compute(pd.Series([1, 2, 3]), pd.Series([1.0, 2.0, 2.0, nan, 3.0, nan]))))
print("refint", r(ReferentialIntegrity.compute(
    (pd.Series([1, 2, 3]), pd.Series([1, 2, 2, 3])),
    (pd.Series([1, 2, 3]), pd.Series([1, 2, 4, 5, 3])))))

real = pd.DataFrame({
    "age": [23, 35, 47, 51, 62, 29, 41, 38, 55, 33.0],
    "income": [28, 42, 61, 70, 80, 33, 52, 47, 75, 39.0],
    "score": [3, 9, 1, 7, 2, 8, 4, 6, 5, 10.0],
    "segment": ["a", "a", "b", "b", "c", "a", "b", "b", "c", "a"],
    "flag": ["true", "false", "true", "true", "false", "false", "true", "false", "true", None],
})
synthetic = pd.DataFrame({
    "age": [23, 30, 44, 50, 62, 27, 39, 36, 58, 45.0],
    "income": [30, 40, 60, 66, 80, 28, 50, 52, 72, 55.0],
    "score": [10, 4, 8, 1, 6, 3, 9, 2, 7, 5.0],
    "segment": ["a", "b", "b", "b", "c", "a", "a", "c", "c", "a"],
    "flag": ["true", "true", "true", "false", "false", "false", "true", "true", None, "false"],
})
metadata = {"columns": {"age": {"sdtype": "numerical"}, "income": {"sdtype": "numerical"},
                        "score": {"sdtype": "numerical"}, "segment": {"sdtype": "categorical"},
                        "flag": {"sdtype": "categorical"}}}
report = QualityReport()
report.generate({"t": real}, {"t": synthetic}, {"tables": {"t": metadata}}, verbose=False)
print("overall", r(report.get_score()))
props = report.get_properties()
for _, row in props.iterrows():
    print("property", row["Property"], r(row["Score"]))
pd.set_option("display.width", 250)
pd.set_option("display.max_columns", 20)
pd.set_option("display.precision", 17)
print(report.get_details("Column Shapes"))
print(report.get_details("Column Pair Trends"))

dcr_meta = {"columns": {"age": {"sdtype": "numerical"}, "segment": {"sdtype": "categorical"}}}
dcr_real = pd.DataFrame({"age": [20.0, 30.0, 40.0, nan], "segment": ["a", "b", "a", "b"]})
dcr_syn = pd.DataFrame({"age": [20.0, 26.0, nan, 50.0], "segment": ["a", "a", "b", "c"]})
print("dcr", [float(x) for x in calculate_dcr(dcr_syn, dcr_real, dcr_meta)])
holdout = pd.DataFrame({"age": [21.0, 34.0, 44.0, 50.0], "segment": ["a", "a", "b", "c"]})
print("overfitting", DCROverfittingProtection.compute_breakdown(dcr_real, dcr_syn, holdout, {"tables": {"t": dcr_meta}}, "t"))

# A mixed pair whose synthetic range differs from the real one: the report bins each table with
# its own edges (QualityReportTests.ownEdges).
shifted_real = pd.DataFrame({"age": [0, 10, 20, 30, 40, 50, 60, 70, 80, 90.0],
                             "segment": ["a"] * 5 + ["b"] * 5})
shifted_synthetic = pd.DataFrame({"age": [100, 110, 120, 130, 140, 150, 160, 170, 180, 190.0],
                                  "segment": ["a", "a", "a", "a", "b", "b", "b", "b", "b", "b"]})
shifted = QualityReport()
shifted.generate({"t": shifted_real}, {"t": shifted_synthetic},
                 {"tables": {"t": {"columns": {"age": {"sdtype": "numerical"},
                                               "segment": {"sdtype": "categorical"}}}}},
                 verbose=False)
print(shifted.get_details("Column Pair Trends"))
print("shifted overall", r(shifted.get_score()))

# DisclosureProtection (DisclosureProtectionTests): CAP against its baseline, 'age' binned.
from sdmetrics.single_table import DisclosureProtection
disclosure_real = pd.DataFrame({"zip": ["A", "A", "B", "C", "B"], "age": [10, 20, 30, 40, nan],
                                "disease": ["flu", "cold", "flu", "flu", "cold"]})
disclosure_syn = pd.DataFrame({"zip": ["A", "A", "A", "A", "A", "B", "B", "B"],
                               "age": [11, 11, 12, 19, 21, 100, nan, nan],
                               "disease": ["flu", "cold", "flu", "cold", "cold", "flu", "cold", "flu"]})
print("disclosure", DisclosureProtection.compute_breakdown(
    disclosure_real, disclosure_syn, ["zip", "age"], ["disease"], continuous_column_names=["age"]))
# One real value: pandas widens the range by 0.1% before cutting.
print("disclosure one value", DisclosureProtection.compute_breakdown(
    pd.DataFrame({"x": [5.0, 5.0, 5.0, 5.0], "s": ["a", "b", "a", "b"]}),
    pd.DataFrame({"x": [5.0, 4.9999, 5.0001, 5.004, 4.996], "s": ["a", "a", "b", "b", "a"]}),
    ["x"], ["s"], continuous_column_names=["x"]))
