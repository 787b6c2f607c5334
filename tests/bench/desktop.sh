#!/usr/bin/env bash
# muelle-desktop under Xvfb against a real muelled on a private bus: the
# time to its first frame, and its RSS once it lists 200 containers; then
# the time and RSS of the same with an empty engine; then the app's CPU
# while 20 running containers' stats stream to it (the containers page with
# their sparklines, and one container's charts). One run, printed as
# tables. Not part of CI. Env: COUNT (200), STREAMING (20), SECONDS_MEASURED
# (30), lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../peers/lib.sh"
: "${MUELLED:=$MUELLE_SOURCE/build/bin/muelled}"
APP=${MUELLE_DESKTOP:-$MUELLE_SOURCE/build/bin/muelle-desktop}
COUNT=${COUNT:-200}
STREAMING=${STREAMING:-20}
SECONDS_MEASURED=${SECONDS_MEASURED:-30}
ENGINE=muelled
choose_engine
need skopeo jq xvfb-run
need_registry
start_private_bus
MUELLED_ARGS="--dbus-address $bus" start_engine_with_busybox

# measure: the app's first frame (ms) and RSS (KiB) once the page shows the list.
measure() {
    local out
    out=$(timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$APP" --bus "$bus" --page containers \
        --screenshot "$TMP/shot.png" 2>&1)
    printf '%s %s %s\n' "$(sed -n 's/.*first frame after \([0-9]*\) ms.*/\1/p' <<<"$out")" \
        "$(sed -n 's/.*rss \([0-9]*\) KiB.*/\1/p' <<<"$out")" "$(sed -n 's/.*containers page: \([0-9]*\) rows.*/\1/p' <<<"$out")"
}
read -r empty_frame empty_rss empty_rows < <(measure)
log "creating $COUNT containers"
for ((i = 0; i < COUNT; i++)); do
    "$DOCKER" create --network none --name "bench$i" busybox true >/dev/null
done
read -r full_frame full_rss full_rows < <(measure)
# Without a GPU the app draws with Qt Quick's software renderer; Qt's default
# there would be OpenGL through Mesa's llvmpipe (QT_QUICK_BACKEND=rhi).
read -r gl_frame gl_rss gl_rows < <(QT_QUICK_BACKEND=rhi measure)
[[ $full_rows == "$COUNT" ]] || fail "the page showed $full_rows rows, not $COUNT"
printf '\n| muelle-desktop | first frame, ms | RSS, MiB |\n|---|---|---|\n'
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
printf '| no containers | %s | %s |\n' "$empty_frame" "$(mib "$empty_rss")"
printf '| %s containers listed | %s | %s |\n' "$COUNT" "$full_frame" "$(mib "$full_rss")"
printf '| %s containers listed, OpenGL through llvmpipe | %s | %s |\n' "$COUNT" "$gl_frame" "$(mib "$gl_rss")"

# cpu_of ARGS...: the app's CPU (% of one core) over SECONDS_MEASURED, after
# 10 s to settle, and its RSS then (KiB).
cpu_of() {
    xvfb-run -a -s "-screen 0 1280x800x24" "$APP" --bus "$bus" "$@" > "$TMP/app.log" 2>&1 &
    local runner=$! pid="" i
    for ((i = 0; i < 100; i++)); do
        pid=$(pgrep -f "^$APP --bus $bus" | head -1 || true)
        [[ -n $pid ]] && break
        sleep 0.1
    done
    [[ -n $pid ]] || fail "the app did not start: $(cat "$TMP/app.log")"
    sleep 10
    local hz before after rss
    hz=$(getconf CLK_TCK)
    before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    sleep "$SECONDS_MEASURED"
    after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
    kill "$pid"; wait "$runner" 2>/dev/null || true
    awk -v b="$before" -v a="$after" -v hz="$hz" -v s="$SECONDS_MEASURED" -v r="$rss" \
        'BEGIN { printf "%.1f %.1f\n", (a - b) / hz / s * 100, r / 1024 }'
}
log "removing the $COUNT containers; running $STREAMING"
"$DOCKER" rm -f $("$DOCKER" ps -aq) >/dev/null
for ((i = 0; i < STREAMING; i++)); do
    "$DOCKER" run -d --network none --name "live$i" busybox sleep 3600 >/dev/null
done
read -r list_cpu list_rss < <(cpu_of --page containers)
read -r chart_cpu chart_rss < <(cpu_of --container live0 --tab stats)
printf '\n| muelle-desktop, %s containers streaming stats | CPU, %% of a core | RSS, MiB |\n|---|---|---|\n' "$STREAMING"
printf '| containers page (a sparkline each) | %s | %s |\n' "$list_cpu" "$list_rss"
printf '| a container page with its charts | %s | %s |\n' "$chart_cpu" "$chart_rss"
