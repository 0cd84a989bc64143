# Shared by scripts/gateway-load.sh and scripts/gateway-cpu.sh (sourced, not run): the 1 KiB
# JSON body, the wrk script that posts a body, and a free loopback port.

# write_1k_json FILE: a 1 KiB JSON predict request, seeded, padded with spaces to 1,024 bytes.
write_1k_json() {
    python3 - "$1" << 'PY'
import json, random, sys
rng = random.Random(19)
rows = []
while len(json.dumps({"instances": rows})) < 1000:
    rows.append([round(rng.uniform(-1, 1), 6) for _ in range(4)])
body = json.dumps({"instances": rows}).encode()
open(sys.argv[1], "wb").write(body + b" " * (1024 - len(body)))
PY
}

# write_wrk_post FILE: a wrk script that POSTs the file $BODY with Content-Type $TYPE.
write_wrk_post() {
    cat > "$1" << 'LUA'
local file = io.open(os.getenv("BODY"), "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("TYPE")
LUA
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
