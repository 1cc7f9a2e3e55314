#!/usr/bin/env bash
# render-html.sh dom PAGE.html              prints the DOM Chromium built from the page
# render-html.sh screenshot PAGE.html OUT.png [WIDTH HEIGHT]
#
# Headless Chromium (Debian's chromium), run inside an empty network namespace of its own
# (unshare --net: not even loopback is up), so a page can fetch nothing from anywhere; with
# a throwaway profile directory, removed afterwards. The report's rendering test and the
# README's screenshots both go through here.
set -euo pipefail

(($# >= 2)) || { echo "usage: render-html.sh dom|screenshot PAGE.html [OUT.png [WIDTH HEIGHT]]" >&2; exit 64; }
mode=$1
page=$(realpath -- "$2")
[[ -f $page ]] || { echo "render-html.sh: $2: no such file" >&2; exit 66; }

profile=$(mktemp -d "${TMPDIR:-/tmp}/dnsward-chromium.XXXXXX")
trap 'rm -rf -- "$profile"' EXIT

# Root may make a network namespace directly; anyone else through a user namespace.
if (($(id -u) == 0)); then
    isolate=(unshare --net --)
else
    isolate=(unshare --user --map-root-user --net --)
fi

options=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
    --disable-sync --disable-extensions --no-first-run --no-default-browser-check --hide-scrollbars
    --user-data-dir="$profile" --crash-dumps-dir="$profile")

case $mode in
    dom)
        "${isolate[@]}" chromium "${options[@]}" --dump-dom "file://$page" 2>"$profile/stderr" \
            || { cat -- "$profile/stderr" >&2; exit 1; }
        ;;
    screenshot)
        (($# >= 3)) || { echo "render-html.sh screenshot: give OUT.png" >&2; exit 64; }
        out=$(realpath -m -- "$3")
        width=${4:-1200}
        height=${5:-1600}
        "${isolate[@]}" chromium "${options[@]}" --window-size="$width,$height" --screenshot="$out" "file://$page" \
            >"$profile/stdout" 2>"$profile/stderr" || { cat -- "$profile/stderr" >&2; exit 1; }
        [[ -s $out ]] || { echo "render-html.sh: Chromium wrote no screenshot" >&2; cat -- "$profile/stderr" >&2; exit 1; }
        ;;
    *)
        echo "render-html.sh: unknown mode '$mode' (dom or screenshot)" >&2
        exit 64
        ;;
esac
