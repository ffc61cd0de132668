#!/usr/bin/env python3
"""Reference numbers for the gate's bootstrap, computed independently of the Java code. Two modes:

python3 bootstrap_reference.py
    For BootstrapReferenceTest: (re)writes regression_predictions.csv and classification_predictions.csv
    (deterministic, no randomness in the data) and prints, for each metric, the value on all examples and the 95% and
    90% percentile-bootstrap intervals from NumPy's own generator with 400,000 resamples, so their Monte Carlo error
    is far below the test's tolerance.

python3 bootstrap_reference.py --same-resamples DIR OUT
    For BootstrapReferenceIT, which runs it in the base image through the Docker Engine: reads the data and the
    engine's own resample indices that the test wrote to DIR and writes OUT (JSON): for every metric of candidate and
    baseline, every paired difference and majority.accuracy, the value on all examples, the value on each resample,
    the percentile and BCa intervals at 90, 95 and 99% with BCa's z0 and a. The test compares them with the engine's
    to 1e-9. The leave-one-out values are recomputed by brute force (each example removed in turn), not by the
    engine's subtraction shortcut; the normal CDF and quantile are Python's statistics.NormalDist.

Percentiles use numpy.percentile's default (linear) interpolation, the definition the Java code documents.
Macro averages follow scikit-learn's zero_division=0 convention over the classes present in each sample.
"""
import json
import sys
from statistics import NormalDist

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


# ---- same resamples as the engine -------------------------------------------------------------------------------

LEVELS = [0.90, 0.95, 0.99]
NORMAL = NormalDist()


def bca(value, samples, jackknife, level):
    """BCa as documented in BootstrapDistribution: mid-rank z0 kept within [1/(2B), 1 - 1/(2B)], jackknife a."""
    b = len(samples)
    p0 = ((samples < value).sum() + 0.5 * (samples == value).sum()) / b
    p0 = min(max(p0, 0.5 / b), 1 - 0.5 / b)
    z0 = NORMAL.inv_cdf(p0)
    d = jackknife.mean() - jackknife
    squares = (d * d).sum()
    a = (d ** 3).sum() / (6 * squares ** 1.5) if squares > 0 else 0.0

    def share(z):
        u = z0 + z
        den = 1 - a * u
        if den <= 0:
            return 1.0 if u > 0 else 0.0
        return NORMAL.cdf(z0 + u / den)

    z = NORMAL.inv_cdf((1 - level) / 2)
    low, high = share(z), share(-z)
    return [float(np.percentile(samples, 100 * low)), float(np.percentile(samples, 100 * high))], z0, a


def describe(value, samples, jackknife):
    out = {"value": float(value), "samples": [float(v) for v in samples], "percentile": {}, "bca": {}}
    for level in LEVELS:
        out["percentile"][str(level)] = [float(v) for v in np.percentile(samples, [50 * (1 - level), 50 * (1 + level)])]
        out["bca"][str(level)], out["z0"], out["a"] = bca(value, samples, jackknife, level)
    return out


def regression_metrics(err_c, err_b):
    """rmse, mae, baseline.rmse, baseline.mae of rows of errors (one row per sample)."""
    return {"rmse": np.sqrt((err_c ** 2).mean(axis=-1)), "mae": np.abs(err_c).mean(axis=-1),
            "baseline.rmse": np.sqrt((err_b ** 2).mean(axis=-1)), "baseline.mae": np.abs(err_b).mean(axis=-1)}


def classification_metrics(label, pred_c, pred_b, k, majority):
    out = {}
    for prefix, pred in (("", pred_c), ("baseline.", pred_b)):
        acc = (label == pred).mean(axis=-1)
        p_sum = 0.0; r_sum = 0.0; f_sum = 0.0; present = 0.0
        for c in range(k):  # in class order, one class at a time: the engine's order of additions
            tp = ((label == c) & (pred == c)).sum(axis=-1)
            nl = (label == c).sum(axis=-1)
            npred = (pred == c).sum(axis=-1)
            here = (nl + npred) > 0
            with np.errstate(divide="ignore", invalid="ignore"):
                p_sum = p_sum + np.where(npred > 0, tp / np.maximum(npred, 1), 0.0)
                r_sum = r_sum + np.where(nl > 0, tp / np.maximum(nl, 1), 0.0)
                f_sum = f_sum + np.where(here, 2.0 * tp / np.maximum(nl + npred, 1), 0.0)
            present = present + here
        out[prefix + "accuracy"] = acc
        out[prefix + "precision"] = p_sum / present
        out[prefix + "recall"] = r_sum / present
        out[prefix + "f1"] = f_sum / present
    out["majority.accuracy"] = (label == majority).mean(axis=-1)
    return out


def leave_one_out(n, metrics_of):
    """metrics_of(mask) for every mask that drops one example: brute force."""
    rows = []
    for i in range(n):
        keep = np.ones(n, dtype=bool)
        keep[i] = False
        rows.append(metrics_of(keep))
    return {name: np.array([r[name] for r in rows]) for name in rows[0]}


def with_deltas(metrics):
    out = dict(metrics)
    for name in list(metrics):
        if not name.startswith("baseline.") and "baseline." + name in metrics:
            out["delta." + name] = metrics[name] - metrics["baseline." + name]
    return out


def same_resamples(directory, out_file):
    meta = json.load(open(directory + "/meta.json"))
    result = {}

    r = meta["regression"]
    n, b = r["n"], r["B"]
    data = np.fromfile(directory + "/regression.bin", dtype="<f8").reshape(3, n)
    idx = np.fromfile(directory + "/regression_indices.bin", dtype="<i4").reshape(b, n)
    err_c, err_b = data[1] - data[0], data[2] - data[0]
    point = with_deltas(regression_metrics(err_c, err_b))
    samples = with_deltas(regression_metrics(err_c[idx], err_b[idx]))
    jack = with_deltas(leave_one_out(n, lambda keep: regression_metrics(err_c[keep], err_b[keep])))
    result["regression"] = {name: describe(point[name], samples[name], jack[name]) for name in point}

    c = meta["classification"]
    n, b, k = c["n"], c["B"], c["classes"]
    data = np.fromfile(directory + "/classification.bin", dtype="<i4").reshape(3, n)
    idx = np.fromfile(directory + "/classification_indices.bin", dtype="<i4").reshape(b, n)
    label, pred_c, pred_b = data
    majority = int(np.argmax(np.bincount(label, minlength=k)))  # the first of the most frequent, as the engine
    point = with_deltas(classification_metrics(label, pred_c, pred_b, k, majority))
    samples = with_deltas(classification_metrics(label[idx], pred_c[idx], pred_b[idx], k, majority))
    jack = with_deltas(leave_one_out(n, lambda keep: classification_metrics(label[keep], pred_c[keep], pred_b[keep],
                                                                            k, majority)))
    result["classification"] = {name: describe(point[name], samples[name], jack[name]) for name in point}

    result["numpy"] = np.__version__
    with open(out_file, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--same-resamples":
        same_resamples(sys.argv[2], sys.argv[3])
    else:
        main()
