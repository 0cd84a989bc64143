#!/usr/bin/env python3
"""Throughput of deeploy-emulator: N predict calls of 1 KiB JSON over C concurrent connections,
made by a native load generator and by Deeploy's own Python client, side by side.

Not run in CI. Needs a release build and, for the Python side, deeploy==1.66.0:

  swift build -c release --product deeploy-emulator
  pip install deeploy==1.66.0
  scripts/emulator-throughput.py [--calls 10000] [--connections 32]

Both sides call the same emulator process (started here on a free loopback port, echo model,
token auth, every call logged by Deeploy's rule), one after the other. Latency is per call,
from send to full response; calls/s is completed calls over the wall time of the run.

- native: wrk (https://github.com/wg/wrk) with 2 threads and C keep-alive connections for
  --wrk-seconds (default 10), its own percentiles and calls/s. wrk runs for a duration, not a
  count (a thread stopped after N/2 responses still waits out the duration, which would skew
  calls/s), so its call count is whatever that duration gives; the table shows it. ApacheBench,
  which takes a count, hangs on the emulator: it speaks HTTP/1.0 and waits for a close that the
  server (SwiftNIO's HTTP/1 pipeline) does not make.
- DeeployClient (with --send BINARY, a deeploy-send build): deeploy-send's hidden bench mode,
  `deeploy-send BODY --bench-calls N --bench-concurrency C`: one DeeployClient with C
  connections, C tasks making N/C calls each; every call judges the payload, sends it, reads and
  decodes the answer and checks it equals {"predictions": instances}; nearest-rank percentiles.
- python: C threads, each with its own deeploy.Client (a requests.Session is not shared across
  threads), each making N/C calls of client.predict(...), timed with perf_counter.

The emulator's peak RSS (VmHWM) is read from /proc after each side.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKSPACE, DEPLOYMENT, TOKEN = "bench-ws", "bench-echo", "bench-token"


def body_1kib():
    """A V1 request of exactly 1,024 bytes: {"instances": [[floats...]]}, padded with a name."""
    instances = [[round(i * 0.731, 3) for i in range(120)]]
    body = {"instances": instances, "signature_name": ""}
    text = json.dumps(body, separators=(",", ":"))
    body["signature_name"] = "x" * (1024 - len(text))
    text = json.dumps(body, separators=(",", ":"))
    assert len(text.encode()) == 1024, len(text)
    return body, text


def start_emulator(binary, log_dir):
    process = subprocess.Popen(
        [binary, "--port", "0", "--workspace", WORKSPACE, "--deployment", DEPLOYMENT, "--token", TOKEN, "--log-dir", log_dir],
        stdout=subprocess.PIPE, text=True)
    first = process.stdout.readline()  # "deeploy-emulator listening on http://127.0.0.1:PORT"
    if "listening on" not in first:
        process.kill()
        sys.exit(f"the emulator did not start: {first!r}")
    port = int(first.strip().rsplit(":", 1)[1])
    # Drain the rest of its banner in the background so it can never block on a full pipe.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, port


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


WRK_SCRIPT = r"""
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
function done(summary, latency, requests)
  io.write(string.format('{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def run_wrk(port, seconds, connections, text):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    env = dict(os.environ, BENCH_BODY=text, BENCH_TOKEN=TOKEN)
    url = f"http://127.0.0.1:{port}/workspaces/{WORKSPACE}/deployments/{DEPLOYMENT}/predict"
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name, url],
                            env=env, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    result = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    return {
        "calls": result["requests"], "errors": result["errors"],
        "p50_ms": result["p50_us"] / 1000, "p99_ms": result["p99_us"] / 1000,
        "calls_per_s": result["requests"] / (result["duration_us"] / 1e6),
    }


def run_send(binary, port, calls, connections, text):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as payload:
        payload.write(text)
    url = f"http://127.0.0.1:{port}/workspaces/{WORKSPACE}/deployments/{DEPLOYMENT}"
    output = subprocess.run([binary, payload.name, "--url", url, "--bench-calls", str(calls), "--bench-concurrency", str(connections)],
                            env=dict(os.environ, DEEPLOY_TOKEN=TOKEN), capture_output=True, text=True, check=True).stdout
    os.unlink(payload.name)
    return json.loads(output)


def run_python(port, calls, connections, body):
    from deeploy import Client  # imported here so the native side runs without it

    def client():
        made = Client(host="emulator.invalid", workspace_id=WORKSPACE, deployment_token=TOKEN)
        made._Client__deeploy_service._DeeployService__host = f"http://127.0.0.1:{port}"
        return made

    clients = [client() for _ in range(connections)]
    for made in clients:  # one warm-up call each opens its connection
        made.predict(DEPLOYMENT, body)
    latencies, errors, lock = [], [0], threading.Lock()

    def worker(made, count):
        mine, failed = [], 0
        for _ in range(count):
            started = time.perf_counter()
            try:
                answer = made.predict(DEPLOYMENT, body)
                if answer != {"predictions": body["instances"]}:
                    failed += 1
            except Exception:  # noqa: BLE001 - counted, not fatal
                failed += 1
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    share = [calls // connections + (1 if i < calls % connections else 0) for i in range(connections)]
    threads = [threading.Thread(target=worker, args=(made, n)) for made, n in zip(clients, share)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"calls": len(latencies), "errors": errors[0], "p50_ms": cuts[49] * 1000, "p99_ms": cuts[98] * 1000,
            "calls_per_s": len(latencies) / wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/deeploy-emulator"))
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--send", help="a deeploy-send binary: adds DeeployClient's row (its hidden bench mode)")
    parser.add_argument("--no-wrk", action="store_true", help="skip the wrk row")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no emulator at {args.binary}: run `swift build -c release --product deeploy-emulator` first")
    body, text = body_1kib()
    with tempfile.TemporaryDirectory(prefix="emulator-throughput-") as log_dir:
        process, port = start_emulator(args.binary, log_dir)
        try:
            rows = {}
            if not args.no_wrk:
                rows["native (wrk)"] = run_wrk(port, args.wrk_seconds, args.connections, text)
                rows["native (wrk)"]["emulator_peak_rss_mib"] = peak_rss_mib(process.pid)
            if args.send:
                rows["DeeployClient"] = run_send(args.send, port, args.calls, args.connections, text)
                rows["DeeployClient"]["emulator_peak_rss_mib"] = peak_rss_mib(process.pid)
            rows["python (deeploy 1.66.0)"] = run_python(port, args.calls, args.connections, body)
            rows["python (deeploy 1.66.0)"]["emulator_peak_rss_mib"] = peak_rss_mib(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(f"predict calls of 1 KiB JSON (python, DeeployClient: {args.calls}; wrk: {args.wrk_seconds} s), {args.connections} concurrent connections, loopback, {os.cpu_count()} cores")
    print(f"{'client':26} {'calls':>6} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'calls/s':>9} {'emulator peak RSS':>18}")
    for name, row in rows.items():
        print(f"{name:26} {row['calls']:>6} {row['errors']:>6} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
              f"{row['calls_per_s']:>9.0f} {row['emulator_peak_rss_mib']:>14.1f} MiB")
    python = rows["python (deeploy 1.66.0)"]
    for name in ("native (wrk)", "DeeployClient"):
        if name in rows:
            print(f"ratio {name}/python calls/s: {rows[name]['calls_per_s'] / python['calls_per_s']:.1f}x")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
