#!/usr/bin/env bash
# The test suite: unit tests, and integration tests against the lab's real servers
# (the lab is started and stopped by the tests themselves; binding port 53 on
# 127.53.x.x needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
