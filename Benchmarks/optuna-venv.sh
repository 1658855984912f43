#!/bin/sh
# Makes the Optuna venv that Benchmarks/coordinator_vs_optuna.py uses (from PyPI; under .build/,
# which git ignores). Usage: sh Benchmarks/optuna-venv.sh [VENV_DIR]
set -eu
venv=${1:-$(cd "$(dirname "$0")/.." && pwd)/.build/optuna-venv}
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet 'optuna==5.0.0'
"$venv/bin/python" -c 'import optuna, sqlalchemy; print("optuna", optuna.__version__, "sqlalchemy", sqlalchemy.__version__)'
