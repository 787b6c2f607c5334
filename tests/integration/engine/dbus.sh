#!/usr/bin/env bash
# muelled's D-Bus façade (org.muelle.Engine1) on a private dbus-daemon that
# runs with our bus policy (packaging/dbus/org.muelle.Engine1.conf), driven
# by gdbus as different uids: root and a member of the engine's group are
# served, any other uid gets org.freedesktop.DBus.Error.AccessDenied and
# changes nothing, and only root may own the name. Containers are started,
# inspected, stopped and removed over the bus; engine errors come back as
# org.muelle.Engine1.Error.*; events arrive as signals; what the objects
# export is what the interface XML files say. Also: creating containers from
# Docker's create body, logs through a passed descriptor, the stats history
# (kept across an engine restart) and its signal, pulls as jobs with
# progress signals, volumes and networks created, inspected and pruned, and
# options checked (every method ends with a{sv}).
# The group is nogroup (nobody's primary group), so no user or group is
# made on the host. Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need dbus-daemon dbus-send dbus-monitor gdbus setpriv jq python3 skopeo
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (uids to call as, containers)"
getent group nogroup >/dev/null && getent passwd nobody daemon >/dev/null || skip "no nobody/daemon/nogroup here"

start_private_bus
MUELLED_ARGS="--dbus-address $bus --group nogroup" start_engine_with_busybox
dk() { timeout -s KILL 60 "$DOCKER" "$@"; }

# call UID METHOD OBJECT [ARGS...]: gdbus as UID, arguments in GVariant
# text ("'name'", "@a{sv} {}"); the reply (a GVariant tuple) on stdout.
call() {
    local uid=$1 method=$2 object=$3; shift 3
    setpriv --reuid="$uid" --regid="$(id -g "$(getent passwd "$uid" | cut -d: -f1)")" --clear-groups \
        timeout 30 gdbus call --address "$bus" --dest org.muelle.Engine1 --object-path "/org/muelle/Engine1/$object" \
        --method "org.muelle.Engine1.$object.$method" -- "$@"
}
# The string a method returned (GVariant text's quoting is Python's).
string_of() { python3 -c 'import ast, sys; print(ast.literal_eval(sys.stdin.read())[0])'; }
none='@a{sv} {}'
root=0; member=65534; stranger=1   # nobody's primary group is nogroup; daemon's is not

log "who is served"
call $root Version System "$none" | string_of | jq -e '.ApiVersion' >/dev/null || fail "root: no version"
pass "root is served"
call $member Version System "$none" | string_of | jq -e '.Components[0].Name == "Engine"' >/dev/null || fail "a member: no version"
pass "a member of the engine's group is served"
expect_error "org.freedesktop.DBus.Error.AccessDenied" call $stranger Version System "$none"
pass "any other uid is refused with AccessDenied"
call $member Info System "$none" | string_of | jq -e '.Containers == 0' >/dev/null || fail "Info"
call $member DiskUsage System "$none" | string_of | jq -e '.Images | length == 1' >/dev/null || fail "DiskUsage"
pass "Info and DiskUsage: Docker's bodies"

log "options"
expect_error "org.muelle.Engine1.Error.InvalidArgument.*unknown option \"al\"" call $member List Containers "{'al': <true>}"
expect_error "org.muelle.Engine1.Error.InvalidArgument.*wrong type" call $member List Containers "{'all': <'yes'>}"
# gdbus checks arguments against the introspection itself: dbus-send does not.
expect_error "org.freedesktop.DBus.Error.(UnknownMethod|InvalidArgs)" dbus-send --bus="$bus" --print-reply \
    --dest=org.muelle.Engine1 /org/muelle/Engine1/Containers org.muelle.Engine1.Containers.List boolean:true
pass "unknown options, options of the wrong type and old signatures are refused"

