#!/usr/bin/env bash
# Runs the end-to-end test (tst_desktop_e2e) under Xvfb with a session bus
# of its own, a real notification server (dunst) and a real system tray
# (trayer) on that display; with_engine.sh has started the engine it drives.
# Without dunst or trayer those checks are skipped, not faked.
# Usage: with_engine.sh e2e.sh TST_DESKTOP_E2E
set -euo pipefail
command -v xvfb-run >/dev/null || { echo "SKIP: xvfb-run is not installed" >&2; exit 77; }
command -v dbus-run-session >/dev/null || { echo "SKIP: dbus-run-session is not installed" >&2; exit 77; }
export MUELLE_ARTIFACTS=${MUELLE_ARTIFACTS:-$(dirname "$1")/../test-artifacts}
export E2E_TEST=$1
QT_QPA_PLATFORM=xcb timeout -s KILL 300 xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
    helpers=()
    if command -v trayer >/dev/null; then trayer --edge top --align right --widthtype pixel --width 100 & helpers+=($!); fi
    if command -v dunst >/dev/null; then dunst & helpers+=($!); fi
    # Up and on the bus before the test starts.
    for i in $(seq 50); do
        ! command -v dunst >/dev/null || dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q true && break
        sleep 0.1
    done
    sleep 0.5
    rc=0; "$E2E_TEST" || rc=$?
    kill "${helpers[@]}" 2>/dev/null || true
    exit $rc'
