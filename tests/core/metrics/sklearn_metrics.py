#!/usr/bin/python3
"""The reference numbers for eorun's metric suites, from scikit-learn.

Usage: sklearn_metrics.py CASES.json

CASES.json is a list of cases, each
  {"task": "multi_label", "threshold": 0.5, "scores": [[...], ...], "targets": [[0, 1, ...], ...]}
  {"task": "single_label", "scores": [[...], ...], "targets": [2, 0, ...]}
Prints a JSON list with, per case, {"scalars": {...}, "per_class": {...}} and, for single-label,
"confusion". Predictions are made as eorun makes them: score >= threshold (multi-label), the
argmax with ties to the lowest index (single-label). one_error is not in sklearn; it is computed
here with numpy from its definition. Exits 3 when numpy or scikit-learn is missing.
"""

import json
import sys
import warnings

try:
    import numpy as np
    from sklearn import metrics
except ImportError as error:
    sys.stderr.write(
        f"sklearn_metrics.py: {error}; run scripts/install-deps.sh (installs python3-sklearn)\n"
    )
    sys.exit(3)


def prf(y_true, y_pred, average, labels=None):
    """precision, recall, F1 and F2 with zero_division=0."""
    p, r, f1, _ = metrics.precision_recall_fscore_support(
        y_true, y_pred, average=average, labels=labels, zero_division=0
    )
    f2 = metrics.fbeta_score(
        y_true, y_pred, beta=2, average=average, labels=labels, zero_division=0
    )
    return p, r, f1, f2


def multi_label(case):
    y = np.asarray(case["targets"], dtype=int)
    s = np.asarray(case["scores"], dtype=np.float64)
    pred = (s >= case["threshold"]).astype(int)
    scalars = {}
    for average in ("macro", "micro", "samples"):
        p, r, f1, f2 = prf(y, pred, average)
        scalars.update({f"precision_{average}": p, f"recall_{average}": r,
                        f"f1_{average}": f1, f"f2_{average}": f2})
    scalars["map_macro"] = metrics.average_precision_score(y, s, average="macro")
    scalars["map_micro"] = metrics.average_precision_score(y, s, average="micro")
    scalars["hamming_loss"] = metrics.hamming_loss(y, pred)
    scalars["subset_accuracy"] = metrics.accuracy_score(y, pred)
    scalars["lrap"] = metrics.label_ranking_average_precision_score(y, s)
    scalars["coverage_error"] = metrics.coverage_error(y, s)
    scalars["ranking_loss"] = metrics.label_ranking_loss(y, s)
    top = np.argmax(s, axis=1)  # the first of tied maxima
    scalars["one_error"] = np.mean(y[np.arange(len(y)), top] == 0)
    p, r, f1, _ = prf(y, pred, None)
    per_class = {"precision": p, "recall": r, "f1": f1,
                 "ap": metrics.average_precision_score(y, s, average=None)}
    return {"scalars": scalars, "per_class": per_class}


def single_label(case):
    y = np.asarray(case["targets"], dtype=int)
    s = np.asarray(case["scores"], dtype=np.float64)
    labels = np.arange(s.shape[1])
    pred = np.argmax(s, axis=1)
    p, r, f1, _ = prf(y, pred, "macro", labels)
    scalars = {
        "oa": metrics.accuracy_score(y, pred),
        "aa": metrics.balanced_accuracy_score(y, pred),
        "kappa": metrics.cohen_kappa_score(y, pred),
        "precision_macro": p,
        "recall_macro": r,
        "f1_macro": f1,
    }
    p, r, f1, _ = prf(y, pred, None, labels)
    return {
        "scalars": scalars,
        "per_class": {"precision": p, "recall": r, "f1": f1},
        "confusion": metrics.confusion_matrix(y, pred, labels=labels),
    }


def plain(value):
    """numpy values as JSON-ready Python values."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: sklearn_metrics.py CASES.json\n")
        return 2
    with open(sys.argv[1], encoding="utf-8") as file:
        cases = json.load(file)
    warnings.simplefilter("ignore")  # empty classes and samples are meant to be there
    suites = {"multi_label": multi_label, "single_label": single_label}
    json.dump([plain(suites[case["task"]](case)) for case in cases], sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