log "containers over the bus"
dk create --name viadbus --network none busybox sleep 300 >/dev/null
expect_error "AccessDenied" call $stranger Remove Containers "'viadbus'" "{'force': <true>}"
expect_error "AccessDenied" call $stranger Start Containers "'viadbus'" "$none"
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" created "a refused call changes nothing"
dbus-monitor --address "$bus" "type='signal',sender='org.muelle.Engine1'" > "$TMP/signals" 2>&1 &
monitor=$!
sleep 0.3
call $member Start Containers "'viadbus'" "$none" >/dev/null
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" running "Start"
call $member List Containers "$none" | string_of | jq -e '.[] | select(.Names == ["/viadbus"]) | .State == "running"' >/dev/null ||
    fail "List does not show it running"
pass "List: Docker's list entries"
call $member Inspect Containers "'viadbus'" "$none" | string_of | jq -e '.State.Running and .Name == "/viadbus"' >/dev/null ||
    fail "Inspect"
pass "Inspect: Docker's inspect document"
call $member Top Containers "'viadbus'" "$none" | string_of | jq -e '.Titles | index("PID") != null' >/dev/null || fail "Top"
call $member Top Containers "'viadbus'" "$none" | string_of | jq -e '[.Processes[][-1]] | index("sleep 300") != null' >/dev/null ||
    fail "Top does not list sleep"
pass "Top: the container's processes"
call $member Pause Containers "'viadbus'" "$none" >/dev/null
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" paused "Pause"
call $member Unpause Containers "'viadbus'" "$none" >/dev/null
call $member Stop Containers "'viadbus'" "{'timeout': <1>}" >/dev/null
assert_eq "$(dk inspect --format '{{.State.Status}}' viadbus)" exited "Stop"
sleep 0.3
kill "$monitor"; wait "$monitor" 2>/dev/null || true
grep -q '"Action":"start"' "$TMP/signals" || fail "no start event signal: $(head -c 600 "$TMP/signals")"
grep -q '"Action":"die"' "$TMP/signals" || fail "no die event signal"
pass "events arrive as System.Event signals"

log "create, logs and stats over the bus"
# stdout and stderr are separate pipes: their lines are ordered only with a pause between.
config='{"Image": "busybox", "Cmd": ["sh", "-c", "for i in 1 2 3; do echo line $i; done; sleep 0.3; echo oops >&2; exec sleep 300"], "HostConfig": {"NetworkMode": "none"}}'
expect_error "AccessDenied" call $stranger Create Containers "'$config'" "{'name': <'made'>}"
created=$(call $member Create Containers "'$config'" "{'name': <'made'>}" | string_of)
jq -e '.Id | length == 64' <<<"$created" >/dev/null || fail "Create answered $created"
assert_eq "$(dk inspect --format '{{.Config.Image}} {{.Name}}' made)" "busybox /made" "Create: the container from Docker's create body"
expect_error "org.muelle.Engine1.Error.InvalidArgument.*invalid JSON" call $member Create Containers "'{nope'" "$none"
expect_error "org.muelle.Engine1.Error.NotFound" call $member Create Containers "'{\"Image\": \"nosuchimage\"}'" "$none"
expect_error "org.muelle.Engine1.Error.Conflict" call $member Create Containers "'$config'" "{'name': <'made'>}"
pass "Create: Docker's errors (bad JSON, no image, name in use)"
dbus-monitor --address "$bus" "type='signal',interface='org.muelle.Engine1.Containers',member='Stats'" > "$TMP/stats" 2>&1 &
monitor=$!
call $member Start Containers "'made'" "$none" >/dev/null
sleep 4
# logs UID NAME OPTIONS-JSON: reads the descriptor Logs returns, the frames decoded as "1 line" / "2 line".
logs() {
    setpriv --reuid="$1" --regid="$(id -g "$(getent passwd "$1" | cut -d: -f1)")" --clear-groups \
        timeout 30 python3 "$MUELLE_SOURCE/tests/integration/engine/dbus_logs.py" "$bus" "$2" "$3"
}
assert_eq $'1 line 1\n1 line 2\n1 line 3\n2 oops' "$(logs $member made '{}')" "Logs: stdout and stderr frames through the descriptor"
assert_eq $'1 line 3\n2 oops' "$(logs $member made '{"tail": 2}')" "Logs: tail"
# (read whole, not through head: with pipefail a reader leaving early fails the writer)
stamped=$(logs $member made '{"timestamps": true}')
grep -qE '^1 20[0-9-]+T[0-9:.]+Z line 1$' <<<"${stamped%%$'\n'*}" || fail "Logs: timestamps"
# follow: the stream stays open until the container stops, then ends.
logs $member made '{"follow": true, "tail": 0}' > "$TMP/followed" &
follower=$!
sleep 1
kill -0 "$follower" 2>/dev/null || fail "a followed log ended while the container runs"
dk exec made sh -c 'echo late >/proc/1/fd/1'
call $member Stop Containers "'made'" "{'timeout': <0>}" >/dev/null
wait "$follower" || fail "the follower failed"
assert_eq "$(cat "$TMP/followed")" "1 late" "Logs: follow sees new lines and ends when the container stops"
expect_error "AccessDenied" logs $stranger made '{}'
expect_error "NotFound" logs $member nosuch '{}'
pass "Logs: through a descriptor, never the bus"
kill "$monitor"; wait "$monitor" 2>/dev/null || true
grep -q '"CPU"' "$TMP/stats" || fail "no Stats signal while a container ran: $(head -c 600 "$TMP/stats")"
pass "Stats: one signal a second with each running container's sample"
history=$(call $member StatsHistory Containers "'made'" "$none" | string_of)
jq -e 'length >= 2 and (.[0] | has("Time") and has("CPU") and has("Memory") and has("NetworkRx") and has("BlockRead") and has("Pids"))' \
    <<<"$history" >/dev/null || fail "StatsHistory: $history"
