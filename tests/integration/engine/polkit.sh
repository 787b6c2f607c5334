#!/usr/bin/env bash
# Who may call muelled on D-Bus when polkit decides, and that deciding
# never holds up anyone else. On a private bus (lib.sh) with Debian's
# polkitd on it (polkit_lib.sh: the project's action file and a rules file
# installed for the test and removed after), muelled serves the user polkit
# allows (bin) and refuses the one it does not (daemon) with AccessDenied
# in words, changing nothing. Then a slow authority (slow_authority.py,
# answering 3 s late) shows the check is asynchronous: while a stranger's
# call waits for polkit, a member of the engine's group is served at once —
# the authority's log proves the check was still pending — and the held
# call then runs, or is refused, when the answer comes. Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/polkit_lib.sh"
ENGINE=muelled
choose_engine
need dbus-daemon dbus-send gdbus setpriv jq python3 skopeo
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (polkitd, uids to call as, containers)"
for user in bin daemon nobody; do getent passwd $user >/dev/null || skip "no user $user here"; done
getent group nogroup >/dev/null || skip "no group nogroup here"

start_private_bus
MUELLED_ARGS="--dbus-address $bus --group nogroup" start_engine_with_busybox
dk() { timeout -s KILL 60 "$DOCKER" "$@"; }
dk create --name kept --network none busybox sleep 300 >/dev/null

# call USER METHOD OBJECT [ARGS...]: gdbus as USER (its uid and primary group).
call() {
    local user=$1 method=$2 object=$3; shift 3
    setpriv --reuid="$(id -u "$user")" --regid="$(id -g "$user")" --clear-groups \
        timeout 30 gdbus call --address "$bus" --dest org.muelle.Engine1 --object-path "/org/muelle/Engine1/$object" \
        --method "org.muelle.Engine1.$object.$method" -- "$@"
}
none='@a{sv} {}'
# nobody's primary group is nogroup: a member of the engine's group, never asking polkit.

log "polkitd decides for those who are neither root nor in the group"
start_polkitd bin daemon
call bin Version System "$none" | grep -q ApiVersion || fail "bin, whom polkit allows, is not served"
pass "the user polkit allows is served"
call bin List Containers "{'all': <true>}" | grep -q kept || fail "bin cannot list"
expect_error "org.freedesktop.DBus.Error.AccessDenied.*uid 1 may not manage the engine.*polkit did not allow org.muelle.engine.manage" \
    call daemon Remove Containers "'kept'" "{'force': <true>}"
[[ $(dk inspect --format '{{.State.Status}}' kept) == created ]] || fail "a refused Remove changed the container"
pass "the user polkit refuses gets AccessDenied in words, and nothing changes"
grep -q 'muelle test: org.muelle.engine.manage for bin' "$polkitd_log" ||
    fail "polkitd's rules were not asked for bin: $(tail -5 "$polkitd_log")"
grep -q 'muelle test: org.muelle.engine.manage for daemon' "$polkitd_log" || fail "polkitd's rules were not asked for daemon"
pass "polkitd's rules decided both (its log)"
call nobody Version System "$none" | grep -q ApiVersion || fail "a member of the group is not served"
if grep -q 'for nobody' "$polkitd_log"; then fail "polkit was asked about a member of the engine's group"; fi
pass "a member of the engine's group is served without asking polkit"

log "a slow authority holds up no one else"
start_slow_authority 3 bin
call bin List Containers "{'all': <true>}" > "$TMP/held" 2>&1 &
held=$!
call daemon Start Containers "'kept'" "$none" > "$TMP/refused" 2>&1 &
refused=$!
for ((i = 0; i < 100; i++)); do [[ $(grep -c '^asked' "$slow_authority_log") -ge 2 ]] && break; sleep 0.05; done
[[ $(grep -c '^asked' "$slow_authority_log") -ge 2 ]] || fail "the engine did not ask the authority: $(cat "$slow_authority_log")"
call nobody List Containers "{'all': <true>}" | grep -q kept || fail "the member's List was not served"
call nobody Version System "$none" | grep -q ApiVersion || fail "the member's Version was not served"
if grep -q '^answered' "$slow_authority_log"; then
    fail "the authority had already answered: the member's calls did not overtake the held ones ($(cat "$slow_authority_log"))"
fi
pass "while two checks wait for polkit, a member's calls are served (the authority has not answered yet)"
wait "$held" || fail "the held call failed: $(cat "$TMP/held")"
grep -q kept "$TMP/held" || fail "the held List did not answer with the containers: $(cat "$TMP/held")"
grep -q '^answered .* yes' "$slow_authority_log" || fail "the authority never said yes: $(cat "$slow_authority_log")"
pass "the held call runs once polkit allows it, and answers as at once"
if wait "$refused"; then fail "the refused Start succeeded: $(cat "$TMP/refused")"; fi
grep -q 'AccessDenied' "$TMP/refused" || fail "the refused Start got: $(cat "$TMP/refused")"
[[ $(dk inspect --format '{{.State.Status}}' kept) == created ]] || fail "a refused Start started the container"
pass "the held call polkit refuses gets AccessDenied, and nothing changes"

log "no authority on the bus"
stop_polkit_authority
expect_error "org.freedesktop.DBus.Error.AccessDenied" call bin Version System "$none"
pass "without polkit, no one outside root and the group is served"
echo "polkit.sh: $CHECKS checks passed"
