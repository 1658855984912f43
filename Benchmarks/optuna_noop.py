"""Optuna's side of Benchmarks/coordinator_vs_optuna.py: no-op trials per second through one storage.

    PY=.build/optuna-venv/bin/python   # made by Benchmarks/optuna-venv.sh
    $PY Benchmarks/optuna_noop.py --storage journal --workers 16 --trials 1000 --dir /tmp/x

The parent creates one study, then forks W processes; each loads the study through its own storage
object (a SQLAlchemy engine must not cross a fork) and calls study.optimize with a no-op objective
for its share of the N trials (N // W, the first N % W workers one more), so N trials exist in the
end. Timed from the first fork to the last child's exit, like lstm-sweep's workers. Prints one JSON
line. Storages: `journal` (JournalStorage over a JournalFileBackend file) and `sqlite` (RDBStorage
on a SQLite file). The sampler is RandomSampler (no parameters are suggested, so it only keeps
TPE's bookkeeping out of the measure: Optuna's best case).
"""

import argparse
import json
import os
import sys
import time

import optuna


def make_storage(kind, folder):
    if kind == "journal":
        from optuna.storages.journal import JournalFileBackend, JournalStorage

        return JournalStorage(JournalFileBackend(os.path.join(folder, "journal.log")))
    if kind == "sqlite":
        return optuna.storages.RDBStorage("sqlite:///" + os.path.join(folder, "optuna.sqlite"))
    raise SystemExit(f"unknown storage {kind!r}")


def objective(trial):
    return 0.0


def child(kind, folder, share):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(
        study_name="noop", storage=make_storage(kind, folder), sampler=optuna.samplers.RandomSampler(seed=os.getpid())
    )
    study.optimize(objective, n_trials=share)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--storage", choices=["journal", "sqlite"], required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--trials", type=int, required=True)
    parser.add_argument("--dir", required=True, help="an empty folder for the storage file")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    optuna.create_study(study_name="noop", storage=make_storage(args.storage, args.dir))

    shares = [args.trials // args.workers + (1 if i < args.trials % args.workers else 0) for i in range(args.workers)]
    start = time.perf_counter()
    children = []
    for share in shares:
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                child(args.storage, args.dir, share)
            except BaseException as error:  # noqa: BLE001 - reported, then the child exits non-zero
                print(f"worker {os.getpid()}: {error!r}", file=sys.stderr)
                status = 1
            os._exit(status)
        children.append(pid)
    failed = 0
    for pid in children:
        _, status = os.waitpid(pid, 0)
        failed += status != 0
    seconds = time.perf_counter() - start

    trials = optuna.load_study(study_name="noop", storage=make_storage(args.storage, args.dir)).get_trials(deepcopy=False)
    complete = sum(t.state == optuna.trial.TrialState.COMPLETE for t in trials)
    print(
        json.dumps(
            {
                "system": f"optuna-{args.storage}",
                "optuna": optuna.__version__,
                "workers": args.workers,
                "trials": args.trials,
                "complete": complete,
                "failed_workers": failed,
                "seconds": seconds,
                "trials_per_s": complete / seconds,
            }
        )
    )
    return 0 if complete == args.trials and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
