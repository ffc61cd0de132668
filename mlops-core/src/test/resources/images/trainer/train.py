# A tiny "training" that exercises the container contract and reports what it saw.
import json
import os
import sys

params = json.load(open(os.environ["MLOPS_PARAMS_FILE"]))
print("params.json:", json.dumps(params, sort_keys=True))
for k in sorted(os.environ):
    if k.startswith("MLOPS_"):
        print("env:", k + "=" + os.environ[k])
data_dir = os.environ["MLOPS_DATA_DIR"]
for root, dirs, files in os.walk(data_dir):
    dirs.sort()
    for f in sorted(files):
        p = os.path.join(root, f)
        print("data:", os.path.relpath(p, data_dir), open(p).read().strip())
try:
    open(os.path.join(data_dir, "written-by-training"), "w").write("x")
    print("data-writable: yes")
except OSError as e:
    print("data-writable: no", e.errno)
print("warning on stderr", file=sys.stderr)
epochs = int(params.get("epochs", 1))
model_dir = os.environ["MLOPS_MODEL_DIR"]
os.makedirs(model_dir, exist_ok=True)
with open(os.path.join(model_dir, "weights.txt"), "w") as f:
    f.write("trained for %d epochs\n" % epochs)
with open(os.environ["MLOPS_METRICS_FILE"], "w") as f:
    json.dump({"rmse": 1.0 / (epochs + 1), "eval": {"mae": 0.25}, "note": "not a number"}, f)
