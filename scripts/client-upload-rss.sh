#!/bin/sh
# Peak resident memory of `deeploy-payload send` uploading a large file: the client's claim that
# a file streams from disk in bounded memory (issue 20: a 2 GiB file under 64 MiB RSS).
#
# Usage: scripts/client-upload-rss.sh [SIZE_MIB] [BINARY]
#   SIZE_MIB  the file's size in MiB (2048 by default)
#   BINARY    deeploy-payload to run (.build/release/deeploy-payload, else .build/debug/...)
#
# The receiver is a small Python sink on 127.0.0.1 (port 0) that reads the body in 1 MiB
# pieces, throws it away and answers {"received": N}: it measures the client alone. The
# payload is seeded pseudo-random bytes (not sparse zeros, which the kernel would not need to
# read), declared application/octet-stream, so the verdict's first pass reads every byte, then
# the upload reads them again. GNU time's "Maximum resident set size" is the figure.
# `deeploy-payload send` execs deeploy-send in the same process, so the figure is deeploy-send's.
set -eu
size_mib=${1:-2048}
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${2:-}
if [ -z "$binary" ]; then
    if [ -x "$root/.build/release/deeploy-payload" ]; then binary="$root/.build/release/deeploy-payload"
    else binary="$root/.build/debug/deeploy-payload"; fi
fi
work=$(mktemp -d /tmp/client-upload-rss.XXXXXX)
trap 'kill "$sink_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work/payload.bin" "$size_mib" <<'EOF'
import random, sys
rng = random.Random(2026)
with open(sys.argv[1], "wb") as f:
    block = rng.randbytes(1 << 20)
    for i in range(int(sys.argv[2])):
        # A different first 8 bytes per MiB, so no block repeats.
        f.write(i.to_bytes(8, "little") + block[8:])
EOF

python3 - "$work/port" <<'EOF' &
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        left = int(self.headers.get("Content-Length", "0"))
        total = 0
        while left > 0:
            piece = self.rfile.read(min(left, 1 << 20))
            if not piece: break
            left -= len(piece); total += len(piece)
        body = ('{"received": %d}' % total).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Sink)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
EOF
sink_pid=$!
while [ ! -s "$work/port" ]; do sleep 0.1; done
port=$(cat "$work/port")

start=$(date +%s.%N)
DEEPLOY_TOKEN=rss-test /usr/bin/time -v "$binary" send "$work/payload.bin" \
    --url "http://127.0.0.1:$port/workspaces/ws/deployments/dep" \
    --declared application/octet-stream --max-size 8G --format json \
    >"$work/out.json" 2>"$work/time.txt"
end=$(date +%s.%N)
cat "$work/out.json"
rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
seconds=$(echo "$end - $start" | bc)
echo "file: $size_mib MiB; peak RSS: $((rss_kib / 1024)) MiB ($rss_kib KiB); wall: ${seconds}s (verdict pass + upload);" \
    "throughput: $(echo "scale=1; $size_mib / $seconds" | bc) MiB/s"
