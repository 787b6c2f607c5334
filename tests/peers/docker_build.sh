#!/usr/bin/env bash
# docker build (the classic builder: DOCKER_BUILDKIT=0) against a Docker
# Engine chosen by ENGINE: dockerd (the reference, a private dockerd 20.10)
# or muelled, with the same expectations checked through docker inspect,
# docker history, docker images and docker run. Covers -t (several),
# --build-arg, --label, --target, --no-cache, --pull, -q, --network none, -f, a
# context sent as a tar on stdin, a Dockerfile on stdin, multi-stage COPY
# --from (a stage, or an image pulled for it), ADD of a local tar,
# .dockerignore, the build cache (a rebuild hits it at every step and gives
# the same ID; a changed file invalidates from its COPY on), intermediate
# images (docker images -a, rmi), and the errors: a failing RUN (its exit
# status), a missing source, a source outside the context, an unknown
# target, a parse error.
# Env: ENGINE=dockerd|muelled (default dockerd), DOCKER, DOCKERD, MUELLED,
# and lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need jq tar curl
need_registry
start_engine_with_busybox
export DOCKER_BUILDKIT=0

dk() { "$DOCKER" "$@"; }
inspect() { "$DOCKER" image inspect --format "$2" "$1"; }
# build ARGS...: docker build, its output in $TMP/last.out.
build() { must dk build "$@"; }
# step_lines: the "Step"/"Using cache" lines of the last build.
cache_hits() { grep -c -- '---> Using cache' "$TMP/last.out" || true; }

ctx=$TMP/ctx
mkdir -p "$ctx/dir/sub"
echo hello >"$ctx/a.txt"
echo x >"$ctx/dir/sub/y"
ln -s a.txt "$ctx/dir/link"
echo secret >"$ctx/ignored.txt"
printf 'ignored.txt\n' >"$ctx/.dockerignore"
mkdir -p "$TMP/tarred/inner" && echo packed >"$TMP/tarred/inner/file"
tar -C "$TMP/tarred" -czf "$ctx/packed.tar.gz" inner
cat >"$ctx/Dockerfile" <<'EOF'
FROM busybox
ARG V=1
ENV A=b C=$V
LABEL x=y
WORKDIR /app
COPY a.txt .
COPY dir /d/
ADD packed.tar.gz /unpacked/
COPY --chown=12:34 a.txt /owned
RUN echo running $A $V && echo stuff >/made
CMD ["sh"]
EXPOSE 80 53/udp
USER 1000:1000
VOLUME /data
STOPSIGNAL SIGINT
EOF

log "a first build"
build -t t1 -t t1:second --build-arg V=2 --label team=core "$ctx"
grep -q 'running b 2' "$TMP/last.out" || fail "the RUN step's output is not in the build's output"
grep -qE '^Successfully built [0-9a-f]{12}$' "$TMP/last.out" || fail "no 'Successfully built'"
grep -q '^Successfully tagged t1:latest$' "$TMP/last.out" || fail "no 'Successfully tagged t1:latest'"
grep -q '^Successfully tagged t1:second$' "$TMP/last.out" || fail "no 'Successfully tagged t1:second'"
grep -q '^Step 10/16 : RUN echo running $A $V && echo stuff >/made$' "$TMP/last.out" || fail "step lines differ"
grep -q '^Step 16/16 : LABEL team=core$' "$TMP/last.out" || fail "--label is not the last step"
pass "docker build prints the classic builder's steps"
id=$(inspect t1 '{{.Id}}')
assert_eq "$id" "$(inspect t1:second '{{.Id}}')" "both tags name the image"
assert_eq '["sh"]' "$(inspect t1 '{{json .Config.Cmd}}')" "CMD"
assert_eq '["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","A=b","C=2"]' \
    "$(inspect t1 '{{json .Config.Env}}')" "ENV, with the build arg"
assert_eq '{"team":"core","x":"y"}' "$(inspect t1 '{{json .Config.Labels}}')" "LABEL and --label"
assert_eq '{"53/udp":{},"80/tcp":{}}' "$(inspect t1 '{{json .Config.ExposedPorts}}')" "EXPOSE"
assert_eq '/app 1000:1000 SIGINT {"/data":{}}' \
    "$(inspect t1 '{{.Config.WorkingDir}} {{.Config.User}} {{.Config.StopSignal}} {{json .Config.Volumes}}')" \
    "WORKDIR, USER, STOPSIGNAL, VOLUME"
