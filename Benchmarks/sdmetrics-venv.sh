#!/usr/bin/env bash
# Benchmarks/sdmetrics-venv.sh: makes (once) the Python venv with SDMetrics 0.32.0 the agreement
# and disclosure scripts compare against, at $SDMETRICS_VENV or Benchmarks/.venv-sdmetrics, and
# prints its path. A venv with another SDMetrics version is rebuilt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${SDMETRICS_VENV:-$here/.venv-sdmetrics}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sdmetrics, sys; sys.exit(sdmetrics.__version__ != "0.32.0")' 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet sdmetrics==0.32.0 >&2
fi
printf '%s\n' "$venv"
