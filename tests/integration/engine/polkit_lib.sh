# polkit on the test's private bus. Sourced by a test after tests/peers/lib.sh
# and after start_private_bus has set $bus; needs root.
#   start_polkitd ALLOWED REFUSED   Debian's polkitd, with the project's action
#                                   and a rules file saying yes to user ALLOWED
#                                   and no to user REFUSED for org.muelle.engine.manage
#   start_slow_authority SECONDS [ALLOWED...]
#                                   tests/integration/engine/slow_authority.py:
#                                   the same name, answering after SECONDS
# Either owns org.freedesktop.PolicyKit1 on $bus: starting one stops the
# other (stop_polkit_authority stops both). When the
# test exits, however it exits, they are stopped and the files installed under
# /usr/share/polkit-1 and /etc/polkit-1 are removed (an action file that was
# there before is put back). Those folders are the host's: two tests using
# start_polkitd must not run side by side.
#
# The bus must let polkit own its name and let everyone call it: what Debian's
# /usr/share/dbus-1/system.d/org.freedesktop.PolicyKit1.conf says on the system
# bus. private-bus.conf.in does not include it, so the first start_* adds an
# include of $TMP/polkit-bus.conf to the running bus's config ($TMP/bus.conf,
# the test's own copy) and has dbus-daemon reload it.
# shellcheck shell=bash disable=SC2154 # bus, TMP, MUELLE_SOURCE, SERVER_LOGS: lib.sh's

POLKITD=${POLKITD:-/usr/lib/polkit-1/polkitd}
POLKIT_ACTION_FILE=/usr/share/polkit-1/actions/org.muelle.engine.policy
POLKIT_RULES_FILE=/etc/polkit-1/rules.d/49-muelle-test.rules
# python3 on PATH may be another Python (pyenv) without Debian's dbus module.
POLKIT_PYTHON=${POLKIT_PYTHON:-/usr/bin/python3}
POLKIT_PIDS=()
_polkit_installed=()   # files to remove at exit
_polkit_saved=""       # the host's own action file, put back at exit
_polkit_trap_set=0

