#!/usr/bin/env bash
# muelled's D-Bus façade (org.muelle.Engine1) on a private dbus-daemon that
# runs with our bus policy (packaging/dbus/org.muelle.Engine1.conf), driven
# by dbus-send as different uids: root and a member of the engine's group are
# served, any other uid gets org.freedesktop.DBus.Error.AccessDenied and
# changes nothing, and only root may own the name. Containers are started,
# inspected, stopped and removed over the bus; engine errors come back as
# org.muelle.Engine1.Error.*; events arrive as signals; what the objects
# export is what the interface XML files say.
# The group is nogroup (nobody's primary group), so no user or group is
# made on the host. Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need dbus-daemon dbus-send dbus-monitor setpriv jq python3 skopeo
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (uids to call as, containers)"
getent group nogroup >/dev/null && getent passwd nobody daemon >/dev/null || skip "no nobody/daemon/nogroup here"

start_private_bus
MUELLED_ARGS="--dbus-address $bus --group nogroup" start_engine_with_busybox
dk() { timeout -s KILL 60 "$DOCKER" "$@"; }

# call UID METHOD OBJECT [ARGS...]: dbus-send as UID, the reply on stdout.
call() {
    local uid=$1 method=$2 object=$3; shift 3
    setpriv --reuid="$uid" --regid="$(id -g "$(getent passwd "$uid" | cut -d: -f1)")" --clear-groups \
        timeout 30 dbus-send --bus="$bus" --print-reply --dest=org.muelle.Engine1 \
        "/org/muelle/Engine1/$object" "org.muelle.Engine1.$object.$method" "$@"
}
# The string a method returned.
string_of() { sed -n 's/^   string "\(.*\)"$/\1/p'; }
root=0; member=65534; stranger=1   # nobody's primary group is nogroup; daemon's is not

log "who is served"
call $root Version System | string_of | jq -e '.ApiVersion' >/dev/null || fail "root: no version"
pass "root is served"
call $member Version System | string_of | jq -e '.Components[0].Name == "Engine"' >/dev/null || fail "a member: no version"
pass "a member of the engine's group is served"
expect_error "org.freedesktop.DBus.Error.AccessDenied" call $stranger Version System
pass "any other uid is refused with AccessDenied"

log "containers over the bus"
dk create --name viadbus --network none busybox sleep 300 >/dev/null
expect_error "AccessDenied" call $stranger Remove Containers string:viadbus boolean:true boolean:false
expect_error "AccessDenied" call $stranger Start Containers string:viadbus
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" created "a refused call changes nothing"
dbus-monitor --address "$bus" "type='signal',interface='org.muelle.Engine1.System'" > "$TMP/signals" 2>&1 &
monitor=$!
sleep 0.3
call $member Start Containers string:viadbus >/dev/null
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" running "Start"
call $member List Containers boolean:false | string_of | jq -e '.[] | select(.Names == ["/viadbus"]) | .State == "running"' >/dev/null ||
    fail "List does not show it running"
pass "List: Docker's list entries"
call $member Inspect Containers string:viadbus | string_of | jq -e '.State.Running and .Name == "/viadbus"' >/dev/null ||
    fail "Inspect"
pass "Inspect: Docker's inspect document"
call $member Pause Containers string:viadbus >/dev/null
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" paused "Pause"
call $member Unpause Containers string:viadbus >/dev/null
call $member Stop Containers string:viadbus int32:1 >/dev/null
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" exited "Stop"
sleep 0.3
kill "$monitor"; wait "$monitor" 2>/dev/null || true
grep -q '\\"Action\\":\\"start\\"\|"Action":"start"' "$TMP/signals" || fail "no start event signal: $(head -c 600 "$TMP/signals")"
grep -q '"Action":"die"\|\\"Action\\":\\"die\\"' "$TMP/signals" || fail "no die event signal"
pass "events arrive as System.Event signals"

log "images and volumes over the bus"
call $member List Images | string_of | jq -e '[.[].RepoTags[]?] | index("busybox:latest") != null' >/dev/null ||
    fail "Images.List does not list busybox"
