#!/usr/bin/env bash
# End to end, under Xvfb: muelle-desktop against the real engine that
# with_engine.sh started (MUELLE_TEST_BUS, DOCKER_HOST), with a running and a
# stopped container; the window is saved once the containers page shows
# them, and the app must report both rows; then again in Spanish. Screenshots go to
# $MUELLE_ARTIFACTS (default: build/test-artifacts).
# Usage: with_engine.sh screenshots.sh MUELLE_DESKTOP
set -euo pipefail
app=$1
artifacts=${MUELLE_ARTIFACTS:-$(dirname "$app")/../test-artifacts}
mkdir -p "$artifacts"
command -v xvfb-run >/dev/null || { echo "SKIP: xvfb-run is not installed" >&2; exit 77; }
dk() { timeout -s KILL 60 "$DOCKER" "$@"; }
dk run -d --name web --network none busybox sleep 300 >/dev/null
dk create --name batch --network none busybox true >/dev/null
out=$(QT_QPA_PLATFORM=xcb timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" \
    "$app" --bus "$MUELLE_TEST_BUS" --page containers --screenshot "$artifacts/containers.png" 2>&1) || {
    echo "FAIL: muelle-desktop exited $?: $out" >&2; exit 1; }
echo "$out" >&2
grep -q "containers page: 2 rows" <<<"$out" || { echo "FAIL: the page does not show the two containers" >&2; exit 1; }
grep -q "first frame after" <<<"$out" || { echo "FAIL: no first frame" >&2; exit 1; }
size=$(stat -c %s "$artifacts/containers.png")
[[ $size -gt 10000 ]] || { echo "FAIL: the screenshot is $size bytes" >&2; exit 1; }
if grep -qiE "qml.*(error|is not a type|ReferenceError|TypeError)" <<<"$out"; then
    echo "FAIL: QML errors" >&2; exit 1
fi
# In Spanish where the user's language is Spanish.
out=$(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 QT_QPA_PLATFORM=xcb timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" \
    "$app" --bus "$MUELLE_TEST_BUS" --page containers --screenshot "$artifacts/containers-es.png" 2>&1) || {
    echo "FAIL: muelle-desktop (es) exited $?: $out" >&2; exit 1; }
grep -q "translation es" <<<"$out" || { echo "FAIL: no Spanish translation loaded: $out" >&2; exit 1; }
grep -q "containers page: 2 rows" <<<"$out" || { echo "FAIL: (es) the page does not show the two containers" >&2; exit 1; }
# The Registries page, in Spanish too.
out=$(LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 QT_QPA_PLATFORM=xcb timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" \
    "$app" --bus "$MUELLE_TEST_BUS" --page registries --screenshot "$artifacts/registries-es.png" 2>&1) || {
    echo "FAIL: muelle-desktop (es, registries) exited $?: $out" >&2; exit 1; }
if grep -qiE "qml.*(error|is not a type|ReferenceError|TypeError)" <<<"$out"; then
    echo "FAIL: QML errors on the Registries page: $out" >&2; exit 1
fi
dk rm -f web batch >/dev/null
echo "screenshots.sh: the containers page shows the engine's containers ($artifacts/containers.png)" >&2
