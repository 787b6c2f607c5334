#!/usr/bin/env bash
# The desktop's Build job over D-Bus (org.muelle.Engine1.Images.Build,
# Cancel, ParseDockerfile) on a private dbus-daemon with our bus policy:
# dbus_build.py drives it as a member of the engine's group, writing the
# context into a passed descriptor; a stranger is refused. Afterwards the
# engine holds nothing a cancelled or failed build left behind: no
# container, no tag, no scratch file or mount. Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need dbus-daemon setpriv jq /usr/bin/python3
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (uids to call as, containers)"
getent group nogroup >/dev/null && getent passwd nobody daemon >/dev/null || skip "no nobody/daemon/nogroup here"
/usr/bin/python3 -c 'import dbus, gi' 2>/dev/null || skip "python3-dbus and python3-gi are not installed"

start_private_bus
MUELLED_ARGS="--dbus-address $bus --group nogroup" start_engine_with_busybox
dk() { timeout -s KILL 60 "$DOCKER" "$@"; }
as() { # UID CMD...: runs CMD as UID with its primary group only
    local uid=$1; shift
    setpriv --reuid="$uid" --regid="$(id -g "$(getent passwd "$uid" | cut -d: -f1)")" --clear-groups "$@"
}
member=65534 stranger=1

log "Build, Cancel and ParseDockerfile as a member of the engine's group"
as $member timeout 300 /usr/bin/python3 "$MUELLE_SOURCE/tests/integration/engine/dbus_build.py" "$bus" >"$TMP/build.out" 2>&1 ||
    fail "dbus_build.py: $(cat "$TMP/build.out")"
while read -r line; do pass "${line#ok }"; done <"$TMP/build.out"
assert_eq "$(dk image inspect --format '{{.Config.Cmd}}' viadbus:built >/dev/null && echo yes)" yes "the built image is the engine's"

log "nothing left behind"
assert_eq "" "$(dk ps -aq)" "no build container is left (failed, cancelled or done)"
must_not dk image inspect viadbus:cancelled
pass "a cancelled build tags nothing"
root=$engine_dir/root
leftovers=$(find "$root/tmp" "$root/snapshots/tmp" -mindepth 1 -maxdepth 1 2>/dev/null | head -5)
assert_eq "" "$leftovers" "no scratch context, mount or layer is left in the data root"
grep -q " $root/" /proc/self/mounts && fail "a mount is left: $(grep " $root/" /proc/self/mounts)"
pass "no mount is left"

log "a stranger"
cat >"$TMP/stranger.py" <<'PY'
import os, sys, dbus
bus = dbus.bus.BusConnection(sys.argv[1])
images = dbus.Interface(bus.get_object("org.muelle.Engine1", "/org/muelle/Engine1/Images"), "org.muelle.Engine1.Images")
r, w = os.pipe()
try:
    images.Build(dbus.types.UnixFd(r), dbus.Dictionary({}, signature="sv"))
except dbus.exceptions.DBusException as error:
    sys.exit(error.get_dbus_name())
PY
rc=0
as $stranger /usr/bin/python3 - "$bus" <"$TMP/stranger.py" >"$TMP/stranger.out" 2>&1 || rc=$?
grep -q "org.freedesktop.DBus.Error.AccessDenied" "$TMP/stranger.out" || fail "a stranger's Build: $(cat "$TMP/stranger.out")"
pass "a stranger's Build is refused with AccessDenied"
