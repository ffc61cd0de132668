#!/usr/bin/env bash
# The test command (README, .ci/run): prepares this machine — packages, a running Docker Engine, the offline base
# and example images — then runs every module's tests against the real engine and servers.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
./scripts/setup.sh
./scripts/docker-env.sh
exec mvn -B -ntp verify "$@"
