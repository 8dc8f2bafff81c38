#!/usr/bin/env bash
# Create .venv with the pinned dependencies (torch's CPU wheel first) and install factcheck into it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$PY" --version)"
  "$PY" -m venv .venv
fi
# The environment takes about 2.6 GB (torch's CPU build is 0.75 GB of it) and pip unpacks beside it: say so up front
# rather than fail halfway with "No space left on device".
NEED_MB=3500
FREE_MB=$(df -Pm . | awk 'NR==2 {print $4}')
if [ -n "$FREE_MB" ] && [ "$FREE_MB" -lt "$NEED_MB" ]; then
  echo "warning: $FREE_MB MB free on $(df -P . | awk 'NR==2 {print $6}'); setup needs about $NEED_MB MB (free some space if pip fails with 'No space left on device')" >&2
fi
.venv/bin/python -m pip install -q --upgrade pip
# torch first and pinned: an unpinned torch pulls a CUDA build of several GB.
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -r requirements.txt -c constraints.txt
.venv/bin/python -m pip install -q --no-deps -e .
touch .venv/.installed
echo "Dependencies installed in .venv"
