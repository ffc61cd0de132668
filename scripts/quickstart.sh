#!/usr/bin/env bash
# The main job, end to end on the embedded defaults: builds the CLI, prepares Docker offline, then runs the
# example ML pipeline with the `mlops` command as the Jenkinsfile runs it with the Pipeline steps:
# train in a container -> gate on the metrics against production -> register as the candidate -> deploy it behind
# a stable endpoint (mlDeploy), where it becomes production; then shows the gate stopping a deliberately weak model,
# and ends with the model answering on a local port. The registry is the embedded default (~/.mlops/registry, or
# $MLOPS_REGISTRY), so running this twice compares the second model with the first and replaces it without a
# dropped request. The endpoint is 127.0.0.1:8080 unless MLOPS_QUICKSTART_PORT says otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

./scripts/setup.sh
./scripts/docker-env.sh
echo "[quickstart] building the mlops command" >&2
mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl mlops-cli -am package

work="$here/.mlops/quickstart"
rm -rf "$work"
mkdir -p "$work"
mlops() { "$here/bin/mlops" "$@"; }

MODEL=movie_predictor
SERVICE=movie-predictor
PORT="${MLOPS_QUICKSTART_PORT:-8080}"
RULES=(--threshold 'rmse < 0.9' --threshold 'mae < 0.75' --threshold 'rmse <= baseline.rmse * 1.01')

train() { # train EPOCHS OUTPUT
  mlops train --dockerfile examples/movie-predictor/Dockerfile --image movie-predictor:train \
      --epochs "$1" --data examples/movie-predictor/data/ratings.csv --memory 2g --timeout 30m \
      --name quickstart --output "$2"
}
gate() { # gate RUN_DIR VERDICT_FILE
  mlops validate --metrics "$1/metrics.json" --predictions "$1/predictions.csv" "${RULES[@]}" \
      --compare-to production --name "$MODEL" --verdict-out "$2"
}

echo "[quickstart] 1/5 train (mlTrain)" >&2
train 2 "$work/train"

echo "[quickstart] 2/5 gate (mlValidate) against the production model, if there is one" >&2
gate "$work/train" "$work/verdict.json"

echo "[quickstart] 3/5 register (mlRegister) as the candidate: the gate passed" >&2
mlops register --name "$MODEL" --run "$work/train" --verdict "$work/verdict.json" --alias candidate
mlops models versions "$MODEL"

echo "[quickstart] 4/5 deploy (mlDeploy) the candidate on 127.0.0.1:$PORT; it becomes production once it serves" >&2
mlops deploy --name "$MODEL" --version candidate --image movie-predictor:serve --service "$SERVICE" \
    --port "$PORT" --memory 512m --alias production \
    --smokeTest '{"path": "/predict", "body": {"user": 1, "movie": 10}, "expectField": "rating", "maxLatencyMs": 1000}' \
    --loadTest rps=50,duration=3s,maxP99Ms=1000
mlops models history "$MODEL"

echo "[quickstart] 5/5 a deliberately weak model (epochs 0): the gate must stop it" >&2
train 0 "$work/weak"
if gate "$work/weak" "$work/weak-verdict.json"; then
  echo "[quickstart] ERROR: the gate passed a model trained for 0 epochs" >&2
  exit 1
fi
# The registry refuses to give a model that failed its gate an alias (and then stores nothing).
if mlops register --name "$MODEL" --run "$work/weak" --verdict "$work/weak-verdict.json" --alias production; then
  echo "[quickstart] ERROR: the registry promoted a model that failed its gate" >&2
  exit 1
fi
echo "[quickstart] done: production is still the gated model, and it serves" >&2
mlops models list

# The same pages the plugin shows in Jenkins, as files: open them in a browser (each has mlops-report.css beside it).
mlops report build --run "$work/train" --verdict "$work/verdict.json" --model "$MODEL@production" \
    --title "quickstart: $MODEL" -o "$work/report/build.html"
mlops report registry --model "$MODEL" -o "$work/report/registry.html"
mlops status --service "$SERVICE"
echo "[quickstart] curl -s -X POST -d '{\"user\": 1, \"movie\": 10}' http://127.0.0.1:$PORT/predict" >&2
curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' -d '{"user": 1, "movie": 10}' \
    "http://127.0.0.1:$PORT/predict"
echo "[quickstart] the model keeps serving; roll back with 'bin/mlops rollback --name $MODEL --service $SERVICE'," \
    "remove it with 'bin/mlops undeploy --service $SERVICE'" >&2
