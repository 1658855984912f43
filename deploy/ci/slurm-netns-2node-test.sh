#!/usr/bin/env bash
# lstm-sweep on a real TWO-node Slurm cluster, on one machine (issue 8, item 3).
#
# Three "hosts" are network namespaces joined by a bridge that lives in a fourth namespace:
#
#   coord  10.200.0.1   munged, slurmctld, and `lstm-sweep serve --host 10.200.0.1` (with tokens)
#   w1     10.200.0.11  slurmd, NodeName=w1, hostname w1 (its own UTS namespace), 1 CPU
#   w2     10.200.0.12  slurmd, NodeName=w2, hostname w2, 1 CPU
#
# The test submits a toy sweep from coord, sbatch's deploy/slurm/lstm-sweep-worker.sbatch as an
# array of two tasks (one per node, since each node has one CPU), polls squeue until the job has
# left the queue, then checks with sqlite3 that every trial has exactly one outcome and that the
# workers on both w1 and w2 delivered outcomes.
#
# Safety: a blackhole route for 10.200.0.0/24 is added to the root namespace first (and removed on
# exit if we added it), so a packet for a test address can never leave the machine. Every client
# of those addresses (curl, sinfo, squeue, sbatch, scancel, lstm-sweep submit) runs inside a
# namespace through `nsenter --net=/run/netns/NAME`. (`ip netns exec` is not used: it remounts
# /sys, which hides /sys/fs/cgroup from slurmd.)
#
# It can run next to the one-node test (slurm-single-node-test.sh): its own work folder, its own
# namespace prefix, munged socket, and Slurm ports, and it stops only processes it started (by PID,
# or found by the SLURM_CONF path of our own work folder in their environment).
#
# Usage: deploy/ci/slurm-netns-2node-test.sh PATH-TO-BUILT-lstm-sweep   (as root)
# Env:   SLURM_2NODE_CI_DIR (work folder, default /tmp/lstm-sweep-slurm-2node-ci),
#        LSTM_SWEEP_NS_PREFIX (namespace prefix, default lsn2)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$(readlink -f "${1:?usage: slurm-netns-2node-test.sh PATH-TO-BUILT-lstm-sweep}")"
W="${SLURM_2NODE_CI_DIR:-/tmp/lstm-sweep-slurm-2node-ci}"
P="${LSTM_SWEEP_NS_PREFIX:-lsn2}"
SUBNET=10.200.0.0/24
COORD_IP=10.200.0.1
url="http://$COORD_IP:8080"
CTLD_PORT=6917   # not Slurm's default 6817/6818, so that it never meets the one-node cluster
SLURMD_PORT=6918
t_start=$(date +%s%N)
elapsed() { local ms=$(( ($(date +%s%N) - t_start) / 1000000 )); printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100)); }
log() { echo "[slurm-2node $(elapsed)] $*"; }
die() { log "FAIL: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root"
[ -x "$bin" ] || die "not an executable: $bin"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
    log "installing munge and Slurm"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        munge slurmctld slurmd slurm-client >/dev/null
fi
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
[ -s /etc/munge/munge.key ] || die "no munge key in /etc/munge/munge.key"

# ---------------------------------------------------------------- helpers
# in_ns HOST CMD...: a client command in HOST's network namespace
in_ns() { local host=$1; shift; nsenter --net="/run/netns/$P-$host" "$@"; }
# spawn HOST LOG CMD...: a daemon on HOST, in the background, its PID kept in pids. It runs in
# HOST's network namespace and in a fresh UTS namespace whose hostname is HOST (slurmd's node name
# must be `hostname -s`). nsenter, unshare and sh all exec, so $! is the daemon itself. (A function
# sent to the background would be a subshell, and $! its PID, not the daemon's.)
pids=()         # every daemon we start: munged, slurmctld, 2 slurmd, the coordinator
spawn() {
    local host=$1 out=$2; shift 2
    nsenter --net="/run/netns/$P-$host" unshare --uts sh -c 'hostname "$0"; exec "$@"' "$host" "$@" >"$out" 2>&1 &
    pids+=($!)
}
# PIDs of processes whose environment names our slurm.conf: the slurmstepds of our slurmds and
# the job processes under them (sbatch --export=ALL passes SLURM_CONF on). Nothing else has it.
our_job_procs() {
    local pid
    for pid in $(pgrep -x slurmstepd) $(pgrep -f -- "$bin worker"); do
        { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$W/slurm.conf" && echo "$pid"
    done
    return 0
}

guard_added=0
ctld_pid=""
J=""            # our array job id, once submitted
cleanup() {
    local rc=$? pid i alive
    set +e
    trap - EXIT INT TERM
    # cancel our jobs while slurmctld still runs (Ctrl-C or `timeout` also signal our daemons,
    # which are in our process group; then Slurm clients would only wait for their timeouts)
    if [ -n "$J" ] && kill -0 "$ctld_pid" 2>/dev/null; then
        timeout 3 nsenter --net="/run/netns/$P-coord" scancel "$J" 2>/dev/null
        for i in $(seq 1 15); do [ -z "$(our_job_procs)" ] && break; sleep 0.2; done
    fi
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for i in $(seq 1 50); do
        alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ $alive = 0 ] && break; sleep 0.1
    done
    for pid in "${pids[@]}" $(our_job_procs); do kill -KILL "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    for n in sw coord w1 w2; do ip netns del "$P-$n" 2>/dev/null; done
    [ $guard_added = 1 ] && ip route del blackhole "$SUBNET" 2>/dev/null
    if [ $rc != 0 ]; then
        log "--- coordinator log ---"; tail -n 30 "$W/log/coordinator.log" 2>/dev/null
        log "--- slurmctld log ---"; tail -n 15 "$W/log/slurmctld.log" 2>/dev/null
        log "--- slurmd logs ---"; tail -n 10 "$W"/log/slurmd-w?.log 2>/dev/null
        log "--- worker job output ---"; tail -n 15 "$W"/jobs/*.out 2>/dev/null
    fi
    log "cleaned up (exit code $rc)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- 1. guard route
# Should anything in the root namespace ever address the test subnet, the packet is dropped here.
if ! ip route show type blackhole | grep -q "^blackhole $SUBNET"; then
    ip route add blackhole "$SUBNET"
    guard_added=1
fi
case "$(ip route get "$COORD_IP" 2>&1 || true)" in
    *blackhole*|*unreachable*|*"Invalid argument"*) log "guard: blackhole route for $SUBNET in the root namespace" ;;
    *) die "the guard route for $SUBNET is not in place" ;;
esac

# ---------------------------------------------------------------- 2. hosts and bridge
for n in sw coord w1 w2; do ip netns del "$P-$n" 2>/dev/null || true; done  # leftovers of a killed run
ip netns add "$P-sw"
ip -n "$P-sw" link add br0 type bridge
ip -n "$P-sw" link set br0 up
for host in coord:$COORD_IP w1:10.200.0.11 w2:10.200.0.12; do
    name=${host%%:*} addr=${host##*:}
    ip netns add "$P-$name"
    # both ends of the veth pair are created inside namespaces: the root namespace never has them
    ip link add eth0 netns "$P-$name" type veth peer name "v-$name" netns "$P-sw"
    ip -n "$P-sw" link set "v-$name" master br0 up
    ip -n "$P-$name" addr add "$addr/24" dev eth0
    ip -n "$P-$name" link set eth0 up
    ip -n "$P-$name" link set lo up
done
log "namespaces $P-{coord,w1,w2} on bridge $P-sw/br0"

# ---------------------------------------------------------------- 3. Slurm
rm -rf "$W"
mkdir -p "$W"/{state,spool,log,jobs,munge,home}
chown munge:munge "$W/munge"
cat >"$W/slurm.conf" <<EOF
ClusterName=lstmsweep2n
SlurmctldHost=coord($COORD_IP)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$W/munge/munge.socket
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$W/state
# %n: the two slurmd share this filesystem, so each gets its own spool, pid and log file
SlurmdSpoolDir=$W/spool/%n
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd-%n.pid
SlurmctldLogFile=$W/log/slurmctld.log
SlurmdLogFile=$W/log/slurmd-%n.log
# one CPU per node, so the two array tasks have to land on different nodes
NodeName=w1 NodeAddr=10.200.0.11 CPUs=1
NodeName=w2 NodeAddr=10.200.0.12 CPUs=1
PartitionName=ci Nodes=w1,w2 Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$W/slurm.conf"   # every Slurm client and daemon below reads this file

# our own munged (unix socket in $W; namespaces share the filesystem, so one serves all hosts)
setpriv --reuid=munge --regid=munge --clear-groups munged -F --socket="$W/munge/munge.socket" \
    --pid-file="$W/munge/munged.pid" --seed-file="$W/munge/munged.seed" >"$W/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do munge -S "$W/munge/munge.socket" -n >/dev/null 2>&1 && break; sleep 0.1; done
munge -S "$W/munge/munge.socket" -n >/dev/null || die "munged did not come up"

spawn coord "$W/log/slurmctld.out" slurmctld -D -c
ctld_pid=${pids[-1]}
spawn w1 "$W/log/slurmd-w1.out" slurmd -D
spawn w2 "$W/log/slurmd-w2.out" slurmd -D
idle=0
deadline=$(( $(date +%s) + 30 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
    idle=$(in_ns coord sinfo -h -N -o %T 2>/dev/null | grep -c '^idle' || true)
    [ "$idle" = 2 ] && break
    sleep 0.5
done
[ "$idle" = 2 ] || { in_ns coord sinfo -N; die "the two nodes did not become idle"; }
log "Slurm up: slurmctld on coord:$CTLD_PORT, slurmd on w1 and w2 idle"

# ---------------------------------------------------------------- 4. coordinator on coord
tok() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
worker_token=$(tok) read_token=$(tok)
( umask 077
  printf 'worker=%s\nread=%s\n' "$worker_token" "$read_token" >"$W/tokens"   # the coordinator's
  printf 'worker=%s\n' "$worker_token" >"$W/worker-tokens" )                 # what workers get
spawn coord "$W/log/coordinator.log" "$bin" serve --db "$W/results.sqlite" --host "$COORD_IP" --port 8080 \
    --token-file "$W/tokens" --lease-seconds 10 --heartbeat-seconds 1
coordinator_pid=${pids[-1]}
deadline=$(( $(date +%s) + 20 ))
while [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$coordinator_pid" 2>/dev/null; do
    in_ns coord curl -sf --max-time 1 -o /dev/null "$url/v1/health" && break
    sleep 0.2
done
in_ns coord curl -sf --max-time 1 -o /dev/null "$url/v1/health" || die "the coordinator did not come up"
# tokens are enforced: metrics without a token is refused, with the read token it answers
code=$(in_ns coord curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$url/metrics")
[ "$code" = 401 ] || die "GET /metrics without a token answered $code, expected 401"
in_ns coord curl -sf --max-time 2 -o /dev/null -H "Authorization: Bearer $read_token" "$url/metrics" \
    || die "GET /metrics with the read token failed"
# a worker host reaches the coordinator over the bridge
in_ns w1 curl -sf --max-time 2 -o /dev/null "$url/v1/health" || die "w1 cannot reach $url"
log "coordinator listening on $url inside $P-coord (tokens required)"

# ---------------------------------------------------------------- 5. sweep + array job
cat >"$W/slurm-2node.yaml" <<YAML
name: slurm-2node
preset: toy
seeds: 8
grid:
  toy.x: [0.1, 0.5, 0.9]
fixed:
  toy.sleep_ms: 200
YAML
total=24
in_ns coord "$bin" submit "$W/slurm-2node.yaml" --coordinator "$url" --token-file "$W/worker-tokens"

# HOME=$W/home: the workers' default outboxes ($HOME/.lstm-sweep/outbox/<job>_<task>) stay in our
# work folder; job ids restart at 1 with a fresh StateSaveLocation, so they must not be shared.
cd "$W/jobs"
J=$(HOME="$W/home" LSTM_SWEEP_COORDINATOR="$url" LSTM_SWEEP_TOKEN_FILE="$W/worker-tokens" \
    LSTM_SWEEP_BIN="$bin" LSTM_SWEEP_EXTRA_ARGS="--exit-when-idle" \
    in_ns coord sbatch --parsable --array=0-1 --export=ALL "$repo/deploy/slurm/lstm-sweep-worker.sbatch")
log "array job $J (2 tasks) submitted from coord; polling squeue"
deadline=$(( $(date +%s) + 60 ))
while :; do
    queued=$(in_ns coord squeue -h -j "$J" -o '%i %T %N' 2>/dev/null || true)
    [ -z "$queued" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$queued"; die "array job $J still in the queue after 60 s"; }
    sleep 0.5
done
log "array job $J has left the queue"

# ---------------------------------------------------------------- 6. checks
q() { sqlite3 "$W/results.sqlite" "$1"; }
sweep="t.sweepName = 'slurm-2node'"
trials=$(q "SELECT count(*) FROM trial t WHERE $sweep")
outcomes=$(q "SELECT count(*) FROM outcome o JOIN trial t ON t.id = o.trialId WHERE $sweep")
distinct=$(q "SELECT count(DISTINCT o.trialId) FROM outcome o JOIN trial t ON t.id = o.trialId WHERE $sweep")
[ "$trials" = $total ] || die "expected $total trials in the database, found $trials"
[ "$outcomes" = $total ] || die "expected $total outcomes, found $outcomes"
[ "$distinct" = $total ] || die "a trial has more than one outcome ($distinct distinct of $outcomes)"
log "database: $total trials, each with exactly one outcome"

per_host=$(q "SELECT o.host || '=' || count(*) FROM outcome o JOIN trial t ON t.id = o.trialId
              WHERE $sweep GROUP BY o.host ORDER BY o.host" | paste -sd ' ')
hosts=$(q "SELECT DISTINCT o.host FROM outcome o JOIN trial t ON t.id = o.trialId WHERE $sweep ORDER BY 1" | tr '\n' ' ')
[ "$hosts" = "w1 w2 " ] || die "expected outcomes from hosts w1 and w2, got: $per_host"
workers=$(q "SELECT id || ' (' || results || ' results)' FROM worker ORDER BY id" | paste -sd ',' | sed 's/,/, /g')
log "outcomes per host: $per_host; workers: $workers"
job_hosts=$(cat "$W/jobs"/lstm-sweep-worker-"$J"_*.out | sed -n 's/^lstm-sweep worker: .* on \(w[12]\) with .*/\1/p' | sort | tr '\n' ' ')
[ "$job_hosts" = "w1 w2 " ] || die "expected one worker job on each of w1 and w2, job output shows: $job_hosts"
log "job output: one task on each of w1 and w2"
log "ALL OK in $(elapsed)"
