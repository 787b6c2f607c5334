#!/usr/bin/env bash
# The docker CLI's image commands against a Docker Engine chosen by ENGINE:
# dockerd (the reference: a private dockerd, Debian's docker.io 20.10) or
# muelled. The images are built offline (tests/images) and served by
# muelle-registry (anonymous, and htpasswd for docker login) and CNCF
# Distribution, all on 127.0.0.1 over plain HTTP (docker treats 127.0.0.0/8
# as insecure registries). Checks pull, images (--digests, --filter),
# image inspect, history, tag, push, rmi, save/load, image prune, system df,
# events, and the errors for a bad reference, an unknown tag, an unknown image.
# Env: ENGINE=dockerd|muelled (default dockerd), DOCKER (the CLI), DOCKERD,
# MUELLED, and lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need skopeo buildah jq curl htpasswd python3 docker-registry
need_registry

dk() { "$DOCKER" "$@"; }
# inspect REF TEMPLATE: one field of docker image inspect.
inspect() { "$DOCKER" image inspect --format "$2" "$1"; }
# sk_digest REF [SKOPEO_OPTS...]: the manifest digest skopeo sees.
sk_digest() {
    local ref=$1; shift
    sk inspect --tls-verify=false "$@" "docker://$ref" | jq -r .Digest
}
# sorted JSON_ARRAY: its strings, one a line, sorted.
sorted() { jq -r '.[]' <<<"$1" | sort; }

log "building test images"
bb=$TMP/src-busybox other=$TMP/src-other
bash "$IMAGES_DIR/build-busybox.sh" "$bb" latest >/dev/null
# a second, unrelated image: the same content with other mtimes
SOURCE_DATE_EPOCH=1717200000 bash "$IMAGES_DIR/build-busybox.sh" "$other" latest >/dev/null
bb_digest=$(layout_digest "$bb") other_digest=$(layout_digest "$other")
blob() { echo "$1/blobs/sha256/${2#sha256:}"; }
bb_config=$(jq -r .config.digest "$(blob "$bb" "$bb_digest")")
bb_diff_ids=$(jq -c .rootfs.diff_ids "$(blob "$bb" "$bb_config")")
log "busybox $bb_digest (config $bb_config), other $other_digest"

start_muelle reg anonymous
start_distribution dist
start_muelle sec htpasswd
log "seeding the registries"
seed "$reg_addr" anonymous test/busybox:v1 "$bb" --dest-tls-verify=false
seed "$reg_addr" anonymous test/other:v1 "$other" --dest-tls-verify=false
seed "$dist_addr" anonymous test/busybox:v1 "$bb" --dest-tls-verify=false
seed "$sec_addr" htpasswd private/busybox:v1 "$bb" --dest-tls-verify=false

start_engine
since=$(($(date +%s) - 1))

log "engine"
must dk version --format '{{.Server.Version}} (API {{.Server.APIVersion}})'
pass "$ENGINE answers: $(cat "$TMP/last.out")"

ref=$reg_addr/test/busybox:v1 dref=$dist_addr/test/busybox:v1 sref=$sec_addr/private/busybox:v1

# pull_checks REF REPO [SKOPEO_OPTS...]: after docker pull REF, the digest it
# printed, skopeo's and RepoDigests agree with the source layout's.
pull_checks() {
    local r=$1 repo=$2; shift 2
    grep -qF "Digest: $bb_digest" "$TMP/last.out" || fail "pull $r did not print Digest: $bb_digest"
    assert_eq "$bb_digest" "$(sk_digest "$r" "$@")" "skopeo's digest of $r"
    inspect "$r" '{{json .RepoDigests}}' | jq -e --arg d "$repo@$bb_digest" 'index($d) != null' >/dev/null \
        || fail "RepoDigests of $r: $(inspect "$r" '{{json .RepoDigests}}'), want $repo@$bb_digest"
    pass "pulled $r: RepoDigests has $repo@$bb_digest"
}

log "docker pull, anonymous: muelle-registry and Distribution"
must dk pull "$ref"
pull_checks "$ref" "$reg_addr/test/busybox"
must dk pull "$dref"
pull_checks "$dref" "$dist_addr/test/busybox"

log "docker pull after docker login (htpasswd muelle-registry)"
must_not dk pull "$sref"
grep -Eqi 'no basic auth credentials|unauthorized|authentication required' "$TMP/last.out" \
    || fail "pull without login: $(cat "$TMP/last.out")"
