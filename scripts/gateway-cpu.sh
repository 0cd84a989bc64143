#!/usr/bin/env bash
# Server CPU per request of the Hummingbird bench servers of deeploy-gateway (issue 19): the
# steadier companion of gateway-load.sh's throughput ratio, since wrk shares the machine's cores
# with the server and its share moves the ratio. Not run in CI.
#
#   swift build -c release --product deeploy-gateway
#   scripts/gateway-cpu.sh [ROUNDS] [BIN:MODE ...]    (default: 3 rounds of plain and judged)
#
# Each BIN:MODE runs `BIN --bench-echo MODE` on a free loopback port, warms it with 1 s of wrk
# (2 threads, 64 connections), then reads the server's utime+stime from /proc across 4 s more of
# wrk and divides by the requests wrk made. The specs run one after the other, round by round,
# so that an older binary given as a second spec is measured under the same load; the medians
# come last. Environment: BODY (default: a 1 KiB JSON predict request), TYPE (its Content-Type).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-3}
shift || true
SPECS=("$@")
if [ ${#SPECS[@]} -eq 0 ]; then
    SPECS=(".build/release/deeploy-gateway:plain" ".build/release/deeploy-gateway:judged")
fi
command -v wrk > /dev/null || { echo "install wrk: apt-get install -y wrk" >&2; exit 1; }

WORK=$(mktemp -d /tmp/gateway-cpu.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=scripts/gateway-common.sh
source scripts/gateway-common.sh
if [ -z "${BODY:-}" ]; then
    write_1k_json "$WORK/1k.json"
    BODY=$WORK/1k.json
    TYPE=application/json
fi
TYPE=${TYPE:-application/octet-stream}
write_wrk_post "$WORK/post.lua"
export BODY TYPE

# measure BIN MODE -> "requests/s CPU-µs-per-request"
measure() {
    local port; port=$(free_port)
    : > "$WORK/out"
    "$1" --bench-echo "$2" --bench-max-size 16777216 --port "$port" > "$WORK/out" 2> /dev/null &
    local pid=$!
    for _ in $(seq 1 200); do grep -q listening "$WORK/out" && break; sleep 0.05; done
    wrk -t2 -c64 -d1s -s "$WORK/post.lua" "http://127.0.0.1:$port/p" > /dev/null
    local t0; t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    local out; out=$(wrk -t2 -c64 -d4s -s "$WORK/post.lua" "http://127.0.0.1:$port/p")
    local t1; t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    kill "$pid"; wait "$pid" 2> /dev/null || true
    local ticks; ticks=$(getconf CLK_TCK)
    python3 -c "
n = int('$(echo "$out" | awk '/requests in/ {print $1}')')
rps = float('$(echo "$out" | awk '/Requests\/sec/ {print $2}')')
print(f'{rps:.0f} {($t1 - $t0) / $ticks * 1e6 / n:.1f}')"
}

declare -A results
for round in $(seq 1 "$ROUNDS"); do
    for spec in "${SPECS[@]}"; do
        r=$(measure "${spec%:*}" "${spec##*:}")
        echo "round $round  $spec: ${r% *} req/s, ${r#* } µs CPU/request"
        results[$spec]+="$r;"
    done
done
for spec in "${SPECS[@]}"; do
    python3 -c "
import statistics
runs = [tuple(map(float, r.split())) for r in '${results[$spec]}'.split(';') if r]
print(f'median  $spec: {statistics.median(r[0] for r in runs):.0f} req/s, {statistics.median(r[1] for r in runs):.1f} µs CPU/request')"
done
