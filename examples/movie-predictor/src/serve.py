"""The movie predictor's model server, following the MLOps serving contract (docs/serving-contract.md): it loads
the model from MLOPS_MODEL_DIR, listens on MLOPS_HOST:MLOPS_PORT, answers the health path once the model is
loaded, and predicts ratings:

    GET  /health                                  200 {"status": "ready", ...} (also /ping and /v2/health/ready)
    POST /predict {"user": 1, "movie": 10}        200 {"rating": 3.71, "model": ..., "version": ...}
    POST /predict {"instances": [{"user": 1, "movie": 10}, ...]}   200 {"predictions": [3.71, ...], ...}

Python's standard library only (plus numpy, which the model needs); one thread per connection, HTTP/1.1
keep-alive, so a proxy in front of it can reuse connections."""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

import model as rating_model

MODEL_DIR = os.environ.get("MLOPS_MODEL_DIR", "output/model")
MODEL_NAME = os.environ.get("MLOPS_MODEL_NAME", "movie_predictor")
MODEL_VERSION = os.environ.get("MLOPS_MODEL_VERSION", "local")
HOST = os.environ.get("MLOPS_HOST", "127.0.0.1")
PORT = int(os.environ.get("MLOPS_PORT", "8080"))
HEALTH_PATHS = {"/health", "/ping", "/v2/health/ready", "/v2/health/live"}
MAX_BODY = 1 << 20
MAX_INSTANCES = 10000


class BadRequest(Exception):
    pass


def ids(instances):
    """The user and movie ids of a list of {"user": int, "movie": int} objects, checked."""
    users, movies = [], []
    for i, inst in enumerate(instances):
        if not isinstance(inst, dict):
            raise BadRequest(f"instance {i} is not an object with 'user' and 'movie'")
        for key, out in (("user", users), ("movie", movies)):
            v = inst.get(key)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise BadRequest(f"'{key}' of instance {i} must be a non-negative integer, got {json.dumps(v)}")
            out.append(v)
    return np.array(users, dtype=np.int64), np.array(movies, dtype=np.int64)


def make_handler(model):
    identity = {"model": MODEL_NAME, "version": MODEL_VERSION}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "movie-predictor"

        def do_GET(self):
            if self.path.split("?", 1)[0] in HEALTH_PATHS:
                self.reply(200, dict(status="ready", **identity))
            else:
                self.reply(404, {"error": f"no such path: {self.path}; POST /predict or GET /health"})

        def do_POST(self):
            if self.path.split("?", 1)[0] not in ("/predict", "/invocations"):
                self.reply(404, {"error": f"no such path: {self.path}; POST /predict"})
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
                if length <= 0 or length > MAX_BODY:
                    raise BadRequest(f"the body must be a JSON object of at most {MAX_BODY} bytes")
                body = json.loads(self.rfile.read(length))
                if isinstance(body, dict) and "instances" in body:
                    instances = body["instances"]
                    if not isinstance(instances, list) or not instances or len(instances) > MAX_INSTANCES:
                        raise BadRequest(f"'instances' must be a list of 1 to {MAX_INSTANCES} objects")
                    users, movies = ids(instances)
                    self.reply(200, dict(predictions=[round(float(p), 4) for p in model.predict(users, movies)],
                                         **identity))
                else:
                    users, movies = ids([body])
                    self.reply(200, dict(rating=round(float(model.predict(users, movies)[0]), 4), **identity))
            except (BadRequest, ValueError) as e:
                self.reply(400, {"error": str(e)})

        def reply(self, status, obj):
            data = (json.dumps(obj) + "\n").encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):
            # One line per request would flood the container's log; errors still reach stderr.
            pass

    return Handler


class Server(ThreadingHTTPServer):
    # The standard library listens with a backlog of 5; a burst of new connections (a proxy warming up, many
    # clients at once) would see its SYNs dropped and wait a second to retry.
    request_queue_size = 128
    daemon_threads = True


def main():
    try:
        model = rating_model.RatingModel.load(MODEL_DIR)
    except Exception as e:  # a missing or damaged model must stop the server, with the reason
        sys.exit(f"cannot load the model from {MODEL_DIR}: {e}")
    server = Server((HOST, PORT), make_handler(model))
    # SIGTERM (docker stop, through the container's init) ends the process at once: mlDeploy drains the proxy's
    # traffic away from a replica before it stops it, so no request is in flight by then.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"serving {MODEL_NAME} v{MODEL_VERSION} from {MODEL_DIR} on http://{HOST}:{PORT}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
