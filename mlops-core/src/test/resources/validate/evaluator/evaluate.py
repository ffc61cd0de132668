# Evaluates the model at /mlops/model/model.json on /mlops/data/eval.csv: one prediction per example in
# predictions.csv and the summary in metrics.json. A model file that is not JSON makes it exit 1.
import json
import os

import numpy as np

model = json.load(open(os.path.join(os.environ["MLOPS_MODEL_INPUT"], "model.json")))
data = np.loadtxt(os.path.join(os.environ["MLOPS_DATA_DIR"], "eval.csv"), delimiter=",", skiprows=1)
x, y = data[:, 0], data[:, 1]
pred = model["a"] * x + model["b"]
with open(os.environ["MLOPS_PREDICTIONS_FILE"], "w") as f:
    f.write("x,label,prediction\n")
    for xi, yi, pi in zip(x, y, pred):
        f.write("%r,%r,%r\n" % (float(xi), float(yi), float(pi)))
err = pred - y
with open(os.environ["MLOPS_METRICS_FILE"], "w") as f:
    json.dump({"rmse": float(np.sqrt(np.mean(err ** 2))), "mae": float(np.mean(np.abs(err))),
               "eval": {"examples": len(y)}}, f)
print("evaluated %d examples" % len(y))