jq -e '[.[].Memory] | max > 0' <<<"$history" >/dev/null || fail "StatsHistory: no memory use"
jq -e '[.[].Time] | . == sort' <<<"$history" >/dev/null || fail "StatsHistory: not oldest first"
pass "StatsHistory: the samples of the last hour, a second apart"
call $member StatsHistory Containers "'made'" "{'resolution': <'minute'>}" | string_of | jq -e 'type == "array"' >/dev/null ||
    fail "StatsHistory by the minute"
expect_error "InvalidArgument.*resolution" call $member StatsHistory Containers "'made'" "{'resolution': <'hour'>}"
before=$(jq length <<<"$history")
MUELLED_ARGS="--dbus-address $bus --group nogroup" restart_muelled engine KILL
for ((i = 0; i < 50; i++)); do gdbus introspect --address "$bus" --dest org.muelle.Engine1 --object-path /org/muelle/Engine1/Containers >/dev/null 2>&1 && break; sleep 0.2; done
after=$(call $member StatsHistory Containers "'made'" "$none" | string_of | jq length)
[[ $after -ge $before ]] || fail "the history lost samples over a kill -9 of the engine: $before before, $after after"
pass "the stats history outlives the engine (kill -9 and restart: $after samples)"

log "images over the bus"
call $member List Images "$none" | string_of | jq -e '[.[].RepoTags[]?] | index("busybox:latest") != null' >/dev/null ||
    fail "Images.List does not list busybox"
pass "Images.List: Docker's image list"
call $member Inspect Images "'busybox'" "$none" | string_of | jq -e '.RootFS.Layers | length >= 1' >/dev/null || fail "Images.Inspect"
call $member History Images "'busybox'" "$none" | string_of | jq -e 'length >= 1 and (.[0] | has("CreatedBy"))' >/dev/null ||
    fail "Images.History"
