#!/usr/bin/env bash
# Makes docs/images/ from real runs: one plot of each kind (`lstm-sweep plot`) and a screenshot of
# the dashboard (headless Chromium, Debian's `chromium`) while a coordinator and two workers run a
# sweep, and of its Paper section over docs/results/paper.sqlite. The plots of the toy kinds come from
# the toy-lag preset (milliseconds per trial, a known frontier); the paper plot from docs/results/paper.sqlite.
#   docs/images/make-images.sh [path/to/lstm-sweep]      (default: .build/release/lstm-sweep)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-.build/release/lstm-sweep}")"
out="$(pwd)/docs/images"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/lag.yaml" <<'YAML'
name: lag-study
description: success and sequences against the lag, per learning speed (toy-lag)
preset: toy-lag
seeds: 20
fixed:
  toy.critical: 300
  toy.noise: 0.15
  train.max_sequences: 4000
grid:
  toy.lag: [10, 20, 50, 100, 200, 300, 500]
  toy.speed: [0.5, 1, 2]
YAML
"$bin" run "$work/lag.yaml" --db "$work/results.sqlite" --log-interval 60 2>/dev/null
"$bin" run sweeps/frontier-toy.yaml --db "$work/results.sqlite" --log-interval 60 2>/dev/null
"$bin" plot --db "$work/results.sqlite" --kind success --sweep lag-study --x toy.lag --by toy.speed -o "$out/plot-success.svg"
"$bin" plot --db "$work/results.sqlite" --kind sequences --sweep lag-study --x toy.lag --by toy.speed -o "$out/plot-sequences.svg"
"$bin" plot --db "$work/results.sqlite" --kind curves --sweep lag-study --configuration 4 --trials 6 -o "$out/plot-curves.svg"
"$bin" plot --db "$work/results.sqlite" --kind frontier --sweep frontier-toy --x toy.critical -o "$out/plot-frontier.svg"
"$bin" plot --db docs/results/paper.sqlite --kind paper --table "Table 1" -o "$out/plot-paper.svg"

# The dashboard: a coordinator over the same database, a slower sweep, two workers mid-run.
sed -e 's/name: lag-study/name: lag-study-live/' -e 's/seeds: 20/seeds: 12/' \
    -e 's/  toy.critical: 300/  toy.critical: 300\n  toy.sleep_ms: 250/' "$work/lag.yaml" > "$work/live.yaml"
port=$((20000 + RANDOM % 20000))
"$bin" serve --db "$work/results.sqlite" --port "$port" 2>"$work/serve.log" & pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null && break; sleep 0.1; done
"$bin" submit "$work/live.yaml" --coordinator "http://127.0.0.1:$port" >/dev/null
for w in 1 2; do
    "$bin" worker --coordinator "http://127.0.0.1:$port" --name "node-$w" --jobs 2 --outbox "$work/outbox-$w" 2>/dev/null & pids+=($!)
done
sleep 12
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/chromium" \
    --virtual-time-budget=6000 --window-size=1280,1500 --screenshot="$out/dashboard.png" "http://127.0.0.1:$port/" 2>/dev/null

# The Paper section: `serve --read-only` over docs/results/paper.sqlite (a copy, so nothing beside it changes).
cp docs/results/paper.sqlite "$work/paper.sqlite"
paper_port=$((port + 1))
"$bin" serve --db "$work/paper.sqlite" --read-only --port "$paper_port" 2>"$work/serve-paper.log" & pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$paper_port/v1/health" >/dev/null && break; sleep 0.1; done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/chromium-paper" \
    --virtual-time-budget=6000 --window-size=1280,3000 --screenshot="$out/dashboard-paper.png" "http://127.0.0.1:$paper_port/" 2>/dev/null
ls -la "$out"
