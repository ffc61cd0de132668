# A small training that follows the container contract and shows what it received.
import json
import os
import sys

params = json.load(open(os.environ["MLOPS_PARAMS_FILE"]))
epochs = int(params["epochs"])
data_file = os.path.join(os.environ["MLOPS_DATA_DIR"], "train.csv")
rows = 0
if os.path.exists(data_file):
    with open(data_file) as f:
        rows = sum(1 for _ in f) - 1
print("training on %d rows" % rows, file=sys.stderr, flush=True)
for e in range(1, epochs + 1):
    print("epoch %d/%d" % (e, epochs), flush=True)
model_dir = os.environ["MLOPS_MODEL_DIR"]
os.makedirs(model_dir, exist_ok=True)
with open(os.path.join(model_dir, "weights.txt"), "w") as f:
    f.write("lr=%s epochs=%d\n" % (params.get("lr", "default"), epochs))
with open(os.environ["MLOPS_METRICS_FILE"], "w") as f:
    json.dump({"loss": 1.0 / epochs, "rows": rows, "eval": {"acc": 0.75}}, f)
print("greeting=" + os.environ.get("GREETING", ""), flush=True)