pass "Images.Inspect and History"
call $member Tag Images "'busybox'" "'extra:tag'" "$none" >/dev/null
assert_eq "$(dk image inspect --format '{{.Id}}' extra:tag)" "$(dk image inspect --format '{{.Id}}' busybox)" "Images.Tag"
expect_error "InvalidArgument.*invalid reference" call $member Tag Images "'busybox'" "'UPPER:case'" "$none"
call $member Remove Images "'extra:tag'" "$none" | string_of | jq -e '.[0].Untagged == "extra:tag"' >/dev/null ||
    fail "Images.Remove did not untag"
pass "Images.Remove untags"
dbus-monitor --address "$bus" "type='signal',interface='org.muelle.Engine1.Images'" > "$TMP/pull" 2>&1 &
monitor=$!
sleep 0.3
dk rmi "$reg_addr/test/busybox:v1" >/dev/null
dk tag busybox "$reg_addr/test/pushed:v1"
job=$(call $member Push Images "'$reg_addr/test/pushed:v1'" "$none" | string_of)
for ((i = 0; i < 100; i++)); do grep -q "\"$job\"" "$TMP/pull" && grep -A3 "member=Finished" "$TMP/pull" | grep -q "\"$job\"" && break; sleep 0.1; done
job2=$(call $member Pull Images "'$reg_addr/test/busybox:v1'" "$none" | string_of)
for ((i = 0; i < 100; i++)); do grep -A3 "member=Finished" "$TMP/pull" | grep -q "\"$job2\"" && break; sleep 0.1; done
job3=$(call $member Pull Images "'$reg_addr/test/nosuch:v1'" "$none" | string_of)
for ((i = 0; i < 100; i++)); do grep -A3 "member=Finished" "$TMP/pull" | grep -q "\"$job3\"" && break; sleep 0.1; done
sleep 0.3
kill "$monitor"; wait "$monitor" 2>/dev/null || true
python3 - "$TMP/pull" "$job" "$job2" "$job3" <<'PY' || fail "pull and push signals: $(head -c 2000 "$TMP/pull")"
import re, sys, json
text = open(sys.argv[1]).read()
# dbus-monitor prints each signal's member, then its string arguments.
signals = re.findall(r'member=(\w+)\n((?:\s+string ".*"\n)+)', text)
def args(block):
    return re.findall(r'string "(.*)"', block)  # dbus-monitor prints strings as they are
seen = {}
for member, block in signals:
    a = args(block)
    seen.setdefault(a[0], []).append((member, a[1:]))
push, pull, bad = (seen.get(j, []) for j in sys.argv[2:5])
assert push and push[-1] == ("Finished", ["", ""]), push
assert any(m == "Progress" for m, _ in push), push
assert pull and pull[-1] == ("Finished", ["", ""]), pull
messages = [msg for m, a in pull if m == "Progress" for msg in json.loads(a[0])]
assert any(msg.get("status", "").startswith("Digest: sha256:") for msg in messages), messages
assert bad and bad[-1][0] == "Finished" and bad[-1][1][0].startswith("org.muelle.Engine1.Error."), bad
PY
dk image inspect "$reg_addr/test/busybox:v1" >/dev/null || fail "the pulled image is not there"
pass "Pull and Push run as jobs: Progress signals (with the digest), Finished with no error or the error's name"
expect_error "InvalidArgument" call $member Pull Images "'not a reference'" "$none"
expect_error "InvalidArgument.*platform" call $member Pull Images "'busybox'" "{'platform': <'a/b/c/d'>}"
expect_error "NotFound.*no such job" call $member Cancel Images "'nojob'" "$none"
pass "Pull: bad references and platforms are refused before a job starts"

log "volumes and networks over the bus"
call $member Create Volumes "'{\"Name\": \"busvol\", \"Labels\": {\"made\": \"bus\"}}'" "$none" | string_of |
    jq -e '.Name == "busvol" and .Labels.made == "bus"' >/dev/null || fail "Volumes.Create"
call $member Inspect Volumes "'busvol'" "$none" | string_of | jq -e '.Mountpoint | endswith("/busvol/_data")' >/dev/null ||
    fail "Volumes.Inspect"
