#!/usr/bin/env bash
# The app's side of a build against a real muelled on a private bus
# (bench_desktop_build: the time to the first step shown, and the app's CPU
# and RSS while a build prints LINES lines). Beside it, the docker CLI's own
# time to its first step on the same engine. One run; not part of CI.
# Env: ROUNDS (5), LINES (100000), lib.sh's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../peers/lib.sh"
BENCH=${BENCH_DESKTOP_BUILD:-$MUELLE_SOURCE/build/tests/bench_desktop_build}
[[ -x $BENCH ]] || fail "no $BENCH (build first)"
ENGINE=muelled
choose_engine
need skopeo jq
need_registry
start_private_bus
MUELLED_ARGS="--dbus-address $bus" start_engine_with_busybox
out=$(MUELLE_TEST_BUS=$bus timeout -s KILL 900 "$BENCH" 2>"$TMP/bench.err") || fail "the bench failed: $(tail -20 "$TMP/bench.err")"
json=$(tail -1 <<<"$out")
j() { jq -r "$1" <<<"$json"; }
# The docker CLI: from the command to its "Step 1/2" line.
mkdir -p "$TMP/ctx"; printf 'FROM busybox\nRUN true\n' > "$TMP/ctx/Dockerfile"
cli=$(for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$DOCKER" build --no-cache "$TMP/ctx" 2>&1 | while read -r line; do
        if [[ $line == Step\ 1/* ]]; then echo $(( ($(date +%s%N) - start) / 1000000 )); fi
    done
done | sort -n | sed -n 3p)
printf '\n| build, the app | value |\n|---|---|\n'
printf '| Build to the first step shown, median of %s | %.0f ms (docker CLI: %s ms) |\n' "$(j '.first_step_ms | length')" "$(j .first_step_median_ms)" "$cli"
printf '| %s output lines: the build took | %.1f s |\n' "$(j .lines)" "$(j .build_s)"
printf '| the app'"'"'s CPU over it | %.1f %% of a core |\n' "$(j .cpu_percent)"
printf '| RSS before, after, peak | %.1f, %.1f, %.1f MiB |\n' "$(awk -v k="$(j .rss_before_kib)" 'BEGIN{print k/1024}')" \
    "$(awk -v k="$(j .rss_after_kib)" 'BEGIN{print k/1024}')" "$(awk -v k="$(j .rss_peak_kib)" 'BEGIN{print k/1024}')"