# _polkit_cleanup: stops what start_* started, removes what it installed.
_polkit_cleanup() {
    stop_polkit_authority
    ((${#_polkit_installed[@]} == 0)) || rm -f "${_polkit_installed[@]}"
    [[ -z $_polkit_saved ]] || cp -p "$_polkit_saved" "$POLKIT_ACTION_FILE"
}

# _polkit_on_exit: runs _polkit_cleanup first, then the EXIT trap that was
# set before (lib.sh's), with the test's status in $? (`set +e` first, or
# errexit would end the trap at `(exit STATUS)` when the test failed).
_polkit_on_exit() {
    ((_polkit_trap_set)) && return 0
    local -a previous
    eval "previous=($(trap -p EXIT))"   # trap -- 'COMMAND' EXIT
    # shellcheck disable=SC2064,SC2154 # the previous command is fixed now, on purpose
    trap "_polkit_status=\$?; set +e; _polkit_cleanup; (exit \$_polkit_status); ${previous[2]:-}" EXIT
    _polkit_trap_set=1
}

# _polkit_bus_policy: lets root and polkitd own org.freedesktop.PolicyKit1 on
# $bus and everyone call it (once per bus).
_polkit_bus_policy() {
    grep -q "$TMP/polkit-bus.conf" "$TMP/bus.conf" && return 0
    cat > "$TMP/polkit-bus.conf" <<'EOF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<!-- polkit on a test's private bus: Debian's policy (user polkitd owns the
     name, everyone may call it), and root may own it too, for slow_authority.py. -->
<busconfig>
  <include ignore_missing="yes">/usr/share/dbus-1/system.d/org.freedesktop.PolicyKit1.conf</include>
  <policy user="root">
    <allow own="org.freedesktop.PolicyKit1"/>
  </policy>
  <policy context="default">
    <allow send_destination="org.freedesktop.PolicyKit1"/>
  </policy>
</busconfig>
EOF
    sed -i "s|</busconfig>|  <include>$TMP/polkit-bus.conf</include>\n</busconfig>|" "$TMP/bus.conf"
    dbus-send --bus="$bus" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.ReloadConfig >/dev/null || fail "dbus-daemon did not take the polkit policy: $(tail -n 5 "$TMP/bus.log")"
}

# _polkit_wait_owned PID LOG: until process PID owns org.freedesktop.PolicyKit1
# on $bus (10 s at most), failing early when PID has exited.
_polkit_wait_owned() {
    local pid=$1 logfile=$2 i
    for ((i = 0; i < 200; i++)); do
        kill -0 "$pid" 2>/dev/null || fail "the polkit authority exited early: $(tail -n 20 "$logfile")"
        [[ $(dbus-send --bus="$bus" --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.PolicyKit1 2>/dev/null) \
            == *" $pid" ]] && return 0
        sleep 0.05
    done
    fail "process $pid does not own org.freedesktop.PolicyKit1 on $bus after 10 s: $(tail -n 20 "$logfile")"
}

# _polkit_install SOURCE|- DEST: DEST (mode 0644) from SOURCE or stdin,
# removed at exit.
_polkit_install() {
    local source=$1 dest=$2
    _polkit_installed+=("$dest")
    if [[ $source == - ]]; then cat > "$dest"; else cp "$source" "$dest"; fi
    chmod 0644 "$dest"
}

# start_polkitd ALLOWED REFUSED: Debian's polkitd on $bus, started as root
# as systemd's polkit.service does (it switches to the user polkitd itself),
# with org.muelle.engine.policy and a rules file answering YES to user ALLOWED
# and NO to user REFUSED for org.muelle.engine.manage. Sets polkitd_pid and
# polkitd_log (every rule decision is logged there as "muelle test: ...").
start_polkitd() {
    local allowed=$1 refused=$2
    [[ -x $POLKITD ]] || skip "polkitd is not installed (Debian: polkitd)"
    [[ $(id -u) == 0 ]] || skip "polkitd needs root"
    getent passwd polkitd >/dev/null || skip "no user polkitd (Debian's polkitd package makes it)"
    need dbus-send
    _polkit_on_exit
    _polkit_bus_policy
    stop_polkit_authority
    if [[ -e $POLKIT_ACTION_FILE && -z $_polkit_saved ]]; then
        _polkit_saved=$TMP/org.muelle.engine.policy.host
        cp -p "$POLKIT_ACTION_FILE" "$_polkit_saved"
    fi
    _polkit_install "$MUELLE_SOURCE/packaging/polkit/org.muelle.engine.policy" "$POLKIT_ACTION_FILE"
    _polkit_install - "$POLKIT_RULES_FILE" <<EOF
// Installed by tests/integration/engine/polkit_lib.sh for one test run.
polkit.addRule(function(action, subject) {
    if (action.id != "org.muelle.engine.manage")
        return polkit.Result.NOT_HANDLED;
    polkit.log("muelle test: " + action.id + " for " + subject.user);
    if (subject.user == "$allowed")
        return polkit.Result.YES;
    if (subject.user == "$refused")
        return polkit.Result.NO;
    return polkit.Result.NOT_HANDLED;
});
EOF
    polkitd_log=$TMP/polkitd.log
    # Debug output on (no --no-debug): the log shows each rule decision.
    DBUS_SYSTEM_BUS_ADDRESS=$bus "$POLKITD" > "$polkitd_log" 2>&1 &
    polkitd_pid=$!
    POLKIT_PIDS+=("$polkitd_pid"); SERVER_LOGS+=("$polkitd_log")
    _polkit_wait_owned "$polkitd_pid" "$polkitd_log"
    log "polkitd on the private bus, pid $polkitd_pid: yes to $allowed, no to $refused"
}

# start_slow_authority SECONDS [ALLOWED...]: slow_authority.py on $bus as
# root, answering each check SECONDS after it arrives: yes for the ALLOWED
# users (names or uids), no for everyone else. Sets slow_authority_pid and
# slow_authority_log: the "asked NAME" / "answered NAME yes|no" lines (its
# own output goes to slow_authority_out).
start_slow_authority() {
    local delay=$1 allowed
    shift
    allowed=$(IFS=,; echo "$*")
    need dbus-send
    "$POLKIT_PYTHON" -c 'import dbus.mainloop.glib, gi.repository.GLib' 2>/dev/null ||
        skip "$POLKIT_PYTHON lacks dbus or gi (Debian: python3-dbus python3-gi)"
    _polkit_on_exit
    _polkit_bus_policy
    stop_polkit_authority
    slow_authority_log=$TMP/slow_authority.log
    slow_authority_out=$TMP/slow_authority.out
    : > "$slow_authority_log"
    "$POLKIT_PYTHON" "$MUELLE_SOURCE/tests/integration/engine/slow_authority.py" --bus "$bus" \
        --delay "$delay" --allow "$allowed" --log "$slow_authority_log" > "$slow_authority_out" 2>&1 &
    slow_authority_pid=$!
    POLKIT_PIDS+=("$slow_authority_pid"); SERVER_LOGS+=("$slow_authority_out" "$slow_authority_log")
    _polkit_wait_owned "$slow_authority_pid" "$slow_authority_out"
    log "slow polkit authority on the private bus, pid $slow_authority_pid: ${delay} s, yes to ${allowed:-nobody}"
}

# stop_polkit_authority: stops whichever of the two runs (the name is free
# again); the installed files stay until exit.
stop_polkit_authority() {
    local pid i
    for pid in "${POLKIT_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${POLKIT_PIDS[@]}"; do
        for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    POLKIT_PIDS=()
}
