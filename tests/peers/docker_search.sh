#!/usr/bin/env bash
# docker search through a Docker Engine chosen by ENGINE: dockerd (the
# reference, a private dockerd 20.10) or muelled, against muelle-registry,
# with the same expectations: results by name, the description from the
# image's org.opencontainers.image.description label, --limit, --filter,
# --no-trunc and --format, a term that matches nothing, and the refusals
# (a limit out of range, a bad filter, an unreachable registry) in
# dockerd's words.
# Env: ENGINE=dockerd|muelled (default dockerd), DOCKER, DOCKERD, MUELLED,
# and lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need jq curl
need_registry
start_engine_with_busybox
export DOCKER_BUILDKIT=0

dk() { timeout -s KILL 120 "$DOCKER" "$@"; }

log "images with descriptions, pushed through the engine"
for name in webserver webcache dbserver; do
    printf 'FROM busybox\nLABEL org.opencontainers.image.description="The %s of the search test"\n' "$name" |
        must dk build -q -t "$reg_addr/tools/$name:v1" -
    must dk push "$reg_addr/tools/$name:v1"
done

log "docker search"
must dk search --format '{{.Name}}|{{.Description}}|{{.StarCount}}|{{.IsOfficial}}' "$reg_addr/webserver"
assert_eq "tools/webserver|The webserver of the search test|0|" "$(cat "$TMP/last.out")" "one match, its description"
must dk search --format '{{.Name}}' "$reg_addr/web"
assert_eq "$(printf 'tools/webcache\ntools/webserver')" "$(sort "$TMP/last.out")" "a prefix matches several"
must dk search --format '{{.Name}}' --limit 1 "$reg_addr/web"
assert_eq 1 "$(wc -l <"$TMP/last.out")" "--limit 1"
must dk search --format '{{.Name}}' --limit 0 "$reg_addr/web"
assert_eq 2 "$(wc -l <"$TMP/last.out")" "--limit 0: the default"
must dk search "$reg_addr/dbserver"
grep -q '^NAME ' "$TMP/last.out" && grep -q 'tools/dbserver' "$TMP/last.out" || fail "the table: $(cat "$TMP/last.out")"
pass "the table"
must dk search --format '{{.Name}}' "$reg_addr/nothingmatchesthis"
assert_eq "" "$(cat "$TMP/last.out")" "a term that matches nothing"
must dk search --format '{{.Name}}' --filter stars=1 "$reg_addr/web"
assert_eq "" "$(cat "$TMP/last.out")" "--filter stars=1 (no stars here)"
must dk search --format '{{.Name}}' --filter is-official=false "$reg_addr/webserver"
assert_eq "tools/webserver" "$(cat "$TMP/last.out")" "--filter is-official=false"

log "refusals"
expect_error 'Limit 101 is outside the range of \[1, 100\]' dk search --limit 101 "$reg_addr/web"
pass "a limit out of range"
expect_error "Invalid filter 'is-official=\[maybe\]'" dk search --filter is-official=maybe "$reg_addr/web"
pass "a bad filter value"
expect_error "invalid filter 'color'" dk search --filter color=red "$reg_addr/web"
pass "an unknown filter"
port=$(free_port)
expect_error 'invalid registry endpoint' dk search "127.0.0.1:$port/web"
pass "an unreachable registry"
start_distribution dist
expect_error '404' dk search "$dist_addr/web"
pass "a registry without search (CNCF Distribution): its 404"
