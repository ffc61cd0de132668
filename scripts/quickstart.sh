#!/usr/bin/env bash
# The main job, end to end on the embedded defaults: builds the CLI, prepares Docker offline, then runs the
# example ML pipeline with the `mlops` command exactly as the Jenkinsfile runs it with the Pipeline steps:
# train in a container -> gate on the metrics -> register the model in the embedded registry.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

./scripts/setup.sh
./scripts/docker-env.sh
echo "[quickstart] building the mlops command" >&2
mvn -q -B -ntp -DskipTests -pl mlops-cli -am package

work="$here/.mlops/quickstart"
rm -rf "$work"
mkdir -p "$work"
mlops() { "$here/bin/mlops" "$@"; }

echo "[quickstart] 1/3 train (mlTrain)" >&2
mlops train --dockerfile examples/movie-predictor/Dockerfile --image movie-predictor:train \
    --epochs 2 --data examples/movie-predictor/data/ratings.csv --memory 2g --timeout 30m \
    --name quickstart --output "$work/train"
