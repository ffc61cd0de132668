#!/usr/bin/env bash
# Installs, from Debian's packages, what the tests and the quick start need and a fresh machine of this kind lacks.
# Idempotent: a package already present is not touched. Nothing is downloaded from anywhere but the apt mirror.
set -euo pipefail

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
# The OCI registry tests run a real CNCF distribution server on loopback, with htpasswd authentication.
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v curl >/dev/null 2>&1 || need+=(curl)

if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing ${need[*]}" >&2
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