pass "pull without credentials is refused"
must_not dk login -u "$USER_NAME" --password-stdin "$sec_addr" <<<"wrong-password"
grep -Eqi 'unauthorized|401|incorrect' "$TMP/last.out" || fail "login with a wrong password: $(cat "$TMP/last.out")"
pass "login with a wrong password is refused"
must dk login -u "$USER_NAME" --password-stdin "$sec_addr" <<<"$USER_PASS"
grep -q "Login Succeeded" "$TMP/last.out" || fail "login: $(cat "$TMP/last.out")"
jq -e --arg a "$sec_addr" '.auths[$a].auth' "$DOCKER_CONFIG/config.json" >/dev/null \
    || fail "no credentials for $sec_addr in $DOCKER_CONFIG/config.json"
pass "docker login stores the credentials"
if [[ $ENGINE == muelled ]]; then
    assert_eq 600 "$(stat -c %a "$engine_dir/root/auth.json")" "muelled keeps login credentials root-only"
    ! grep -q -- "$USER_PASS" "$engine_dir/log" || fail "the password is in muelled's log"
    pass "the password never reaches muelled's log"
fi
must dk pull "$sref"
pull_checks "$sref" "$sec_addr/private/busybox" --creds "$CREDS"

log "docker images"
image_id=$(inspect "$ref" '{{.Id}}')
must dk images --digests
digests_table=$(cat "$TMP/last.out")
for r in "$reg_addr/test/busybox" "$dist_addr/test/busybox" "$sec_addr/private/busybox"; do
    assert_eq "v1 $bb_digest" "$(awk -v r="$r" '$1 == r {print $2, $3}' <<<"$digests_table")" \
        "docker images --digests: $r"
done
assert_eq "$ref" "$(dk images --filter "reference=$reg_addr/test/busybox" --format '{{.Repository}}:{{.Tag}}')" \
    "--filter reference=NAME"
assert_eq "$(printf '%s\n' "$dref" "$ref" | sort)" \
    "$(dk images --filter 'reference=*/test/busybox:v1' --format '{{.Repository}}:{{.Tag}}' | sort)" \
    "--filter reference=PATTERN"
assert_eq "" "$(dk images --filter dangling=true --format '{{.Repository}}:{{.Tag}}')" \
    "--filter dangling=true with nothing dangling"
assert_eq "$image_id" "$(dk images -q --no-trunc | sort -u)" "three names, one image"

log "docker image inspect"
must dk image inspect "$ref"
info=$(jq '.[0]' "$TMP/last.out")
id=$(jq -r .Id <<<"$info")
# the config digest (Docker's graph driver store); a containerd image store uses the manifest's
[[ $id == "$bb_config" || $id == "$bb_digest" ]] || fail "Id $id is neither $bb_config nor $bb_digest"
pass "Id is $id"
assert_eq "$(printf '%s\n' "$ref" "$dref" "$sref" | sort)" "$(sorted "$(jq .RepoTags <<<"$info")")" "RepoTags"
assert_eq "$(printf '%s\n' "$reg_addr/test/busybox" "$dist_addr/test/busybox" "$sec_addr/private/busybox" \
    | sed "s|\$|@$bb_digest|" | sort)" "$(sorted "$(jq .RepoDigests <<<"$info")")" "RepoDigests"
assert_eq linux "$(jq -r .Os <<<"$info")" "Os"
assert_eq amd64 "$(jq -r .Architecture <<<"$info")" "Architecture"
assert_eq layers "$(jq -r .RootFS.Type <<<"$info")" "RootFS.Type"
assert_eq "$bb_diff_ids" "$(jq -c .RootFS.Layers <<<"$info")" "RootFS.Layers are the config's diff_ids"
assert_eq '["sh"]' "$(jq -c .Config.Cmd <<<"$info")" "Config.Cmd"
(($(jq -r .Size <<<"$info") > 0)) || fail "Size is $(jq -r .Size <<<"$info")"
pass "Size $(jq -r .Size <<<"$info") > 0"

log "docker history"
assert_eq "$(jq -r '.history | reverse | .[].created_by' "$(blob "$bb" "$bb_config")")" \
    "$(dk history --no-trunc --format '{{.CreatedBy}}' "$ref")" "history: the config's entries, newest first"
