#!/usr/bin/env python3
"""Reference numbers for BootstrapReferenceTest, computed independently of the Java code.

Run once from this directory: python3 bootstrap_reference.py
It (re)writes regression_predictions.csv and classification_predictions.csv (deterministic, no randomness in the
data) and prints, for each metric, the value on all examples and the 95% and 90% percentile-bootstrap intervals
from NumPy's own generator with 400,000 resamples, so their Monte Carlo error is far below the test's tolerance.
Percentiles use numpy.percentile's default (linear) interpolation, the definition the Java code documents.
Macro averages follow scikit-learn's zero_division=0 convention over the classes present in each sample.
"""
import numpy as np

N_REG = 500
N_CLS = 600
B = 400_000
CHUNK = 2_000


def regression_data():
    i = np.arange(N_REG)
    label = 1.0 + (i * 37 % 9) * 0.5
    # a deterministic, skewed error pattern: mostly small, a few large
    err = ((i * 53 % 97) - 48) / 60.0 + np.where(i % 50 == 0, 2.5, 0.0)
    return label, np.round(label + err, 6)


def classification_data():
    i = np.arange(N_CLS)
    classes = np.array(["cat", "dog", "bird"])
    label = classes[(i * 7 % 11) % 3]
    wrong = ((i * 13 % 17) < 5)          # about 30% wrong
    shifted = classes[((i * 7 % 11) % 3 + 1 + (i % 2)) % 3]
    return label, np.where(wrong, shifted, label)


def macro(label_idx, pred_idx, k):
    """Rows are samples: accuracy, macro precision, recall, F1 per row."""
    rows = label_idx.shape[0]
    acc = (label_idx == pred_idx).mean(axis=1)
    p_sum = np.zeros(rows); r_sum = np.zeros(rows); f_sum = np.zeros(rows); present = np.zeros(rows)
    for c in range(k):
        tp = ((label_idx == c) & (pred_idx == c)).sum(axis=1)
        nl = (label_idx == c).sum(axis=1)
        npred = (pred_idx == c).sum(axis=1)
        here = (nl + npred) > 0
        present += here
        with np.errstate(divide="ignore", invalid="ignore"):
            p_sum += np.where(npred > 0, tp / np.maximum(npred, 1), 0.0)
            r_sum += np.where(nl > 0, tp / np.maximum(nl, 1), 0.0)
            f_sum += np.where(here, 2 * tp / np.maximum(nl + npred, 1), 0.0)
    return acc, p_sum / present, r_sum / present, f_sum / present


def report(name, point, samples):
    lo95, hi95 = np.percentile(samples, [2.5, 97.5])
    lo90, hi90 = np.percentile(samples, [5.0, 95.0])
    print(f"{name}: value={point:.10f} ci95=[{lo95:.10f}, {hi95:.10f}] ci90=[{lo90:.10f}, {hi90:.10f}]")


def main():
    rng = np.random.default_rng(20261126)

    label, pred = regression_data()
    with open("regression_predictions.csv", "w") as f:
        f.write("id,label,prediction\n")
        for k, (l, p) in enumerate(zip(label, pred)):
            f.write(f"{k},{float(l)!r},{float(p)!r}\n")
    sq = (pred - label) ** 2
    ab = np.abs(pred - label)
    rmse = np.empty(B); mae = np.empty(B)
    for s in range(0, B, CHUNK):
        idx = rng.integers(0, N_REG, size=(CHUNK, N_REG))
        rmse[s:s + CHUNK] = np.sqrt(sq[idx].mean(axis=1))
        mae[s:s + CHUNK] = ab[idx].mean(axis=1)
    report("rmse", np.sqrt(sq.mean()), rmse)
    report("mae", ab.mean(), mae)

    label, pred = classification_data()
    with open("classification_predictions.csv", "w") as f:
        f.write("label,prediction\n")
        for l, p in zip(label, pred):
            f.write(f"{l},{p}\n")
    names = ["cat", "dog", "bird"]
    li = np.array([names.index(x) for x in label]); pi = np.array([names.index(x) for x in pred])
    full = macro(li[None, :], pi[None, :], 3)
    out = [np.empty(B) for _ in range(4)]
    for s in range(0, B, CHUNK):
        idx = rng.integers(0, N_CLS, size=(CHUNK, N_CLS))
        m = macro(li[idx], pi[idx], 3)
        for j in range(4):
            out[j][s:s + CHUNK] = m[j]
    for j, name in enumerate(["accuracy", "precision", "recall", "f1"]):
        report(name, full[j][0], out[j])


if __name__ == "__main__":
    main()
