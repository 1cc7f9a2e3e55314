#!/usr/bin/env bash
# The main job against the bundled lab: start the lab, build dnsward, and ask the lab's
# servers the questions an operator would. Leaves the lab running; `lab/labctl stop` ends it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The lab is all there is to ask: dnsward refuses any other target.
export DNSWARD_ALLOW_TARGETS="127.0.0.0/8, ::1"

lab/labctl start
swift build -c release --product dnsward
bin=$(swift build -c release --show-bin-path)/dnsward

run() {
    printf '\n$ dnsward %s\n' "$*"
    "$bin" "$@" || printf '(exit %d)\n' "$?"
}

run query www.healthy.test A @127.53.2.1 --no-recurse
run query healthy.test SOA @127.53.2.2 --no-recurse --tcp
run query www.signed.test A @127.53.9.1 --dnssec
run query www.healthy.test A @127.53.9.2 --format json
run query partial.test SOA @127.53.2.3 --no-recurse --timeout 1 --retries 0
run query partial.test SOA @127.53.2.4 --no-recurse
run check-config --config lab/dnsward.yml
run probe --config lab/dnsward.yml
run probe --zone healthy.test --root-hints lab/.run/root.hints --no-history --format json
run snapshot --config lab/dnsward.yml --zones-dir lab/.run/zones --zone healthy.test --zone signed.test --zone noaxfr.test --zone large.test
run verify --zones-dir lab/.run/zones
run restore --zone signed.test --to unbound --zones-dir lab/.run/zones --include-dir /etc/unbound/unbound.conf.d
