#!/usr/bin/env python3
"""Issue 15's coordinator measure against Optuna, in one sitting: no-op trials per second.

    nice swift build -c release --product lstm-sweep && sh Benchmarks/optuna-venv.sh
    python3 Benchmarks/coordinator_vs_optuna.py [--workers 1,4,16] [--repeats 3] [--out DIR]

lstm-sweep: `serve` on a fresh database, `submit` of a sweep of N no-op toy trials (`name: noop`,
`preset: toy`, `seeds: N`), then W separate `worker --jobs 1 --exit-when-idle` processes, timed from
their start to the last exit; the database must then hold N accepted outcomes. Optuna (through
Benchmarks/optuna_noop.py in the venv): JournalStorage on a file and RDBStorage on SQLite, W forked
processes sharing one study, no-op objective. Rounds interleave the systems so each figure sees the
same machine. Prints one table: medians and ranges per cell, and lstm-sweep ÷ Optuna's best storage.

--perf-serve FILE records `perf record --call-graph fp` (or --perf-call-graph dwarf, which sees
through SQLite's frames) of `serve` during the lstm-sweep runs at the largest W (FILE.1, FILE.2, ...
one per round). --compare-bin runs a second lstm-sweep build in the same rounds. The Optuna venv is
.build/optuna-venv unless --optuna-python or OPTUNA_PYTHON says otherwise. docs/benchmarks.md has the
figures.
"""

