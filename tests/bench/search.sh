#!/usr/bin/env bash
# tests/bench/search.sh — muelle-registry's search and _catalog paging with
# REPOS repositories of TAGS tags each (10,000 and 10: 100,000 tags), seeded
# through the API; the _catalog walk beside CNCF Distribution's (Debian's
# docker-registry, which has no search) with the same repositories. Latency
# over one keep-alive connection on 127.0.0.1: p50/p99 of REQUESTS searches
# for each endpoint, and of every _catalog page (n=PAGE). Not part of CI;
# asserts nothing.
# Env: MUELLE_REGISTRY (default build/bin/muelle-registry), REPOS=10000,
# TAGS=10, REQUESTS=500, PAGE=100, KEEP_TMP=1.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
: "${MUELLE_REGISTRY:=$source_dir/build/bin/muelle-registry}"
: "${REPOS:=10000}" "${TAGS:=10}" "${REQUESTS:=500}" "${PAGE:=100}"
for tool in docker-registry curl jq python3; do
    command -v "$tool" >/dev/null || { echo "search.sh: needs $tool" >&2; exit 2; }
done
[[ -x $MUELLE_REGISTRY ]] || { echo "search.sh: no muelle-registry at $MUELLE_REGISTRY" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/muelle-bench.XXXXXX")
PIDS=()
cleanup() {
    local rc=$? pid
    for pid in "${PIDS[@]}"; do stop "$pid"; done
    if [[ ${KEEP_TMP:-0} == 1 ]]; then echo "temp dir kept: $TMP" >&2; else rm -rf "$TMP"; fi
    exit "$rc"
}
trap cleanup EXIT
say() { printf '.. %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
source "$here/registries.sh"
bench() { python3 "$here/search_bench.py" "$@"; }

say "muelle-registry: seeding $REPOS repositories x $TAGS tags"
start_muelle "$TMP/muelle"; muelle=$SRV_ADDR muelle_pid=$SRV_PID
t0=$(date +%s.%N); bench seed "$muelle" "$REPOS" "$TAGS"; t1=$(date +%s.%N)
seed_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", b - a}')
say "muelle-registry: searching"
search=$(bench measure "$muelle" "$REQUESTS")
muelle_catalog=$(bench catalog "$muelle" "$PAGE")
rss=$(awk '/VmHWM/ {print $2}' "/proc/$muelle_pid/status")
say "Distribution: seeding $REPOS repositories x 1 tag"
start_distribution "$TMP/distribution"; distribution=$SRV_ADDR
bench seed "$distribution" "$REPOS" 1
distribution_catalog=$(bench catalog "$distribution" "$PAGE")

printf '\n%s repositories, %s tags (seeded in %s s through the API)\n' "$REPOS" "$((REPOS * TAGS))" "$seed_s"
printf '%-34s %10s %10s\n' "muelle-registry search" "p50 ms" "p99 ms"
for endpoint in /v1/search /v2/_muelle/search; do
    printf '%-34s %10.2f %10.2f\n' "GET $endpoint" "$(jq ".\"$endpoint\".p50_ms" <<<"$search")" \
        "$(jq ".\"$endpoint\".p99_ms" <<<"$search")"
done
printf '\n%-34s %10s %10s %10s %10s\n' "_catalog walk, n=$PAGE" "pages" "walk s" "p50 ms" "p99 ms"
for who in muelle distribution; do
    var=${who}_catalog
    printf '%-34s %10s %10.2f %10.2f %10.2f\n' "$who" "$(jq .pages <<<"${!var}")" "$(jq .walk_s <<<"${!var}")" \
        "$(jq .page_p50_ms <<<"${!var}")" "$(jq .page_p99_ms <<<"${!var}")"
done
printf '\nmuelle-registry peak RSS: %d MiB\n' "$((rss / 1024))"