history_ids=$(dk history --no-trunc --format '{{.ID}}' "$ref")
assert_eq "$id" "$(head -n1 <<<"$history_ids")" "history: the top row is the image"

log "docker tag and docker push"
pref=$reg_addr/test/pushed:v2
must dk tag "$ref" "$pref"
assert_eq "$id" "$(inspect "$pref" '{{.Id}}')" "the new tag names the same image"
must dk push "$pref"
grep -q 'Mounted from test/busybox' "$TMP/last.out" || fail "push to a sibling repository mounted nothing: $(cat "$TMP/last.out")"
pass "layers pulled from test/busybox are mounted, not sent again"
pushed=$(grep -o 'v2: digest: sha256:[0-9a-f]\{64\}' "$TMP/last.out" | awk '{print $3}')
[[ -n $pushed ]] || fail "docker push printed no digest"
assert_eq "$pushed" "$(sk_digest "$pref")" "skopeo sees the digest docker push printed"
assert_eq "$bb_config" "$(sk inspect --raw --tls-verify=false "docker://$pref" | jq -r .config.digest)" \
    "the pushed manifest's config is the image's"
inspect "$pref" '{{json .RepoDigests}}' | jq -e --arg d "$reg_addr/test/pushed@$pushed" 'index($d) != null' >/dev/null \
    || fail "RepoDigests lack $reg_addr/test/pushed@$pushed"
pass "RepoDigests has the pushed digest"
spref=$sec_addr/private/pushed:v1
must dk tag "$ref" "$spref"
must dk push "$spref"
spushed=$(grep -o 'v1: digest: sha256:[0-9a-f]\{64\}' "$TMP/last.out" | awk '{print $3}')
assert_eq "$spushed" "$(sk_digest "$spref" --creds "$CREDS")" "push with docker login: skopeo sees the digest"
must dk push "$spref"
grep -q 'Layer already exists' "$TMP/last.out" || fail "a second push sent layers again: $(cat "$TMP/last.out")"
pass "a second push finds every layer present"

log "docker logout"
must dk logout "$sec_addr"
jq -e --arg a "$sec_addr" '.auths[$a] == null' "$DOCKER_CONFIG/config.json" >/dev/null \
    || fail "credentials for $sec_addr still in config.json"
must_not dk pull "$sec_addr/private/pushed:v1"
pass "after docker logout the pull is refused again"

log "docker rmi"
must dk rmi "$pref"
grep -qxF "Untagged: $pref" "$TMP/last.out" || fail "rmi $pref: $(cat "$TMP/last.out")"
! grep -q '^Deleted:' "$TMP/last.out" || fail "rmi of one of several names deleted the image"
assert_eq "$id" "$(inspect "$id" '{{.Id}}')" "the image outlives one of its names"
inspect "$id" '{{json .RepoDigests}}' | jq -e --arg r "$reg_addr/test/pushed@" 'map(startswith($r)) | any | not' \
    >/dev/null || fail "the pushed repo's digest reference outlived its last tag"
pass "rmi of a name in use by other names only untags (and drops that repo's digests)"
must_not dk rmi "$id"
grep -q 'must be forced' "$TMP/last.out" || fail "rmi by ID of a multi-name image: $(cat "$TMP/last.out")"
pass "rmi by ID of an image with several names needs -f"
oref=$reg_addr/test/other:v1
must dk pull "$oref"
other_id=$(inspect "$oref" '{{.Id}}')
must dk rmi "$oref"
grep -qxF "Untagged: $oref" "$TMP/last.out" || fail "rmi $oref: $(cat "$TMP/last.out")"
grep -qxF "Deleted: $other_id" "$TMP/last.out" || fail "rmi $oref did not delete $other_id: $(cat "$TMP/last.out")"
must_not dk image inspect "$other_id"
pass "rmi of an image's last name deletes it"

