#!/usr/bin/env bash
# What muelled's builder does beyond dockerd 20.10's classic builder (the
# Dockerfile syntax BuildKit's frontend accepts), through the docker CLI:
# RUN --mount=type=cache (kept between builds), type=bind (from the context
# and from a stage) and type=tmpfs; heredocs (RUN <<EOF, COPY <<EOF); COPY
# --chmod; ADD of a URL (--checksum); independent stages built side by side; ONBUILD triggers of a base image; --cache-from; docker builder
# prune and system df's build cache; the image pushed to muelle-registry and
# pulled back by skopeo with the same digest. Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need jq skopeo
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (containers, overlay mounts)"
start_engine_with_busybox
export DOCKER_BUILDKIT=0
dk() { timeout -s KILL 120 "$DOCKER" "$@"; }
ctx=$TMP/ctx
mkdir -p "$ctx/src"
echo from-context >"$ctx/src/file"

log "RUN --mount"
cat >"$ctx/Dockerfile" <<'DF'
FROM busybox AS tools
RUN echo from-stage >/tool
FROM busybox
RUN --mount=type=cache,target=/cache sh -c 'echo run >>/cache/log; wc -l </cache/log >/cache-lines'
RUN --mount=type=bind,source=src,target=/mnt/src cat /mnt/src/file >/bound
RUN --mount=type=bind,from=tools,source=/tool,target=/mnt/tool cat /mnt/tool >/from-stage
RUN --mount=type=tmpfs,target=/scratch sh -c 'echo x >/scratch/y && test -e /scratch/y'
DF
must dk build -t mounts "$ctx"
must dk run --rm mounts sh -c 'cat /cache-lines /bound /from-stage; test ! -e /cache/log && test ! -e /scratch/y'
assert_eq "$(printf '1\nfrom-context\nfrom-stage')" "$(cat "$TMP/last.out")" "cache, bind (context and stage) and tmpfs mounts"
must dk build --no-cache -t mounts "$ctx"
must dk run --rm mounts cat /cache-lines
assert_eq 2 "$(cat "$TMP/last.out")" "a cache mount keeps its files between builds"
printf 'FROM busybox\nRUN --mount=type=bind,source=../../etc,target=/x true\n' >"$TMP/escape.Dockerfile"
expect_error 'forbidden path outside the build context' dk build -f "$TMP/escape.Dockerfile" "$ctx"
ln -sf /etc "$ctx/etc-link"
printf 'FROM busybox\nRUN --mount=type=bind,source=etc-link/passwd,target=/x cat /x\n' >"$TMP/link.Dockerfile"
expect_error 'not found' dk build -f "$TMP/link.Dockerfile" "$ctx"
rm "$ctx/etc-link"
pass "a bind mount's source stays in the context, symlinks included"
printf 'FROM busybox\nRUN --mount=type=secret,id=x true\n' >"$TMP/secret.Dockerfile"
expect_error 'type=secret is not supported' dk build -f "$TMP/secret.Dockerfile" "$ctx"
pass "a secret mount is refused with the reason"

log "independent stages side by side"
# Each stage waits (30 s at most) for the other's mark in a shared cache
# mount: built one after the other, the first would give up and fail.
cat >"$TMP/parallel.Dockerfile" <<'DF'
FROM busybox AS left
RUN --mount=type=cache,id=rendezvous,target=/sync sh -c 'touch /sync/left; for i in $(seq 300); do test -e /sync/right && exit 0; sleep 0.1; done; exit 1'
FROM busybox AS right
RUN --mount=type=cache,id=rendezvous,target=/sync sh -c 'touch /sync/right; for i in $(seq 300); do test -e /sync/left && exit 0; sleep 0.1; done; exit 1'
FROM busybox
COPY --from=left /etc/motd /left
COPY --from=right /etc/motd /right
DF
must dk build -t parallel -f "$TMP/parallel.Dockerfile" "$ctx"
must dk run --rm parallel sh -c 'test -e /left && test -e /right && echo both'
assert_eq both "$(cat "$TMP/last.out")" "stages that need no other stage are built side by side"

