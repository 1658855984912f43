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
        for precision in ("float64", "float32"):
            for kernel in ("haswell", "portable"):
                ms = [m for m in lines(out / f"ours-4-1-T{T}.jsonl")
                      if m["kernel"] == kernel and m.get("precision", "float64") == precision]
                if not ms:
                    continue
                wall = statistics.median(m["stepsPerSecond"] for m in ms)
                cpu = statistics.median(m["cpuStepsPerSecond"] for m in ms)
                rows.append((f"lstm-sweep 4-1, {precision}, {kernel} kernels", T, len(ms), wall, cpu))
                ours.setdefault(T, (wall, cpu))  # the reference: float64 on the default (fastest) kernels
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
    configs = [("float64", "portable"), ("float64", "haswell"), ("float32", "portable"), ("float32", "haswell")]
    print("| case | weights | " + " | ".join(f"{p} {k}: wall / CPU steps/s" for p, k in configs)
          + " | haswell ÷ portable (f64, CPU) | float32 ÷ float64 (haswell, CPU) |")
    print("|---|---|" + "---|" * (len(configs) + 2))
    allm = lines(out / "ours-all.jsonl")
    for name in dict.fromkeys(m["name"] for m in allm):
        fig = {}
        for precision, kernel in configs:
            ms = [m for m in allm if m["name"] == name and m["kernel"] == kernel
                  and m.get("precision", "float64") == precision]
            fig[(precision, kernel)] = (statistics.median(m["stepsPerSecond"] for m in ms),
                                        statistics.median(m["cpuStepsPerSecond"] for m in ms), ms[0]["weights"])
        cells = " | ".join(f"{fig[c][0]:,.0f} / {fig[c][1]:,.0f}" for c in configs)
        speedup = fig[("float64", "haswell")][1] / fig[("float64", "portable")][1]
        single = fig[("float32", "haswell")][1] / fig[("float64", "haswell")][1]
        print(f"| {name} | {fig[configs[0]][2]} | {cells} | {speedup:.2f}× | {single:.2f}× |")


if __name__ == "__main__":
    main(sys.argv[1])
