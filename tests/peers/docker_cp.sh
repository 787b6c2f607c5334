#!/usr/bin/env bash
# docker cp and docker system prune through the docker CLI against a Docker
# Engine chosen by ENGINE: dockerd (the reference, with live-restore) or
# muelled; the same expectations for both. cp both ways, files, trees,
# symlinks (-L), owners (-a), tar streams on stdin and stdout, running and
# stopped containers, volumes; the errors (a missing path or container, a
# read-only rootfs or volume, a directory replaced by a file, a bad tar);
# and hostile archives that must not write outside the destination, nor a
# container's symlinks lead out of it. system prune: stopped containers,
# dangling images, volumes with --volumes (and unused networks, muelled).
# Env: ENGINE=dockerd|muelled, DOCKER (the CLI), DOCKERD, MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need skopeo jq python3
need_registry

dk() { timeout -s KILL 60 "$DOCKER" "$@"; }

start_engine_with_busybox
drun() { dk run --network none "$@"; }
inbox() { dk exec box "$@"; }

drun -d --name box -v cpvol:/vol busybox sleep 600 >/dev/null
src=$TMP/src && mkdir -p "$src/tree/sub" "$TMP/out"
echo hello > "$src/file"
echo deep > "$src/tree/sub/deep"
printf 'x%.0s' {1..3000} > "$src/tree/big"
ln -s sub/deep "$src/tree/link"
chmod 0750 "$src/tree/sub"

log "host to container"
dk cp "$src/file" box:/tmp/file
assert_eq "$(inbox cat /tmp/file)" hello "a file into a directory"
dk cp "$src/file" box:/tmp/renamed
assert_eq "$(inbox cat /tmp/renamed)" hello "a file to a new name"
dk cp "$src/tree" box:/tmp/
assert_eq "$(inbox cat /tmp/tree/sub/deep)" deep "a tree"
assert_eq "$(inbox busybox readlink /tmp/tree/link)" sub/deep "its symlink, kept as a link"
assert_eq "$(inbox busybox stat -c %a /tmp/tree/sub)" 750 "its modes"
assert_eq "$(inbox busybox stat -c %s /tmp/tree/big)" 3000 "a file's whole size"
dk cp "$src/tree/." box:/tmp/contents
assert_eq "$(inbox cat /tmp/contents/sub/deep)" deep "a tree's contents (dir/.)"
tar -C "$src" -cf - file tree | dk cp - box:/tmp
assert_eq "$(inbox cat /tmp/tree/sub/deep)" deep "a tar stream from stdin"
chown 1234:5678 "$src/file"
dk cp "$src/file" box:/tmp/owned
assert_eq "$(inbox busybox stat -c %u:%g /tmp/owned)" 1234:5678 "the archive's owners are kept"
drun -d --name userbox -u nobody busybox sleep 600 >/dev/null
dk cp -a "$src/file" userbox:/tmp/owned-a
assert_eq "$(dk exec userbox busybox stat -c %u:%g /tmp/owned-a)" 65534:65534 "-a: owned by the container's user"
dk rm -f userbox >/dev/null
dk cp "$src/file" box:/vol/in-volume
assert_eq "$(inbox cat /vol/in-volume)" hello "into a volume of a running container"

