#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in Fuzz/, each for SECONDS, seeded from Corpus/.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 60 seconds, every target)
#
# Targets: sniff-verdict media-type json-parse json-decode authorization response-decode tensor-decode log-split
#          inference-target content-encoding multipart
#
# Environment:
#   FUZZ_JOBS     targets fuzzed at the same time (default 1; 2 uses both cores of a 2-core machine)
#   FUZZ_MAX_LEN  the largest input libFuzzer makes, in bytes (default 8192)
#   FUZZ_RUNS     also stop a target after this many executions (default: no limit)
#   FUZZ_NO_BUILD set to 1 to run the binaries already built
#
# Each target's working corpus is Fuzz/corpus-work/TARGET/ (kept between runs, git-ignored),
# seeded from Corpus/cases/ (and, for log-split, the manifest's request/response pairs joined by
# a NUL byte; for media-type and authorization, the manifest's header values too; for
# inference-target, a few host, workspace and deployment lines). Crashes,
# timeouts and leaks go to Fuzz/artifacts/TARGET-*, each run's log to Fuzz/logs/TARGET.log.
# Reproduce a crash with: Fuzz/.build/release/TARGET Fuzz/artifacts/TARGET-crash-...
# The script ends with one line per target giving its executions, and exits 1 if any crashed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
all_targets=(sniff-verdict media-type json-parse json-decode authorization response-decode tensor-decode log-split inference-target content-encoding multipart)

seconds=${1:-60}
if [[ $# -gt 0 ]]; then shift; fi
if ! [[ $seconds =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]; '$seconds' is not a number of seconds" >&2
    exit 2
fi
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then targets=("${all_targets[@]}"); fi
for target in "${targets[@]}"; do
    if [[ " ${all_targets[*]} " != *" $target "* ]]; then
        echo "unknown target '$target'; the targets are: ${all_targets[*]}" >&2
        exit 2
    fi
done

jobs=${FUZZ_JOBS:-1}
max_len=${FUZZ_MAX_LEN:-8192}
runs=${FUZZ_RUNS:--1}
fuzz="$root/Fuzz"
mkdir -p "$fuzz/artifacts" "$fuzz/logs"

cd "$fuzz"
if [[ ${FUZZ_NO_BUILD:-0} != 1 ]]; then
    for target in "${targets[@]}"; do
        echo "building $target (release, libFuzzer + AddressSanitizer)"
        swift build -c release --product "$target" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
    done
fi
bin=$(swift build -c release --show-bin-path)

# Seeds: every corpus file up to 64 KiB (larger ones only slow libFuzzer down), flattened.
seed() {
    local target=$1 work="$fuzz/corpus-work/$1"
    mkdir -p "$work"
    (cd "$root/Corpus/cases" && find . -type f -size -65k -print0) | while IFS= read -r -d '' file; do
        local name=${file#./}
        cp -f "$root/Corpus/cases/$name" "$work/seed-${name//\//_}"
    done
    case $target in
    inference-target)
        printf 'example.deeploy.ml\nws-1\ndep-1' >"$work/target-plain"
        printf 'API.Example.com:8443\n3fa85f64-5717-4562-b3fc-2c963f66afa6\ndep_1.v2~x' >"$work/target-port"
        printf 'localhost\n..\n.' >"$work/target-dots"
        ;;
    multipart)
        printf -- '--fuzz-boundary\r\nContent-Disposition: form-data; name="f0"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n{"a": 1}\r\n--fuzz-boundary--\r\n' >"$work/form-json"
        printf -- '--fuzz-boundary\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--fuzz-boundary\r\nContent-Disposition: form-data; name="f1"; filename="b"\r\n\r\n[1]\r\n--fuzz-boundary--\r\n' >"$work/form-two"
        ;;
    log-split | media-type | authorization)
        python3 - "$root/Corpus" "$work" "$target" <<'PY'
import json, os, sys
corpus, work, target = sys.argv[1:4]
manifest = json.load(open(os.path.join(corpus, "manifest.json"), encoding="utf-8"))
def write(name, data):
    with open(os.path.join(work, name), "wb") as out:
        out.write(data)
if target == "log-split":
    for pair in manifest["pairs"]:
        request = open(os.path.join(corpus, pair["request"]), "rb").read()
        response = open(os.path.join(corpus, pair["response"]), "rb").read()
        write("pair-" + pair["id"].replace("/", "_"), request + b"\0" + response)
else:
    key = "contentTypes" if target == "media-type" else "authorizations"
    for index, entry in enumerate(manifest[key]):
        write("header-%03d" % index, entry["input"].encode("utf-8", "surrogatepass"))
PY
        ;;
    esac
}

run() {
    local target=$1
    local log="$fuzz/logs/$target.log"
    "$bin/$target" "$fuzz/corpus-work/$target" \
        -max_total_time="$seconds" -runs="$runs" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$fuzz/artifacts/$target-" >"$log" 2>&1
}

status=0
declare -A pids=()
for target in "${targets[@]}"; do
    seed "$target"
    while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do wait -n || true; done
    echo "fuzzing $target for ${seconds}s (log: Fuzz/logs/$target.log)"
    run "$target" &
    pids[$target]=$!
done

echo
printf '%-16s %14s  %s\n' target executions result
for target in "${targets[@]}"; do
    result=ok
    if ! wait "${pids[$target]}"; then
        result="FAILED: see Fuzz/logs/$target.log and Fuzz/artifacts/$target-*"
        status=1
    fi
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$fuzz/logs/$target.log" | grep -o '[0-9]*$' | tail -1 || true)
    printf '%-16s %14s  %s\n' "$target" "${executions:-?}" "$result"
done
exit $status
