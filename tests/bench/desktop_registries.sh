#!/usr/bin/env bash
# The desktop's registry browser with a large registry: muelle-registry
# seeded with REPOS repositories of TAGS tags (search_bench.py's seed), a
# real muelled on a private bus, and bench_desktop_registries driving the
# app's window under Xvfb (see its header for what it measures). Beside it,
# the same first page and whole catalog read straight from the registry
# over HTTP: the floor no client can beat. One run; not part of CI.
# Env: REPOS (10000), TAGS (10), ROUNDS (5), TOURS (20), lib.sh's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../peers/lib.sh"
: "${REPOS:=10000}" "${TAGS:=10}"
BENCH=${BENCH_DESKTOP_REGISTRIES:-$MUELLE_SOURCE/build/tests/bench_desktop_registries}
[[ -x $BENCH ]] || fail "no $BENCH (build first)"
ENGINE=muelled
choose_engine
need xvfb-run jq /usr/bin/python3
start_muelle big anonymous
log "seeding $REPOS repositories x $TAGS tags"
python3 "$here/search_bench.py" seed "$big_addr" "$REPOS" "$TAGS"
start_private_bus
MUELLED_ARGS="--dbus-address $bus" start_engine

# The floor: the same pages read straight from the registry over one
# keep-alive connection (search_bench.py catalog): a page of 100 (the median
# of the 100 such pages), and the whole catalog in pages of 1,000 (median of 5 walks).
first=$(python3 "$here/search_bench.py" catalog "$big_addr" 100 | jq '.page_p50_ms')
whole=$(for _ in 1 2 3 4 5; do python3 "$here/search_bench.py" catalog "$big_addr" 1000 | jq '.walk_s * 1000'; done \
    | sort -n | sed -n 3p)

log "the app"
out=$(MUELLE_TEST_BUS=$bus BENCH_REGISTRY=$big_addr QT_QPA_PLATFORM=xcb timeout -s KILL 600 \
    xvfb-run -a -s "-screen 0 1280x800x24" "$BENCH" 2>"$TMP/bench.err") || fail "the bench failed: $(tail -20 "$TMP/bench.err")"
json=$(tail -1 <<<"$out")
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
j() { jq -r "$1" <<<"$json"; }
printf '\n| %s repositories (%s tags) | app, ms (median of %s) | HTTP straight, ms | app / HTTP |\n|---|---|---|---|\n' \
    "$(j .repositories)" "$((REPOS * TAGS))" "$(j '.first_page_ms | length')"
printf '| first page shown (n=100) | %.0f | %.1f | %.1f |\n' "$(j .first_page_median_ms)" "$first" \
    "$(awk -v a="$(j .first_page_median_ms)" -v b="$first" 'BEGIN { printf "%.1f", a / b }')"
printf '| whole catalog listed | %.0f | %.0f | %.1f |\n' "$(j .whole_catalog_median_ms)" "$whole" \
    "$(awk -v a="$(j .whole_catalog_median_ms)" -v b="$whole" 'BEGIN { printf "%.1f", a / b }')"
printf '\n| browsing | time, ms | RSS after, MiB |\n|---|---|---|\n'
printf '| app with the Registries page, before browsing | | %s |\n' "$(mib "$(j .rss_before_kib)")"
printf '| %s repositories listed (%s times) | | %s |\n' "$(j .repositories)" "$(j '.first_page_ms | length')" "$(mib "$(j .rss_listed_kib)")"
printf '| scrolled to the end, %s pages, a frame each | %.0f | %s |\n' "$(j .scroll_pages)" "$(j .scroll_ms)" "$(mib "$(j .rss_scrolled_kib)")"
printf '| filtered as typed (6 keystrokes) | %.0f | |\n' "$(j .filter_ms)"
printf '| %s repositories opened: tags described, a tag page each | %.0f | %s |\n' "$(j .tours)" "$(j .tours_ms)" "$(mib "$(j .rss_end_kib)")"
printf '| peak RSS (VmHWM) | | %s |\n' "$(mib "$(j .rss_peak_kib)")"
