#!/usr/bin/env bash
# The docker CLI's container commands against a Docker Engine chosen by
# ENGINE: dockerd (the reference: a private dockerd, Debian's docker.io
# 20.10, with live-restore) or muelled. The busybox test image is built
# offline (tests/images), served by muelle-registry on 127.0.0.1 and pulled.
# Most containers run without a network (--network none): the reference
# dockerd may not touch the host's firewall. Checks run (exit codes, stdin, -it through a pty, -e -w -u
# --hostname --entrypoint --read-only --tmpfs -v --mount, limits, caps,
# --rm, --restart), ps, logs, inspect, wait, stop, kill, restart,
# pause/unpause, rename, rm, container prune, exec (-i, -it, -e, -w, -u),
# top, stats (--no-stream and streaming), events; and the errors: an
# unknown image, an invalid name, a taken name, a missing bind source, a
# missing command (127), a container killed by its memory limit (OOMKilled,
# 137). muelled only: networks (the default bridge, -p on loopback and on
# the host's address, port conflicts, user-defined networks with names and
# aliases, connect/disconnect, network rm/inspect and their errors); kill -9
# of muelled while containers run (they keep running, their logs continue,
# their published ports are served again, they can be stopped), kill -9 of
# a shim (the container is reported exited).
# Env: ENGINE=dockerd|muelled, DOCKER (the CLI), DOCKERD, MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need skopeo jq curl runc
PTY_RUN=${PTY_RUN:-$(dirname "$MUELLED")/../tests/pty_run}
[[ -x $PTY_RUN ]] || fail "no pty_run at $PTY_RUN (build the pty_run target)"
need_registry

dk() { timeout -s KILL 60 "$DOCKER" "$@"; }
# status NAME: the container's state as docker inspect shows it.
state() { dk inspect --format '{{.State.Status}}' "$1"; }
# until_state NAME STATE: waits (10 s at most) for the state.
until_state() {
    local i
    for ((i = 0; i < 100; i++)); do
        [[ $(state "$1" 2>/dev/null) == "$2" ]] && return 0
        sleep 0.1
    done
    fail "$1 is $(state "$1") after 10 s, not $2"
}

start_engine_with_busybox
drun() { dk run --network none "$@"; }

log "run: output, exit codes, stdin, a TTY"
assert_eq "$(drun --rm busybox echo hello)" hello "run --rm echo"
rc=0; drun --rm busybox sh -c 'echo out; echo err >&2; exit 3' >"$TMP/out" 2>"$TMP/err" || rc=$?
assert_eq "$rc" 3 "the exit code passes through"
assert_eq "$(cat "$TMP/out")/$(cat "$TMP/err")" "out/err" "stdout and stderr kept apart"
assert_eq "$(printf 'one\ntwo\n' | drun -i --rm busybox sh -c 'cat; echo done')" $'one\ntwo\ndone' "stdin reaches the process and ends"
# The terminal's size is there from the start (HostConfig.ConsoleSize, API
# 1.42); dockerd 20.10 predates it and sets the size with the first resize.
settle=""; [[ $ENGINE == dockerd ]] && settle="sleep 1;"
tty_out=$("$PTY_RUN" 33 101 timeout -s KILL 30 $DOCKER run --network none -it --rm busybox sh -c "tty; echo \$TERM; $settle stty size") ||
    fail "run -it exited $?: $tty_out"
tty_out=$(tr -d '\r' <<<"$tty_out")
grep -q '/dev/pts/0$' <<<"$tty_out" || fail "-it: no TTY in the container: $tty_out"
grep -q 'xterm$' <<<"$tty_out" || fail "-it: TERM is not xterm: $tty_out"
grep -q '^33 101$' <<<"$tty_out" || fail "-it: the terminal's size did not reach the container: $tty_out"
pass "-it gives the process a TTY (TERM=xterm) of the client's size"