log "an image pushed by buildah, pulled by the engine: shared layers stored once"
bh() { buildah --root "$TMP/buildah/root" --runroot "$SHORT_TMP/bh" --storage-driver vfs "$@"; }
must bh from --tls-verify=false --name work "docker://$ref"
printf 'written by buildah\n' > "$TMP/hello.txt"
must bh copy work "$TMP/hello.txt" /etc/hello.txt
must bh commit work localhost/built:v2
must bh push --tls-verify=false --digestfile "$TMP/bh-digest" localhost/built:v2 "docker://$reg_addr/buildah/busybox:v2"
bref=$reg_addr/buildah/busybox:v2
must dk pull "$bref"
assert_eq 2 "$(grep -c 'Already exists' "$TMP/last.out")" "the two busybox layers are not downloaded again"
inspect "$bref" '{{json .RepoDigests}}' | jq -e --arg d "$reg_addr/buildah/busybox@$(cat "$TMP/bh-digest")" 'index($d) != null' \
    >/dev/null || fail "RepoDigests lack buildah's digest $(cat "$TMP/bh-digest")"
pass "pulled with buildah's digest"
assert_eq 3 "$(inspect "$bref" '{{len .RootFS.Layers}}')" "buildah's image: busybox's layers and one more"
must dk rmi "$bref"
assert_eq "$id" "$(inspect "$ref" '{{.Id}}')" "removing the buildah image keeps busybox"
must dk save -o "$TMP/still.tar" "$ref"
pass "busybox's shared layers are still there after the other image went"

log "docker save / docker load"
must dk save -o "$TMP/save.tar" "$ref"
tar -tf "$TMP/save.tar" > "$TMP/save.list"
grep -qx manifest.json "$TMP/save.list" || fail "no manifest.json in docker save output"
save_manifest=$(tar -xOf "$TMP/save.tar" manifest.json)
assert_eq "[\"$ref\"]" "$(jq -c '.[0].RepoTags' <<<"$save_manifest")" "save: manifest.json RepoTags"
assert_eq 2 "$(jq '.[0].Layers | length' <<<"$save_manifest")" "save: manifest.json Layers"
[[ $(jq -r '.[0].Config' <<<"$save_manifest") == *"${bb_config#sha256:}"* ]] \
    || fail "save: Config $(jq -r '.[0].Config' <<<"$save_manifest") is not $bb_config"
# 20.10 writes the legacy layout; Docker 25+ makes it an OCI layout as well
if grep -qx index.json "$TMP/save.list"; then save_format="legacy + OCI layout"; else save_format=legacy; fi
pass "docker save: $save_format"
mapfile -t names < <(inspect "$id" '{{json .RepoTags}}' | jq -r '.[]')
must dk rmi "${names[@]}"
grep -qxF "Deleted: $id" "$TMP/last.out" || fail "rmi of every name did not delete $id: $(cat "$TMP/last.out")"
must_not dk image inspect "$id"
must dk load -i "$TMP/save.tar"
grep -qxF "Loaded image: $ref" "$TMP/last.out" || fail "load: $(cat "$TMP/last.out")"
assert_eq "$id" "$(inspect "$ref" '{{.Id}}')" "docker load brings the same Id back"
assert_eq "[\"$ref\"]" "$(inspect "$ref" '{{json .RepoTags}}')" "loaded RepoTags"
assert_eq "$bb_diff_ids" "$(inspect "$ref" '{{json .RootFS.Layers}}')" "loaded RootFS.Layers"
must bash -c 'set -o pipefail; "$1" save "$2" | "$1" load' _ "$DOCKER" "$ref"
grep -qxF "Loaded image: $ref" "$TMP/last.out" || fail "save | load: $(cat "$TMP/last.out")"
assert_eq "$id" "$(inspect "$ref" '{{.Id}}')" "docker save | docker load keeps the Id"

log "docker image prune"
must dk pull "$oref"
must dk tag "$ref" "$oref"   # the other image loses its only tag: dangling
assert_eq "$other_id" "$(dk images --filter dangling=true -q --no-trunc)" "--filter dangling=true"
must dk image prune -f
grep -qxF "deleted: $other_id" "$TMP/last.out" || fail "prune did not delete $other_id: $(cat "$TMP/last.out")"
must_not dk image inspect "$other_id"
assert_eq "" "$(dk images --filter dangling=true -q)" "nothing dangling after prune"
assert_eq "$id" "$(inspect "$ref" '{{.Id}}')" "prune keeps tagged images"

log "docker system df"
must dk system df --format '{{.Type}} {{.TotalCount}} {{.Active}}'
assert_eq "Images 1 0" "$(grep '^Images ' "$TMP/last.out")" "system df: Images total and active"

