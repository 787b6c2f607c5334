#!/usr/bin/env bash
# Interoperability with skopeo (containers/image) and CNCF Distribution 2.8:
#   - OCI layout -> muelle-registry -> OCI layout: same manifest and blob digests;
#   - Distribution -> muelle-registry and back, single image and (--all) multi-arch index;
#   - each under three auth modes of muelle-registry: anonymous, htpasswd (Basic),
#     token (skopeo follows the Bearer challenge to the registry's /token);
#   - one run over TLS with a self-signed certificate (--dest-cert-dir).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need skopeo jq curl openssl htpasswd python3 docker-registry
need_registry

log "building test images"
bb=$TMP/src-busybox multi=$TMP/src-multi
bash "$IMAGES_DIR/build-busybox.sh" "$bb" latest >/dev/null
bash "$IMAGES_DIR/build-multiarch.sh" "$multi" latest >/dev/null
bb_digest=$(layout_digest "$bb") multi_digest=$(layout_digest "$multi")
log "busybox $bb_digest, multi-arch index $multi_digest"

NOTLS=(--src-tls-verify=false --dest-tls-verify=false)

start_distribution dist
log "seeding Distribution"
must sk copy --preserve-digests "${NOTLS[@]}" "oci:$bb:latest" "docker://$dist_addr/seed/busybox:v1"
must sk copy --preserve-digests --all "${NOTLS[@]}" "oci:$multi:latest" "docker://$dist_addr/seed/multi:v1"
assert_eq "$bb_digest" "$(remote_digest "$dist_url" seed/busybox v1)" "Distribution holds busybox"
assert_eq "$multi_digest" "$(remote_digest "$dist_url" seed/multi v1)" "Distribution holds the index"

