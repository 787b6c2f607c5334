#!/bin/bash
# Installs what is missing, builds what is stale, runs the benchmarks:
# tests/bench/run.sh (muelle-registry beside CNCF Distribution and nginx),
# then tests/bench/search.sh (its search and _catalog with 10,000 repositories),
# then tests/bench/engine.sh (muelled beside dockerd and skopeo + umoci),
# then tests/bench/containers.sh (run latency beside runc, dockerd, podman),
# then tests/bench/build.sh (docker build beside dockerd and buildah),
# then tests/bench/desktop.sh (muelle-desktop's first frame and RSS),
# then tests/bench/desktop_registries.sh (its registry browser, 10,000 repositories),
# then tests/bench/desktop_build.sh (its side of a build: first step, 100,000 lines).
# Both read the same environment (RUNS, KEEP_TMP, ...). Not part of CI.
source "$(dirname "$0")/lib.sh"
install_missing_packages "$MUELLE_SOURCE/scripts/packages-bench.txt"
build_muelle
rc=0
bash "$MUELLE_SOURCE/tests/bench/run.sh" "$@" || rc=$?
bash "$MUELLE_SOURCE/tests/bench/search.sh" "$@" || rc=$?
bash "$MUELLE_SOURCE/tests/bench/engine.sh" "$@" || rc=$?
bash "$MUELLE_SOURCE/tests/bench/containers.sh" "$@" || rc=$?
bash "$MUELLE_SOURCE/tests/bench/build.sh" "$@" || rc=$?
bash "$MUELLE_SOURCE/tests/bench/desktop.sh" "$@" || rc=$?
bash "$MUELLE_SOURCE/tests/bench/desktop_registries.sh" "$@" || rc=$?
bash "$MUELLE_SOURCE/tests/bench/desktop_build.sh" "$@" || rc=$?
exit "$rc"
