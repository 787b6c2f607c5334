#!/bin/bash
# Installs what is missing, builds what is stale, runs every test (labels
# unit, integration, peers, qml). Benchmarks are separate: scripts/bench.sh.
source "$(dirname "$0")/lib.sh"
install_missing_packages
build_muelle
cd "$MUELLE_BUILD"
exec ctest --output-on-failure --timeout 900 -j2 "$@"
