#!/usr/bin/env bash
# muelled's builder under bad input and faults, through the docker CLI and
# the raw API: a hostile context tar (a name climbing out, a link out, a
# device node), an absolute symlink in the context pointing out of it, a
# context of 100,000 files, an undefined build arg, a platform that is not
# the host's, a client that disconnects mid-build (the build is cancelled,
# its container removed), and kill -9 of muelled mid-build (after the
# restart: no half image, no step container, no mount, no scratch files;
# the cache of the steps that had finished still serves).
# Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need jq curl tar /usr/bin/python3
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (containers, overlay mounts)"
start_engine_with_busybox
export DOCKER_BUILDKIT=0
dk() { timeout -s KILL 120 "$DOCKER" "$@"; }
root=$engine_dir/root
# api_build TAR QUERY: POST /build with TAR as the body; the answer in $TMP/api.out, the status printed.
api_build() {
    curl -s -o "$TMP/api.out" -w '%{http_code}' --unix-socket "$engine_sock" -X POST \
        -H 'Content-Type: application/x-tar' --data-binary @"$1" "http://engine/build?$2"
}
# build_until_started TAG: docker build -t TAG "$ctx" in the background (the
# CLI itself, its pid in $client) until its RUN step printed "started".
build_until_started() {
    "$DOCKER" build -t "$1" "$ctx" >"$TMP/$1.out" 2>&1 &
    client=$!
    local deadline=$((SECONDS + 60))
    until grep -q started "$TMP/$1.out"; do
        ((SECONDS < deadline)) || fail "the build did not start: $(cat "$TMP/$1.out")"
        sleep 0.2
    done
}
# nothing_left: no step container, mount or scratch file.
nothing_left() {
    local deadline=$((SECONDS + 20))
    while [[ -n $(dk ps -aq) ]] && ((SECONDS < deadline)); do sleep 0.2; done
    assert_eq "" "$(dk ps -aq)" "$1: no step container is left"
    ! grep -q " $root/" /proc/self/mounts || fail "$1: a mount is left: $(grep " $root/" /proc/self/mounts)"
    assert_eq "" "$(find "$root/tmp" "$root/snapshots/tmp" -mindepth 1 -maxdepth 1 2>/dev/null | head -3)" \
        "$1: no scratch file, context or layer is left"
}

log "hostile context tars"
/usr/bin/python3 - "$TMP" <<'PY'
import io, sys, tarfile
out = sys.argv[1]
def tar(name, entries):
    with tarfile.open(f"{out}/{name}.tar", "w") as archive:
        for info, data in entries:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
def file(name, data):
    info = tarfile.TarInfo(name); info.size = len(data); return info, data
def link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name); info.type = kind; info.linkname = target; return info, None
def device(name):
    info = tarfile.TarInfo(name); info.type = tarfile.CHRTYPE; info.devmajor, info.devminor = 1, 3; return info, None
dockerfile = file("Dockerfile", b"FROM busybox\nCOPY . /ctx/\nRUN ls -la /ctx\n")
tar("climb", [dockerfile, file("../../escaped", b"x")])
tar("linkout", [dockerfile, link("out", "/etc"), file("out/passwd-copy", b"x")])
tar("hardout", [dockerfile, link("hard", "/etc/passwd", tarfile.LNKTYPE)])
tar("device", [dockerfile, device("null"), file("kept", b"kept\n")])
PY
status=$(api_build "$TMP/climb.tar" t=climb)
[[ $status == 400 ]] && grep -q 'escaped' "$TMP/api.out" || fail "a name climbing out: $status $(cat "$TMP/api.out")"
[[ ! -e $root/escaped && ! -e $root/../escaped ]] || fail "a context entry was written outside the context"
pass "a context entry climbing out is refused, naming it ($status)"
status=$(api_build "$TMP/linkout.tar" t=linkout)
[[ $status == 200 ]] && ! grep -q errorDetail "$TMP/api.out" || fail "a file through a symlink out of the context: $status $(cat "$TMP/api.out")"
[[ ! -e /etc/passwd-copy ]] || fail "a context entry was written through a symlink out of it"
must dk run --rm linkout cat /ctx/etc/passwd-copy
pass "a context entry through a symlink pointing out lands inside the context"
status=$(api_build "$TMP/hardout.tar" t=hardout)
[[ $status == 400 ]] && grep -q 'hard' "$TMP/api.out" || fail "a hard link out of the context: $status $(cat "$TMP/api.out")"
pass "a hard link to a file outside the context is refused, naming it ($status)"
status=$(api_build "$TMP/device.tar" t=device)
[[ $status == 200 ]] && ! grep -q errorDetail "$TMP/api.out" || fail "a device node in the context: $status $(cat "$TMP/api.out")"
must dk run --rm device sh -c 'cat /ctx/kept; test ! -e /ctx/null'
pass "a device node in the context is left out; the rest builds"
must_not dk image inspect climb
pass "refused contexts tag nothing"
nothing_left "refused contexts"

