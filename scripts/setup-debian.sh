#!/usr/bin/env bash
# Installs what dnsward needs on Debian 12: libldns to build against, the DNS servers
# the lab runs (NSD, Knot, Unbound; BIND for the restore and statistics-channel tests),
# and the peer tools tests and benchmarks compare with (dnsperf also brings resperf; GNU
# time measures their CPU in bench/headroom).
# Swift itself (6.x) must already be on PATH.
set -euo pipefail

packages=(
    libldns-dev ldnsutils pkg-config libsqlite3-dev
    nsd knot knot-dnsutils unbound bind9 bind9-dnsutils bind9-utils
    dnsperf prometheus python3 procps iproute2 time
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
