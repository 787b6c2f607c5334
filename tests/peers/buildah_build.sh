#!/usr/bin/env bash
# The same Dockerfile built by muelled (through the docker CLI) and by
# `buildah bud` (chroot isolation, its own store), from the same base image:
# their image configs must agree — Cmd, Entrypoint, Env, WorkingDir, User,
# ExposedPorts, Labels (buildah's own version label aside), Volumes and
# StopSignal — and so must the files the build made (compared through
# skopeo-exported layouts, unpacked by umoci).
# Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ENGINE=muelled
choose_engine
need buildah skopeo umoci jq
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (buildah's chroot isolation, muelled's containers)"
start_engine_with_busybox
export DOCKER_BUILDKIT=0
bh() { buildah --root "$TMP/buildah/root" --runroot "$SHORT_TMP/bh" --storage-driver vfs "$@"; }

ctx=$TMP/ctx
mkdir -p "$ctx/dir"
echo hello >"$ctx/a.txt"
echo nested >"$ctx/dir/b.txt"
cat >"$ctx/Dockerfile" <<'DF'
ARG BASE
FROM $BASE
ARG VERSION=1.0
ENV APP_HOME=/srv/app PATH_EXTRA=/opt/bin VERSION=$VERSION
LABEL org.example.name=peer org.example.version=$VERSION
WORKDIR /srv/app
COPY a.txt ./
COPY dir ./dir/
RUN echo "built $VERSION" >/srv/app/built && chmod 600 /srv/app/built
USER 1000:1000
EXPOSE 8080 9090/udp
VOLUME /data
STOPSIGNAL SIGTERM
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["cat /srv/app/built"]
DF

log "muelled"
must "$DOCKER" build -t peer:muelled --build-arg BASE=busybox "$ctx"
"$DOCKER" image inspect peer:muelled | jq -S '.[0].Config | {Cmd, Entrypoint, Env, WorkingDir, User, ExposedPorts, Labels, Volumes, StopSignal}' >"$TMP/muelled.json"
log "buildah"
must bh bud --isolation chroot --tls-verify=false --build-arg "BASE=$reg_addr/test/busybox:v1" -t peer:buildah "$ctx"
bh inspect --type image peer:buildah | jq -S '.OCIv1.config | {Cmd, Entrypoint, Env, WorkingDir, User, ExposedPorts, Labels: (.Labels | del(."io.buildah.version")), Volumes, StopSignal}' >"$TMP/buildah.json"
diff -u "$TMP/buildah.json" "$TMP/muelled.json" >"$TMP/config.diff" || fail "the configs differ: $(cat "$TMP/config.diff")"
pass "muelled's image config is buildah's (Cmd, Entrypoint, Env, WorkingDir, User, ports, labels, volumes, signal)"

log "the files"
must "$DOCKER" save -o "$TMP/muelled.tar" peer:muelled
must sk copy "docker-archive:$TMP/muelled.tar" "oci:$TMP/muelled-layout:latest"
must bh push peer:buildah "oci:$TMP/buildah-layout:latest"
must umoci unpack --image "$TMP/muelled-layout:latest" "$TMP/muelled-bundle"
must umoci unpack --image "$TMP/buildah-layout:latest" "$TMP/buildah-bundle"
for path in srv/app/a.txt srv/app/dir/b.txt srv/app/built; do
    cmp -s "$TMP/muelled-bundle/rootfs/$path" "$TMP/buildah-bundle/rootfs/$path" || fail "/$path differs"
    assert_eq "$(stat -c '%a %u:%g' "$TMP/buildah-bundle/rootfs/$path")" "$(stat -c '%a %u:%g' "$TMP/muelled-bundle/rootfs/$path")" \
        "/$path: the same mode and owner"
done
pass "the files COPY and RUN made are buildah's, modes and owners included"
