#!/usr/bin/env bash
# The main job against the bundled lab: start the lab, build dnsward, ask the lab's servers
# the questions an operator would, back the zones up, drill the backups and write the
# registry report (its path is printed at the end). Leaves the lab running; `lab/labctl stop`
# ends it.
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
run probe --config lab/dnsward.yml > /dev/null
# The root and test. as well: a drill validates signed.test. through them from the lab's key.
run snapshot --config lab/dnsward.yml --zones-dir lab/.run/zones --zone . --zone test. --zone healthy.test --zone signed.test --zone noaxfr.test --zone large.test
run verify --zones-dir lab/.run/zones
run restore --zone signed.test --to unbound --zones-dir lab/.run/zones --include-dir /etc/unbound/unbound.conf.d
run drill --config lab/dnsward.yml --zones-dir lab/.run/zones --zone . --zone test. --zone healthy.test --zone signed.test --zone noaxfr.test --zone large.test
mkdir -p lab/.run/reports
run report --config lab/dnsward.yml --since 1d --format html --lang en --out lab/.run/reports/dnsward-report-en.html
run report --config lab/dnsward.yml --since 1d --format html --lang zh --out lab/.run/reports/dnsward-report-zh.html
run report --config lab/dnsward.yml --since 1d --format md --out lab/.run/reports/dnsward-report-en.md

printf '\nThe registry report: %s (English), %s (Chinese), %s (Markdown)\n' \
    "$PWD/lab/.run/reports/dnsward-report-en.html" "$PWD/lab/.run/reports/dnsward-report-zh.html" \
    "$PWD/lab/.run/reports/dnsward-report-en.md"
