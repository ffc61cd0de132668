# Scores the linear model in /mlops/model/model.json on /mlops/data/test.csv (columns x,y), following the
# container contract: one row per example in predictions.csv, a summary in metrics.json.
import csv
import json
import math
import os

model = json.load(open(os.path.join(os.environ["MLOPS_MODEL_INPUT"], "model.json")))
rows = list(csv.DictReader(open(os.path.join(os.environ["MLOPS_DATA_DIR"], "test.csv"))))
errors = []
with open(os.environ["MLOPS_PREDICTIONS_FILE"], "w") as out:
    out.write("label,prediction\n")
    for r in rows:
        x, y = float(r["x"]), float(r["y"])
        p = model["a"] * x + model["b"]
        errors.append(p - y)
        out.write("%r,%r\n" % (y, p))
with open(os.environ["MLOPS_METRICS_FILE"], "w") as f:
    json.dump({"eval": {"examples": len(rows)},
               "rmse": math.sqrt(sum(e * e for e in errors) / len(errors))}, f)
print("evaluated %d examples" % len(rows), flush=True)
