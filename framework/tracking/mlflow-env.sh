#!/usr/bin/env bash
# ./frontier setup mlflow — the pinned MLflow (mlflow==3.17.2) in a virtual environment under the
# repository, <repo>/.mlflow-venv; nothing is installed system-wide. Used by the MLflow integration tests
# and by `frontier ui`.
# The first call creates the venv and pip-installs the pins from PyPI (a few minutes); later calls only
# check the pins stamp. Concurrent calls (e.g. Maven modules tested in parallel) wait on a lock, so one installs.
# Prints the venv's bin directory (bin/mlflow, bin/python) on stdout; progress goes to stderr.
# Environment: FRONTIER_MLFLOW_VENV (another venv directory), FRONTIER_PYTHON (interpreter, default python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${FRONTIER_MLFLOW_VENV:-$ROOT/.mlflow-venv}"
PYTHON="${FRONTIER_PYTHON:-python3}"
PINS=(mlflow==3.17.2)
stamp="$VENV/.frontier-pins"

case "${1:-}" in
  "") ;;
  -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "setup mlflow: unknown option '$1' (known: --help)" >&2; exit 2 ;;
esac

say() { echo "setup mlflow: $*" >&2; }
ready() {
  [[ -x "$VENV/bin/mlflow" && -x "$VENV/bin/python" && -f "$stamp" ]] && grep -qxF "${PINS[*]}" "$stamp"
}

if ! ready; then
  # The lock is this script itself (read-only fd): no lock file to leave behind or to delete with the venv.
  if command -v flock >/dev/null; then
    exec 9<"${BASH_SOURCE[0]}"
    flock 9
  fi
  if ! ready; then  # another process may have finished the install while this one waited
    command -v "$PYTHON" >/dev/null || { echo "setup mlflow: $PYTHON (3.10+) is needed to install MLflow" >&2; exit 1; }
    if [[ ! -x "$VENV/bin/pip" ]]; then
      say "creating $VENV with $(command -v "$PYTHON") ($("$PYTHON" --version 2>&1))"
      if ! "$PYTHON" -m venv --clear "$VENV" >&2; then
        echo "setup mlflow: '$PYTHON -m venv $VENV' failed; on Debian/Ubuntu install python3-venv" \
          "(apt-get install python3-venv), or set FRONTIER_PYTHON to another Python 3.10+" >&2
        exit 1
      fi
    fi
    say "installing ${PINS[*]} from PyPI into $VENV (once; takes a few minutes)"
    started=$SECONDS
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${PINS[@]}" >&2
    echo "${PINS[*]}" > "$stamp"
    say "installed ${PINS[*]} in $((SECONDS - started)) s"
  fi
fi
if [[ -t 2 ]]; then say "ready: $VENV/bin/mlflow ($("$VENV/bin/python" -m pip show mlflow 2>/dev/null | sed -n 's/^Version: /mlflow /p'))"; fi
echo "$VENV/bin"
