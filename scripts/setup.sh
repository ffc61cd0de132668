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
# The report pages are tested in headless Chromium, driven through its ChromeDriver (ReportBrowserIT).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# Chromium only recommends fonts; without one the pages (and their screenshots) have no text to draw.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)

if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing ${need[*]}" >&2
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