log "container to host"
dk cp box:/etc/passwd "$TMP/out/"
assert_eq "$(cat "$TMP/out/passwd")" "$(inbox cat /etc/passwd)" "a file"
dk cp box:/tmp/tree "$TMP/out/tree"
assert_eq "$(cat "$TMP/out/tree/sub/deep")" deep "a tree"
assert_eq "$(readlink "$TMP/out/tree/link")" sub/deep "its symlink"
assert_eq "$(stat -c %a "$TMP/out/tree/sub")" 750 "its modes"
assert_eq "$(stat -c %s "$TMP/out/tree/big")" 3000 "a file's whole size"
mkdir "$TMP/out/dot"
dk cp box:/tmp/tree/. "$TMP/out/dot"
assert_eq "$(cat "$TMP/out/dot/sub/deep")" deep "a tree's contents (dir/.)"
assert_eq "$(dk cp box:/etc/hostname - | tar -tf -)" hostname "a tar stream to stdout"
inbox busybox ln -s /etc/passwd /tmp/plink
dk cp box:/tmp/plink "$TMP/out/plink"
assert_eq "$(readlink "$TMP/out/plink")" /etc/passwd "a symlink as a link"
dk cp -L box:/tmp/plink "$TMP/out/followed"
assert_eq "$(cat "$TMP/out/followed")" "$(inbox cat /etc/passwd)" "-L follows it in the container"
dk cp box:/vol/in-volume "$TMP/out/"
assert_eq "$(cat "$TMP/out/in-volume")" hello "out of a volume"
dk cp box:/proc/self/status "$TMP/out/" 2>/dev/null || true
pass "a path under /proc does not hang the engine"

log "stopped containers"
dk create --name parked -v parkvol:/data busybox cat /greeting /data/v >/dev/null
dk cp "$src/file" parked:/greeting
echo in-vol > "$TMP/v"
dk cp "$TMP/v" parked:/data/v
assert_eq "$(dk start -a parked)" $'hello\nin-vol' "files copied into a created container (layer and volume)"
dk cp parked:/greeting "$TMP/out/greeting"
assert_eq "$(cat "$TMP/out/greeting")" hello "out of a stopped container"
dk cp parked:/data/v "$TMP/out/v"
assert_eq "$(cat "$TMP/out/v")" in-vol "out of a stopped container's volume"

log "errors"
expect_error "Could not find the file /nope in container" dk cp box:/nope "$TMP/out/"
expect_error "No such container" dk cp ghost:/etc/passwd "$TMP/out/"
expect_error "(Could not find the file|no such directory)" dk cp "$src/file" box:/nope/dir/x
expect_error "cannot copy directory" dk cp "$src/tree" box:/etc/passwd
drun -d --name ro --read-only -v rovol:/data:ro busybox sleep 600 >/dev/null
expect_error "container rootfs is marked read-only" dk cp "$src/file" ro:/tmp/
expect_error "mounted volume is marked read-only" dk cp "$src/file" ro:/data/
mkdir -p "$src/clash2" && echo now-a-file > "$src/clash2/tree"
expect_error "cannot overwrite" dk cp "$src/clash2/." box:/tmp/
assert_eq "$(inbox cat /tmp/tree/sub/deep)" deep "a directory is not replaced by a file"
printf 'not a tar archive at all, but long enough to look like a header block%.0s' {1..10} > "$TMP/garbage"
must_not dk cp - box:/tmp < "$TMP/garbage"
pass "a stream that is no tar archive is refused"

log "hostile archives"
marker=escape-$$
python3 - "$TMP" "$marker" <<'PY'
import io, sys, tarfile
tmp, marker = sys.argv[1], sys.argv[2]
def add(t, name, data=b"x", **kw):
    info = tarfile.TarInfo(name)
    for k, v in kw.items(): setattr(info, k, v)
    info.size = len(data) if info.type == tarfile.REGTYPE else 0
    t.addfile(info, io.BytesIO(data) if info.type == tarfile.REGTYPE else None)
with tarfile.open(f"{tmp}/dotdot.tar", "w") as t:
    add(t, "ok-before")
    add(t, f"../../../../../../tmp/{marker}")
with tarfile.open(f"{tmp}/symlink.tar", "w") as t:
    add(t, "up", type=tarfile.SYMTYPE, linkname="/../../../../../../tmp")
    add(t, f"up/{marker}-via-link")
with tarfile.open(f"{tmp}/hardlink.tar", "w") as t:
    add(t, "hl", type=tarfile.LNKTYPE, linkname="../../../../../../etc/hostname")
