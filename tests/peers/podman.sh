#!/usr/bin/env bash
# Interoperability with podman (push, pull, image inspect, login, manifest
# lists) against muelle-registry under three auth modes. podman cannot run
# containers here; it only moves images. Private storage: vfs driver under
# the test's temp dir.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need podman skopeo jq curl htpasswd python3
need_registry

log "building test images"
bb=$TMP/src-busybox multi=$TMP/src-multi
bash "$IMAGES_DIR/build-busybox.sh" "$bb" >/dev/null
bash "$IMAGES_DIR/build-multiarch.sh" "$multi" >/dev/null
bb_digest=$(layout_digest "$bb") multi_digest=$(layout_digest "$multi")
bb_config=$(jq -r .config.digest "$bb/blobs/sha256/${bb_digest#sha256:}")
arm64_digest=$(jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest' \
    "$multi/blobs/sha256/${multi_digest#sha256:}")

# pm STORE ARGS...: podman with a private vfs store named STORE.
pm() {
    local s=$TMP/podman-$1 r=$SHORT_TMP/$1; shift
    mkdir -p "$s/tmp" "$r"
    podman --root "$s/root" --runroot "$r" --storage-driver vfs --tmpdir "$s/tmp" \
        --cgroup-manager cgroupfs --events-backend none "$@"
}

suite() {
    local mode=$1 name="m_$1"
    start_muelle "$name" "$mode"
    local addr_var=${name}_addr url_var=${name}_url
    local M=${!addr_var} MURL=${!url_var} store=$mode
    local -a creds=() skcreds=()
    [[ $mode != anonymous ]] && creds=(--creds "$CREDS") skcreds=(--creds "$CREDS")

    log "[$mode] seeding with skopeo"
    seed "$M" "$mode" seed/busybox:v1 "$bb" --dest-tls-verify=false
    seed "$M" "$mode" seed/multi:v1 "$multi" --all --dest-tls-verify=false

    if [[ $mode != anonymous ]]; then
        log "[$mode] podman login / refusals"
        must_not pm "$store" pull --tls-verify=false "$M/seed/busybox:v1"
        must_not pm "$store" login --tls-verify=false -u "$USER_NAME" -p wrong-password "$M"
        pass "[$mode] pull without credentials and login with a wrong password refused"
        must pm "$store" login --tls-verify=false -u "$USER_NAME" -p "$USER_PASS" "$M"
        jq -e --arg a "$M" '.auths[$a]' "$REGISTRY_AUTH_FILE" >/dev/null || fail "login stored nothing"
        pass "[$mode] podman login"
    fi

    log "[$mode] podman pull"
    must pm "$store" pull --tls-verify=false "$M/seed/busybox:v1"
    must pm "$store" image inspect "$M/seed/busybox:v1"
    assert_eq "$bb_digest" "$(jq -r '.[0].Digest' "$TMP/last.out")" "[$mode] pulled image digest"
    assert_eq "${bb_config#sha256:}" "$(jq -r '.[0].Id' "$TMP/last.out")" "[$mode] image id is the config digest"
    assert_eq amd64 "$(jq -r '.[0].Architecture' "$TMP/last.out")" "[$mode] architecture"
    jq -e --arg d "$M/seed/busybox@$bb_digest" '.[0].RepoDigests | index($d)' "$TMP/last.out" >/dev/null \
        || fail "[$mode] RepoDigests lacks $M/seed/busybox@$bb_digest"
    pass "[$mode] RepoDigests"

    log "[$mode] podman push (blobs known to the registry: same digests)"
    must pm "$store" push --tls-verify=false --digestfile "$TMP/digest" "$M/seed/busybox:v1" "docker://$M/podman/busybox:v1"
    assert_eq "$bb_digest" "$(cat "$TMP/digest")" "[$mode] podman push --digestfile"
    curl_auth "$mode" "$MURL" podman/busybox pull
    assert_eq "$bb_digest" "$(remote_digest "$MURL" podman/busybox v1 "${CURL_AUTH[@]}")" "[$mode] registry has the pushed digest"
    local out=$TMP/out-$mode-podman
    must sk copy --src-tls-verify=false "${skcreds[@]/--creds/--src-creds}" "docker://$M/podman/busybox:v1" "oci:$out:v1"
    assert_same_layout "$bb" "$out" "[$mode] podman-pushed image pulled back with skopeo"

    log "[$mode] podman pull by digest after rmi"
    must pm "$store" rmi -a -f
    must pm "$store" pull --tls-verify=false "$M/podman/busybox@$bb_digest"
    must pm "$store" image inspect "$M/podman/busybox@$bb_digest"
    assert_eq "$bb_digest" "$(jq -r '.[0].Digest' "$TMP/last.out")" "[$mode] pulled by digest"

    log "[$mode] podman push of an image from an OCI layout (podman may recompress the layers)"
    # a relative path: podman names the image after it and wants lowercase
    (cd "$TMP" && must pm "$store-fresh" pull "oci:src-busybox:latest")
    must pm "$store-fresh" push --tls-verify=false "${creds[@]}" --digestfile "$TMP/digest" \
        "${bb_config#sha256:}" "docker://$M/podman/fresh:v1"
    local pushed
    pushed=$(cat "$TMP/digest")
    curl_auth "$mode" "$MURL" podman/fresh pull
    assert_eq "$pushed" "$(remote_digest "$MURL" podman/fresh v1 "${CURL_AUTH[@]}")" "[$mode] registry digest = podman's digestfile"
    must sk inspect --raw --tls-verify=false "${skcreds[@]}" "docker://$M/podman/fresh:v1"
    assert_eq "$bb_config" "$(jq -r .config.digest "$TMP/last.out")" "[$mode] config digest preserved"
    assert_eq "$pushed" "sha256:$(sha256sum < "$TMP/last.out" | cut -d' ' -f1)" "[$mode] manifest bytes hash to the digest"
    if [[ $pushed == "$bb_digest" ]]; then
        log "[$mode] (podman reused the compressed layers: same manifest digest as the layout)"
    fi

    log "[$mode] podman pull --platform linux/arm64 of the index"
    must pm "$store" pull --tls-verify=false --platform linux/arm64 "$M/seed/multi:v1"
    must pm "$store" image inspect "$M/seed/multi:v1"
    assert_eq arm64 "$(jq -r '.[0].Architecture' "$TMP/last.out")" "[$mode] arm64 instance"
    jq -e --arg d "$M/seed/multi@$arm64_digest" '.[0].RepoDigests | index($d)' "$TMP/last.out" >/dev/null \
        || fail "[$mode] RepoDigests lacks the arm64 manifest $arm64_digest: $(jq -c '.[0].RepoDigests' "$TMP/last.out")"
    pass "[$mode] arm64 manifest digest in RepoDigests"

    log "[$mode] podman manifest create/add/push --all"
    must pm "$store" manifest create "localhost/list-$mode:1"
    must pm "$store" manifest add --all --tls-verify=false "localhost/list-$mode:1" "docker://$M/seed/multi:v1"
    must pm "$store" manifest push --all --tls-verify=false --digestfile "$TMP/digest" \
        "localhost/list-$mode:1" "docker://$M/podman/multi:v1"
    pushed=$(cat "$TMP/digest")
    curl_auth "$mode" "$MURL" podman/multi pull
    assert_eq "$pushed" "$(remote_digest "$MURL" podman/multi v1 "${CURL_AUTH[@]}")" "[$mode] pushed list digest"
    must sk inspect --raw --tls-verify=false "${skcreds[@]}" "docker://$M/podman/multi:v1"
    assert_eq "$(jq -r '.manifests[].digest' "$multi/blobs/sha256/${multi_digest#sha256:}" | sort | tr '\n' ' ')" \
        "$(jq -r '.manifests[].digest' "$TMP/last.out" | sort | tr '\n' ' ')" "[$mode] list holds the same manifests"
    if [[ $pushed == "$multi_digest" ]]; then
        log "[$mode] (podman wrote the same index bytes as the layout)"
    fi

    if [[ $mode != anonymous ]]; then
        log "[$mode] podman logout, --creds"
        must pm "$store" logout "$M"
        must pm "$store" rmi -a -f
        must_not pm "$store" pull --tls-verify=false "$M/podman/busybox:v1"
        must pm "$store" pull --tls-verify=false --creds "$CREDS" "$M/podman/busybox:v1"
        pass "[$mode] logout then --creds"
    fi
}

for mode in ${PEERS_MODES-anonymous htpasswd token}; do suite "$mode"; done
