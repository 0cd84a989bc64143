#!/usr/bin/env bash
# Peak memory and speed of `deeploy-payload decode` on one large JSON response body (issue 21,
# defect 4).
#
#   scripts/decode-memory.sh [--mib N] [--format text|json] [--runs R] [CLI ...]
#
# Generates a response body of about N MiB (default 100) shaped like a V1 answer,
# {"predictions": [[16 numbers such as 0.734219], ...], "model": "iris"} (seeded), then runs
# each CLI given (default: the debug build, .build/debug/deeploy-payload) R times (default 1)
# as `decode --content-type application/json --format F` under /usr/bin/time -v, output to
# /dev/null, and prints for each run the peak RSS and RSS / body, the wall time and the CPU
# time (user + system), each with MB/s (body bytes / time, 10^6 bytes; on a busy machine the
# CPU figure is the steadier one). Give two CLIs (a copy of the build before a change, then
# after) to compare them back to back on the same bytes. The body is read whole by design, so
# the floor is about 1 x the body.
#
# Needs python3 (to generate the body, seeded) and GNU time at /usr/bin/time.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mib=100
format=text
runs=1
clis=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --mib) mib=$2; shift 2 ;;
        --format) format=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) clis+=("$1"); shift ;;
    esac
done
[[ ${#clis[@]} -gt 0 ]] || clis=("$root/.build/debug/deeploy-payload")
for cli in "${clis[@]}"; do
    [[ -x $cli ]] || { echo "no executable at $cli (swift build --product deeploy-payload)" >&2; exit 1; }
done

folder=$(mktemp -d "${TMPDIR:-/tmp}/decode-memory.XXXXXX")
trap 'rm -rf "$folder"' EXIT

python3 - "$folder/body.json" "$mib" <<'PYTHON'
import random, sys
path, target = sys.argv[1], int(sys.argv[2]) << 20
rng = random.Random(0x9E3779B97F4A7C15)
# 4,096 spellings like 0.734219 and -3.000102, one in eight negative.
pool = [("-" if rng.random() < 0.125 else "") + f"{rng.randrange(10)}.{rng.randrange(1_000_000):06d}" for _ in range(4096)]
with open(path, "w") as out:
    out.write('{"predictions": [')
    written, first = 17, True
    while written < target - 64:
        row = ("" if first else ", ") + "[" + ", ".join(rng.choices(pool, k=16)) + "]"
        out.write(row)
        written += len(row)
        first = False
    out.write('], "model": "iris"}\n')
PYTHON

body=$(stat -c %s "$folder/body.json")
echo "body: $body bytes ($((body / 1048576)) MiB)"
echo "decode --content-type application/json --format $format, output to /dev/null, $runs runs per CLI"

for cli in "${clis[@]}"; do
    for ((run = 1; run <= runs; run++)); do
        /usr/bin/time -v -o "$folder/time.txt" "$cli" decode --content-type application/json \
            --format "$format" "$folder/body.json" > /dev/null
        rss_kib=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$folder/time.txt")
        wall=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$folder/time.txt")
        user=$(sed -n 's/^\s*User time (seconds): //p' "$folder/time.txt")
        system=$(sed -n 's/^\s*System time (seconds): //p' "$folder/time.txt")
        awk -v cli="$cli" -v rss="$rss_kib" -v wall="$wall" -v cpu="$user + $system" -v body="$body" 'BEGIN {
            n = split(wall, part, ":"); seconds = 0
            for (i = 1; i <= n; i++) seconds = seconds * 60 + part[i]
            split(cpu, times, " [+] "); cpu = times[1] + times[2]
            printf "%s: peak RSS %.0f MiB (%.2f x the body), wall %.2f s (%.0f MB/s), CPU %.2f s (%.0f MB/s)\n",
                cli, rss / 1024, rss * 1024 / body, seconds, body / 1e6 / seconds, cpu, body / 1e6 / cpu
        }'
    done
done