log "heredocs and COPY --chmod"
cat >"$ctx/Dockerfile" <<'DF'
FROM busybox
RUN <<EOT
echo first >/heredoc
echo second >>/heredoc
EOT
COPY <<EOT /etc/inline.conf
inline content
EOT
COPY --chmod=0750 src/file /moded
DF
must dk build -t heredocs "$ctx"
must dk run --rm heredocs sh -c 'cat /heredoc /etc/inline.conf; stat -c %a /moded'
assert_eq "$(printf 'first\nsecond\ninline content\n750')" "$(cat "$TMP/last.out")" "RUN and COPY heredocs, COPY --chmod"

log "ADD from a URL"
mkdir -p "$TMP/www" && echo remote >"$TMP/www/remote.txt"
port=$(free_port)
(cd "$TMP/www" && exec python3 -m http.server --bind 127.0.0.1 "$port") >"$TMP/www.log" 2>&1 &
SERVER_PIDS+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/remote.txt" >/dev/null && break; sleep 0.1; done
sum=$(sha256sum "$TMP/www/remote.txt" | cut -d' ' -f1)
printf 'FROM busybox\nADD http://127.0.0.1:%s/remote.txt /dl/\nADD --checksum=sha256:%s http://127.0.0.1:%s/remote.txt /checked.txt\n' \
    "$port" "$sum" "$port" >"$TMP/url.Dockerfile"
must dk build -t fromurl -f "$TMP/url.Dockerfile" "$ctx"
must dk run --rm fromurl sh -c 'cat /dl/remote.txt /checked.txt; stat -c %a /dl/remote.txt'
assert_eq "$(printf 'remote\nremote\n600')" "$(cat "$TMP/last.out")" "ADD of a URL (mode 0600), with --checksum"
printf 'FROM busybox\nADD --checksum=sha256:%064d http://127.0.0.1:%s/remote.txt /x\n' 0 "$port" >"$TMP/url.Dockerfile"
expect_error 'ADD failed: checksum mismatch' dk build -f "$TMP/url.Dockerfile" "$ctx"
printf 'FROM busybox\nADD http://127.0.0.1:%s/missing.txt /x\n' "$port" >"$TMP/url.Dockerfile"
expect_error 'ADD failed: failed to GET http://127.0.0.1:[0-9]+/missing.txt with status 404' dk build -f "$TMP/url.Dockerfile" "$ctx"
printf 'FROM busybox\nCOPY http://127.0.0.1:%s/remote.txt /x\n' "$port" >"$TMP/url.Dockerfile"
expect_error "source can't be a URL for COPY" dk build -f "$TMP/url.Dockerfile" "$ctx"
pass "a wrong checksum, a missing file and COPY of a URL are refused"

log "cache keys that must not meet"
echo same >"$ctx/one.txt" && echo same >"$ctx/two.txt"
printf 'FROM busybox\nCOPY one.txt /d/\n' >"$TMP/one.Dockerfile"
printf 'FROM busybox\nCOPY two.txt /d/\n' >"$TMP/two.Dockerfile"
must dk build -t one -f "$TMP/one.Dockerfile" "$ctx"
must dk build -t two -f "$TMP/two.Dockerfile" "$ctx"
must dk run --rm two ls /d
assert_eq two.txt "$(cat "$TMP/last.out")" "files of the same bytes under other names are other steps"
printf 'FROM busybox\nENV A="b C=d"\n' >"$TMP/env1.Dockerfile"
printf 'FROM busybox\nENV A=b C=d\n' >"$TMP/env2.Dockerfile"
must dk build -t env1 -f "$TMP/env1.Dockerfile" "$ctx"
must dk build -t env2 -f "$TMP/env2.Dockerfile" "$ctx"
assert_eq d "$(dk image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' env2 | sed -n 's/^C=//p')" \
    "ENV A=\"b C=d\" and ENV A=b C=d are other steps"

