#!/usr/bin/env bash
# The registries the desktop's registry tests browse, beside the engine
# with_engine.sh started (whose anonymous muelle-registry, `reg`, holds
# test/busybox:v1): a second muelle-registry under htpasswd (`auth`) with
#   team/app:v1     the busybox image, with an SBOM and a signature referring to it
#   team/app:v2     built by the engine on busybox (one more layer, labelled)
#   team/app:multi  a two-platform index (linux/amd64 and linux/arm64)
# and test/app-anon:v1 on `reg`, so a search for "app" answers from both.
# Then runs the test program under e2e.sh (Xvfb, dunst, trayer) with
# MUELLE_TEST_AUTH_REGISTRY (host:port), MUELLE_TEST_AUTH_USER and
# MUELLE_TEST_AUTH_PASSWORD set.
# Usage: with_engine.sh registries.sh TST_PROGRAM
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
need skopeo jq curl
reg_addr=$MUELLE_TEST_REGISTRY
bb=$TMP/busybox
bash "$IMAGES_DIR/build-busybox.sh" "$bb" latest >/dev/null
start_muelle auth htpasswd
seed "$auth_addr" htpasswd team/app:v1 "$bb" --dest-tls-verify=false
bash "$IMAGES_DIR/build-multiarch.sh" "$TMP/multi" latest >/dev/null
seed "$auth_addr" htpasswd team/app:multi "$TMP/multi" --all --dest-tls-verify=false
bash "$IMAGES_DIR/build-artifact.sh" "$TMP/sbom" "$bb" >/dev/null
ARTIFACT_TYPE=application/vnd.dev.cosign.artifact.sig.v1+json \
    bash "$IMAGES_DIR/build-artifact.sh" "$TMP/signature" "$bb" signature >/dev/null
push_layout "$auth_url" team/app "$TMP/sbom" "" -u "$CREDS" >/dev/null
push_layout "$auth_url" team/app "$TMP/signature" "" -u "$CREDS" >/dev/null
seed "$reg_addr" anonymous test/app-anon:v1 "$bb" --dest-tls-verify=false

# v2: one layer more than busybox, built by the engine and copied over.
mkdir -p "$TMP/v2"
printf 'FROM busybox\nRUN echo v2 > /version\nLABEL org.opencontainers.image.description="The team app, second cut"\n' \
    > "$TMP/v2/Dockerfile"
timeout -s KILL 120 "$DOCKER" build -q -t "$reg_addr/team/app:v2" "$TMP/v2" >/dev/null
timeout -s KILL 60 "$DOCKER" push "$reg_addr/team/app:v2" >/dev/null
must sk copy --src-tls-verify=false --dest-tls-verify=false --dest-creds "$CREDS" \
    "docker://$reg_addr/team/app:v2" "docker://$auth_addr/team/app:v2"
timeout -s KILL 60 "$DOCKER" rmi "$reg_addr/team/app:v2" >/dev/null

export MUELLE_TEST_AUTH_REGISTRY=$auth_addr MUELLE_TEST_AUTH_USER=$USER_NAME MUELLE_TEST_AUTH_PASSWORD=$USER_PASS
rc=0
bash "$(dirname "${BASH_SOURCE[0]}")/e2e.sh" "$@" || rc=$?
exit $rc
