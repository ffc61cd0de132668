#!/usr/bin/env bash
# Makes this machine ready for the tests and the quick start, offline:
#   1. a Docker Engine that answers (Debian's docker.io is installed and dockerd started when none does),
#   2. the base image mlops-base:bookworm (debootstrap of Debian with python3 + numpy, then `docker import`),
#   3. the proxy image mlops-haproxy:bookworm (debootstrap of Debian with haproxy + socat, then `docker import`):
#      the stable endpoint of every mlDeploy service (docs/serving-contract.md),
#   4. the example's training image movie-predictor:train and serving image movie-predictor:serve, built on the base.
# Each step is skipped when its result is already there, so running it twice costs a few seconds.
# No registry is ever contacted: the base comes from Debian's package mirror that apt already uses.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_IMAGE="${MLOPS_BASE_IMAGE:-mlops-base:bookworm}"
EXAMPLE_IMAGE="${MLOPS_EXAMPLE_IMAGE:-movie-predictor:train}"
SERVE_IMAGE="${MLOPS_SERVE_IMAGE:-movie-predictor:serve}"
PROXY_IMAGE="${MLOPS_PROXY_IMAGE:-mlops-haproxy:bookworm}"
log() { printf '[docker-env] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

engine_answers() { docker info >/dev/null 2>&1; }

ensure_engine() {
  if engine_answers; then return; fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    log "no Docker Engine: installing Debian's docker.io"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  fi
  log "starting dockerd (no bridge, no iptables: containers get loopback or host networking only)"
  # A daemon without a bridge never creates a private-range network, so nothing can leave loopback.
  as_root sh -c 'setsid dockerd --bridge=none --iptables=false --ip-masq=false >/var/log/mlops-dockerd.log 2>&1 < /dev/null &'
  for _ in $(seq 1 60); do
    if engine_answers; then log "engine is up"; return; fi
    sleep 1
  done
  log "dockerd did not answer within 60 s; its log:"; tail -20 /var/log/mlops-dockerd.log >&2 || true
  exit 1
}

apt_mirror() {
  # The mirror apt is configured with on this machine (deb822 or one-line format).
  local m
  m=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
  if [ -z "$m" ]; then
    m=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | head -1 || true)
  fi
  [ -n "$m" ] || { log "cannot find a Debian mirror in apt's sources"; exit 1; }
  printf '%s' "$m"
}

# import_rootfs IMAGE PACKAGES CMD_JSON: debootstrap of bookworm minbase with PACKAGES (comma-separated), trimmed
# of what a container never needs, imported as IMAGE. Skipped when IMAGE exists.
import_rootfs() {
  local image="$1" packages="$2" cmd="$3"
  if docker image inspect "$image" >/dev/null 2>&1; then return; fi
  command -v debootstrap >/dev/null 2>&1 || {
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local root started
  started=$(date +%s)
  root=$(mktemp -d /tmp/mlops-rootfs.XXXXXX)
  trap 'as_root rm -rf "$root"; trap - RETURN' RETURN
  local logfile="/tmp/mlops-debootstrap-${image//[:\/]/-}.log"
  log "debootstrap bookworm ($packages) into $root"
  as_root debootstrap --variant=minbase --include="$packages" \
      bookworm "$root" "$(apt_mirror)" >"$logfile" 2>&1 \
    || { tail -20 "$logfile" >&2; exit 1; }
  # Trim what a container never needs; keeps the image (and every test start) small.
  as_root rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc \
      "$root"/usr/share/man "$root"/usr/share/locale
  as_root tar -C "$root" -c . | docker import \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c "CMD $cmd" - "$image" >/dev/null
  log "imported $image in $(( $(date +%s) - started )) s"
}

ensure_base_image() {
  import_rootfs "$BASE_IMAGE" python3-minimal,python3-numpy,ca-certificates '["/usr/bin/python3"]'
}

# HAProxy 2.6 from Debian, with socat to reach its runtime API (a unix socket inside the container) through the
# Engine API's exec. mlDeploy writes the configuration into each proxy container; the image holds only the programs.
ensure_proxy_image() {
  import_rootfs "$PROXY_IMAGE" haproxy,socat '["/usr/sbin/haproxy", "-v"]'
}

# build_example TAG DOCKERFILE: rebuilt every time, since docker's layer cache makes an unchanged build take well
# under a second. The legacy builder (BuildKit needs the buildx plugin, which Debian's docker.io lacks) warns on
# every build; its output is shown only when the build fails.
build_example() {
  local out
  if ! out=$(DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$1" \
      -f "$here/examples/movie-predictor/$2" "$here/examples/movie-predictor" 2>&1); then
    printf '%s\n' "$out" >&2
    exit 1
  fi
  log "built $1"
}

ensure_engine
# The two imports are independent; on a fresh machine they overlap (downloads and unpacking share the time).
ensure_proxy_image &
proxy_import=$!
ensure_base_image
wait "$proxy_import"
if [ -d "$here/examples/movie-predictor" ]; then
  build_example "$EXAMPLE_IMAGE" Dockerfile
  build_example "$SERVE_IMAGE" serve.Dockerfile
fi
