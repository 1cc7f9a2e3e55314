#!/usr/bin/env bash
# The test suite: unit tests, and integration tests against the lab's real servers
# (the lab is started and stopped by the tests themselves; binding port 53 on
# 127.53.x.x needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
# No test may send a packet off the machine: dnsward refuses any other target (the test
# kit sets the same for every test process, however it is started).
export DNSWARD_ALLOW_TARGETS="127.0.0.0/8, ::1"
# Commands the tests run without --history write the default store: keep it out of $HOME.
XDG_STATE_HOME=$(mktemp -d "${TMPDIR:-/tmp}/dnsward-test-state.XXXXXX")
export XDG_STATE_HOME
trap 'rm -rf -- "$XDG_STATE_HOME"' EXIT
swift build --build-tests
# The load generator's suites saturate this host's CPUs on purpose, and the sweep's start
# the sweep lab (five NSD reading their zones) and sweep it at full speed: each group runs
# on its own after the rest, so its load cannot push another suite's timing checks over.
load='HeadroomLoad|HeadroomCommandTests'
sweep='SweepCommandTests|SweepLabTests'
swift test --skip-build --skip "$load|$sweep"
swift test --skip-build --filter "$load"
swift test --skip-build --filter "$sweep"