log "run options"
assert_eq "$(drun --rm -e FOO=bar -e PATH=/bin busybox sh -c 'echo $FOO:$PATH')" "bar:/bin" "-e"
assert_eq "$(drun --rm -w /etc busybox pwd)" /etc "-w"
assert_eq "$(drun --rm -u nobody busybox id -u)" 65534 "-u name"
assert_eq "$(drun --rm -u 1234:5678 busybox sh -c 'echo $(id -u):$(id -g)')" 1234:5678 "-u uid:gid"
assert_eq "$(drun --rm --hostname boat busybox sh -c 'cat /etc/hostname')" boat "--hostname"
assert_eq "$(drun --rm --entrypoint /bin/echo busybox from entrypoint)" "from entrypoint" "--entrypoint"
must_not drun --rm --read-only busybox touch /x
assert_eq "$(drun --rm --read-only --tmpfs /tmp busybox sh -c 'echo ok > /tmp/x && cat /tmp/x')" ok "--read-only with a --tmpfs"
mkdir -p "$TMP/share" && echo shared > "$TMP/share/file"
assert_eq "$(drun --rm -v "$TMP/share:/data:ro" busybox cat /data/file)" shared "-v host:container:ro"
must_not drun --rm -v "$TMP/share:/data:ro" busybox touch /data/new
drun --rm --mount "type=bind,source=$TMP/share,target=/data" busybox sh -c 'echo new > /data/new'
assert_eq "$(cat "$TMP/share/new")" new "--mount type=bind writes through"
assert_eq "$(drun --rm --memory 64m busybox cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null \
    || drun --rm --memory 64m busybox cat /sys/fs/cgroup/memory.max)" 67108864 "--memory"
assert_eq "$(drun --rm --pids-limit 12 busybox sh -c 'cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max')" 12 "--pids-limit"
assert_eq "$(drun --rm --cap-drop ALL busybox sh -c 'grep CapEff /proc/self/status')" $'CapEff:\t0000000000000000' "--cap-drop ALL"
default_caps=$(drun --rm busybox sh -c 'grep CapEff /proc/self/status')
assert_eq "$default_caps" $'CapEff:\t00000000a80425fb' "Docker's default capabilities"
[[ $(drun --rm --privileged busybox sh -c 'grep CapEff /proc/self/status') != "$default_caps" ]] || fail "--privileged kept the default caps"
pass "--privileged opens the capabilities up"
assert_eq "$(drun --rm --cpus 0.5 busybox sh -c 'cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cut -d" " -f1 /sys/fs/cgroup/cpu.max')" 50000 "--cpus"

