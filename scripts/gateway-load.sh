#!/usr/bin/env bash
# Load figures for the gateways (issue 19), over loopback, with the root package's release
# build of deeploy-gateway. Not run in CI.
#
#   swift build -c release --product deeploy-gateway
#   apt-get install -y wrk curl python3
#   scripts/gateway-load.sh [throughput|latency|memory|all]   (default: all)
#
# Environment: DURATION (seconds per wrk run, default 10), ROUNDS (runs per side, default 3,
# interleaved, best kept), CONNECTIONS (default 64), BIN (default .build/release/deeploy-gateway).
#
# (a) throughput: a Hummingbird server with the DeeployHummingbird middleware ("judged") vs the
#     same server without it ("plain"): `deeploy-gateway --bench-echo plain|judged`, one at a
#     time, wrk with CONNECTIONS connections on a 1 KiB JSON body and a 1 MiB PNG body. Goals:
#     judged/plain >= 90% (JSON) and >= 80% (PNG).
# (b) latency: wrk --latency against the plain server directly, then through deeploy-gateway
#     in front of it; p50 and p99 at 1 and at CONNECTIONS connections, 1 KiB JSON.
# (c) memory: deeploy-gateway --max-size 10M in front of the plain server; 64 concurrent curl
#     uploads of an 8 MiB PNG (accepted, forwarded), then, in a fresh process, 64 concurrent
#     chunked uploads of 1 GiB (refused at 10 MiB). Peak RSS is the gateway's VmHWM from
#     /proc. Bound: 64 x 10 MiB + 100 MiB = 740 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.build/release/deeploy-gateway}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
WHAT=${1:-all}
[ -x "$BIN" ] || { echo "build first: swift build -c release --product deeploy-gateway" >&2; exit 1; }
command -v wrk > /dev/null || { echo "install wrk: apt-get install -y wrk" >&2; exit 1; }

WORK=$(mktemp -d /tmp/gateway-load.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    wait 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=scripts/gateway-common.sh
source scripts/gateway-common.sh

# Bodies: a 1 KiB JSON predict request (gateway-common.sh), PNGs of 1 MiB and 8 MiB (valid chunks, seeded random
# IDAT), and a sparse 1 GiB file that starts as a PNG.
python3 - "$WORK" << 'EOF'
import os, random, struct, sys, zlib
work = sys.argv[1]
rng = random.Random(19)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
def png(size):
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1024, 1024, 8, 2, 0, 0, 0))
    tail = chunk(b"IEND", b"")
    idat = size - len(head) - len(tail) - 12
    return head + chunk(b"IDAT", rng.randbytes(idat)) + tail
open(f"{work}/1m.png", "wb").write(png(1 << 20))
open(f"{work}/8m.png", "wb").write(png(8 << 20))
with open(f"{work}/1g.png", "wb") as f:
    f.write(png(64 << 10))
    f.truncate(1 << 30)
EOF

write_1k_json "$WORK/1k.json"
write_wrk_post "$WORK/post.lua"

# start NAME ARGS...: runs BIN ARGS in the background, waits for its "listening" line, and sets
# STARTED_PID.
start() {
    local name=$1; shift
    # Emptied here, not only by the redirection below: that runs in the child, which may not
    # have run yet when the loop below reads the file, and would find the last round's line.
    : > "$WORK/$name.out"
    "$BIN" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
    for _ in $(seq 1 200); do
        grep -q "listening" "$WORK/$name.out" 2> /dev/null && return 0
        sleep 0.05
    done
    echo "$name did not start:" >&2; cat "$WORK/$name.err" >&2; exit 1
}
stop() { kill "$1"; wait "$1" 2> /dev/null || true; }

# requests/s of one wrk run.
rps() { # url body type
    BODY=$2 TYPE=$3 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/post.lua" "$1" | awk '/Requests\/sec/ { print $2 }'
}