# suite MODE [tls]
suite() {
    local mode=$1 tls=${2:-} name="m_${1}${2:+_$2}"
    start_muelle "$name" "$mode" "$tls"
    local addr_var=${name}_addr url_var=${name}_url certs_var=${name}_certs
    local M=${!addr_var} MURL=${!url_var} certs=${!certs_var}
    local tag="$mode${tls:+-tls}"
    local -a to from                       # skopeo options towards / from muelle
    if [[ $tls == tls ]]; then
        to=(--dest-cert-dir "$certs") from=(--src-cert-dir "$certs")
    else
        to=(--dest-tls-verify=false) from=(--src-tls-verify=false)
    fi
    local -a cto=() cfrom=() inspect=()
    if [[ $mode != anonymous ]]; then
        cto=(--dest-creds "$CREDS") cfrom=(--src-creds "$CREDS") inspect=(--creds "$CREDS")
    fi
    local -a cinsp=("${inspect[@]}")
    if [[ $tls == tls ]]; then cinsp+=(--cert-dir "$certs"); else cinsp+=(--tls-verify=false); fi

    log "[$tag] auth challenge"
    local hdrs
    hdrs=$(curl -ks --max-time 10 -o /dev/null -D - "$MURL/v2/" | tr -d '\r')
    case $mode in
        anonymous) assert_eq 200 "$(head -n1 <<<"$hdrs" | awk '{print $2}')" "[$tag] GET /v2/ is 200" ;;
        htpasswd)
            assert_eq 401 "$(head -n1 <<<"$hdrs" | awk '{print $2}')" "[$tag] GET /v2/ is 401"
            grep -qi '^www-authenticate: basic ' <<<"$hdrs" || fail "[$tag] no Basic challenge:"$'\n'"$hdrs"
            pass "[$tag] Basic challenge" ;;
        token)
            assert_eq 401 "$(head -n1 <<<"$hdrs" | awk '{print $2}')" "[$tag] GET /v2/ is 401"
            grep -qi "^www-authenticate: bearer realm=\"[^\"]*/token\"" <<<"$hdrs" \
                || fail "[$tag] no Bearer challenge to /token:"$'\n'"$hdrs"
            pass "[$tag] Bearer challenge to /token" ;;
    esac
    if [[ $mode != anonymous ]]; then
        log "[$tag] refused without / with wrong credentials"
        must_not sk copy "${to[@]}" --dest-no-creds "oci:$bb:latest" "docker://$M/denied/busybox:v1"
        must_not sk copy "${to[@]}" --dest-creds "$USER_NAME:wrong-password" \
            "oci:$bb:latest" "docker://$M/denied/busybox:v1"
        pass "[$tag] push refused without and with wrong credentials"
    fi

    log "[$tag] OCI layout -> muelle-registry -> OCI layout"
    must sk copy --preserve-digests "${to[@]}" "${cto[@]}" "oci:$bb:latest" "docker://$M/oci/busybox:v1"
    curl_auth "$mode" "$MURL" oci/busybox pull
    assert_eq "$bb_digest" "$(remote_digest "$MURL" oci/busybox v1 "${CURL_AUTH[@]}")" \
        "[$tag] HEAD manifest by tag gives the source digest"
    assert_eq "$bb_digest" "$(remote_digest "$MURL" oci/busybox "$bb_digest" "${CURL_AUTH[@]}")" \
        "[$tag] HEAD manifest by digest"
    assert_eq "$bb_digest" "sha256:$(sk inspect --raw "${cinsp[@]}" "docker://$M/oci/busybox:v1" | sha256sum | cut -d' ' -f1)" \
        "[$tag] skopeo inspect --raw bytes hash to the source digest"
    local out=$TMP/out-$tag-busybox
    must sk copy --preserve-digests "${from[@]}" "${cfrom[@]}" "docker://$M/oci/busybox:v1" "oci:$out:v1"
    assert_same_layout "$bb" "$out" "[$tag] busybox round trip"
    out=$TMP/out-$tag-busybox-bydigest
    must sk copy --preserve-digests "${from[@]}" "${cfrom[@]}" "docker://$M/oci/busybox@$bb_digest" "oci:$out:v1"
    assert_same_layout "$bb" "$out" "[$tag] busybox pulled by digest"
    must sk list-tags "${cinsp[@]}" "docker://$M/oci/busybox"
    jq -e '.Tags | index("v1")' "$TMP/last.out" >/dev/null || fail "[$tag] list-tags lacks v1"
    pass "[$tag] skopeo list-tags"

    log "[$tag] multi-arch index with --all"
    must sk copy --all --preserve-digests "${to[@]}" "${cto[@]}" "oci:$multi:latest" "docker://$M/oci/multi:v1"
    curl_auth "$mode" "$MURL" oci/multi pull
    assert_eq "$multi_digest" "$(remote_digest "$MURL" oci/multi v1 "${CURL_AUTH[@]}")" "[$tag] index digest"
    local child
    for child in $(jq -r '.manifests[].digest' "$multi/blobs/sha256/${multi_digest#sha256:}"); do
        assert_eq "$child" "$(remote_digest "$MURL" oci/multi "$child" "${CURL_AUTH[@]}")" "[$tag] child manifest $child"
    done
    out=$TMP/out-$tag-multi
    must sk copy --all --preserve-digests "${from[@]}" "${cfrom[@]}" "docker://$M/oci/multi:v1" "oci:$out:v1"
    assert_same_layout "$multi" "$out" "[$tag] multi-arch round trip"
    must sk inspect "${cinsp[@]}" --override-arch arm64 "docker://$M/oci/multi:v1"
    assert_eq arm64 "$(jq -r .Architecture "$TMP/last.out")" "[$tag] arm64 instance resolves through the index"

    [[ $tls == tls ]] && return 0   # Distribution runs over plain http only

    log "[$tag] Distribution -> muelle-registry"
    must sk copy --preserve-digests --src-tls-verify=false "${to[@]}" "${cto[@]}" \
        "docker://$dist_addr/seed/busybox:v1" "docker://$M/from-dist/busybox:v1"
    must sk copy --all --preserve-digests --src-tls-verify=false "${to[@]}" "${cto[@]}" \
        "docker://$dist_addr/seed/multi:v1" "docker://$M/from-dist/multi:v1"
    curl_auth "$mode" "$MURL" from-dist/busybox pull
    assert_eq "$bb_digest" "$(remote_digest "$MURL" from-dist/busybox v1 "${CURL_AUTH[@]}")" "[$tag] Distribution -> muelle: busybox"
    curl_auth "$mode" "$MURL" from-dist/multi pull
    assert_eq "$multi_digest" "$(remote_digest "$MURL" from-dist/multi v1 "${CURL_AUTH[@]}")" "[$tag] Distribution -> muelle: index"

    log "[$tag] muelle-registry -> Distribution"
    must sk copy --preserve-digests "${from[@]}" "${cfrom[@]}" --dest-tls-verify=false \
        "docker://$M/from-dist/busybox:v1" "docker://$dist_addr/from-muelle-$tag/busybox:v1"
    must sk copy --all --preserve-digests "${from[@]}" "${cfrom[@]}" --dest-tls-verify=false \
        "docker://$M/oci/multi:v1" "docker://$dist_addr/from-muelle-$tag/multi:v1"
    assert_eq "$bb_digest" "$(remote_digest "$dist_url" "from-muelle-$tag/busybox" v1)" "[$tag] muelle -> Distribution: busybox"
    assert_eq "$multi_digest" "$(remote_digest "$dist_url" "from-muelle-$tag/multi" v1)" "[$tag] muelle -> Distribution: index"
    out=$TMP/out-$tag-dist-multi
    must sk copy --all --preserve-digests --src-tls-verify=false \
        "docker://$dist_addr/from-muelle-$tag/multi:v1" "oci:$out:v1"
    assert_same_layout "$multi" "$out" "[$tag] OCI -> muelle -> Distribution -> OCI"

    log "[$tag] muelle-registry -> muelle-registry (another repository, blobs mounted or re-sent)"
    must sk copy --all --preserve-digests "${from[@]}" "${cfrom[@]}" "${to[@]}" "${cto[@]}" \
        "docker://$M/oci/multi:v1" "docker://$M/copy/multi:v2"
    curl_auth "$mode" "$MURL" copy/multi pull
    assert_eq "$multi_digest" "$(remote_digest "$MURL" copy/multi v2 "${CURL_AUTH[@]}")" "[$tag] muelle -> muelle: index"

    log "[$tag] skopeo delete"
    must sk copy --preserve-digests "${to[@]}" "${cto[@]}" "oci:$bb:latest" "docker://$M/del/busybox:v1"
    must sk delete "${cinsp[@]}" "docker://$M/del/busybox:v1"
    must_not sk inspect --raw "${cinsp[@]}" "docker://$M/del/busybox:v1"
    pass "[$tag] deleted manifest is gone"
}

# PEERS_MODES narrows the auth modes when debugging (default: all three, then TLS).
for mode in ${PEERS_MODES-anonymous htpasswd token}; do suite "$mode"; done
suite anonymous tls

log "negative TLS check: an unknown CA is refused"
must_not sk copy "oci:$bb:latest" "docker://$m_anonymous_tls_addr/tls/should-fail:v1"
grep -qiE 'certificate|x509|unknown authority' "$TMP/last.out" || fail "unexpected error: $(cat "$TMP/last.out")"
pass "skopeo refuses the self-signed certificate without --dest-cert-dir"