log "detached containers: ps, logs, inspect, stop, kill, restart, pause, rename, wait, rm"
id=$(drun -d --name ticker busybox sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done')
[[ $id =~ ^[0-9a-f]{64}$ ]] || fail "run -d printed $id"
until_state ticker running
assert_eq "$(dk ps -q --no-trunc --filter name=ticker)" "$id" "ps -q --filter name"
assert_eq "$(dk ps --format '{{.Names}} {{.Image}}' --filter id="${id:0:12}")" "ticker busybox" "ps --format"
assert_eq "$(dk inspect --format '{{.Name}} {{.State.Running}} {{.Config.Image}}' ticker)" "/ticker true busybox" "inspect"
sleep 1
dk logs ticker > "$TMP/ticker.log"
assert_eq "$(head -1 "$TMP/ticker.log")" "tick 0" "logs"
assert_eq "$(dk logs --tail 2 ticker | wc -l)" 2 "logs --tail 2"
dk logs -t --tail 1 ticker | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z tick [0-9]+$' || fail "logs -t: $(dk logs -t --tail 1 ticker)"
pass "logs -t prefixes RFC 3339 times"
assert_eq "$(dk logs --since "$(($(date +%s) + 3600))" ticker | wc -l)" 0 "logs --since a time to come"
[[ $(dk logs --since 2000-01-01T00:00:00Z ticker | wc -l) -ge 2 ]] || fail "logs --since 2000: $(dk logs --since 2000-01-01T00:00:00Z ticker | wc -l) lines"
pass "logs --since"
drun -d -i --name att busybox sh -c 'read x; echo got $x' >/dev/null
until_state att running
# stdin stays open until the container has answered: Docker ends an attach's
# output when the client's stdin ends (unless the container is StdinOnce).
assert_eq "$({ echo hi; sleep 3; } | timeout -s KILL 20 "$DOCKER" attach att)" "got hi" "attach: stdin in, stdout out"
dk rm -f att >/dev/null
log "exec, top, stats"
assert_eq "$(dk exec ticker echo from exec)" "from exec" "exec"
assert_eq "$(dk exec -e X=1 -w /etc -u nobody ticker sh -c 'echo $X $(pwd) $(id -u)')" "1 /etc 65534" "exec -e -w -u"
rc=0; dk exec ticker sh -c 'exit 5' || rc=$?
assert_eq "$rc" 5 "exec passes the exit code"
assert_eq "$(printf 'in\n' | dk exec -i ticker cat)" in "exec -i"
exec_tty=$("$PTY_RUN" 40 120 timeout -s KILL 30 $DOCKER exec -it ticker sh -c "tty; $settle stty size") ||
    fail "exec -it exited $?: $exec_tty"
exec_tty=$(tr -d '\r' <<<"$exec_tty")
grep -q '/dev/pts/' <<<"$exec_tty" || fail "exec -it: no TTY: $exec_tty"
grep -q '^40 120$' <<<"$exec_tty" || fail "exec -it: the terminal's size did not reach the process: $exec_tty"
pass "exec -it"
rc=0; out=$(dk exec ticker nosuchcommand 2>&1) || rc=$?
# Docker 23+ answers 127 (not found); the reference dockerd 20.10 answers 126.
[[ $rc == 127 || ($ENGINE == dockerd && $rc == 126) ]] || fail "exec of a missing command exited $rc: $out"
pass "exec of a missing command exits 127"
# (grep -q may stop reading before the CLI has written all: no pipe here.)
top_out=$(dk top ticker)
grep -q 'while true' <<<"$top_out" || fail "top: $top_out"
pass "top lists the container's processes"
stats=$(dk stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.PIDs}}' ticker)
grep -Eq '^ticker [0-9.]+[kKMG]?i?B / [0-9.]+[kKMGT]?i?B [0-9]+$' <<<"$stats" || fail "stats --no-stream: $stats"
pass "stats --no-stream"
timeout -s KILL 4 "$DOCKER" stats --format '{{.Name}} {{.CPUPerc}}' ticker > "$TMP/stats.out" 2>&1 || true
grep -c 'ticker [0-9.]*%' "$TMP/stats.out" | awk '$1 >= 2 {ok=1} END {exit !ok}' || fail "streaming stats: $(head -c 400 "$TMP/stats.out")"
pass "stats streams a sample a second"
dk pause ticker >/dev/null
assert_eq "$(state ticker)" paused "pause"
dk unpause ticker >/dev/null
assert_eq "$(state ticker)" running "unpause"
dk rename ticker clock
assert_eq "$(dk inspect --format '{{.Name}}' "$id")" /clock "rename"
expect_error "container is running|cannot remove a running container" dk rm clock
dk stop -t 1 clock >/dev/null
assert_eq "$(state clock)" exited "stop"
assert_eq "$(dk inspect --format '{{.State.ExitCode}}' clock)" 137 "a process that ignores SIGTERM is killed after -t"
dk start clock >/dev/null
until_state clock running
dk restart -t 0 clock >/dev/null
assert_eq "$(state clock)" running "restart"
dk kill clock >/dev/null
until_state clock exited
assert_eq "$(dk inspect --format '{{.State.ExitCode}}' clock)" 137 "kill (SIGKILL)"
drun -d --name trapper busybox sh -c 'trap "exit 42" USR1; while true; do sleep 0.1; done' >/dev/null
until_state trapper running
sleep 0.3
dk kill -s USR1 trapper >/dev/null
until_state trapper exited
assert_eq "$(dk inspect --format '{{.State.ExitCode}}' trapper)" 42 "kill -s USR1 reaches the process's handler"
dk rm trapper >/dev/null
drun -d --name counter busybox sh -c 'for i in 1 2 3; do echo n$i; sleep 0.3; done' >/dev/null
assert_eq "$(dk logs -f counter | tr '\n' ' ')" "n1 n2 n3 " "logs -f follows until the container stops"
dk rm counter >/dev/null
drun -d --name sleeper busybox sleep 0.5 >/dev/null
assert_eq "$(dk wait sleeper)" 0 "wait"
drun -d --name failing busybox sh -c 'exit 7' >/dev/null
assert_eq "$(dk wait failing)" 7 "wait gives the exit code"
assert_eq "$(dk ps -a --filter exited=7 --format '{{.Names}}')" failing "ps --filter exited=7"
dk rm clock sleeper >/dev/null
expect_error "No such container: clock" dk container inspect clock
drun -d --name busy busybox sleep 100 >/dev/null
dk rm -f busy >/dev/null
expect_error "No such container: busy" dk container inspect busy
dk container prune -f >/dev/null
assert_eq "$(dk ps -aq | wc -l)" 0 "container prune removed the stopped ones"

