#!/usr/bin/env bash
# Start-up time of the CLI on one small file, side by side with `file --mime-type` (issue 21's
# goal: one small file inspected in no more time than file(1) takes), and whether the binary
# links Foundation.
#
#   scripts/startup.sh [BINARY] [BASELINE_BINARY]
#
# BINARY defaults to .build/release/deeploy-payload (build it first with
# `swift build -c release --product deeploy-payload`). BASELINE_BINARY, if given, is timed in the
# same hyperfine runs (a copy of an older build), so the ratio to it is measured under the same
# load. Needs hyperfine (Debian: `apt-get install hyperfine`) and file(1).
#
# Method: hyperfine -N (no shell in between) --warmup 20, mean ± σ of at least 200 runs per
# command; the small files are a 24-byte JSON instances payload and a 1×1 PNG from the corpus.
# On a shared machine the absolute times move with the load: compare within one run only.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${1:-$root/.build/release/deeploy-payload}
baseline=${2:-}
[[ -x $binary ]] || { echo "no binary at $binary: swift build -c release --product deeploy-payload" >&2; exit 1; }
binary=$(realpath "$binary")
[[ -z $baseline ]] || baseline=$(realpath "$baseline")
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"instances":[[1,2,3]]}\n' > "$work/small.json"
cp "$root/Corpus/cases/valid/image/png-1x1.png" "$work/small.png"
cd "$work"

echo "== DT_NEEDED of $binary"
readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/  \1/p'
if readelf -d "$binary" | grep -Eq '\[lib(Foundation|FoundationInternationalization|_FoundationICU)\.so'; then
    echo "  -> links Foundation or ICU"
fi

# inspect exits 1 when a file is rejected (the PNG is not JSON): -i keeps hyperfine going.
run() {
    hyperfine -N -i --warmup 20 --min-runs 200 --style basic "$@"
}
commands=(
    "file --mime-type small.json"
    "$binary --version"
    "$binary inspect small.json"
    "$binary inspect small.png"
)
if [[ -n $baseline ]]; then
    commands+=(
        "$baseline --version"
        "$baseline inspect small.json"
        "$baseline inspect small.png"
    )
fi
run "${commands[@]}"
