#!/usr/bin/env bash
# The desktop app's models over the Docker Engine API on TCP
# (HttpEngineClient: how the app reaches a remote engine, and how it does on
# Windows) against the ENGINE — dockerd, the reference, or muelled — each
# listening on 127.0.0.1, with the busybox test image. The same expectations
# for both, but for muelled's stats history, which Docker lacks.
# Usage: desktop_http.sh TST_DESKTOP_HTTP. Env: ENGINE, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need skopeo jq
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (the engine runs containers)"
port=$(free_port)
export DOCKERD_ARGS="-H tcp://127.0.0.1:$port" MUELLED_ARGS="-H tcp://127.0.0.1:$port --dbus-address none"
start_engine_with_busybox
export MUELLE_TEST_HOST="tcp://127.0.0.1:$port" MUELLE_TEST_ENGINE=$ENGINE MUELLE_TEST_REGISTRY=$reg_addr DOCKER
"$1"
CHECKS=1