init_cmd=$(drun --rm --init busybox sh -c 'tr "\0" " " < /proc/1/cmdline')
[[ $init_cmd == "/sbin/docker-init -- sh -c"* ]] || fail "--init: pid 1 runs '$init_cmd'"
pass "--init runs docker-init as pid 1"

log "volumes"
dk volume create data >/dev/null
assert_eq "$(dk volume ls -q --filter name=data)" data "volume create, ls"
assert_eq "$(dk volume inspect --format '{{.Driver}}' data)" local "volume inspect"
drun --rm -v data:/data busybox sh -c 'echo kept > /data/file'
assert_eq "$(drun --rm -v data:/data:ro busybox cat /data/file)" kept "a named volume keeps its files between containers"
expect_error "Read-only file system" drun --rm -v data:/data:ro busybox sh -c 'echo x > /data/other'
assert_eq "$(drun --rm -v fresh:/etc busybox sh -c 'cat /etc/passwd' | grep -c '^nobody:')" 1 \
    "a new named volume is filled from the image (copy-up)"
assert_eq "$(dk volume ls -q --filter name=fresh)" fresh "run -v NAME: makes the volume"
drun --name mnt --mount type=volume,source=mounted,target=/m busybox sh -c 'echo m > /m/f'
assert_eq "$(drun --rm --mount type=volume,source=mounted,target=/m,readonly busybox cat /m/f)" m "--mount type=volume"
drun -d --name holder -v data:/data busybox sleep 300 >/dev/null
expect_error "volume is in use" dk volume rm data
dk rm -f holder >/dev/null
id=$(drun -d -v /scratch busybox sleep 300)
anon=$(dk inspect --format '{{range .Mounts}}{{.Name}}{{end}}' "$id")
[[ $anon =~ ^[0-9a-f]{64}$ ]] || fail "-v /scratch: no anonymous volume: '$anon'"
pass "-v /path makes an anonymous volume"
dk rm -f -v "$id" >/dev/null
dk volume inspect "$anon" >/dev/null 2>&1 && fail "rm -v left the anonymous volume $anon"
pass "rm -v removes the container's anonymous volumes"
expect_error "no such volume" dk volume inspect nosuchvolume
expect_error "invalid characters" dk volume create 'bad/name'
dk rm mnt >/dev/null
dk volume rm data fresh mounted >/dev/null
dk events --since "$(date -d '-5 min' +%s)" --until "$(($(date +%s) + 1))" --filter type=volume \
    --format '{{.Actor.ID}} {{.Action}}' > "$TMP/volume-events"
for action in create mount unmount destroy; do
    grep -qx "data $action" "$TMP/volume-events" || fail "no volume $action event: $(grep data "$TMP/volume-events")"
done
pass "volume events"
assert_eq "$(dk volume ls -q | grep -cE '^(data|fresh|mounted)$' || true)" 0 "volume rm"

log "an image in use"
drun -d --name user busybox sleep 100 >/dev/null
dk rmi "$reg_addr/test/busybox:v1" >/dev/null   # one of two tags: just untagged
expect_error "must force\) - container [0-9a-f]{12} is using its referenced image" dk rmi busybox
dk rm -f user >/dev/null

log "restart policies"
drun -d --name flaky --restart on-failure:2 busybox sh -c 'exit 1' >/dev/null
for ((i = 0; i < 100; i++)); do
    [[ $(dk inspect --format '{{.RestartCount}} {{.State.Status}}' flaky) == "2 exited" ]] && break
    sleep 0.1
done
assert_eq "$(dk inspect --format '{{.RestartCount}} {{.State.Status}}' flaky)" "2 exited" "on-failure:2 restarts twice"
dk rm -f flaky >/dev/null

log "--network container:<name>"
drun -d --name netowner --hostname owner busybox busybox httpd -f -p 127.0.0.1:8080 -h /etc >/dev/null
assert_eq "$(dk run --rm --network container:netowner busybox sh -c \
    "printf 'GET /hostname HTTP/1.0\r\n\r\n' | nc -w 5 127.0.0.1 8080" | tail -1)" owner \
    "a container reaches another's loopback through its network namespace"
