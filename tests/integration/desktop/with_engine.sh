#!/usr/bin/env bash
# Runs a desktop test program ($@) against a real engine: a private
# dbus-daemon with muelled's bus policy, muelled on it with the busybox test
# image pulled, and the docker CLI pointed at it. The program finds them in
# MUELLE_TEST_BUS (the bus address), MUELLE_TEST_REGISTRY (the registry's
# host:port), MUELLE_TEST_ENGINE_PID (muelled, for tests that restart it;
# they stop what they start) and DOCKER_HOST / DOCKER.
# Env: MUELLED, MUELLE_REGISTRY, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need skopeo jq
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (muelled runs containers)"
start_private_bus
MUELLED_ARGS="--dbus-address $bus" start_engine_with_busybox
export MUELLE_TEST_BUS=$bus MUELLE_TEST_REGISTRY=$reg_addr MUELLE_TEST_ENGINE_PID=$engine_pid DOCKER
"$@"
