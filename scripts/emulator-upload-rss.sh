#!/usr/bin/env bash
# Peak RSS of deeploy-emulator while it receives one large upload (not run in CI).
#
#   swift build -c release --product deeploy-emulator
#   scripts/emulator-upload-rss.sh [SIZE_MIB (default 1024)] [BINARY] [SENDER]
#
# SENDER, when given, is a deeploy-send binary: the upload is then made by DeeployClient
# (`deeploy-send FILE --declared application/octet-stream`, which judges the file in a first pass
# and streams it) instead of curl, and the client's own peak RSS (GNU time) is printed too:
# both sides of the issue's "1 GiB through DeeployClient to the emulator" figure.
#
# Starts the emulator on a free loopback port (echo model, token auth, objects in a temp dir),
# POSTs a file of SIZE_MIB MiB of seeded pseudo-random bytes as application/octet-stream with
# curl (which streams a file given with -T), and prints the emulator's peak RSS (VmHWM) before
# and after, the upload's throughput, and whether the stored object's SHA-256 is sha256sum's.
# A body of a non-JSON type past the streaming threshold (8 MiB) goes to disk as it arrives, so
# the peak should not grow with the upload's size.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
binary=${2:-.build/release/deeploy-emulator}
sender=${3:-}
[ -x "$binary" ] || { echo "no emulator at $binary: swift build -c release --product deeploy-emulator" >&2; exit 2; }

work=$(mktemp -d /tmp/emulator-upload-XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
# Seeded, incompressible bytes: AES-CTR over zeros with a fixed key.
head -c $((size_mib << 20)) /dev/zero | openssl enc -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f -iv 00000000000000000000000000000000 -nosalt > "$work/body.bin"
expected=$(sha256sum "$work/body.bin" | cut -c1-64)

"$binary" --port 0 --workspace ws --deployment dep --token tok --log-dir "$work/objects" > "$work/out" &
pid=$!
for _ in $(seq 50); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
port=$(head -1 "$work/out" | sed 's/.*://')
hwm() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }
before=$(hwm)

start=$(date +%s.%N)
if [ -n "$sender" ]; then
    how="deeploy-send: verdict pass + upload"
    answer=$(DEEPLOY_TOKEN=tok /usr/bin/time -v "$sender" "$work/body.bin" --declared application/octet-stream \
        --max-size 8G --format json --url "http://127.0.0.1:$port/workspaces/ws/deployments/dep" 2>"$work/time.txt" | tr -d '\n ')
else
    how="curl -T"
    answer=$(curl -s -X POST -T "$work/body.bin" -H "Authorization: Bearer tok" -H "Content-Type: application/octet-stream" \
        "http://127.0.0.1:$port/workspaces/ws/deployments/dep/predict")
fi
end=$(date +%s.%N)
after=$(hwm)
stored=$(ls "$work/objects")

echo "upload: $size_mib MiB in $(echo "$end - $start" | bc) s = $(echo "scale=0; $size_mib / ($end - $start)" | bc) MiB/s ($how, loopback)"
echo "emulator peak RSS: $before MiB after start, $after MiB after the upload"
if [ -n "$sender" ]; then
    echo "client (deeploy-send) peak RSS: $(awk '/Maximum resident set size/ {printf "%.1f", $NF / 1024}' "$work/time.txt") MiB"
fi
echo "answer: $answer"
[ "$stored" = "$expected" ] && echo "stored object named by sha256sum's digest: ok" || { echo "stored $stored, expected $expected" >&2; exit 1; }
