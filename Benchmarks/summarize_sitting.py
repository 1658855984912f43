#!/usr/bin/env python3
"""Markdown tables of one sitting (Benchmarks/sitting.sh): medians over rounds, ratios of medians."""
import json
import statistics
import sys
from pathlib import Path


def lines(path):
    return [json.loads(l) for l in Path(path).read_text().splitlines() if l.startswith("{")]


def main(out):
    out = Path(out)
    rows = []  # (label, T, runs, wall, cpu)
    ours = {}
    for T in (100, 1000):
        for kernel in ("haswell", "portable"):
            ms = [m for m in lines(out / f"ours-4-1-T{T}.jsonl") if m["kernel"] == kernel]
            if not ms:
                continue
            wall = statistics.median(m["stepsPerSecond"] for m in ms)
            cpu = statistics.median(m["cpuStepsPerSecond"] for m in ms)
            rows.append((f"lstm-sweep 4-1, float64, {kernel} kernels", T, len(ms), wall, cpu))
            ours.setdefault(T, (wall, cpu))  # the default (fastest) kernel is the reference
        peers = {}
        for d in sorted(out.glob("peers-*")):
            for rec in lines(d / "raw.jsonl"):
                if rec["T"] == T:
                    peers.setdefault((rec["script"].removesuffix(".py"), rec["dtype"]), []).append(rec)
        for (script, dtype), recs in sorted(peers.items()):
            wall = statistics.median(r["steps_per_s"] for r in recs)
            cpu = statistics.median(r["cpu_steps_per_s"] for r in recs)
            rows.append((f"{script}, {dtype}", T, len(recs), wall, cpu))
    print("| implementation | T | runs | median steps/s (wall) | median steps/s (CPU) |"
          " lstm-sweep ÷ this (wall) | lstm-sweep ÷ this (CPU) |")
    print("|---|---|---|---|---|---|---|")
    for label, T, runs, wall, cpu in rows:
        ow, oc = ours[T]
        print(f"| {label} | {T} | {runs} | {wall:,.0f} | {cpu:,.0f} | {ow / wall:,.1f}× | {oc / cpu:,.1f}× |")
    print()
    print("| case | weights | portable: steps/s (wall) | portable: CPU | haswell: wall | haswell: CPU | haswell ÷ portable (CPU) |")
    print("|---|---|---|---|---|---|---|")
    allm = lines(out / "ours-all.jsonl")
    for name in dict.fromkeys(m["name"] for m in allm):
        fig = {}
        for kernel in ("portable", "haswell"):
            ms = [m for m in allm if m["name"] == name and m["kernel"] == kernel]
            fig[kernel] = (statistics.median(m["stepsPerSecond"] for m in ms),
                           statistics.median(m["cpuStepsPerSecond"] for m in ms), ms[0]["weights"])
        p, h = fig["portable"], fig["haswell"]
        print(f"| {name} | {p[2]} | {p[0]:,.0f} | {p[1]:,.0f} | {h[0]:,.0f} | {h[1]:,.0f} | {h[1] / p[1]:.2f}× |")


if __name__ == "__main__":
    main(sys.argv[1])