throughput() {
    echo "== (a) throughput, $CONNECTIONS connections, ${DURATION}s per run, best of $ROUNDS, interleaved"
    for case in "1k.json application/json 0.90" "1m.png image/png 0.80"; do
        set -- $case
        local best_plain=0 best_judged=0 pairs=""
        for round in $(seq 1 "$ROUNDS"); do
            local plain_rps=0
            for mode in plain judged; do
                local port; port=$(free_port)
                start "$mode" --bench-echo "$mode" --bench-max-size 16777216 --port "$port"
                local pid=$STARTED_PID
                local r; r=$(rps "http://127.0.0.1:$port/predict" "$WORK/$1" "$2")
                stop "$pid"
                echo "   $1 $mode round $round: $r req/s"
                if [ "$mode" = plain ]; then
                    best_plain=$(python3 -c "print(max($best_plain, $r))")
                    plain_rps=$r
                else
                    best_judged=$(python3 -c "print(max($best_judged, $r))")
                    pairs+="$r/$plain_rps,"
                fi
            done
        done
        python3 -c "
import statistics
p, j, goal = $best_plain, $best_judged, $3
paired = statistics.median([$pairs])
print(f'   {\"$1\"}: plain {p:.0f} req/s, judged {j:.0f} req/s, ratio {j / p:.1%} (goal >= {goal:.0%}): {\"met\" if j / p >= goal else \"NOT met\"}')
print(f'   {\"$1\"}: median of the {$ROUNDS} rounds\' judged/plain ratios (each judged run over the plain run before it): {paired:.1%}')"
    done
}

percentiles() { # url connections -> "p50 p99"
    BODY=$WORK/1k.json TYPE=application/json wrk -t1 -c"$2" -d"${DURATION}s" --latency -s "$WORK/post.lua" "$1" \
        | awk '$1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } END { print p50, p99 }'
}

latency() {
    echo "== (b) deeploy-gateway's added latency, 1 KiB JSON, ${DURATION}s per run"
    local up; up=$(free_port)
    start upstream --bench-echo plain --port "$up"
    local upstream_pid=$STARTED_PID
    local gw; gw=$(free_port)
    start gateway --upstream "http://127.0.0.1:$up" --port "$gw" --log-level error
    local gateway_pid=$STARTED_PID
    for connections in 1 "$CONNECTIONS"; do
        local direct via
        direct=$(percentiles "http://127.0.0.1:$up/predict" "$connections")
        via=$(percentiles "http://127.0.0.1:$gw/predict" "$connections")
        echo "   $connections connection(s): direct p50/p99 $direct; through the gateway p50/p99 $via"
    done
    stop "$gateway_pid"
    stop "$upstream_pid"
}

peak_rss() { # pid -> MiB
    awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# uploads NAME FILE CURL-ARGS...: 64 concurrent uploads to the gateway; prints status counts.
uploads() {
    local name=$1 file=$2; shift 2
    local curls=()
    for i in $(seq 1 64); do
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 300 -X POST -H "Content-Type: image/png" "$@" \
            -T "$file" "http://127.0.0.1:$GATEWAY_PORT/predict" >> "$WORK/$name.codes" &
        curls+=($!)
    done
    wait "${curls[@]}" || true
    sort "$WORK/$name.codes" | uniq -c | awk '{ printf "%s x %s; ", $1, $2 } END { print "" }'
}

memory() {
    echo "== (c) deeploy-gateway peak RSS, --max-size 10M, 64 concurrent uploads (bound 740 MiB)"
    local up; up=$(free_port)
    start upstream --bench-echo plain --bench-max-size 16777216 --port "$up"
    local upstream_pid=$STARTED_PID
    for scenario in "8m.png accepted" "1g.png refused"; do
        set -- $scenario
        GATEWAY_PORT=$(free_port)
        start gateway --upstream "http://127.0.0.1:$up" --port "$GATEWAY_PORT" --max-size 10M --log-level error
        local gateway_pid=$STARTED_PID
        local idle; idle=$(peak_rss "$gateway_pid")
        local started=$SECONDS
        local codes
        if [ "$1" = 1g.png ]; then
            codes=$(uploads "$1" "$WORK/$1" -H "Transfer-Encoding: chunked")
        else
            codes=$(uploads "$1" "$WORK/$1")
        fi
        echo "   64 x $1 ($2): statuses $codes peak RSS $(peak_rss "$gateway_pid") MiB (idle $idle MiB), $((SECONDS - started)) s"
        stop "$gateway_pid"
    done
    stop "$upstream_pid"
}

case $WHAT in
    throughput) throughput ;;
    latency) latency ;;
    memory) memory ;;
    all) throughput; latency; memory ;;
    *) echo "usage: $0 [throughput|latency|memory|all]" >&2; exit 2 ;;
esac
