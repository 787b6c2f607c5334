#!/usr/bin/env bash
# Runs the end-to-end test (tst_desktop_e2e) under Xvfb; with_engine.sh has
# started the engine it drives. Usage: with_engine.sh e2e.sh TST_DESKTOP_E2E
set -euo pipefail
command -v xvfb-run >/dev/null || { echo "SKIP: xvfb-run is not installed" >&2; exit 77; }
export MUELLE_ARTIFACTS=${MUELLE_ARTIFACTS:-$(dirname "$1")/../test-artifacts}
QT_QPA_PLATFORM=xcb timeout -s KILL 300 xvfb-run -a -s "-screen 0 1280x800x24" "$1"
