# Fits y = a*x + b on /mlops/data/train.csv by full-batch gradient descent, one step per epoch.
# epochs = 0 leaves the model untrained (a = b = 0): the "broken" candidate of the gate tests.
import json
import os

import numpy as np

params = json.load(open(os.environ["MLOPS_PARAMS_FILE"]))
epochs = int(params.get("epochs", 1))
data = np.loadtxt(os.path.join(os.environ["MLOPS_DATA_DIR"], "train.csv"), delimiter=",", skiprows=1)
x, y = data[:, 0], data[:, 1]
a = b = 0.0
for _ in range(epochs):
    err = a * x + b - y
    a -= 0.1 * float(np.mean(err * x))
    b -= 0.1 * float(np.mean(err))
os.makedirs(os.environ["MLOPS_MODEL_DIR"], exist_ok=True)
with open(os.path.join(os.environ["MLOPS_MODEL_DIR"], "model.json"), "w") as f:
    json.dump({"a": a, "b": b, "epochs": epochs}, f)
rmse = float(np.sqrt(np.mean((a * x + b - y) ** 2)))
with open(os.environ["MLOPS_METRICS_FILE"], "w") as f:
    json.dump({"train": {"rmse": rmse}}, f)
print("trained %d epochs: a=%.4f b=%.4f train rmse=%.4f" % (epochs, a, b, rmse))
