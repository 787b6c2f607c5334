#!/bin/bash
# Installs what is missing, builds what is stale, runs the benchmarks
# (muelle-registry beside CNCF Distribution and nginx). Not part of CI.
source "$(dirname "$0")/lib.sh"
install_missing_packages "$MUELLE_SOURCE/scripts/packages-bench.txt"
build_muelle
exec bash "$MUELLE_SOURCE/tests/bench/run.sh" "$@"