import argparse
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_lstm_sweep(binary, workers, trials, perf_output=None, call_graph="fp"):
    """One lstm-sweep measure; returns trials/s and checks every trial was recorded exactly once."""
    with tempfile.TemporaryDirectory(prefix="lstm-sweep-coord-") as folder:
        database = os.path.join(folder, "bench.sqlite")
        log = open(os.path.join(folder, "serve.log"), "w+")
        serve = subprocess.Popen([binary, "serve", "--db", database, "--port", "0"], stdout=log, stderr=log)
        perf = None
        try:
            url = wait_for_url(log, serve)
            sweep = os.path.join(folder, "noop.yaml")
            with open(sweep, "w") as file:
                file.write(f"name: noop\npreset: toy\nseeds: {trials}\n")
            subprocess.run([binary, "submit", sweep, "--coordinator", url], check=True, stdout=subprocess.DEVNULL)
            if perf_output:
                perf = subprocess.Popen(
                    ["perf", "record", "--call-graph", call_graph, "-F", "999", "-e", "cpu-clock", "-o", perf_output,
                     "-p", str(serve.pid)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(0.5)
            start = time.perf_counter()
            procs = [
                subprocess.Popen(
                    [binary, "worker", "--coordinator", url, "--jobs", "1", "--exit-when-idle",
                     "--outbox", os.path.join(folder, f"outbox-{i}"), "--name", f"w{i}"],
                    stdout=subprocess.DEVNULL, stderr=open(os.path.join(folder, f"worker-{i}.log"), "w"))
                for i in range(workers)
            ]
            codes = [proc.wait() for proc in procs]
            seconds = time.perf_counter() - start
            if perf:
                perf.send_signal(signal.SIGINT)
                perf.wait()
            if any(codes):
                raise RuntimeError(f"worker exit codes {codes}; logs in {folder}")
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
                done, outcomes, accepted = db.execute(
                    "SELECT (SELECT count(*) FROM trial WHERE state = 'done'), (SELECT count(*) FROM outcome),"
                    " (SELECT count(*) FROM attempt WHERE status = 'accepted')").fetchone()
            if not done == outcomes == accepted == trials:
                raise RuntimeError(f"{done} done, {outcomes} outcomes, {accepted} accepted of {trials}")
            return trials / seconds
        finally:
            serve.send_signal(signal.SIGTERM)
            serve.wait()


def wait_for_url(log, serve):
    for _ in range(300):
        log.seek(0)
        match = re.search(r"listening on (http://[0-9.]+:[0-9]+)", log.read())
        if match:
            return match.group(1)
        if serve.poll() is not None:
            break
        time.sleep(0.1)
    log.seek(0)
    raise RuntimeError("serve did not start: " + log.read())


def run_optuna(python, storage, workers, trials):
    with tempfile.TemporaryDirectory(prefix="optuna-noop-") as folder:
        out = subprocess.run(
            [python, os.path.join(HERE, "optuna_noop.py"), "--storage", storage, "--workers", str(workers),
             "--trials", str(trials), "--dir", folder],
            capture_output=True, text=True)
        if not out.stdout.strip():
            raise RuntimeError(f"optuna_noop.py {storage} W={workers} printed nothing: {out.stderr[-2000:]}")
        line = json.loads(out.stdout.strip().splitlines()[-1])
        if out.returncode != 0:
            # A worker died (SQLite's "database is locked" under many writers): the rate counts the
            # trials that completed, and the run is flagged in the table.
            errors = sorted({e.split(": ", 1)[-1][:160] for e in out.stderr.splitlines() if e.startswith("worker ")})
            print(json.dumps({"storage": storage, "workers": workers, "failed_workers": line["failed_workers"],
                              "complete": line["complete"], "errors": errors}), file=sys.stderr, flush=True)
        return line["trials_per_s"], out.returncode != 0


def cell(values):
    if not values:
        return "-"
    low, high = min(values), max(values)
    spread = f" ({low:,.0f}–{high:,.0f})" if len(values) > 1 else ""
    return f"{statistics.median(values):,.0f}{spread}"


def load():
    return open("/proc/loadavg").read().split()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "lstm-sweep"))
    parser.add_argument("--optuna-python", default=os.environ.get(
        "OPTUNA_PYTHON", os.path.join(ROOT, ".build", "optuna-venv", "bin", "python")))
    parser.add_argument("--workers", default="1,4,16")
    parser.add_argument("--trials", type=int, default=10_000, help="lstm-sweep trials per run")
    parser.add_argument("--optuna-trials", type=int, default=1_000, help="Optuna trials per run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-optuna", action="store_true")
    parser.add_argument("--optuna-storages", default="journal,sqlite",
                        help="which Optuna storages to run (journal, sqlite, or both); SQLite at 10,000 trials takes minutes")
    parser.add_argument("--compare-bin", metavar="PATH", help="another lstm-sweep build (say, the commit before) in the same rounds")
    parser.add_argument("--perf-serve", metavar="FILE")
    parser.add_argument("--perf-call-graph", default="fp", help="fp, or dwarf to see through SQLite's frames")
    parser.add_argument("--out", help="folder for results.jsonl (one line per run)")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    systems = ["lstm-sweep"] + (["lstm-sweep (compared)"] if args.compare_bin else [])
    storages = [name.strip() for name in args.optuna_storages.split(",") if name.strip()]
    if not storages or any(name not in ("journal", "sqlite") for name in storages):
        parser.error(f"--optuna-storages: expected journal, sqlite or both, got '{args.optuna_storages}'")
    systems += [] if args.skip_optuna else [f"optuna-{name}" for name in storages]
    optuna = [s for s in systems if s.startswith("optuna-")]
    results = {(s, w): [] for s in systems for w in counts}
    failures = {(s, w): 0 for s in systems for w in counts}
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    record = open(os.path.join(args.out, "results.jsonl"), "a") if args.out else None

    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load {load()} at start")
    print(f"lstm-sweep: {args.trials} trials per run; Optuna ({', '.join(optuna) or 'not run'}): {args.optuna_trials} trials per run;"
          f" {args.repeats} rounds")
    for repeat in range(1, args.repeats + 1):
        for w in counts:
            for system in systems:
                if system == "lstm-sweep":
                    perf = f"{args.perf_serve}.{repeat}" if args.perf_serve and w == max(counts) else None
                    rate = run_lstm_sweep(args.bin, w, args.trials, perf, args.perf_call_graph)
                elif system == "lstm-sweep (compared)":
                    rate = run_lstm_sweep(args.compare_bin, w, args.trials)
                else:
                    rate, flawed = run_optuna(args.optuna_python, system.removeprefix("optuna-"), w, args.optuna_trials)
                    if flawed:
                        failures[(system, w)] += 1
                results[(system, w)].append(rate)
                line = {"round": repeat, "system": system, "workers": w, "trials_per_s": rate, "load": load()}
                print(json.dumps(line), file=sys.stderr, flush=True)
                if record:
                    print(json.dumps(line), file=record, flush=True)

    print(f"load {load()} at end; trials/s, median (range) of {args.repeats} rounds\n")
    header = ["workers"] + systems + ([] if args.skip_optuna else ["lstm-sweep ÷ best Optuna run"])
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for w in counts:
        row = [str(w)] + [cell(results[(s, w)]) + ("*" * bool(failures[(s, w)])) for s in systems]
        if not args.skip_optuna:
            best = max(statistics.median(results[(s, w)]) for s in optuna)
            row.append(f"{statistics.median(results[('lstm-sweep', w)]) / best:.1f}×")
        print("| " + " | ".join(row) + " |")
    if any(failures.values()):
        print("\n* some of these runs lost Optuna workers to an exception (see stderr); the rate counts the trials completed")


if __name__ == "__main__":
    main()
