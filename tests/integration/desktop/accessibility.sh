#!/usr/bin/env bash
# Accessibility, as a screen reader sees it: muelle-desktop under Xvfb with
# a session bus of its own and the AT-SPI bus on it, against the engine
# with_engine.sh started. accessibility.py walks each page's accessible tree
# for controls without a name and drives the Volumes page by keyboard alone.
# The app's log goes to $MUELLE_ARTIFACTS/accessibility-app.log.
# Usage: with_engine.sh accessibility.sh MUELLE_DESKTOP
set -euo pipefail
app=$1
here=$(dirname "${BASH_SOURCE[0]}")
skip() { echo "SKIP: $*" >&2; exit 77; }
for tool in xvfb-run dbus-run-session xdotool /usr/libexec/at-spi-bus-launcher; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/packages.txt)"
done
# Debian's pyatspi, with gi: not the first python3 on PATH, which may lack both.
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || skip "python3-pyatspi is not installed"
export MUELLE_ARTIFACTS=${MUELLE_ARTIFACTS:-$(dirname "$app")/../test-artifacts}
mkdir -p "$MUELLE_ARTIFACTS"

dk() { timeout -s KILL 60 "$DOCKER" "$@"; }
cleanup() {
    dk rm -f a11y-web a11y-batch >/dev/null 2>&1 || true
    dk volume rm -f a11y-data "a11y-typed-$$" >/dev/null 2>&1 || true
}
trap cleanup EXIT
dk run -d --name a11y-web --network none busybox sleep 600 >/dev/null
dk create --name a11y-batch --network none busybox true >/dev/null
dk volume create a11y-data >/dev/null

# Qt enables its AT-SPI bridge only when the session says a screen reader
# runs; ALWAYS_ON says so. org.a11y.Bus is activated on the session bus.
export QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
export A11Y_APP=$app A11Y_TYPED_VOLUME=a11y-typed-$$
timeout -s KILL 300 xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- /usr/bin/python3 "$here/accessibility.py"
