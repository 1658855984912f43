#!/usr/bin/env bash
# A real one-node Slurm cluster running lstm-sweep workers (issue: deploy/ tested in CI).
#   1. brings the cluster up with the team recipe (KEEP=1), on loopback
#   2. starts a coordinator on 127.0.0.1, submits a toy sweep, launches workers with sbatch
#      (an array job of the deploy/slurm script), and polls squeue until every trial has exactly
#      one accepted outcome in the database
#   3. kills a worker mid-trial (kill -9, then scancel) and checks that another worker takes the trial over after the
#      lease expires (attempt 2, still exactly one outcome)
# Usage: deploy/ci/slurm-single-node-test.sh PATH-TO-BUILT-lstm-sweep
# Stops everything it started, by PID.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$(readlink -f "${1:?usage: slurm-single-node-test.sh PATH-TO-BUILT-lstm-sweep}")"
recipes="${LSTM_SWEEP_RECIPES:-$repo/../shared/recipes}"
W="${SLURM_CI_DIR:-/tmp/lstm-sweep-slurm-ci}"
port="${LSTM_SWEEP_TEST_PORT:-18080}"
t_start=$(date +%s)
log() { echo "[slurm-test $(( $(date +%s) - t_start ))s] $*"; }
die() { log "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null

coordinator_pid=""
cleanup() {
    local rc=$?
    set +e
    [ -n "${SLURM_CONF:-}" ] && { jobs=$(squeue -h -o %A 2>/dev/null | tr '\n' ' '); [ -n "${jobs// /}" ] && scancel $jobs; }
    [ -n "$coordinator_pid" ] && kill -TERM "$coordinator_pid" 2>/dev/null && wait "$coordinator_pid" 2>/dev/null
    sleep 1
    for name in slurmd slurmctld munged; do
        [ -s "$W/$name.pid" ] && kill -TERM "$(cat "$W/$name.pid")" 2>/dev/null
    done
    if [ $rc != 0 ]; then
        log "--- coordinator log ---"; tail -n 30 "$W/coordinator.log" 2>/dev/null
        log "--- worker logs ---"; tail -n 15 "$W"/jobs/*.out 2>/dev/null
    fi
    log "cleaned up (exit code $rc)"
}
trap cleanup EXIT

log "starting a one-node Slurm cluster"
rm -rf "$W"
KEEP=1 SLURM_CI_DIR="$W" bash "$recipes/slurm-single-node.sh" >"$W.recipe.log" 2>&1 || { tail -20 "$W.recipe.log"; die "cluster did not start"; }
export SLURM_CONF="$W/slurm.conf"
sinfo -h >/dev/null || die "sinfo failed"
mkdir -p "$W/jobs"

log "starting the coordinator on 127.0.0.1:$port"
"$bin" serve --db "$W/results.sqlite" --host 127.0.0.1 --port "$port" --lease-seconds 4 --heartbeat-seconds 1 >"$W/coordinator.log" 2>&1 &
coordinator_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf -o /dev/null "$url/metrics" && break; sleep 0.2; done
curl -sf -o /dev/null "$url/metrics" || die "coordinator did not come up"

wait_jobs() {  # wait_jobs TIMEOUT_S JOBID... : poll squeue until the jobs have left the queue
    local timeout=$1; shift
    local deadline=$(( $(date +%s) + timeout ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        squeue -h -j "$(IFS=,; echo "$*")" 2>/dev/null | grep -q . || return 0
        sleep 0.5
    done
    die "jobs $* still queued or running after ${timeout}s"
}
outcomes() { sqlite3 "$W/results.sqlite" "SELECT count(*) FROM outcome o JOIN trial t ON t.id = o.trialId WHERE t.sweepName = '$1'"; }
distinct_outcomes() { sqlite3 "$W/results.sqlite" "SELECT count(DISTINCT o.trialId) FROM outcome o JOIN trial t ON t.id = o.trialId WHERE t.sweepName = '$1'"; }

# ---- 2. a sweep through an array job
cat >"$W/slurm-toy.yaml" <<YAML
name: slurm-toy
preset: toy
seeds: 10
grid:
  toy.x: [0.1, 0.5, 0.9]
fixed:
  toy.sleep_ms: 100
YAML
"$bin" submit "$W/slurm-toy.yaml" --coordinator "$url"
total=30
cd "$W/jobs"
J=$(LSTM_SWEEP_COORDINATOR="$url" LSTM_SWEEP_BIN="$bin" LSTM_SWEEP_EXTRA_ARGS="--exit-when-idle" \
    sbatch --parsable --array=0-1 --export=ALL "$repo/deploy/slurm/lstm-sweep-worker.sbatch")
log "array job $J submitted; polling squeue"
wait_jobs 240 "$J"
[ "$(outcomes slurm-toy)" = "$total" ] || die "expected $total outcomes, found $(outcomes slurm-toy)"
[ "$(distinct_outcomes slurm-toy)" = "$total" ] || die "a trial has more than one outcome"
log "array job: $total trials, each exactly once in the database"

# ---- 3. scancel mid-trial; another worker takes over after the lease expires
cat >"$W/slurm-cancel.yaml" <<YAML
name: slurm-cancel
preset: toy
seeds: [1]
fixed:
  toy.sleep_ms: 6000
YAML
"$bin" submit "$W/slurm-cancel.yaml" --coordinator "$url"
J1=$(LSTM_SWEEP_COORDINATOR="$url" LSTM_SWEEP_BIN="$bin" sbatch --parsable --export=ALL "$repo/deploy/slurm/lstm-sweep-worker.sbatch")
for _ in $(seq 1 100); do
    leased=$(sqlite3 "$W/results.sqlite" "SELECT count(*) FROM trial WHERE sweepName='slurm-cancel' AND state='leased'")
    [ "$leased" = 1 ] && break
    sleep 0.2
done
[ "$leased" = 1 ] || die "the worker never leased the trial"
# Kill the worker process itself (kill -9, as on a node failure) so that its lease has to expire
# before the trial can run elsewhere; then scancel the job. (A plain scancel sends SIGTERM, and the
# worker drains: it finishes the trial within --grace or hands the lease back.)
worker_pid=$(pgrep -f "outbox $HOME/.lstm-sweep/outbox/${J1}_0" | head -n 1)
[ -n "$worker_pid" ] || die "no worker process found for job $J1"
kill -KILL "$worker_pid"
scancel "$J1"
wait_jobs 60 "$J1"
log "worker job $J1 killed mid-trial"
J2=$(LSTM_SWEEP_COORDINATOR="$url" LSTM_SWEEP_BIN="$bin" LSTM_SWEEP_EXTRA_ARGS="--exit-when-idle" \
    sbatch --parsable --export=ALL "$repo/deploy/slurm/lstm-sweep-worker.sbatch")
wait_jobs 120 "$J2"
[ "$(outcomes slurm-cancel)" = 1 ] || die "expected exactly one outcome for the cancelled trial, found $(outcomes slurm-cancel)"
attempts=$(sqlite3 "$W/results.sqlite" "SELECT count(*) FROM attempt a JOIN trial t ON t.id = a.trialId WHERE t.sweepName='slurm-cancel'")
[ "$attempts" -ge 2 ] || die "expected a second attempt after the lease expired, found $attempts attempts"
log "scancel: the trial ran again ($attempts attempts) and has exactly one outcome"
log "ALL OK in $(( $(date +%s) - t_start ))s"