PY
inbox busybox mkdir -p /tmp/dest
must_not dk cp - box:/tmp/dest < "$TMP/dotdot.tar"
[[ -e /tmp/$marker ]] && fail "a '..' entry wrote /tmp/$marker on the host"
inbox busybox test ! -e "/tmp/$marker" || fail "a '..' entry climbed out of the destination in the container"
pass "'..' entries are refused"
# dockerd writes the entries before the bad one; muelled checks the whole
# archive before it writes anything.
if [[ $ENGINE == muelled ]]; then
    inbox busybox test ! -e /tmp/dest/ok-before || fail "a refused archive left part of it behind"
    pass "nothing of a refused archive is written"
fi
dk cp - box:/tmp/dest < "$TMP/symlink.tar" 2>/dev/null || true
[[ -e /tmp/$marker-via-link ]] && fail "an entry through a symlink wrote on the host"
pass "an entry through a symlink stays in the container"
dk cp - box:/tmp/dest < "$TMP/hardlink.tar" 2>/dev/null || true
inbox busybox test ! -e /tmp/dest/hl || [[ $(inbox cat /tmp/dest/hl) != "$(cat /etc/hostname)" ]] ||
    fail "a hard link reached the host's /etc/hostname"
pass "a hard link does not reach out of the container"
inbox busybox ln -s /../../../../../../etc /tmp/esc
echo "host secret $$" > "$TMP/secret"
dk cp box:/tmp/esc/passwd "$TMP/out/esc-passwd"
assert_eq "$(cat "$TMP/out/esc-passwd")" "$(inbox cat /etc/passwd)" "a container's symlink is resolved in the container (out)"
dk cp "$src/file" "box:/tmp/esc/cp-$marker"
[[ -e /etc/cp-$marker ]] && { rm -f "/etc/cp-$marker"; fail "a container's symlink led a copy into the host's /etc"; }
assert_eq "$(inbox cat "/etc/cp-$marker")" hello "a container's symlink is resolved in the container (in)"

log "events"
dk events --since 0 --until "$(date +%s)" --filter container=box --format '{{.Action}}' > "$TMP/events"
grep -qx extract-to-dir "$TMP/events" || fail "no extract-to-dir event: $(sort -u "$TMP/events" | tr '\n' ' ')"
grep -qx archive-path "$TMP/events" || fail "no archive-path event"
pass "extract-to-dir and archive-path events"

log "system prune"
dk rm -f box ro >/dev/null
drun -d --name keeper busybox sleep 600 >/dev/null
drun --name done1 busybox true
drun --name done2 -v /anon busybox true
tar -C "$src" -cf - file | dk import - >/dev/null   # a dangling image
dangling=$(dk images -q --filter dangling=true)
[[ -n $dangling ]] || fail "docker import - made no dangling image"
if [[ $ENGINE == muelled ]]; then
    net_id=$(dk network create prunenet)
    MUELLED_BRIDGES+=("br-${net_id:0:12}")
fi
dk system prune -f > "$TMP/prune"
grep -q "Deleted Containers:" "$TMP/prune" || fail "system prune: $(cat "$TMP/prune")"
[[ -z $(dk ps -aq --filter name=done1) && -z $(dk ps -aq --filter name=parked) ]] || fail "stopped containers survived system prune"
[[ -n $(dk ps -q --filter name=keeper) ]] || fail "system prune removed a running container"
[[ -z $(dk images -q --filter dangling=true) ]] || fail "a dangling image survived system prune"
[[ -n $(dk images -q busybox) ]] || fail "system prune removed an image in use"
grep -q "Total reclaimed space:" "$TMP/prune" || fail "no total: $(cat "$TMP/prune")"
pass "system prune: stopped containers and dangling images go, running ones and used images stay"
if [[ $ENGINE == muelled ]]; then
    dk network inspect prunenet >/dev/null 2>&1 && fail "an unused network survived system prune"
    pass "system prune: unused networks go"
fi
vols_before=$(dk volume ls -q | wc -l)
[[ $vols_before -ge 1 ]] || fail "the anonymous volume is gone before prune --volumes"
dk system prune -f --volumes > "$TMP/prune2"
assert_eq "$(dk volume ls -q --filter dangling=true | grep -c '^[0-9a-f]\{64\}$' || true)" 0 "system prune --volumes: anonymous volumes go"
dk rm -f keeper >/dev/null