log "a Dockerfile that is a link out, a heredoc named as a path, RUN --network=host"
/usr/bin/python3 - "$TMP" <<'PY'
import io, sys, tarfile
with tarfile.open(f"{sys.argv[1]}/dflink.tar", "w") as archive:
    info = tarfile.TarInfo("Dockerfile"); info.type = tarfile.SYMTYPE; info.linkname = "/etc/passwd"
    archive.addfile(info)
PY
status=$(api_build "$TMP/dflink.tar" t=dflink)
grep -q 'Cannot locate specified Dockerfile: Dockerfile' "$TMP/api.out" || fail "a Dockerfile linked out: $status $(cat "$TMP/api.out")"
pass "a Dockerfile that links out of the context is not read from the host ($status)"
hd=$TMP/heredoc
mkdir -p "$hd"
printf 'FROM busybox\nCOPY <<../../../../../../../../tmp/muelle-escaped /x\nowned\n../../../../../../../../tmp/muelle-escaped\n' >"$hd/Dockerfile"
rm -f /tmp/muelle-escaped
expect_error 'invalid heredoc name' dk build "$hd"
[[ ! -e /tmp/muelle-escaped ]] || fail "a heredoc's name wrote a file on the host"
pass "a heredoc named as a path is refused, nothing written"
printf 'FROM busybox\nRUN --network=host true\n' >"$hd/Dockerfile"
expect_error 'RUN --network=host needs the build to allow it' dk build "$hd"
must dk build --network host "$hd"
pass "RUN --network=host only where the build allows the host's network"

log "a symlink in the context pointing out of it"
ctx=$TMP/ctx
mkdir -p "$ctx"
ln -s /etc/passwd "$ctx/passwd"
printf 'FROM busybox\nCOPY passwd /copied\n' >"$ctx/Dockerfile"
expect_error 'COPY failed: file not found in build context or excluded by .dockerignore: stat passwd: file does not exist' \
    dk build "$ctx"
pass "an absolute symlink is resolved inside the context, never to the host's file"

log "100,000 files"
many=$TMP/many
mkdir -p "$many/files"
/usr/bin/python3 -c '
import os, sys
for i in range(100000):
    with open(f"{sys.argv[1]}/files/f{i}", "w") as f:
        f.write(str(i))' "$many"
printf 'FROM busybox\nCOPY files /files/\nRUN ls /files | wc -l >/count\n' >"$many/Dockerfile"
must dk build -t many "$many"
must dk run --rm many cat /count
assert_eq 100000 "$(tr -d ' ' <"$TMP/last.out")" "a context of 100,000 files builds"
rm -rf "$many"

log "build args and platforms"
printf 'FROM busybox\nARG USED\nRUN echo "$USED" >/used\n' >"$ctx/Dockerfile"
must dk build -t args --build-arg USED=yes --build-arg UNUSED=no "$ctx"
grep -q '\[Warning\] One or more build-args \[UNUSED\] were not consumed' "$TMP/last.out" ||
    fail "no warning for an unused build arg: $(cat "$TMP/last.out")"
pass "an unused build arg is warned about"
expect_error 'platform "linux/s390x" is not supported' dk build --platform linux/s390x "$ctx"
pass "a platform that is not the host's is refused"

log "a client that disconnects mid-build"
printf 'FROM busybox\nRUN echo started && sleep 120\n' >"$ctx/Dockerfile"
build_until_started gone
kill -KILL $client
wait $client 2>/dev/null || true
nothing_left "a disconnected client"
must_not dk image inspect gone
pass "a disconnected client's build is cancelled"

log "kill -9 mid-build"
echo data >"$ctx/data"
printf 'FROM busybox\nCOPY data /data\nRUN echo started && sleep 120\n' >"$ctx/Dockerfile"
build_until_started crashed
restart_muelled engine KILL
wait $client 2>/dev/null || true
nothing_left "after kill -9 and a restart"
must_not dk image inspect crashed
pass "no half-built image after kill -9"
printf 'FROM busybox\nCOPY data /data\n' >"$ctx/Dockerfile"
must dk build -t resumed "$ctx"
grep -q 'Using cache' "$TMP/last.out" || fail "the cache did not survive the crash: $(cat "$TMP/last.out")"
must dk run --rm resumed cat /data
assert_eq data "$(cat "$TMP/last.out")" "the cache of the steps that had finished survives kill -9"
