#!/usr/bin/env bash
# The main job, end to end on the embedded defaults: builds the CLI, prepares Docker offline, then runs the
# example ML pipeline with the `mlops` command as the Jenkinsfile runs it with the Pipeline steps:
# train in a container -> gate on the metrics against production -> register, promote to production;
# then shows the gate stopping a deliberately weak model. The registry is the embedded default
# (~/.mlops/registry, or $MLOPS_REGISTRY), so running this twice compares the second model with the first.
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

echo "[quickstart] 1/4 train (mlTrain)" >&2
train 2 "$work/train"

echo "[quickstart] 2/4 gate (mlValidate) against the production model, if there is one" >&2
gate "$work/train" "$work/verdict.json"

echo "[quickstart] 3/4 register and promote (mlRegister): the gate passed" >&2
mlops register --name "$MODEL" --run "$work/train" --verdict "$work/verdict.json" --alias candidate,production
mlops models versions "$MODEL"
mlops models history "$MODEL" production

echo "[quickstart] 4/4 a deliberately weak model (epochs 0): the gate must stop it" >&2
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
echo "[quickstart] done: production is still the gated model" >&2
mlops models list

# The same pages the plugin shows in Jenkins, as files: open them in a browser (each has mlops-report.css beside it).
mlops report build --run "$work/train" --verdict "$work/verdict.json" --model "$MODEL@production" \
    --title "quickstart: $MODEL" -o "$work/report/build.html"
mlops report registry --model "$MODEL" -o "$work/report/registry.html"