pass "Images.List: Docker's image list"
dk tag busybox extra:tag
call $member Remove Images string:extra:tag boolean:false | string_of | jq -e '.[0].Untagged == "extra:tag"' >/dev/null ||
    fail "Images.Remove did not untag"
pass "Images.Remove untags"
dk volume create busvol >/dev/null
call $member List Volumes | string_of | jq -e '.Volumes | map(.Name) | index("busvol") != null' >/dev/null ||
    fail "Volumes.List does not list busvol"
call $member Remove Volumes string:busvol boolean:false >/dev/null
[[ -z $(dk volume ls -q --filter name=busvol) ]] || fail "Volumes.Remove left busvol"
pass "Volumes.List and Remove"
assert_eq "$(call $member List Networks | string_of | jq -r 'map(.Name) | join(" ")')" "bridge host none" "Networks.List"
expect_error "org.muelle.Engine1.Error.*pre-defined network" call $member Remove Networks string:bridge

log "errors"
expect_error "org.muelle.Engine1.Error.NotFound.*No such container: nope" call $member Inspect Containers string:nope
expect_error "org.muelle.Engine1.Error.InvalidArgument.*Invalid signal" call $member Kill Containers string:viadbus string:NOPE
expect_error "org.muelle.Engine1.Error.Conflict" call $member Kill Containers string:viadbus string:TERM
expect_error "org.freedesktop.DBus.Error.(UnknownMethod|InvalidArgs)" call $member Stop Containers string:viadbus string:soon
expect_error "org.muelle.Engine1.Error.NotFound" call $member Remove Volumes string:nosuchvolume boolean:false
image_id=$(dk image inspect --format '{{.Id}}' busybox)
expect_error "org.muelle.Engine1.Error.Conflict" call $member Remove Images "string:$image_id" boolean:false
call $member Remove Containers string:viadbus boolean:false boolean:false >/dev/null
[[ -z $(dk ps -aq --filter name=viadbus) ]] || fail "Remove left the container"
pass "Remove"
expect_error "org.muelle.Engine1.Error.NotFound" call $member Start Containers string:viadbus

log "the bus policy"
expect_error "AccessDenied" setpriv --reuid=$stranger --regid=1 --clear-groups dbus-send --bus="$bus" --print-reply \
    --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.RequestName string:org.muelle.Engine1 uint32:0
pass "only root may own org.muelle.Engine1"

log "the interface files"
for noun in System Containers Images Volumes Networks; do
    dbus-send --bus="$bus" --print-reply=literal --dest=org.muelle.Engine1 "/org/muelle/Engine1/$noun" \
        org.freedesktop.DBus.Introspectable.Introspect > "$TMP/$noun.xml"
    python3 - "$MUELLE_SOURCE/engine/api/dbus/org.muelle.Engine1.$noun.xml" "$TMP/$noun.xml" "org.muelle.Engine1.$noun" <<'PY'
import sys, xml.etree.ElementTree as ET
def members(path, name):
    text = open(path).read()
    if "<node" not in text:
        sys.exit(f"{path} holds no <node>: {text[:500]}")
    text = text[text.index("<node"):]
    for interface in ET.fromstring(text).iter("interface"):
        if interface.get("name") == name:
            # (kind, name, in-signature, out-signature): where the out
            # arguments stand among the in ones does not matter on the wire.
            def signature(m, direction):
                default = "in" if m.tag == "method" else "out"
                return "".join(a.get("type") for a in m.iter("arg") if a.get("direction", default) == direction)
            return sorted((m.tag, m.get("name"), signature(m, "in"), signature(m, "out"))
                          for m in interface if m.tag in ("method", "signal"))
    return None
declared, exported = members(sys.argv[1], sys.argv[3]), members(sys.argv[2], sys.argv[3])
if declared != exported:
    sys.exit(f"{sys.argv[3]}: the XML declares {declared}\n but muelled exports {exported}")
PY
    pass "$noun: muelled exports what org.muelle.Engine1.$noun.xml declares"
done
