#!/bin/sh
# Store throughput and local-runner scaling (issue 5, item 7). Not part of `swift test`.
# Usage: Benchmarks/store-and-runner.sh   (from the package root; builds in release)
set -eu
swift build -c release --product lstm-sweep >/dev/null
BIN="$(swift build -c release --show-bin-path)/lstm-sweep"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== store: batched results"
"$BIN" bench-store --trials 20000 --batch 256
"$BIN" bench-store --trials 20000 --batch 1

echo "== run: CPU-bound toy trials (30M PRNG steps each), --jobs 1 vs --jobs 2"
cat > "$WORK/cpu.yaml" <<'YAML'
name: bench-cpu
preset: toy-cpu
seeds: 40
fixed:
  toy.work: 30000000
YAML
for jobs in 1 2; do
    start=$(date +%s.%N)
    "$BIN" run "$WORK/cpu.yaml" --db "$WORK/jobs$jobs.sqlite" --jobs "$jobs" 2>/dev/null
    end=$(date +%s.%N)
    echo "jobs=$jobs: $(echo "$end - $start" | bc) s for 40 trials"
done