# busybox has 2 layers; WORKDIR (a new directory), COPY, COPY, ADD, COPY and RUN add one each.
assert_eq 8 "$(inspect t1 '{{len .RootFS.Layers}}')" "one layer per WORKDIR that makes its directory, COPY, ADD and RUN"
history=$(dk history --no-trunc --format '{{.CreatedBy}}' t1 | head -n 15 | sed -E 's/(file|dir):[0-9a-f]{64}/\1:HASH/')
expected_history=$(
    cat <<'EOF'
/bin/sh -c #(nop)  LABEL team=core
/bin/sh -c #(nop)  STOPSIGNAL SIGINT
/bin/sh -c #(nop)  VOLUME [/data]
/bin/sh -c #(nop)  USER 1000:1000
/bin/sh -c #(nop)  EXPOSE 53/udp 80
/bin/sh -c #(nop)  CMD ["sh"]
|1 V=2 /bin/sh -c echo running $A $V && echo stuff >/made
/bin/sh -c #(nop) COPY --chown=12:34file:HASH in /owned 
/bin/sh -c #(nop) ADD file:HASH in /unpacked/ 
/bin/sh -c #(nop) COPY dir:HASH in /d/ 
/bin/sh -c #(nop) COPY file:HASH in . 
/bin/sh -c #(nop) WORKDIR /app
/bin/sh -c #(nop)  LABEL x=y
/bin/sh -c #(nop)  ENV A=b C=2
/bin/sh -c #(nop)  ARG V=1
EOF
)
[[ $history == "$expected_history" ]] || fail "docker history: $history"
pass "docker history names every step as the classic builder does"
[[ $(dk history -q t1 | head -n 15 | grep -vc missing) == 15 ]] || fail "history: intermediate IDs missing: $(dk history -q t1)"
pass "docker history shows the intermediate images' IDs"

must dk run --rm --user 0 t1 sh -c 'cat /made /app/a.txt /d/sub/y /unpacked/inner/file; readlink /d/link; stat -c "%u:%g %a" /owned /app/a.txt; ls /app'
assert_eq "$(printf 'stuff\nhello\nx\npacked\na.txt\n12:34 644\n0:0 644\na.txt')" "$(cat "$TMP/last.out")" \
    "the image's files: COPY, a directory's contents, ADD unpacked, --chown"
must_not dk run --rm --user 0 t1 cat /app/ignored.txt /ignored.txt
pass ".dockerignore kept ignored.txt out of the context"

log "the build cache"
build -t t1 -t t1:second --build-arg V=2 --label team=core "$ctx"
assert_eq 15 "$(cache_hits)" "a rebuild takes every step from the cache"
assert_eq "$id" "$(inspect t1 '{{.Id}}')" "a rebuild gives the same image ID"
echo changed >"$ctx/dir/sub/y"
build -t t1 --build-arg V=2 --label team=core "$ctx"
assert_eq 5 "$(cache_hits)" "a changed file invalidates from its COPY on"
must dk run --rm t1 cat /d/sub/y
assert_eq changed "$(cat "$TMP/last.out")" "the changed file is in the image"
build --no-cache -t t1 --build-arg V=2 --label team=core "$ctx"
assert_eq 0 "$(cache_hits)" "--no-cache uses no cache"

log "intermediate images"
must dk images -q
visible=$(sort -u "$TMP/last.out" | wc -l)
must dk images -aq
all=$(sort -u "$TMP/last.out" | wc -l)
((all > visible)) || fail "docker images -a shows no intermediate images ($all vs $visible)"
pass "docker images hides the intermediate images, -a shows them"

log "-q, stdin, -f"
must dk build -q "$ctx" --build-arg V=2 --label team=core
grep -qE '^sha256:[0-9a-f]{64}$' "$TMP/last.out" || fail "-q printed: $(cat "$TMP/last.out")"
pass "-q prints the image ID alone"
must bash -c "tar -C '$ctx' -c . | '$DOCKER' build -t fromtar -"
must dk run --rm fromtar cat /made
assert_eq stuff "$(cat "$TMP/last.out")" "a context sent as a tar on stdin"
must bash -c "printf 'FROM busybox\nRUN echo alone >/alone\n' | '$DOCKER' build -t nocontext -"
must dk run --rm nocontext cat /alone
assert_eq alone "$(cat "$TMP/last.out")" "a Dockerfile alone on stdin"
must bash -c "printf 'FROM busybox\nCOPY a.txt /from-stdin\n' | '$DOCKER' build -t stdinfile -f - '$ctx'"
must dk run --rm stdinfile cat /from-stdin
assert_eq hello "$(cat "$TMP/last.out")" "-f - with a directory context"
mkdir -p "$ctx/sub"
printf 'FROM busybox\nCOPY a.txt /other\n' >"$ctx/sub/Other.dockerfile"
build -t other -f "$ctx/sub/Other.dockerfile" "$ctx"
must dk run --rm other cat /other
assert_eq hello "$(cat "$TMP/last.out")" "-f names a Dockerfile in the context"

log "multi-stage"
ms=$TMP/ms
mkdir -p "$ms"
cat >"$ms/Dockerfile" <<'EOF'
FROM busybox AS base
RUN echo base >/base

FROM base AS build
RUN echo built >/artifact

FROM busybox AS unused
RUN echo unused >/unused

