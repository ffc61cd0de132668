"""Entry point of the movie-predictor project, following the MLOps container contract (docs/container-contract.md):
hyperparameters come from the command line or MLOPS_PARAM_* variables, data from MLOPS_DATA_DIR, and the model,
metrics and per-example predictions go under MLOPS_OUTPUT_DIR. Run locally, it uses ./data and ./output."""
import argparse
import csv
import json
import os
import sys
import time

import numpy as np

import model as rating_model
import ratings

OUTPUT_DIR = os.environ.get("MLOPS_OUTPUT_DIR", "output")
MODEL_DIR = os.environ.get("MLOPS_MODEL_DIR", os.path.join(OUTPUT_DIR, "model"))
METRICS_FILE = os.environ.get("MLOPS_METRICS_FILE", os.path.join(OUTPUT_DIR, "metrics.json"))
PREDICTIONS_FILE = os.environ.get("MLOPS_PREDICTIONS_FILE", os.path.join(OUTPUT_DIR, "predictions.csv"))
HISTORY_FILE = os.path.join(OUTPUT_DIR, "history.csv")
DATA_DIR = os.environ.get("MLOPS_DATA_DIR", "data")
MODEL_INPUT = os.environ.get("MLOPS_MODEL_INPUT", MODEL_DIR)


def param(name, default, cast):
    value = os.environ.get("MLOPS_PARAM_" + name.upper())
    return cast(value) if value is not None else default


def load_data():
    path = os.path.join(DATA_DIR, "ratings.csv")
    if os.path.isfile(path):
        print(f"reading {path}", flush=True)
        return ratings.read_csv(path)
    print("no ratings.csv in the data directory: generating the deterministic synthetic set", flush=True)
    return ratings.generate()


def evaluate(model, test, out_dir_metrics, extra):
    users, movies, truth = test
    pred = model.predict(users, movies)
    errors = pred - truth
    metrics = {"rmse": float(np.sqrt(np.mean(errors ** 2))), "mae": float(np.mean(np.abs(errors))),
               "test_examples": int(len(truth))}
    metrics.update(extra)
    os.makedirs(os.path.dirname(out_dir_metrics) or ".", exist_ok=True)
    with open(out_dir_metrics, "w") as f:
        json.dump(metrics, f, indent=2)
    # One row per held-out rating, named by its position in the (deterministic) held-out set: the gate pairs the
    # candidate's and the production model's predictions by this id.
    with open(PREDICTIONS_FILE, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "label", "prediction"])
        for i, (t, p) in enumerate(zip(truth, pred)):
            w.writerow([i, f"{t:.1f}", repr(float(p))])
    print(f"rmse={metrics['rmse']:.4f} mae={metrics['mae']:.4f} on {len(truth)} held-out ratings", flush=True)
    return metrics


def train(args):
    if args.num_epochs < 0:
        sys.exit("--num_epochs must be 0 or more")
    started = time.time()
    train_set, test_set = ratings.split(*load_data())
    history = []
    model = rating_model.fit(*train_set, epochs=args.num_epochs, rank=args.rank, reg=args.reg, seed=args.seed,
                             history=history)
    if history:
        # The per-epoch history of the container contract (history.csv): the gate's convergence rules read it.
        # Run outside the plugin (docker run, or locally) nothing has made the output directory yet.
        os.makedirs(OUTPUT_DIR, exist_ok=True)
        with open(HISTORY_FILE, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["epoch", "train_rmse"])
            for epoch, rmse in history:
                w.writerow([epoch, repr(rmse)])
    model.save(MODEL_DIR, {"model_name": args.model_name, "epochs": args.num_epochs, "rank": args.rank,
                           "reg": args.reg, "seed": args.seed})
    evaluate(model, test_set, METRICS_FILE, {"train_seconds": round(time.time() - started, 3)})
    print(f"model {args.model_name} written to {MODEL_DIR}", flush=True)


def evaluate_command(args):
    _, test_set = ratings.split(*load_data())
    try:
        model = rating_model.RatingModel.load(args.model_dir)
    except Exception as e:  # a corrupted or missing model must fail the run, with the reason
        sys.exit(f"cannot load model from {args.model_dir}: {e}")
    evaluate(model, test_set, METRICS_FILE, {})


def main(argv=None):
    parser = argparse.ArgumentParser(prog="main.py")
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="fit the model and write model, metrics and predictions")
    t.add_argument("--model_name", default="movie_predictor")
    t.add_argument("--num_epochs", type=int, default=param("epochs", 2, int))
    t.add_argument("--rank", type=int, default=param("rank", 8, int))
    t.add_argument("--reg", type=float, default=param("reg", 5.0, float))
    t.add_argument("--seed", type=int, default=param("seed", 42, int))
    e = sub.add_parser("evaluate", help="score a trained model on the held-out ratings")
    e.add_argument("--model_dir", default=MODEL_INPUT)
    args = parser.parse_args(argv)
    if args.command == "train":
        train(args)
    else:
        evaluate_command(args)


if __name__ == "__main__":
    main()
