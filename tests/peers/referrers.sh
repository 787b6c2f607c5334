#!/usr/bin/env bash
# The OCI 1.1 referrers API of muelle-registry, under three auth modes.
# An image is pushed with skopeo; artifacts whose subject is that image are
# pushed with skopeo (an SBOM, by tag: skopeo 1.9 copies the manifest bytes
# unchanged) and with curl (a signature, by digest: monolithic blob uploads +
# manifest PUT). Then GET /v2/<name>/referrers/<digest> (curl + jq) must list
# them as the spec says, with and without ?artifactType=. No peer tool here
# speaks the referrers API (oras is not packaged in Debian 12), so the
# listing is read with curl.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need skopeo jq curl htpasswd python3
need_registry

SBOM_TYPE=application/vnd.muelle.test.sbom+json
SIG_TYPE=application/vnd.muelle.test.signature
CONFIG_TYPE=application/vnd.muelle.test.config+json

log "building test images"
bb=$TMP/src-busybox multi=$TMP/src-multi sbom=$TMP/src-sbom sig=$TMP/src-sig
bash "$IMAGES_DIR/build-busybox.sh" "$bb" >/dev/null
bash "$IMAGES_DIR/build-multiarch.sh" "$multi" >/dev/null
bash "$IMAGES_DIR/build-artifact.sh" "$sbom" "$bb" >/dev/null
ARTIFACT_TYPE=$SIG_TYPE bash "$IMAGES_DIR/build-artifact.sh" "$sig" "$bb" >/dev/null
bb_digest=$(layout_digest "$bb")
sbom_digest=$(layout_digest "$sbom") sig_digest=$(layout_digest "$sig")
sbom_file=$sbom/blobs/sha256/${sbom_digest#sha256:} sig_file=$sig/blobs/sha256/${sig_digest#sha256:}
assert_eq "$SBOM_TYPE" "$(jq -r .artifactType "$sbom_file")" "built SBOM artifact type"

# A third referrer without artifactType: the listing must report its config's
# media type instead. Its subject is the arm64 manifest of the multi-arch
# image, which is never pushed: a registry must accept a subject it lacks.
arm64=$(jq -r '.manifests[] | select(.platform.architecture == "arm64")' \
    "$multi/blobs/sha256/$(layout_digest "$multi" | cut -d: -f2)")
arm64_digest=$(jq -r .digest <<<"$arm64")
noat_file=$TMP/noat.json
jq -c --arg ct "$CONFIG_TYPE" --argjson subject "$(jq -c '{mediaType, digest, size}' <<<"$arm64")" '
    del(.artifactType) | .config.mediaType = $ct | .subject = $subject
    | .annotations["org.opencontainers.image.description"] = "no artifactType"' "$sig_file" \
    | tr -d '\n' > "$noat_file"
noat_digest="sha256:$(sha256sum "$noat_file" | cut -d' ' -f1)"
noat_size=$(stat -c %s "$noat_file")

# referrers URL REPO DIGEST [QUERY]: GET the listing into $TMP/ref.json,
# headers into $TMP/ref.headers; checks status and content type.
referrers() {
    local url=$1 repo=$2 digest=$3 query=${4:-} code
    code=$(curl -ks --max-time 30 "${CURL_AUTH[@]}" -D "$TMP/ref.headers" -o "$TMP/ref.json" \
        -w '%{http_code}' "$url/v2/$repo/referrers/$digest$query")
    [[ $code == 200 ]] || fail "GET referrers/$digest$query: status $code: $(cat "$TMP/ref.json")"
    grep -qi '^content-type: application/vnd.oci.image.index.v1+json' "$TMP/ref.headers" \
        || fail "GET referrers/$digest$query: content type: $(grep -i '^content-type' "$TMP/ref.headers")"
    jq -e '.schemaVersion == 2 and .mediaType == "application/vnd.oci.image.index.v1+json"
           and (.manifests | type == "array")' "$TMP/ref.json" >/dev/null \
        || fail "GET referrers/$digest$query: not an image index: $(cat "$TMP/ref.json")"
}

listed() { jq -r '[.manifests[].digest] | sort | join(" ")' "$TMP/ref.json"; }

# check_descriptor DIGEST FILE ARTIFACT_TYPE: the listing's descriptor for DIGEST.
check_descriptor() {
    local digest=$1 file=$2 at=$3 d
    d=$(jq -c --arg d "$digest" '.manifests[] | select(.digest == $d)' "$TMP/ref.json")
    [[ -n $d ]] || fail "$digest not listed: $(cat "$TMP/ref.json")"
    assert_eq application/vnd.oci.image.manifest.v1+json "$(jq -r .mediaType <<<"$d")" "descriptor mediaType of $digest"
    assert_eq "$(stat -c %s "$file")" "$(jq -r .size <<<"$d")" "descriptor size of $digest"
    assert_eq "$at" "$(jq -r .artifactType <<<"$d")" "descriptor artifactType of $digest"
    assert_eq "$(jq -cS .annotations "$file")" "$(jq -cS .annotations <<<"$d")" "descriptor annotations of $digest"
}

suite() {
    local mode=$1 name="m_$1" repo=ref/busybox
    start_muelle "$name" "$mode"
    local addr_var=${name}_addr url_var=${name}_url
    local M=${!addr_var} MURL=${!url_var}
    local -a cto=() cfrom=()
    [[ $mode != anonymous ]] && cto=(--dest-creds "$CREDS") cfrom=(--src-creds "$CREDS")

    log "[$mode] image and SBOM pushed with skopeo"
    seed "$M" "$mode" "$repo:v1" "$bb" --dest-tls-verify=false
    must sk copy --preserve-digests --dest-tls-verify=false "${cto[@]}" "oci:$sbom:sbom" "docker://$M/$repo:sbom"
    curl_auth "$mode" "$MURL" "$repo" pull,push
    assert_eq "$sbom_digest" "$(remote_digest "$MURL" "$repo" sbom "${CURL_AUTH[@]}")" "[$mode] SBOM digest kept by skopeo"

    if [[ $mode != anonymous ]]; then
        local code hdr
        code=$(curl -ks --max-time 10 -o /dev/null -D "$TMP/h" -w '%{http_code}' "$MURL/v2/$repo/referrers/$bb_digest")
        assert_eq 401 "$code" "[$mode] referrers without credentials is 401"
        if [[ $mode == token ]]; then
            hdr=$(tr -d '\r' < "$TMP/h" | grep -i '^www-authenticate:' || true)
            grep -q "scope=\"repository:$repo:pull\"" <<<"$hdr" || fail "[$mode] challenge lacks the pull scope: $hdr"
            pass "[$mode] challenge names repository:$repo:pull"
        fi
    fi

    log "[$mode] signature pushed with curl (by digest, no tag)"
    push_layout "$MURL" "$repo" "$sig" "" "${CURL_AUTH[@]}"
    local subject_hdr
    subject_hdr=$(tr -d '\r' < "$TMP/manifest.headers" | awk -F': ' 'tolower($1) == "oci-subject" {print $2}')
    assert_eq "$bb_digest" "$subject_hdr" "[$mode] PUT of a manifest with a subject answers OCI-Subject"
    assert_eq "$sig_digest" "$(tr -d '\r' < "$TMP/manifest.headers" | awk -F': ' 'tolower($1) == "docker-content-digest" {print $2}')" \
        "[$mode] PUT answers Docker-Content-Digest"

    log "[$mode] referrer whose subject is absent"
    local empty_file=$TMP/empty.json
    printf '{}' > "$empty_file"
    push_blob "$MURL" "$repo" "$empty_file" "${CURL_AUTH[@]}" >/dev/null
    push_blob "$MURL" "$repo" "$sig/blobs/sha256/$(jq -r '.layers[0].digest | .[7:]' "$sig_file")" "${CURL_AUTH[@]}" >/dev/null
    push_manifest "$MURL" "$repo" "$noat_digest" "$noat_file" application/vnd.oci.image.manifest.v1+json "${CURL_AUTH[@]}"
    pass "[$mode] manifest with an absent subject accepted"

    log "[$mode] GET referrers"
    curl_auth "$mode" "$MURL" "$repo" pull
    referrers "$MURL" "$repo" "$bb_digest"
    assert_eq "$(printf '%s\n' "$sbom_digest" "$sig_digest" | sort | tr '\n' ' ' | sed 's/ $//')" "$(listed)" \
        "[$mode] both artifacts listed"
    check_descriptor "$sbom_digest" "$sbom_file" "$SBOM_TYPE"
    check_descriptor "$sig_digest" "$sig_file" "$SIG_TYPE"
    if grep -qi '^oci-filters-applied:' "$TMP/ref.headers"; then fail "[$mode] OCI-Filters-Applied on an unfiltered listing"; fi

    log "[$mode] ?artifactType= filter"
    referrers "$MURL" "$repo" "$bb_digest" "?artifactType=$(jq -rn --arg t "$SBOM_TYPE" '$t|@uri')"
    assert_eq "$sbom_digest" "$(listed)" "[$mode] filter on the SBOM type"
    grep -qi '^oci-filters-applied: *artifactType' "$TMP/ref.headers" || fail "[$mode] no OCI-Filters-Applied: artifactType"
    pass "[$mode] OCI-Filters-Applied: artifactType"
    referrers "$MURL" "$repo" "$bb_digest" "?artifactType=$(jq -rn --arg t "$SIG_TYPE" '$t|@uri')"
    assert_eq "$sig_digest" "$(listed)" "[$mode] filter on the signature type"
    referrers "$MURL" "$repo" "$bb_digest" "?artifactType=application%2Fvnd.muelle.none"
    assert_eq "" "$(listed)" "[$mode] filter matching nothing gives an empty list"

    log "[$mode] artifactType falls back to the config media type"
    referrers "$MURL" "$repo" "$arm64_digest"
    assert_eq "$noat_digest" "$(listed)" "[$mode] referrer of an absent subject listed"
    check_descriptor "$noat_digest" "$noat_file" "$CONFIG_TYPE"

    log "[$mode] unknown subject: 200 and an empty list"
    referrers "$MURL" "$repo" "sha256:$(printf 'nothing' | sha256sum | cut -d' ' -f1)"
    assert_eq "" "$(listed)" "[$mode] no referrers"

    log "[$mode] the artifacts can be pulled like images"
    must sk copy --preserve-digests --src-tls-verify=false "${cfrom[@]}" "docker://$M/$repo@$sig_digest" "oci:$TMP/out-$mode-sig:sig"
    assert_same_layout "$sig" "$TMP/out-$mode-sig" "[$mode] signature pulled back with skopeo"

    log "[$mode] deleting a referrer removes it from the listing"
    curl_auth "$mode" "$MURL" "$repo" pull,delete
    local code
    code=$(curl -ks --max-time 30 "${CURL_AUTH[@]}" -X DELETE -o /dev/null -w '%{http_code}' "$MURL/v2/$repo/manifests/$sig_digest")
    assert_eq 202 "$code" "[$mode] DELETE the signature manifest"
    referrers "$MURL" "$repo" "$bb_digest"
    assert_eq "$sbom_digest" "$(listed)" "[$mode] only the SBOM left"
}

for mode in ${PEERS_MODES-anonymous htpasswd token}; do suite "$mode"; done