FROM busybox
COPY --from=build /artifact /artifact
COPY --from=0 /base /base
CMD ["cat", "/artifact"]
EOF
build -t ms "$ms"
must dk run --rm ms sh -c 'cat /artifact /base; test ! -e /unused'
assert_eq "$(printf 'built\nbase')" "$(cat "$TMP/last.out")" "COPY --from a stage by name and by index"
build -t ms-target --target build "$ms"
must dk run --rm ms-target cat /artifact
assert_eq built "$(cat "$TMP/last.out")" "--target builds that stage"

log "RUN's network"
printf 'FROM busybox\nRUN ls /sys/class/net >/interfaces\n' >"$TMP/net.Dockerfile"
build -t net-none --network none -f "$TMP/net.Dockerfile" "$ctx"
must dk run --rm net-none cat /interfaces
assert_eq lo "$(cat "$TMP/last.out")" "--network none: RUN sees lo alone"

log "--pull"
printf 'FROM %s/test/busybox:v1\nRUN echo pulled >/pulled\n' "$reg_addr" >"$TMP/pull.Dockerfile"
build --pull -t pulled -f "$TMP/pull.Dockerfile" "$ctx"
grep -q 'Status: Image is up to date' "$TMP/last.out" || fail "--pull did not ask the registry: $(cat "$TMP/last.out")"
must dk run --rm pulled cat /pulled
assert_eq pulled "$(cat "$TMP/last.out")" "--pull checks the base image with its registry"

log "errors"
bad=$TMP/bad
mkdir -p "$bad"
echo data >"$bad/present"
failing() { printf '%b' "$1" >"$bad/Dockerfile"; }
failing 'FROM busybox\nRUN exit 3\n'
rc=0
dk build "$bad" >"$TMP/last.out" 2>&1 || rc=$?
assert_eq 3 "$rc" "a failing RUN's status is docker build's"
grep -q "The command '/bin/sh -c exit 3' returned a non-zero code: 3" "$TMP/last.out" ||
    fail "failing RUN printed: $(cat "$TMP/last.out")"
pass "a failing RUN says so in the classic builder's words"
failing 'FROM busybox\nCOPY missing.txt /\n'
expect_error 'COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist' \
    dk build "$bad"
pass "a missing COPY source"
failing 'FROM busybox\nCOPY ../outside /\n'
expect_error 'COPY failed: forbidden path outside the build context: ../outside \(\)' dk build "$bad"
pass "a source outside the context"
failing 'FROM busybox\nCOPY *.nothing /\n'
expect_error 'COPY failed: no source files were specified' dk build "$bad"
pass "a wildcard that matches nothing"
failing 'FROM busybox\nCOPY --from=127.0.0.1:1/nosuch /x /x\n'
expect_error 'invalid from flag value 127.0.0.1:1/nosuch' dk build "$bad"
pass "COPY --from an image that is nowhere"
seed "$reg_addr" anonymous test/tools:v1 "$TMP/src-busybox" --dest-tls-verify=false
printf 'FROM busybox\nCOPY --from=%s/test/tools:v1 /bin/busybox /busybox-copy\n' "$reg_addr" >"$TMP/pulled.Dockerfile"
build -t from-pulled -f "$TMP/pulled.Dockerfile" "$ctx"
dk image inspect "$reg_addr/test/tools:v1" >/dev/null 2>&1 || fail "COPY --from did not pull its image"
must dk run --rm from-pulled /busybox-copy true
pass "COPY --from an image not here pulls it"
failing 'FROM busybox\nRUN true\n'
expect_error 'failed to reach build target nosuch in Dockerfile' dk build --target nosuch "$bad"
pass "an unknown --target"
failing 'FROM busybox\nFORM busybox\n'
expect_error 'dockerfile parse error line 2: unknown instruction: FORM' dk build "$bad"
pass "a parse error names its line"
# The CLI checks -f itself: ask the API.
tar -C "$bad" -c . >"$TMP/bad.tar"
status=$(curl -s -o "$TMP/api.out" -w '%{http_code}' --unix-socket "${DOCKER_HOST#unix://}" -X POST \
    -H 'Content-Type: application/x-tar' --data-binary @"$TMP/bad.tar" 'http://engine/build?dockerfile=nothere')
grep -q 'Cannot locate specified Dockerfile: nothere' "$TMP/api.out" || fail "POST /build?dockerfile=nothere: $status $(cat "$TMP/api.out")"
pass "a Dockerfile that is not in the context ($status)"

log "removing a built image"
printf 'FROM busybox\nCOPY a.txt /chained\nRUN echo more >/more\n' >"$TMP/chain.Dockerfile"
build -t chained -f "$TMP/chain.Dockerfile" "$ctx"
parent=$(inspect chained '{{.Parent}}')
[[ -n $parent ]] || fail "a built image has no Parent"
assert_eq "$(inspect busybox '{{.Id}}')" "$(inspect "$parent" '{{.Parent}}')" "the intermediate image's parent is the base"
must dk rmi t1:second
must dk rmi chained
must_not dk image inspect "$parent"
must dk image inspect busybox
pass "rmi removes the image and its untagged intermediate images, not the tagged base"