assert_eq "$(dk run --rm --network container:netowner busybox cat /etc/hostname)" owner "and has its hostname"
expect_error "No such container" dk run --rm --network container:nope busybox true
expect_error "conflicting options: port publishing" dk run --rm --network container:netowner -p 81:81 busybox true
dk stop -t 1 netowner >/dev/null
expect_error "cannot join network of a non running container" dk run --rm --network container:netowner busybox true
dk rm netowner >/dev/null

log "system df, info"
drun -d --name dfc -v dfvol:/v busybox sh -c 'head -c 1048576 /dev/zero > /big; head -c 2048 /dev/zero > /v/f; sleep 300' >/dev/null
until_state dfc running
sleep 1
dk system df -v > "$TMP/df"
grep -E ' dfc *$' "$TMP/df" | grep -q '1.05MB' || fail "system df -v: the container's writable layer: $(grep dfc "$TMP/df")"
pass "system df -v: a container's writable size"
grep -E '^dfvol +1 +2.048kB' "$TMP/df" >/dev/null || fail "system df -v: the volume: $(grep dfvol "$TMP/df")"
pass "system df -v: a volume's links and size"
assert_eq "$(dk info --format '{{.ContainersRunning}}')" "$(dk ps -q | wc -l)" "info counts the running containers"
assert_eq "$(dk info --format '{{.Containers}}')" "$(dk ps -aq | wc -l)" "info counts every container"
dk rm -f dfc >/dev/null
dk volume rm dfvol >/dev/null

log "update"
drun -d --name upd --memory 32m --memory-swap 64m busybox sleep 300 >/dev/null
until_state upd running
dk update --memory 48m --memory-swap 96m --pids-limit 50 --restart on-failure:3 upd >/dev/null
assert_eq "$(dk inspect --format '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}' upd)" \
    "50331648 100663296 50 on-failure:3" "update: inspect shows the new limits and restart policy"
assert_eq "$(dk exec upd sh -c 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max')" \
    50331648 "update reaches the running container's cgroup"
assert_eq "$(dk exec upd sh -c 'cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max')" 50 "update: pids limit"
expect_error "Memory limit should be smaller than already set memoryswap limit" dk update --memory 200m upd
assert_eq "$(dk inspect --format '{{.HostConfig.Memory}}' upd)" 50331648 "a refused update changes nothing"
dk rm -f upd >/dev/null

log "bad input"
expect_error "No such image: nosuch:latest" dk run --pull never --network none nosuch
expect_error "Invalid container name" dk create --name 'bad/name' busybox
dk create --name taken --network none busybox true >/dev/null
expect_error 'is already in use by container' dk create --name taken --network none busybox true
expect_error "bind source path does not exist: $TMP/missing" \
    dk run --rm --network none --mount "type=bind,source=$TMP/missing,target=/x" busybox true
rc=0; out=$(dk run --name nocmd --network none busybox nosuchcommand 2>&1) || rc=$?
assert_eq "$rc" 127 "a missing command exits 127"
grep -q 'executable file not found in $PATH' <<<"$out" || fail "missing command: $out"
pass "a missing command gives Docker's message"
expect_error "invalid" dk run --rm --network none -p 99999:80 busybox true
rc=0; drun --name hog --memory 16m --memory-swap 16m busybox sh -c 'x=a; while true; do x=$x$x; done' >/dev/null 2>&1 || rc=$?
assert_eq "$rc" 137 "a container over its memory limit is killed"
assert_eq "$(dk inspect --format '{{.State.OOMKilled}} {{.State.ExitCode}}' hog)" "true 137" "OOMKilled"

log "events"
dk events --since "$(date -d '-5 min' +%s)" --until "$(($(date +%s) + 1))" --filter type=container \
    --format '{{.Actor.Attributes.name}} {{.Action}}' > "$TMP/events"
for action in create start die oom; do
    grep -qx "hog $action" "$TMP/events" || fail "no $action event: $(grep hog "$TMP/events")"
done
pass "container events"

