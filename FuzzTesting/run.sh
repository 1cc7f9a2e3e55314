#!/usr/bin/env bash
# Builds the message fuzzer with libFuzzer and AddressSanitizer and runs it for a bounded
# time (default 60 s): bash FuzzTesting/run.sh [SECONDS]
# SwiftPM links executables with `main` renamed to `<Target>_main`, while libFuzzer brings
# its own `main`; so the objects are built by SwiftPM and linked here without the rename.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
flags=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
swift build -c debug "${flags[@]}" >/dev/null 2>&1 || true   # the link step is expected to fail
bin=$(swift build -c debug "${flags[@]}" --show-bin-path)
ldns_libs=$(pkg-config --libs ldns)
# shellcheck disable=SC2086
swiftc $ldns_libs -L "$bin" -o "$bin/FuzzMessage" -module-name FuzzMessage -emit-executable \
    -Xlinker '-rpath=$ORIGIN' "@$bin/FuzzMessage.product/Objects.LinkFileList" \
    -g -sanitize=fuzzer,address -parse-as-library 2>&1 | grep -v "Cannot export local symbol" || true
test -x "$bin/FuzzMessage"
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp Corpus/message/* "$corpus/"
mkdir -p crashers
"$bin/FuzzMessage" "$corpus" -max_total_time="$seconds" -artifact_prefix=crashers/ -print_final_stats=1
