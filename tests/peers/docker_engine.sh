#!/bin/bash
# The docker CLI against muelled: the engine's system endpoints, API version
# negotiation, and the daemon's own guarantees (one daemon per data root,
# SIGHUP reload, SIGTERM removes the socket). The image and container
# commands arrive with their services.
source "$(dirname "$0")/lib.sh"
: "${MUELLED:=$MUELLE_SOURCE/build/bin/muelled}"
DOCKER=${DOCKER:-$(command -v docker || true)}
[[ -x $MUELLED ]] || fail "no muelled binary at $MUELLED (build it first)"
[[ -n $DOCKER ]] || skip "the docker CLI is not installed"

ROOT=$TMP/engine
SOCKET=$SHORT_TMP/muelle.sock
export DOCKER_HOST=unix://$SOCKET
"$MUELLED" --data-root "$ROOT" -H "unix://$SOCKET" --log-level debug >"$TMP/muelled.log" 2>&1 &
MUELLED_PID=$!
SERVER_PIDS+=("$MUELLED_PID")
SERVER_LOGS+=("$TMP/muelled.log")
for ((i = 0; i < 100; i++)); do [[ -S $SOCKET ]] && break; sleep 0.1; done
[[ -S $SOCKET ]] || fail "muelled did not create $SOCKET"

log "socket"
assert_eq "660" "$(stat -c %a "$SOCKET")" "socket mode"
pass "socket is mode 0660"

log "docker version"
must "$DOCKER" version --format '{{json .Server}}'
server=$(cat "$TMP/last.out")
assert_eq "1.50" "$(jq -r .ApiVersion <<<"$server")" "server API version"
assert_eq "1.24" "$(jq -r .MinAPIVersion <<<"$server")" "minimum API version"
assert_eq "linux" "$(jq -r .Os <<<"$server")" "server OS"
assert_eq "Engine" "$(jq -r '.Components[0].Name' <<<"$server")" "component"
pass "docker version shows the engine"

log "docker info"
must "$DOCKER" info --format '{{json .}}'
info=$(cat "$TMP/last.out")
assert_eq "$ROOT" "$(jq -r .DockerRootDir <<<"$info")" "DockerRootDir"
assert_eq "$(nproc)" "$(jq -r .NCPU <<<"$info")" "NCPU"
assert_eq "$(uname -r)" "$(jq -r .KernelVersion <<<"$info")" "KernelVersion"
mem_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
assert_eq "$((mem_kib * 1024))" "$(jq -r .MemTotal <<<"$info")" "MemTotal"
id=$(jq -r .ID <<<"$info")
[[ -n $id && $id != null ]] || fail "no engine ID"
pass "docker info reports the host and the data root"

log "version negotiation"
must env DOCKER_API_VERSION=1.24 "$DOCKER" version --format '{{.Server.APIVersion}}'
pass "a client pinned to 1.24 is served"
must_not env DOCKER_API_VERSION=1.99 "$DOCKER" version
grep -q "client version 1.99 is too new. Maximum supported API version is 1.50" "$TMP/last.out" \
    || fail "too-new message: $(cat "$TMP/last.out")"
must_not env DOCKER_API_VERSION=1.12 "$DOCKER" info
grep -q "client version 1.12 is too old" "$TMP/last.out" || fail "too-old message: $(cat "$TMP/last.out")"
pass "versions outside 1.24..1.50 are refused with Docker's words"
status=$(curl -s -o "$TMP/body" -w '%{http_code}' --unix-socket "$SOCKET" http://muelle/v1.50/no/such/endpoint)
assert_eq "404" "$status" "unknown endpoint status"
assert_eq "page not found" "$(jq -r .message "$TMP/body")" "unknown endpoint message"
ping_version=$(curl -s -D - -o /dev/null --unix-socket "$SOCKET" -I http://muelle/_ping | tr -d '\r' | awk -F': ' 'tolower($1)=="api-version" {print $2}')
assert_eq "1.50" "$ping_version" "HEAD /_ping API-Version"
pass "unknown endpoints are 404 {message}; HEAD /_ping carries API-Version"

log "one daemon per data root"
must_not "$MUELLED" --data-root "$ROOT" -H "unix://$SHORT_TMP/second.sock"
grep -q "held by another muelled" "$TMP/last.out" || fail "second daemon message: $(cat "$TMP/last.out")"
pass "a second daemon on the same data root is refused"
must_not "$MUELLED" --data-root "$TMP/other" -H "tcp://not-an-address:1"
must_not "$MUELLED" --bogus-flag
pass "bad flags and hosts are refused"

log "SIGHUP and SIGTERM"
kill -HUP "$MUELLED_PID"
for ((i = 0; i < 50; i++)); do grep -q "configuration reloaded" "$TMP/muelled.log" && break; sleep 0.1; done
grep -q "configuration reloaded" "$TMP/muelled.log" || fail "SIGHUP did not reload"
must "$DOCKER" version
pass "SIGHUP reloads and the daemon keeps serving"
kill -TERM "$MUELLED_PID"
wait "$MUELLED_PID" || fail "muelled exited with $? on SIGTERM"
[[ ! -e $SOCKET ]] || fail "the socket was left behind"
pass "SIGTERM stops cleanly and removes the socket"

log "registry-mirrors: Docker Hub pulls go to the mirror first"
need skopeo
start_muelle mirror anonymous
bash "$IMAGES_DIR/build-busybox.sh" "$TMP/bb" >/dev/null
must sk copy --dest-tls-verify=false "oci:$TMP/bb:latest" "docker://$mirror_addr/library/busybox:latest"
printf '{"registry-mirrors": ["http://127.0.0.1:9", "http://%s"]}\n' "$mirror_addr" > "$TMP/daemon.json"
MSOCK=$SHORT_TMP/mirrored.sock
"$MUELLED" --config "$TMP/daemon.json" --data-root "$TMP/mirrored" -H "unix://$MSOCK" >"$TMP/mirrored.log" 2>&1 &
SERVER_PIDS+=("$!")
SERVER_LOGS+=("$TMP/mirrored.log")
for ((i = 0; i < 100; i++)); do [[ -S $MSOCK ]] && break; sleep 0.1; done
must env DOCKER_HOST="unix://$MSOCK" "$DOCKER" pull busybox
must env DOCKER_HOST="unix://$MSOCK" "$DOCKER" image inspect busybox --format '{{json .RepoTags}}'
assert_eq '["busybox:latest"]' "$(cat "$TMP/last.out")" "pulled as busybox:latest"
must env DOCKER_HOST="unix://$MSOCK" "$DOCKER" image inspect busybox --format '{{json .RepoDigests}}'
assert_eq "[\"busybox@$(layout_digest "$TMP/bb")\"]" "$(cat "$TMP/last.out")" "pulled the mirror's manifest"
pass "docker pull busybox: the unreachable mirror is skipped, the next one serves it"
