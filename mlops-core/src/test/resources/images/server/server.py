"""Test model server. $MLOPS_MODEL_DIR/behaviour.json (all keys optional):
  {"healthy": true, "healthDelayMs": 0, "predictStatus": 200, "exitAtStart": false, "delayMs": 0}
GET /health -> 200 when healthy (and healthDelayMs have passed since start), else 503;
POST /predict -> {"version": ..., "rating": ...} with predictStatus, after delayMs;
POST /crash -> the process exits at once (the engine's restart policy brings it back);
GET /whoami -> what the container looks like from inside (user, capabilities, files, environment)."""
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_DIR = os.environ["MLOPS_MODEL_DIR"]
try:
    with open(os.path.join(MODEL_DIR, "behaviour.json")) as f:
        B = json.load(f)
except FileNotFoundError:
    B = {}
if B.get("exitAtStart"):
    print("exiting at start, as behaviour.json says", flush=True)
    sys.exit(3)
VERSION = os.environ.get("MLOPS_MODEL_VERSION")
STARTED = time.time()


def files():
    out = {}
    for root, _, names in os.walk(MODEL_DIR):
        for n in names:
            p = os.path.join(root, n)
            st = os.stat(p)
            out[os.path.relpath(p, MODEL_DIR)] = {"size": st.st_size, "uid": st.st_uid, "mode": oct(st.st_mode & 0o777)}
    return out


def capabilities():
    with open("/proc/self/status") as f:
        return {l.split(":")[0]: l.split(":")[1].strip() for l in f if l.startswith(("CapEff", "CapPrm", "NoNewPrivs"))}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/health":
            ready = B.get("healthy", True) and (time.time() - STARTED) * 1000 >= B.get("healthDelayMs", 0)
            self.reply(200 if ready else 503, {"version": VERSION})
        elif self.path == "/whoami":
            writable = os.access(MODEL_DIR, os.W_OK)
            self.reply(200, {"uid": os.getuid(), "gid": os.getgid(), "caps": capabilities(), "files": files(),
                             "modelDirWritable": writable,
                             "env": {k: v for k, v in os.environ.items() if k.startswith("MLOPS_") or k in ("HOME", "EXTRA")}})
        else:
            self.reply(404, {"error": self.path})

    def do_POST(self):
        if self.path == "/crash":
            os._exit(1)
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n)
        if B.get("delayMs"):
            time.sleep(B["delayMs"] / 1000)
        self.reply(B.get("predictStatus", 200), {"version": VERSION, "rating": 3.5, "echo": len(body)})

    def reply(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


print(f"test server v{VERSION} on {os.environ['MLOPS_HOST']}:{os.environ['MLOPS_PORT']}", flush=True)
class Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


Server((os.environ["MLOPS_HOST"], int(os.environ["MLOPS_PORT"])), H).serve_forever()
