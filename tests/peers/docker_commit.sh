#!/usr/bin/env bash
# Images from containers, through the docker CLI against a Docker Engine
# chosen by ENGINE: dockerd (the reference, a private dockerd 20.10) or
# muelled, with the same expectations. docker diff (A/C/D of a container's
# writable layer), docker commit (-m, -a, -c, of a running container paused
# meanwhile, of a container that changed nothing, a --change commit does not
# take), docker export (the whole filesystem as a tar), docker ps --size and
# inspect --size.
# Env: ENGINE=dockerd|muelled (default dockerd), DOCKER, DOCKERD, MUELLED,
# and lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need jq tar curl
need_registry
start_engine_with_busybox

dk() { timeout -s KILL 120 "$DOCKER" "$@"; }
inspect() { "$DOCKER" inspect --format "$2" "$1"; }

log "docker diff"
must dk run --name changed --network none busybox sh -c 'mkdir /newdir && echo hi >/newdir/f && rm /etc/motd && echo extra >>/etc/passwd'
must dk diff changed
assert_eq "$(printf 'A /newdir\nA /newdir/f\nC /etc\nC /etc/passwd\nD /etc/motd')" "$(sort "$TMP/last.out")" \
    "docker diff: added, changed and deleted paths"
must dk create --name untouched --network none busybox true
must dk diff untouched
assert_eq "" "$(cat "$TMP/last.out")" "docker diff of a container that changed nothing"
expect_error 'No such container: nosuch' dk diff nosuch
pass "docker diff of an unknown container"

log "docker commit"
must dk commit -m "a message" -a "an author" -c 'CMD ["cat", "/newdir/f"]' -c 'ENV X=1' changed committed:v1
must dk run --rm --network none committed:v1
assert_eq hi "$(cat "$TMP/last.out")" "the committed image runs its new CMD on the container's files"
must dk run --rm --network none committed:v1 sh -c 'test ! -e /etc/motd && tail -n 1 /etc/passwd && echo "$X"'
assert_eq "$(printf 'extra\n1')" "$(cat "$TMP/last.out")" "a deletion and --change ENV are in the image"
assert_eq 'an author|a message' "$(inspect committed:v1 '{{.Author}}|{{.Comment}}')" "-a and -m"
assert_eq "$(inspect busybox '{{.Id}}')" "$(inspect committed:v1 '{{.Parent}}')" "the parent is the container's image"
assert_eq $(($(inspect busybox '{{len .RootFS.Layers}}') + 1)) "$(inspect committed:v1 '{{len .RootFS.Layers}}')" \
    "one layer more than the image"
must dk history --no-trunc --format '{{.CreatedBy}}|{{.Comment}}' committed:v1
assert_eq 'sh -c mkdir /newdir && echo hi >/newdir/f && rm /etc/motd && echo extra >>/etc/passwd|a message' \
    "$(head -n 1 "$TMP/last.out")" "history names the container's command and the message"
must dk commit untouched nothing:v1
assert_eq "$(inspect busybox '{{len .RootFS.Layers}}')" "$(inspect nothing:v1 '{{len .RootFS.Layers}}')" \
    "a container that changed nothing adds no layer"
expect_error 'not a valid change command' dk commit -c 'RUN true' changed refused:v1
must_not dk image inspect refused:v1
pass "--change with an instruction commit does not take is refused"
must dk run -d --name running --network none busybox sh -c 'echo live >/live; sleep 300'
for _ in $(seq 50); do dk exec running test -e /live 2>/dev/null && break; sleep 0.1; done
must dk commit running fromrunning:v1
assert_eq true "$(inspect running '{{.State.Running}}')" "a running container runs on after its commit"
must dk run --rm --network none fromrunning:v1 cat /live
assert_eq live "$(cat "$TMP/last.out")" "a running container's files are committed"

log "docker export"
must dk export -o "$TMP/changed.tar" changed
tar -tf "$TMP/changed.tar" | sed 's|^\./||; s|/$||' | sort >"$TMP/listing"
for path in newdir/f etc/passwd bin/busybox; do
    grep -qx "$path" "$TMP/listing" || fail "docker export lacks $path"
done
! grep -qx etc/motd "$TMP/listing" || fail "docker export has a deleted file"
pass "docker export: the whole filesystem, the container's changes included"
dk export running | tar -xOf - live >"$TMP/live" || fail "docker export to stdout"
assert_eq live "$(cat "$TMP/live")" "docker export of a running container, to stdout"

log "sizes"
size_rw=$(inspect changed '{{.SizeRw}}' 2>/dev/null || true)
must dk inspect --size --format '{{.SizeRw}} {{.SizeRootFs}}' changed
read -r rw rootfs <"$TMP/last.out"
((rw > 0 && rootfs > rw)) || fail "inspect --size: $(cat "$TMP/last.out")"
pass "inspect --size: SizeRw and SizeRootFs"
[[ -z $size_rw || $size_rw == "<no value>" || $size_rw == "<nil>" || $size_rw == 0 ]] || fail "inspect without --size has SizeRw $size_rw"
pass "inspect without --size leaves the sizes out"
must dk ps -a --size --filter name=changed --format '{{.Size}}'
grep -qE '^[0-9.]+k?B \(virtual [0-9.]+[kM]B\)$' "$TMP/last.out" || fail "ps --size: $(cat "$TMP/last.out")"
pass "ps --size: the writable layer and the virtual size"