log "ADD's archives"
mkdir -p "$TMP/arch/inner" && echo packed >"$TMP/arch/inner/f"
tar -C "$TMP/arch" -czf "$ctx/packed.tgz" inner
echo '{"a": 1}' | gzip >"$ctx/data.json.gz"
printf 'FROM busybox\nADD packed.tgz /opt/app\nADD data.json.gz /data/\n' >"$TMP/add.Dockerfile"
must dk build -t adds -f "$TMP/add.Dockerfile" "$ctx"
must dk run --rm adds sh -c 'cat /opt/app/inner/f; test -f /data/data.json.gz && echo copied'
assert_eq "$(printf 'packed\ncopied')" "$(cat "$TMP/last.out")" \
    "ADD unpacks a tar into a new directory, and copies a gzip that holds no tar"

log "ONBUILD"
printf 'FROM busybox\nONBUILD RUN echo triggered >/triggered\n' >"$TMP/base.Dockerfile"
must dk build -t onbuild-base -f "$TMP/base.Dockerfile" "$ctx"
printf 'FROM onbuild-base\nRUN cat /triggered\n' >"$TMP/child.Dockerfile"
must dk build -t onbuild-child -f "$TMP/child.Dockerfile" "$ctx"
grep -q '# Executing 1 build trigger' "$TMP/last.out" || fail "no trigger ran: $(cat "$TMP/last.out")"
assert_eq "null" "$(dk image inspect --format '{{json .Config.OnBuild}}' onbuild-child)" "the child does not inherit the trigger"
pass "a base image's ONBUILD trigger runs in the child's build"

log "events"
since=$(date +%s)
printf 'FROM busybox\nRUN echo event >/e\n' >"$ctx/Dockerfile"
must dk build -t evented "$ctx"
must dk events --since "$since" --until "$(($(date +%s) + 1))" --filter type=image --format '{{.Action}} {{.Actor.Attributes.name}}'
grep -q '^build sha256:' "$TMP/last.out" || fail "no image build event: $(cat "$TMP/last.out")"
grep -q '^tag evented:latest' "$TMP/last.out" || fail "no image tag event: $(cat "$TMP/last.out")"
pass "a build emits image events: build, tag"

log "--cache-from"
printf 'FROM busybox\nRUN echo cached >/c\n' >"$ctx/Dockerfile"
must dk build -t cachesource "$ctx"
must dk builder prune -af
must dk build --cache-from cachesource -t cacheuser "$ctx"
grep -q 'Using cache' "$TMP/last.out" || fail "--cache-from was not used: $(cat "$TMP/last.out")"
assert_eq "$(dk image inspect --format '{{.Id}}' cachesource)" "$(dk image inspect --format '{{.Id}}' cacheuser)" \
    "--cache-from's image serves the step"

log "the build cache"
printf 'FROM busybox\nRUN echo df >/df\n' >"$ctx/Dockerfile"
must dk build -t dfsource "$ctx"
must dk system df --format '{{.Type}} {{.TotalCount}}'
grep -qE '^Build Cache [1-9]' "$TMP/last.out" || fail "system df: $(cat "$TMP/last.out")"
pass "docker system df lists the build cache"
must dk builder prune -af
grep -q 'Total reclaimed space' "$TMP/last.out" || fail "builder prune: $(cat "$TMP/last.out")"
must dk system df --format '{{.Type}} {{.TotalCount}}'
grep -qE '^Build Cache 0' "$TMP/last.out" || fail "system df after prune: $(cat "$TMP/last.out")"
pass "docker builder prune -a empties it"
must dk build -t cachesource "$ctx"
! grep -q 'Using cache' "$TMP/last.out" || fail "the cache was used after prune"
pass "a build after prune runs every step"

log "pushed and pulled back"
must dk tag cachesource "$reg_addr/built/cachesource:v1"
must dk push "$reg_addr/built/cachesource:v1"
pushed=$(grep -oE 'digest: sha256:[0-9a-f]{64}' "$TMP/last.out" | cut -d' ' -f2)
[[ -n $pushed ]] || fail "no digest in docker push's output: $(cat "$TMP/last.out")"
must sk copy --preserve-digests --src-tls-verify=false "docker://$reg_addr/built/cachesource:v1" "oci:$TMP/pulled:v1"
assert_eq "$pushed" "$(layout_digest "$TMP/pulled")" "skopeo pulls the built image back with the pushed digest"
