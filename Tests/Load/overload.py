#!/usr/bin/env python3
"""Overload run (issue 16, suite c): many worker processes on 2 cores, trials of 0-50 ms, and the
coordinator paused (SIGSTOP) for 10 s in the middle. Loopback only; bounded in count and time.

Passes only if
  - no trial failed, and no lease expired, because of the load or the pause;
  - /v1/health answered within 1 s at the 99th percentile outside the pause (and the 2 s after it);
  - the waiting workers' CPU during the pause stayed near zero (summed over all workers).

Usage: overload.py LSTM_SWEEP_BINARY [--workers 64] [--seconds 75]
Prints one line of figures per measure and exits 1 when a criterion fails.
"""
import argparse, json, os, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--workers", type=int, default=64)
parser.add_argument("--seconds", type=float, default=75)
parser.add_argument("--pause-at", type=float, default=30)
parser.add_argument("--pause", type=float, default=10)
args = parser.parse_args()

TICKS = os.sysconf("SC_CLK_TCK")
folder = tempfile.mkdtemp(prefix="overload-")
db = os.path.join(folder, "overload.sqlite")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


port = free_port()
base = f"http://127.0.0.1:{port}"
serve = subprocess.Popen([args.binary, "serve", "--db", db, "--port", str(port)],
                         stdout=subprocess.DEVNULL, stderr=open(os.path.join(folder, "serve.log"), "w"))
workers = []
try:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/v1/health", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    # 3 sleep lengths x 30,000 seeds: more than the run can finish, so the load lasts the whole window.
    sweep = "name: overload\npreset: toy\nseeds: 30000\ngrid:\n  toy.sleep_ms: [0, 10, 50]\n"
    request = urllib.request.Request(base + "/v1/sweeps", data=json.dumps({"yaml": sweep, "fileName": "overload.yaml"}).encode(),
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=120).read()

    # Health prober: every 100 ms, 5 s timeout; latencies with their start times.
    probes = []
    stop_probing = threading.Event()

    def probe():
        while not stop_probing.is_set():
            start = time.monotonic()
            try:
                urllib.request.urlopen(base + "/v1/health", timeout=5).read()
                probes.append((start, time.monotonic() - start))
            except OSError:
                probes.append((start, float("inf")))
            time.sleep(0.1)

    prober = threading.Thread(target=probe, daemon=True)
    t0 = time.monotonic()
    for i in range(args.workers):
        workers.append(subprocess.Popen(
            [args.binary, "worker", "--coordinator", base, "--jobs", "1", "--name", f"load-{i}",
             "--outbox", os.path.join(folder, f"outbox-{i}")],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(folder, f"worker-{i}.log"), "w")))
    prober.start()

    time.sleep(max(0, t0 + args.pause_at - time.monotonic()))
    os.kill(serve.pid, signal.SIGSTOP)
    paused_at = time.monotonic()
    time.sleep(1)  # let in-flight requests start waiting
    before = sum(cpu_ticks(w.pid) for w in workers)
    time.sleep(args.pause - 2)
    waiting_cpu = (sum(cpu_ticks(w.pid) for w in workers) - before) / TICKS
    waited = args.pause - 2
    time.sleep(max(0, paused_at + args.pause - time.monotonic()))
    os.kill(serve.pid, signal.SIGCONT)
    resumed_at = time.monotonic()

    time.sleep(max(0, t0 + args.seconds - time.monotonic()))
    for w in workers:
        w.send_signal(signal.SIGTERM)
    for w in workers:
        try:
            w.wait(timeout=60)
        except subprocess.TimeoutExpired:
            w.kill()
    stop_probing.set()
    prober.join(timeout=10)
    elapsed = time.monotonic() - t0
finally:
    for w in workers:
        if w.poll() is None:
            w.kill()
    if serve.poll() is None:
        os.kill(serve.pid, signal.SIGCONT)
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()

with sqlite3.connect(db) as connection:
    states = dict(connection.execute("SELECT state, count(*) FROM trial GROUP BY state").fetchall())
    expired = connection.execute("SELECT count(*) FROM attempt WHERE status = 'expired'").fetchone()[0]
    lease_failures = connection.execute(
        "SELECT count(*) FROM trial WHERE state = 'failed' AND failureReason LIKE 'lease expired%'").fetchone()[0]

outside = sorted(latency for start, latency in probes
                 if not (paused_at - 5 <= start <= resumed_at + 2))
def percentile(values, q):
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("inf")
p50, p99 = percentile(outside, 0.5), percentile(outside, 0.99)

print(f"workers: {args.workers}, run: {elapsed:.0f} s, coordinator paused {args.pause:.0f} s at {args.pause_at:.0f} s")
print(f"trials: done {states.get('done', 0)}, failed {states.get('failed', 0)} "
      f"(lease expired: {lease_failures}), queued {states.get('queued', 0)}, leased {states.get('leased', 0)}")
print(f"leases expired: {expired}")
print(f"health outside the pause: {len(outside)} probes, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
print(f"workers' CPU while waiting on the paused coordinator: {waiting_cpu:.2f} core-seconds in {waited:.0f} s "
      f"({100 * waiting_cpu / waited:.1f} % of one core, all {args.workers} together)")

failures = []
if states.get("failed", 0) > 0 or expired > 0:
    failures.append("trials failed or leases expired under load")
if p99 > 1.0:
    failures.append("health p99 over 1 s outside the pause")
if waiting_cpu / waited > 0.25:
    failures.append("waiting workers used more than a quarter core")
if states.get("done", 0) == 0:
    failures.append("nothing was done")
if failures:
    print("FAILED: " + "; ".join(failures) + f" (logs in {folder})")
    sys.exit(1)
print("passed")
