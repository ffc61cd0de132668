#!/bin/sh
# Starts the movie predictor's model server (src/serve.py) as the serving contract says (docs/serving-contract.md):
# the model is in $MLOPS_MODEL_DIR, the server listens on $MLOPS_HOST:$MLOPS_PORT and answers /health once the
# model is loaded, and /predict with the rating. Run locally after a training run:
#   MLOPS_MODEL_DIR=output/model MLOPS_PORT=8080 ./start_api_server.sh
set -eu
cd "$(dirname "$0")"
exec python3 src/serve.py
