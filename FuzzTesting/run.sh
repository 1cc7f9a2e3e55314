#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs each for a bounded
# time (default 60 s): bash FuzzTesting/run.sh [SECONDS] [TARGET...]
# Targets: FuzzMessage (Corpus/message), FuzzZoneFile (Corpus/zonefile), FuzzAXFR
# (Corpus/axfr); default all three, one after the other.
# SwiftPM links executables with `main` renamed to `<Target>_main`, while libFuzzer brings
# its own `main`; so the objects are built by SwiftPM and linked here without the rename.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(FuzzMessage FuzzZoneFile FuzzAXFR)
flags=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
swift build -c debug "${flags[@]}" >/dev/null 2>&1 || true   # the link steps are expected to fail
bin=$(swift build -c debug "${flags[@]}" --show-bin-path)
ldns_libs=$(pkg-config --libs ldns)
mkdir -p crashers
for target in "${targets[@]}"; do
    case $target in
        FuzzMessage) seeds=Corpus/message ;;
        FuzzZoneFile) seeds=Corpus/zonefile ;;
        FuzzAXFR) seeds=Corpus/axfr ;;
        *) echo "run.sh: unknown target $target" >&2; exit 64 ;;
    esac
    # shellcheck disable=SC2086
    swiftc $ldns_libs -L "$bin" -o "$bin/$target" -module-name "$target" -emit-executable \
        -Xlinker '-rpath=$ORIGIN' "@$bin/$target.product/Objects.LinkFileList" \
        -g -sanitize=fuzzer,address -parse-as-library 2>&1 | grep -v "Cannot export local symbol" || true
    test -x "$bin/$target"
    corpus=$(mktemp -d)
    cp "$seeds"/* "$corpus/"
    echo "== $target: $seconds s from $seeds"
    status=0
    "$bin/$target" "$corpus" -max_total_time="$seconds" -artifact_prefix="crashers/$target-" -print_final_stats=1 || status=$?
    rm -rf "$corpus"
    ((status == 0)) || exit "$status"
done