call $member List Volumes "$none" | string_of | jq -e '.Volumes | map(.Name) | index("busvol") != null' >/dev/null ||
    fail "Volumes.List does not list busvol"
call $member Remove Volumes "'busvol'" "$none" >/dev/null
[[ -z $(dk volume ls -q --filter name=busvol) ]] || fail "Volumes.Remove left busvol"
dk volume create unused >/dev/null
call $member Prune Volumes "{'all': <true>}" | string_of | jq -e '.VolumesDeleted | index("unused") != null' >/dev/null ||
    fail "Volumes.Prune"
expect_error "org.muelle.Engine1.Error.NotFound" call $member Remove Volumes "'nosuchvolume'" "$none"
pass "Volumes: Create, Inspect, List, Remove, Prune"
net=$(call $member Create Networks "'{\"Name\": \"busnet\", \"IPAM\": {\"Config\": [{\"Subnet\": \"10.213.7.0/24\"}]}}'" "$none" | string_of)
jq -e '.Id | length == 64' <<<"$net" >/dev/null || fail "Networks.Create: $net"
call $member Inspect Networks "'busnet'" "$none" | string_of | jq -e '.IPAM.Config[0].Subnet == "10.213.7.0/24"' >/dev/null ||
    fail "Networks.Inspect"
assert_eq "$(call $member List Networks "$none" | string_of | jq -r 'map(.Name) | sort | join(" ")')" "bridge busnet host none" "Networks.List"
expect_error "Conflict|AlreadyExists" call $member Create Networks "'{\"Name\": \"busnet\"}'" "$none"
expect_error "InvalidArgument" call $member Create Networks "'{\"Name\": \"bad\", \"IPAM\": {\"Config\": [{\"Subnet\": \"nonsense\"}]}}'" "$none"
call $member Prune Networks "$none" | string_of | jq -e '.NetworksDeleted | index("busnet") != null' >/dev/null || fail "Networks.Prune"
expect_error "org.muelle.Engine1.Error.*pre-defined network" call $member Remove Networks "'bridge'" "$none"
pass "Networks: Create, Inspect, List, Prune, Docker's errors"

log "errors"
expect_error "org.muelle.Engine1.Error.NotFound.*No such container: nope" call $member Inspect Containers "'nope'" "$none"
expect_error "org.muelle.Engine1.Error.InvalidArgument.*Invalid signal" call $member Kill Containers "'viadbus'" "{'signal': <'NOPE'>}"
expect_error "org.muelle.Engine1.Error.Conflict" call $member Kill Containers "'viadbus'" "{'signal': <'TERM'>}"
expect_error "org.muelle.Engine1.Error.Conflict" call $member Top Containers "'viadbus'" "$none"
image_id=$(dk image inspect --format '{{.Id}}' busybox)
expect_error "org.muelle.Engine1.Error.Conflict" call $member Remove Images "'$image_id'" "$none"
call $member Remove Containers "'viadbus'" "$none" >/dev/null
[[ -z $(dk ps -aq --filter name=viadbus) ]] || fail "Remove left the container"
pass "Remove"
expect_error "org.muelle.Engine1.Error.NotFound" call $member Start Containers "'viadbus'" "$none"

log "the bus policy"
expect_error "AccessDenied" setpriv --reuid=$stranger --regid=1 --clear-groups dbus-send --bus="$bus" --print-reply \
    --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.RequestName string:org.muelle.Engine1 uint32:0
pass "only root may own org.muelle.Engine1"

log "the interface files"
for noun in System Containers Images Volumes Networks; do
    dbus-send --bus="$bus" --print-reply=literal --dest=org.muelle.Engine1 "/org/muelle/Engine1/$noun" \
        org.freedesktop.DBus.Introspectable.Introspect > "$TMP/$noun.xml"
    python3 - "$MUELLE_SOURCE/packaging/dbus/org.muelle.Engine1.$noun.xml" "$TMP/$noun.xml" "org.muelle.Engine1.$noun" <<'PY'
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
