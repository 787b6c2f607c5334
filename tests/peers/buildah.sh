#!/usr/bin/env bash
# Interoperability with buildah against muelle-registry under three auth
# modes: from (pull), copy + config + commit (a new layer and config),
# push (with --digestfile), pull into a fresh store, login/logout.
# buildah cannot run containers here (no `buildah run`); everything else works
# with the vfs driver in a private store under the test's temp dir.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need buildah skopeo jq curl htpasswd python3
need_registry

log "building test images"
bb=$TMP/src-busybox
bash "$IMAGES_DIR/build-busybox.sh" "$bb" >/dev/null
bb_digest=$(layout_digest "$bb")
bb_manifest=$bb/blobs/sha256/${bb_digest#sha256:}

# bh STORE ARGS...: buildah with a private vfs store named STORE.
bh() {
    local s=$TMP/buildah-$1 r=$SHORT_TMP/b-$1; shift
    mkdir -p "$s" "$r"
    buildah --root "$s/root" --runroot "$r" --storage-driver vfs "$@"
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

    if [[ $mode != anonymous ]]; then
        must_not bh "$store" from --tls-verify=false "docker://$M/seed/busybox:v1"
        pass "[$mode] buildah from without credentials refused"
        must bh "$store" login --tls-verify=false -u "$USER_NAME" -p "$USER_PASS" "$M"
        pass "[$mode] buildah login"
    fi

    log "[$mode] buildah from, copy, config, commit, push"
    must bh "$store" from --tls-verify=false --name "work-$mode" "docker://$M/seed/busybox:v1"
    printf 'written by buildah in the muelle peers test\n' > "$TMP/hello.txt"
    must bh "$store" copy "work-$mode" "$TMP/hello.txt" /etc/hello.txt
    must bh "$store" config --label org.muelle.test=buildah --cmd '["sh","-c","cat /etc/hello.txt"]' "work-$mode"
    must bh "$store" commit "work-$mode" "localhost/built-$mode:v2"
    must bh "$store" push --tls-verify=false --digestfile "$TMP/digest" "localhost/built-$mode:v2" \
        "docker://$M/buildah/busybox:v2"
    local pushed
    pushed=$(cat "$TMP/digest")
    curl_auth "$mode" "$MURL" buildah/busybox pull
    assert_eq "$pushed" "$(remote_digest "$MURL" buildah/busybox v2 "${CURL_AUTH[@]}")" "[$mode] registry digest = buildah's digestfile"
    must sk inspect --raw --tls-verify=false "${skcreds[@]}" "docker://$M/buildah/busybox:v2"
    cp "$TMP/last.out" "$TMP/built.json"
    assert_eq "$pushed" "sha256:$(sha256sum < "$TMP/built.json" | cut -d' ' -f1)" "[$mode] manifest bytes hash to the digest"
    assert_eq 3 "$(jq '.layers | length' "$TMP/built.json")" "[$mode] base layers + one new layer"
    assert_eq "$(jq -c '[.layers[].digest]' "$bb_manifest")" "$(jq -c '[.layers[:2][].digest]' "$TMP/built.json")" \
        "[$mode] base layers kept their digests"
    must sk inspect --config --tls-verify=false "${skcreds[@]}" "docker://$M/buildah/busybox:v2"
    assert_eq buildah "$(jq -r '.config.Labels["org.muelle.test"]' "$TMP/last.out")" "[$mode] config label"
    local out=$TMP/out-$mode-buildah
    must sk copy --preserve-digests --src-tls-verify=false "${skcreds[@]/--creds/--src-creds}" \
        "docker://$M/buildah/busybox:v2" "oci:$out:v2"
    assert_eq "$pushed" "$(layout_digest "$out")" "[$mode] skopeo pulls the buildah image back"
    local newlayer
    newlayer=$(jq -r '.layers[2].digest' "$TMP/built.json")
    tar -xzOf "$out/blobs/sha256/${newlayer#sha256:}" etc/hello.txt | cmp -s - "$TMP/hello.txt" \
        || fail "[$mode] the new layer does not hold /etc/hello.txt"
    pass "[$mode] the new layer holds the copied file"

    log "[$mode] buildah push of the unchanged base image (same digest)"
    must bh "$store" push --tls-verify=false --digestfile "$TMP/digest" "$M/seed/busybox:v1" "docker://$M/buildah/seed:v1"
    assert_eq "$bb_digest" "$(cat "$TMP/digest")" "[$mode] digestfile"
    curl_auth "$mode" "$MURL" buildah/seed pull
    assert_eq "$bb_digest" "$(remote_digest "$MURL" buildah/seed v1 "${CURL_AUTH[@]}")" "[$mode] registry digest"

    log "[$mode] buildah pull into a fresh store"
    must bh "$store-fresh" pull --tls-verify=false "${creds[@]}" "docker://$M/buildah/busybox:v2"
    must bh "$store-fresh" inspect --type image "$M/buildah/busybox:v2"
    assert_eq "$pushed" "$(jq -r .FromImageDigest "$TMP/last.out")" "[$mode] buildah inspect digest"
    assert_eq buildah "$(jq -r '.OCIv1.config.Labels["org.muelle.test"]' "$TMP/last.out")" "[$mode] label after pull"

    if [[ $mode != anonymous ]]; then
        must bh "$store" logout "$M"
        must_not bh "$store" pull --tls-verify=false "docker://$M/buildah/busybox:v2"
        pass "[$mode] logged out: pull refused"
    fi
}

for mode in ${PEERS_MODES-anonymous htpasswd token}; do suite "$mode"; done
