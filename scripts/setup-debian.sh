#!/usr/bin/env bash
# Installs what dnsward needs on Debian 12: libldns and libpq to build against, the DNS
# servers the lab and the tests run (NSD, Knot, Unbound, BIND), PostgreSQL for the sweep
# store's tests, the peer tools tests and benchmarks compare with, and headless Chromium
# with a CJK font (the report's rendering test and the README's screenshots). Swift itself
# (6.x) must already be on PATH.
# Every program the code, tests, lab, scripts, bench and cron start must come from one of
# these packages: scripts/check-deps.py checks it (.ci/run runs it after this script).
set -euo pipefail

packages=(
    libldns-dev ldnsutils pkg-config libsqlite3-dev
    nsd knot knot-dnsutils knot-dnssecutils unbound bind9 bind9-dnsutils bind9-utils
    dnsperf prometheus zonemaster-cli python3 procps iproute2 time
    shfmt
    chromium fonts-wqy-microhei
    postgresql postgresql-15 libpq-dev
    postgresql-client postgresql-client-common
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.x toolchain needed)" >&2; exit 1; }
