#!/usr/bin/env bash
# The README's pictures of the lab report: the English and Chinese HTML reports that
# scripts/demo.sh writes (lab/.run/reports/), rendered by the same headless-Chromium step
# as the report's rendering test (scripts/render-html.sh), into docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs
for language in en zh; do
    page=lab/.run/reports/dnsward-report-$language.html
    [[ -f $page ]] || { echo "report-screenshots: $page missing: run scripts/demo.sh first" >&2; exit 1; }
    bash scripts/render-html.sh screenshot "$page" "docs/report-$language.png" 960 1180
    printf 'docs/report-%s.png: %s\n' "$language" "$(python3 scripts/png-stats.py "docs/report-$language.png")"
done
