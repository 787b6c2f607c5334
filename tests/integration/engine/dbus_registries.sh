#!/usr/bin/env bash
# The desktop's Registries interface over D-Bus (org.muelle.Engine1.Registries)
# on a private dbus-daemon with our bus policy: dbus_registries.py drives it
# as a member of the engine's group against muelle-registry (anonymous and
# htpasswd) and CNCF Distribution; the added registries survive a restart;
# a stranger is refused. Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need dbus-daemon setpriv jq /usr/bin/python3 skopeo
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (uids to call as)"
getent group nogroup >/dev/null && getent passwd nobody daemon >/dev/null || skip "no nobody/daemon/nogroup here"
/usr/bin/python3 -c 'import dbus, gi' 2>/dev/null || skip "python3-dbus and python3-gi are not installed"

start_private_bus
MUELLED_ARGS="--dbus-address $bus --group nogroup" start_engine_with_busybox
seed "$reg_addr" anonymous test/tools:v1 "$TMP/src-busybox" --dest-tls-verify=false
start_muelle auth htpasswd
seed "$auth_addr" htpasswd test/private:v1 "$TMP/src-busybox" --dest-tls-verify=false
start_distribution dist
seed "$dist_addr" anonymous test/busybox:v1 "$TMP/src-busybox" --dest-tls-verify=false
as() { # UID CMD...: runs CMD as UID with its primary group only
    local uid=$1; shift
    setpriv --reuid="$uid" --regid="$(id -g "$(getent passwd "$uid" | cut -d: -f1)")" --clear-groups "$@"
}
member=65534 stranger=1

log "Registries as a member of the engine's group"
as $member timeout 300 /usr/bin/python3 "$MUELLE_SOURCE/tests/integration/engine/dbus_registries.py" "$bus" \
    "$reg_addr" "$auth_addr" "$dist_addr" "$USER_NAME" "$USER_PASS" >"$TMP/registries.out" 2>&1 ||
    fail "dbus_registries.py: $(cat "$TMP/registries.out")"
while read -r line; do pass "${line#ok }"; done <"$TMP/registries.out"
grep -q "$USER_PASS" "$engine_dir/root/registries.json" && fail "a password in registries.json"
pass "registries.json holds no credentials"

log "after a restart"
MUELLED_ARGS="--dbus-address $bus --group nogroup" restart_muelled engine
list() {
    as $member /usr/bin/python3 -c 'import sys, dbus
bus = dbus.bus.BusConnection(sys.argv[1])
r = dbus.Interface(bus.get_object("org.muelle.Engine1", "/org/muelle/Engine1/Registries"), "org.muelle.Engine1.Registries")
print(r.List(dbus.Dictionary({}, signature="sv")))' "$bus"
}
hosts=$(list | jq -r '[.[] | select(.added) | .host] | sort | join(" ")')
assert_eq "$(printf '%s\n' "$reg_addr" "$auth_addr" | sort | tr '\n' ' ' | sed 's/ $//')" "$hosts" "the added registries are kept"

log "a stranger"
rc=0
as $stranger /usr/bin/python3 -c 'import sys, dbus
bus = dbus.bus.BusConnection(sys.argv[1])
r = dbus.Interface(bus.get_object("org.muelle.Engine1", "/org/muelle/Engine1/Registries"), "org.muelle.Engine1.Registries")
try:
    r.List(dbus.Dictionary({}, signature="sv"))
except dbus.exceptions.DBusException as error:
    sys.exit(error.get_dbus_name())' "$bus" >"$TMP/stranger.out" 2>&1 || rc=$?
grep -q "org.freedesktop.DBus.Error.AccessDenied" "$TMP/stranger.out" || fail "a stranger's List: $(cat "$TMP/stranger.out")"
pass "a stranger's List is refused with AccessDenied"