# The reference dockerd runs with --bridge=none --iptables=false (it must not
# touch the host's firewall), so networking is checked against muelled only.
if [[ $ENGINE == muelled ]]; then
    log "networks: the default bridge, published ports, user-defined networks"
    assert_eq "$(dk network ls --format '{{.Name}}/{{.Driver}}' | sort | tr '\n' ' ')" "bridge/bridge host/host none/null " \
        "network ls: the predefined networks"
    dk run -d --name web -p 127.0.0.1::80 -p 18080:80 busybox busybox httpd -f -p 80 -h /etc >/dev/null
    until_state web running
    web_ip=$(dk inspect --format '{{.NetworkSettings.IPAddress}}' web)
    [[ $web_ip =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "no address on the default bridge: '$web_ip'"
    assert_eq "$(dk inspect --format '{{.NetworkSettings.Networks.bridge.IPAddress}}' web)" "$web_ip" "inspect: the bridge endpoint"
    web_host=$(dk inspect --format '{{.Config.Hostname}}' web)
    loop_port=$(dk port web 80/tcp | grep '^127.0.0.1:' | cut -d: -f2)
    [[ $loop_port =~ ^[0-9]+$ ]] || fail "docker port: $(dk port web)"
    assert_eq "$(curl -s -m 5 "http://127.0.0.1:$loop_port/hostname")" "$web_host" "-p 127.0.0.1::80: a free port, through the loopback proxy"
    assert_eq "$(curl -s -m 5 http://127.0.0.1:18080/hostname)" "$web_host" "-p 18080:80 on 127.0.0.1"
    host_ip=$(ip -4 -j route get 1.1.1.1 2>/dev/null | jq -r '.[0].prefsrc // empty')
    if [[ -n $host_ip ]]; then
        assert_eq "$(curl -s -m 5 "http://$host_ip:18080/hostname")" "$web_host" "-p 18080:80 on the host's address (DNAT)"
    fi
    # nc, not wget: the static busybox's wget crashes in glibc's resolver.
    assert_eq "$(dk run --rm busybox sh -c "printf 'GET /hostname HTTP/1.0\r\n\r\n' | nc -w 5 $web_ip 80" | tail -1)" "$web_host" \
        "containers on the default bridge reach each other by address"
    gateway=$(dk network inspect bridge --format '{{(index .IPAM.Config 0).Gateway}}')
    assert_eq "$(dk run --rm busybox sh -c "ping -c 1 -W 5 $gateway >/dev/null && echo ok")" ok \
        "a container reaches its gateway"
    expect_error "Bind for 0.0.0.0:18080 failed: port is already allocated" \
        dk run -d --name web2 -p 18080:80 busybox busybox httpd -f -p 80
    dk rm -f web2 >/dev/null
    # A --rm container whose start fails (its process created, its port
    # taken) goes, as Docker removes it.
    expect_error "port is already allocated" dk run --rm --name web3 -p 18080:80 busybox true
    for ((i = 0; i < 50; i++)); do dk inspect web3 >/dev/null 2>&1 || break; sleep 0.1; done
    if dk inspect web3 >/dev/null 2>&1; then fail "a --rm container whose start failed is still there: $(state web3)"; fi
    pass "a --rm container whose start failed is removed"

    appnet_id=$(dk network create appnet)
    MUELLED_BRIDGES+=("br-${appnet_id:0:12}") # removed by the cleanup if the test stops half-way
    ip link show "br-${appnet_id:0:12}" >/dev/null || fail "no bridge br-${appnet_id:0:12} for the network"
    expect_error "network with name appnet already exists" dk network create appnet
    dk run -d --name db --network appnet --network-alias database busybox sleep 300 >/dev/null
    until_state db running
    assert_eq "$(dk run --rm --network appnet busybox sh -c 'ping -c 1 -W 5 db >/dev/null && ping -c 1 -W 5 database >/dev/null && echo ok')" ok \
        "a user-defined network: containers find each other by name and alias"
    dk run -d --name late --network appnet busybox sleep 300 >/dev/null
    until_state late running
    assert_eq "$(dk exec db sh -c 'ping -c 1 -W 5 late >/dev/null && echo ok')" ok "a container started later is found too"
    assert_eq "$(dk network inspect appnet --format '{{len .Containers}}')" 2 "network inspect lists its containers"
    expect_error "has active endpoints" dk network rm appnet
    dk network connect appnet web
    assert_eq "$(dk exec web sh -c 'ping -c 1 -W 5 db >/dev/null && echo ok')" ok "network connect of a running container"
    dk network disconnect appnet web
    expect_error "is a pre-defined network and cannot be removed" dk network rm bridge
    expect_error "network nosuchnet not found" dk run --name lost --network nosuchnet busybox true
    assert_eq "$(state lost)" created "a container on a missing network is created, not started"
    dk rm lost >/dev/null
    expect_error 'invalid network name "bad name"' dk network create 'bad name'
    expect_error 'invalid subnet "300.1.1.0/24"' dk network create --subnet 300.1.1.0/24 badsubnet
    expect_error "no matching subnet for gateway 10.99.1.1" dk network create --subnet 10.98.0.0/24 --gateway 10.99.1.1 badgw
    expect_error 'plugin "overlay" not found' dk network create -d overlay ov
    expect_error "IPv6 networks are not supported" dk network create --ipv6 v6net
    assert_eq "$(dk network ls -q --filter name=bad | wc -l)" 0 "bad network requests create nothing"
    expect_error "Pool overlaps" dk network create --subnet "$(dk network inspect appnet --format '{{(index .IPAM.Config 0).Subnet}}')" clash
    dk rm -f db late >/dev/null
    dk network rm appnet >/dev/null
    expect_error "network appnet not found" dk network inspect appnet
    ip link show "br-${appnet_id:0:12}" >/dev/null 2>&1 && fail "the network's bridge is still there"
    pass "network rm removes its bridge"
    dk events --since "$(date -d '-5 min' +%s)" --until "$(($(date +%s) + 1))" --filter type=network \
        --filter network=appnet --format '{{.Action}}' > "$TMP/network-events"
    for action in create connect disconnect destroy; do
        grep -qx "$action" "$TMP/network-events" || fail "no network $action event: $(tr '\n' ' ' < "$TMP/network-events")"
    done
    pass "network events"
    dk run -d --name pall --expose 80 -P busybox busybox httpd -f -p 80 -h /etc >/dev/null
    until_state pall running
    all_port=$(dk port pall 80/tcp)
    all_port=$(head -1 <<<"$all_port" | sed 's/.*://')
    assert_eq "$(curl -s -m 5 "http://127.0.0.1:$all_port/hostname")" "$(dk inspect --format '{{.Config.Hostname}}' pall)" \
        "-P publishes the exposed ports on free host ports"
    dk rm -f pall >/dev/null

    log "live restore: kill -9 of muelled while a container runs"
    drun -d --name survivor busybox sh -c 'i=0; while true; do echo line $i; i=$((i+1)); sleep 0.1; done' >/dev/null
    until_state survivor running
    pid_before=$(dk inspect --format '{{.State.Pid}}' survivor)
    restart_muelled engine KILL
    assert_eq "$(state survivor)" running "the container kept running"
    assert_eq "$(dk inspect --format '{{.State.Pid}}' survivor)" "$pid_before" "same process"
    sleep 0.5
    dk logs survivor > "$TMP/survivor.log"
    last=$(tail -1 "$TMP/survivor.log" | cut -d' ' -f2)
    [[ $(wc -l < "$TMP/survivor.log") -eq $((last + 1)) ]] || fail "the log has gaps: $(wc -l < "$TMP/survivor.log") lines up to $last"
    pass "the log is continuous across the restart"
    assert_eq "$(curl -s -m 5 "http://127.0.0.1:$loop_port/hostname")" "$web_host" "published ports are served again after the restart"
    dk stop -t 1 survivor >/dev/null
    assert_eq "$(state survivor)" exited "a restored container can be stopped"
    dk rm -f web >/dev/null
    curl -s -m 2 http://127.0.0.1:18080/ >/dev/null && fail "port 18080 is still served after rm -f"
    pass "a removed container's ports are freed"

    log "kill -9 of a shim"
    id=$(drun -d --name orphan busybox sleep 300)
    until_state orphan running
    shim=$(pgrep -f "muelle-shim --id $id") || fail "no shim for $id"
    kill -KILL "$shim"
    until_state orphan exited
    pass "a container whose shim died is reported exited"
    kill -0 "$(dk inspect --format '{{.State.Pid}}' orphan)" 2>/dev/null && [[ $(dk inspect --format '{{.State.Pid}}' orphan) != 0 ]] \
        && fail "its process still runs"
    pass "and its process is gone"
fi