log "docker import"
mkdir -p "$TMP/rootfs/bin"
cp /bin/busybox "$TMP/rootfs/bin/busybox"
tar -C "$TMP/rootfs" -czf "$TMP/rootfs.tgz" .
must dk import -m "imported by the peer test" "$TMP/rootfs.tgz" local/imported:v1
imported_id=$(grep -o 'sha256:[0-9a-f]\{64\}' "$TMP/last.out" | tail -n1)
assert_eq "$imported_id" "$(inspect local/imported:v1 '{{.Id}}')" "docker import prints the new image's ID"
assert_eq 1 "$(inspect local/imported:v1 '{{len .RootFS.Layers}}')" "an imported image has one layer"
grep -q 'imported by the peer test' <<<"$(dk history --format '{{.Comment}}' local/imported:v1)" \
    || fail "history lacks the import message"
pass "history shows the import message"
must dk rmi local/imported:v1

log "docker events"
until=$(($(date +%s) + 1))
must timeout 30 "$DOCKER" events --since "$since" --until "$until" --filter type=image \
    --format '{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}}'
events=$(cat "$TMP/last.out")
assert_eq "" "$(grep -v '^image ' <<<"$events" || true)" "--filter type=image: only image events"
grep -q "^image pull $ref " <<<"$events" || fail "no pull event for $ref:"$'\n'"$events"
pass "event: pull $ref"
grep -q "^image tag $id $pref\$" <<<"$events" || fail "no tag event for $pref:"$'\n'"$events"
pass "event: tag $pref"
grep -q "^image untag $id " <<<"$events" || fail "no untag event for $id:"$'\n'"$events"
pass "event: untag"
grep -q "^image delete $other_id " <<<"$events" || fail "no delete event for $other_id:"$'\n'"$events"
pass "event: delete"
grep -q "^image push $pref " <<<"$events" || fail "no push event for $pref:"$'\n'"$events"
pass "event: push"
grep -q "^image save $id " <<<"$events" && grep -q "^image load $id " <<<"$events" \
    || fail "no save and load events for $id:"$'\n'"$events"
pass "events: save, load"
grep -q "^image import $imported_id " <<<"$events" || fail "no import event for $imported_id:"$'\n'"$events"
pass "event: import"

log "bad input"
must_not dk pull "$reg_addr/test/Not_Lower:v1"
grep -q 'invalid reference format' "$TMP/last.out" || fail "invalid reference: $(cat "$TMP/last.out")"
pass "pull of an invalid reference: invalid reference format"
# the CLI refuses that one itself: ask the engine too
status=$(curl -s -o "$TMP/body" -w '%{http_code}' --max-time 30 --unix-socket "$engine_sock" -X POST \
    "http://engine/v1.41/images/create?fromImage=$reg_addr/test/Not_Lower&tag=v1")
assert_eq 400 "$status" "POST /images/create with an invalid reference: status"
jq -r .message "$TMP/body" | grep -q 'invalid reference format' || fail "engine's message: $(cat "$TMP/body")"
pass "POST /images/create with an invalid reference: $(jq -r .message "$TMP/body")"
for r in "$reg_addr/test/busybox:no-such-tag" "$dist_addr/test/busybox:no-such-tag"; do
    must_not dk pull "$r"
    grep -Eqi 'not found|manifest unknown' "$TMP/last.out" || fail "unknown tag $r: $(cat "$TMP/last.out")"
    pass "pull of an unknown tag: $(tail -n1 "$TMP/last.out" | cut -c1-140)"
done
must_not dk rmi "$reg_addr/test/no-such-image:v1"
grep -q 'No such image' "$TMP/last.out" || fail "rmi unknown: $(cat "$TMP/last.out")"
pass "rmi of an unknown image: No such image"
must_not dk image inspect "$reg_addr/test/no-such-image:v1"
grep -q 'No such image' "$TMP/last.out" || fail "inspect unknown: $(cat "$TMP/last.out")"
pass "image inspect of an unknown image: No such image"

log "docker image prune --filter until"
must dk import "$TMP/rootfs.tgz" local/recent:v1
must dk image prune -a -f --filter until=1h
must dk image inspect local/recent:v1
must_not dk image inspect "$id"
pass "prune -a --filter until=1h removes the old images, keeps the one made now"
must_not dk image prune -a -f --filter until=soon
pass "a bad until is refused"
