#!/usr/bin/env bash
# Peak memory and speed of `deeploy-payload split` on one large inference call (issue 21).
#
#   scripts/split-memory.sh [--instances N] [--format json|text] [--runs R] [CLI ...]
#
# Generates a V1 call shaped like Benchmarks' SplitPayloads (default 100,000 instances of 100
# numbers such as 0.734219, about 100 MB, and a response of one prediction each), then runs
# each CLI given (default: the release build, .build/release/deeploy-payload) R times (default
# 3) under /usr/bin/time -v with the output sent to /dev/null, and prints for each run the peak
# RSS and RSS / bodies, the wall time and the CPU time (user + system), each with MB/s (bodies'
# bytes / time, 10^6 bytes; on a busy machine the CPU figure is the steadier one). Give two
# CLIs (say, a copy of the build before a change, then after) to compare them back to back on
# the same bytes. Targets (issue 21): RSS at most 3 x the bodies, at least 200 MB/s.
#
# Needs python3 (to generate the call, seeded) and GNU time at /usr/bin/time.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
instances=100000
format=json
runs=3
clis=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --instances) instances=$2; shift 2 ;;
        --format) format=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) clis+=("$1"); shift ;;
    esac
done
[[ ${#clis[@]} -gt 0 ]] || clis=("$root/.build/release/deeploy-payload")
for cli in "${clis[@]}"; do
    [[ -x $cli ]] || { echo "no executable at $cli (swift build -c release --product deeploy-payload)" >&2; exit 1; }
done

folder=$(mktemp -d "${TMPDIR:-/tmp}/split-memory.XXXXXX")
trap 'rm -rf "$folder"' EXIT

python3 - "$folder" "$instances" <<'PYTHON'
import random, sys
folder, instances = sys.argv[1], int(sys.argv[2])
rng = random.Random(0x9E3779B97F4A7C15)
# 4,096 spellings like 0.734219 and -3.000102, one in eight negative, as SplitPayloads writes.
pool = [("-" if rng.random() < 0.125 else "") + f"{rng.randrange(10)}.{rng.randrange(1_000_000):06d}" for _ in range(4096)]
with open(f"{folder}/request.json", "w") as out:
    out.write('{"signature_name": "serving_default", "instances": [')
    out.write(", ".join("[" + ", ".join(rng.choices(pool, k=100)) + "]" for _ in range(instances)))
    out.write('], "parameters": {"threshold": 0.5}}')
with open(f"{folder}/response.json", "w") as out:
    out.write('{"predictions": [' + ", ".join(rng.choices(pool, k=instances)) + '], "model": "iris"}')
PYTHON

request_bytes=$(stat -c %s "$folder/request.json")
response_bytes=$(stat -c %s "$folder/response.json")
bodies=$((request_bytes + response_bytes))
echo "call: $instances instances; request $request_bytes bytes, response $response_bytes bytes, bodies $bodies bytes ($((bodies / 1048576)) MiB)"
echo "split --format $format, output to /dev/null, $runs runs per CLI"

for cli in "${clis[@]}"; do
    for ((run = 1; run <= runs; run++)); do
        /usr/bin/time -v -o "$folder/time.txt" "$cli" split --request "$folder/request.json" \
            --response "$folder/response.json" --format "$format" > /dev/null
        rss_kib=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$folder/time.txt")
        wall=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$folder/time.txt")
        user=$(sed -n 's/^\s*User time (seconds): //p' "$folder/time.txt")
        system=$(sed -n 's/^\s*System time (seconds): //p' "$folder/time.txt")
        awk -v cli="$cli" -v rss="$rss_kib" -v wall="$wall" -v cpu="$user + $system" -v bodies="$bodies" 'BEGIN {
            n = split(wall, part, ":"); seconds = 0
            for (i = 1; i <= n; i++) seconds = seconds * 60 + part[i]
            split(cpu, times, " [+] "); cpu = times[1] + times[2]
            printf "%s: peak RSS %.0f MiB (%.2f x the bodies), wall %.2f s (%.0f MB/s), CPU %.2f s (%.0f MB/s)\n",
                cli, rss / 1024, rss * 1024 / bodies, seconds, bodies / 1e6 / seconds, cpu, bodies / 1e6 / cpu
        }'
    done
done
