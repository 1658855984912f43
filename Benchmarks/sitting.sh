#!/usr/bin/env bash
# One benchmark sitting: lstm-sweep and the peer scripts (../shared/bench/peer), interleaved round by
# round, so that every figure of docs/benchmarks.md comes from the same machine state.
#
#   bash Benchmarks/sitting.sh OUT_DIR [ROUNDS]      then   python3 Benchmarks/summarize_sitting.py OUT_DIR
#
# Needs a release build (swift build -c release --product lstm-sweep) and the peer venv
# (bash ../shared/bench/peer/setup.sh). Takes about 4 minutes per round on 2 cores.
set -euo pipefail
out=${1:?usage: sitting.sh OUT_DIR [ROUNDS]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$here/.build/release/lstm-sweep
peer=${PEER_DIR:-$here/../shared/bench/peer}
py=${PEER_PYTHON:-$HOME/.cache/lstm-sweep/peer-venv/bin/python}
mkdir -p "$out"
for r in $(seq 1 "$rounds"); do
  echo "round $r load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/log"
  (cd "$peer" && "$py" run_bench.py --T 100,1000 --repeats 1 --seed "$r" --out "$out/peers-$r") >> "$out/log" 2>&1
  for precision in float64 float32; do
    for kernel in portable haswell; do
      for T in 100 1000; do
        "$bin" bench --cases 4-1 --length "$T" --repeats 5 --kernel "$kernel" --precision "$precision" --json \
          >> "$out/ours-4-1-T$T.jsonl"
      done
      "$bin" bench --repeats 3 --steps 1000000 --kernel "$kernel" --precision "$precision" --json >> "$out/ours-all.jsonl"
    done
  done
done
echo "done: $out" | tee -a "$out/log"
