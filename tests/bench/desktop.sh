#!/usr/bin/env bash
# muelle-desktop under Xvfb against a real muelled on a private bus: the
# time to its first frame, and its RSS once it lists 200 containers; then
# the time and RSS of the same with an empty engine. One run, printed as a
# table. Not part of CI. Env: COUNT (200), lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../peers/lib.sh"
: "${MUELLED:=$MUELLE_SOURCE/build/bin/muelled}"
APP=${MUELLE_DESKTOP:-$MUELLE_SOURCE/build/bin/muelle-desktop}
COUNT=${COUNT:-200}
ENGINE=muelled
choose_engine
need skopeo jq xvfb-run
need_registry
start_private_bus
MUELLED_ARGS="--dbus-address $bus" start_engine_with_busybox

# measure: the app's first frame (ms) and RSS (KiB) once the page shows the list.
measure() {
    local out
    out=$(timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$APP" --bus "$bus" --screenshot "$TMP/shot.png" 2>&1)
    printf '%s %s %s\n' "$(sed -n 's/.*first frame after \([0-9]*\) ms.*/\1/p' <<<"$out")" \
        "$(sed -n 's/.*rss \([0-9]*\) KiB.*/\1/p' <<<"$out")" "$(sed -n 's/.*containers page: \([0-9]*\) rows.*/\1/p' <<<"$out")"
}
read -r empty_frame empty_rss empty_rows < <(measure)
log "creating $COUNT containers"
for ((i = 0; i < COUNT; i++)); do
    "$DOCKER" create --network none --name "bench$i" busybox true >/dev/null
done
read -r full_frame full_rss full_rows < <(measure)
[[ $full_rows == "$COUNT" ]] || fail "the page showed $full_rows rows, not $COUNT"
printf '\n| muelle-desktop | first frame, ms | RSS, MiB |\n|---|---|---|\n'
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
printf '| no containers | %s | %s |\n' "$empty_frame" "$(mib "$empty_rss")"
printf '| %s containers listed | %s | %s |\n' "$COUNT" "$full_frame" "$(mib "$full_rss")"
