#!/usr/bin/env bash
# What the desktop's registry views meet when registries misbehave, beside
# the engine with_engine.sh started: hostile_registry.py in each of its
# modes (garbage JSON, a 50 MiB catalog page, a registry that never
# answers, a manifest whose blobs are missing), a port nobody listens on,
# a muelle-registry under token auth whose anonymous callers may pull
# public/* only, holding public/tools and private/secret-plans, and CNCF
# Distribution (no search) holding team/tools-dist. Then runs the test
# program ($@) with their addresses in MUELLE_TEST_HOSTILE_*,
# MUELLE_TEST_REFUSED, MUELLE_TEST_TOKEN_REGISTRY and MUELLE_TEST_DISTRIBUTION.
# Usage: with_engine.sh registries_faults.sh TST_PROGRAM
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
need skopeo /usr/bin/python3 docker-registry
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for mode in garbage huge hang missing; do
    /usr/bin/python3 "$here/hostile_registry.py" "$mode" "$TMP/$mode.port" &
    SERVER_PIDS+=($!)
done
for mode in garbage huge hang missing; do
    for _ in $(seq 100); do [[ -s $TMP/$mode.port ]] && break; sleep 0.1; done
    [[ -s $TMP/$mode.port ]] || fail "hostile_registry.py $mode did not start"
done

# The token registry, with access rules start_muelle does not write.
dir=$TMP/tok
mkdir -p "$dir/root"
port=$(free_port)
make_htpasswd "$dir/htpasswd"
cat > "$dir/config.yml" <<YAML
storage:
  root: $dir/root
http:
  addr: 127.0.0.1:$port
auth:
  htpasswd:
    realm: muelle-test
    path: $dir/htpasswd
  token:
    realm: http://127.0.0.1:$port/token
    service: muelle-test
    issuer: muelle-test-issuer
    key: $dir/token.key
    expiration: 300
access:
  - account: anonymous
    repository: "public/*"
    actions: [pull]
  - account: "$USER_NAME"
    repository: "*"
    actions: [pull, push, delete]
YAML
"$MUELLE_REGISTRY" serve "$dir/config.yml" > "$dir/log" 2>&1 &
SERVER_PIDS+=($!); SERVER_LOGS+=("$dir/log")
wait_http "http://127.0.0.1:$port/v2/" "$!" "$dir/log"
bash "$IMAGES_DIR/build-busybox.sh" "$TMP/busybox" latest >/dev/null
seed "127.0.0.1:$port" token public/tools:v1 "$TMP/busybox" --dest-tls-verify=false
seed "127.0.0.1:$port" token private/secret-plans:v1 "$TMP/busybox" --dest-tls-verify=false

start_distribution dist
seed "$dist_addr" anonymous team/tools-dist:v1 "$TMP/busybox" --dest-tls-verify=false

export MUELLE_TEST_DISTRIBUTION=$dist_addr
export MUELLE_TEST_HOSTILE_GARBAGE=127.0.0.1:$(cat "$TMP/garbage.port")
export MUELLE_TEST_HOSTILE_HUGE=127.0.0.1:$(cat "$TMP/huge.port")
export MUELLE_TEST_HOSTILE_HANG=127.0.0.1:$(cat "$TMP/hang.port")
export MUELLE_TEST_HOSTILE_MISSING=127.0.0.1:$(cat "$TMP/missing.port")
export MUELLE_TEST_REFUSED=127.0.0.1:$(free_port)
export MUELLE_TEST_TOKEN_REGISTRY=127.0.0.1:$port
export POLICY # skopeo's, for the test's own copies
rc=0
"$@" || rc=$?
exit $rc
