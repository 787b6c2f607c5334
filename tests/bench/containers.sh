#!/usr/bin/env bash
# tests/bench/containers.sh — the latency of running a container, muelled
# beside its peers in one run: `docker run --rm --network none busybox true`
# through muelled and through Debian's dockerd 20.10; `podman run --rm
# --network none` (with its own containers.conf given through
# CONTAINERS_CONF: nofile 20000:20000 and nproc 32768:32768, runtime runc,
# cgroup manager cgroupfs, events logger file, its own root and runroot);
# and the floor, `runc run` on a prepared bundle (the same busybox rootfs).
# Both engines run without a network (dockerd is started with --bridge=none
# so as not to touch the host's firewall).
# RUNS runs of each after WARMUP untimed ones, medians, in seconds; the
# order of the four rotates run by run. Then, muelled beside dockerd (and
# podman where it applies): 50 `run -d` at once; `docker logs` of a
# container that wrote 100 MiB (time, and the daemon's peak RSS while it
# reads); the daemons' CPU and RSS over 10 s with 20 running containers
# while `docker stats` streams them (the daemon, and its shims apart).
# Not part of CI; asserts nothing.
# Env: RUNS=20, WARMUP=3, MUELLED, DOCKERD, MUELLE_REGISTRY, KEEP_TMP=1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${MUELLED_LOG_LEVEL:=info}" "${DOCKERD_LOG_LEVEL:=warn}"
export MUELLED_LOG_LEVEL DOCKERD_LOG_LEVEL
source "$here/../peers/lib.sh"
: "${RUNS:=20}" "${WARMUP:=3}"
DOCKER=${DOCKER:-$(command -v docker || true)}
[[ -n $DOCKER ]] || fail "needs the docker CLI"
[[ -x $DOCKERD ]] || fail "needs dockerd at $DOCKERD (apt-get install docker.io)"
[[ -x $MUELLED ]] || fail "no muelled at $MUELLED (build it first)"
need runc podman skopeo umoci jq
need_registry

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'; }
ms() { awk -v s="$1" 'BEGIN {if (s == "n/a") print "n/a"; else printf "%.1f", s * 1000}'; }

log "the busybox image, a registry, the engines"
bb=$TMP/src-busybox
bash "$IMAGES_DIR/build-busybox.sh" "$bb" latest >/dev/null
start_muelle reg anonymous
seed "$reg_addr" anonymous test/busybox:v1 "$bb" --dest-tls-verify=false
start_muelled muelled
start_dockerd dockerd
for engine in muelled dockerd; do
    host_var="${engine}_host"
    DOCKER_HOST=${!host_var} "$DOCKER" pull -q "$reg_addr/test/busybox:v1" >/dev/null
    DOCKER_HOST=${!host_var} "$DOCKER" tag "$reg_addr/test/busybox:v1" busybox
done

# podman: its own storage and configuration, the image copied in by skopeo.
mkdir -p "$TMP/podman"
cat > "$TMP/podman/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF=$TMP/podman/containers.conf
podman_args=(--root "$TMP/podman/root" --runroot "$SHORT_TMP/pr" --storage-driver overlay)
podman "${podman_args[@]}" pull -q "oci:$bb:latest" >/dev/null 2>&1 \
    || skopeo copy -q "oci:$bb:latest" "containers-storage:[overlay@$TMP/podman/root+$SHORT_TMP/pr]localhost/busybox:latest"
podman_image=$(podman "${podman_args[@]}" images -q | head -1)

# runc: a bundle of the same image, its config from `runc spec` running true.
umoci unpack --rootless --image "$bb:latest" "$TMP/bundle" >/dev/null 2>&1 || umoci unpack --image "$bb:latest" "$TMP/bundle" >/dev/null
jq '.process.terminal = false | .process.args = ["true"] | .root.readonly = false' "$TMP/bundle/config.json" > "$TMP/bundle/c.json"
mv "$TMP/bundle/c.json" "$TMP/bundle/config.json"
runc_root=$SHORT_TMP/runc

run_one() { # ENGINE N
    case $1 in
        muelled) DOCKER_HOST=$muelled_host "$DOCKER" run --rm --network none busybox true ;;
        dockerd) DOCKER_HOST=$dockerd_host "$DOCKER" run --rm --network none busybox true ;;
        podman) podman "${podman_args[@]}" run --rm --network none "$podman_image" true ;;
        runc) runc --root "$runc_root" run --bundle "$TMP/bundle" "bench-$2" </dev/null ;;
    esac >/dev/null 2>&1
}

engines=(runc muelled dockerd podman)
declare -A times
for ((i = 0; i < WARMUP + RUNS; i++)); do
    for ((j = 0; j < ${#engines[@]}; j++)); do
        engine=${engines[(i + j) % ${#engines[@]}]}
        start=$(now)
        run_one "$engine" "$i" || fail "$engine: a run failed"
        [[ $i -lt $WARMUP ]] || times[$engine]+="$(awk -v a="$start" -v b="$(now)" 'BEGIN {print b - a}') "
    done
done

declare -A med
for engine in "${engines[@]}"; do med[$engine]=$(tr ' ' '\n' <<<"${times[$engine]}" | grep . | median); done
printf '\n%-48s %10s %10s\n' "docker run --rm busybox true (median of $RUNS)" "ms" "/ runc"
for engine in "${engines[@]}"; do
    printf '%-48s %10s %10s\n' "$engine" "$(ms "${med[$engine]}")" "$(ratio "${med[$engine]}" "${med[runc]}")"
done
printf '\nmuelled / runc = %s (target <= 1.5); dockerd / muelled = %s; podman / muelled = %s\n' \
    "$(ratio "${med[muelled]}" "${med[runc]}")" "$(ratio "${med[dockerd]}" "${med[muelled]}")" \
    "$(ratio "${med[podman]}" "${med[muelled]}")"

# --- 50 containers started at once -----------------------------------------
concurrent() { # ENGINE: seconds for 50 `run -d` in parallel
    local start pids=() i
    start=$(now)
    for ((i = 0; i < 50; i++)); do
        case $1 in
            muelled) DOCKER_HOST=$muelled_host "$DOCKER" run -d --network none --label bench=50 busybox sleep 120 ;;
            dockerd) DOCKER_HOST=$dockerd_host "$DOCKER" run -d --network none --label bench=50 busybox sleep 120 ;;
            podman) podman "${podman_args[@]}" run -d --network none --label bench=50 "$podman_image" sleep 120 ;;
        esac >/dev/null 2>&1 &
        pids+=($!)
    done
    local failed=0
    for i in "${pids[@]}"; do wait "$i" || failed=$((failed + 1)); done
    awk -v a="$start" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'
    ((failed == 0)) || printf ' (%d failed)' "$failed"
}
remove_bench() { # ENGINE
    case $1 in
        muelled) DOCKER_HOST=$muelled_host "$DOCKER" ps -aq --filter label=bench | xargs -r env DOCKER_HOST=$muelled_host "$DOCKER" rm -f ;;
        dockerd) DOCKER_HOST=$dockerd_host "$DOCKER" ps -aq --filter label=bench | xargs -r env DOCKER_HOST=$dockerd_host "$DOCKER" rm -f ;;
        podman) podman "${podman_args[@]}" rm -af ;;
    esac >/dev/null 2>&1 || true
}
log "50 containers started at once"
declare -A burst
for engine in muelled dockerd podman; do
    burst[$engine]=$(concurrent "$engine")
    remove_bench "$engine"
done
printf '\n%-48s %10s\n' "50 x run -d at once" "s"
for engine in muelled dockerd podman; do printf '%-48s %10s\n' "$engine" "${burst[$engine]}"; done

# --- docker logs of 100 MiB -------------------------------------------------
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# peak_rss PID COMMAND...: runs COMMAND, sampling PID's RSS every 20 ms; prints "seconds peak-MiB".
peak_rss() {
    local pid=$1 start peak=0 r; shift
    start=$(now)
    "$@" >/dev/null 2>&1 &
    local cmd=$!
    while kill -0 "$cmd" 2>/dev/null; do
        r=$(rss_kib "$pid"); ((r > peak)) && peak=$r
        sleep 0.02
    done
    wait "$cmd" || true
    awk -v a="$start" -v b="$(now)" -v p="$peak" 'BEGIN {printf "%.2f %.1f", b - a, p / 1024}'
}
log "docker logs of 100 MiB"
declare -A logs
line=$(printf 'x%.0s' {1..99})
for engine in muelled dockerd; do
    host_var="${engine}_host"; pid_var="${engine}_pid"
    DOCKER_HOST=${!host_var} "$DOCKER" run --name biglog --network none busybox \
        sh -c "while true; do echo $line; done | head -c 104857600" >/dev/null
    DOCKER_HOST=${!host_var} "$DOCKER" logs biglog 2>/dev/null | head -c 1 >/dev/null || true # warm the page cache
    logs[$engine]=$(peak_rss "${!pid_var}" env DOCKER_HOST=${!host_var} "$DOCKER" logs biglog)
    DOCKER_HOST=${!host_var} "$DOCKER" rm -f biglog >/dev/null
done
printf '\n%-48s %10s %14s\n' "docker logs of 100 MiB" "s" "peak RSS MiB"
for engine in muelled dockerd; do
    read -r secs peak <<<"${logs[$engine]}"
    printf '%-48s %10s %14s\n' "$engine" "$secs" "$peak"
done

# --- 20 containers while docker stats streams --------------------------------
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
rss_sum() { local t=0 p; for p in "$@"; do t=$((t + $(rss_kib "$p"))); done; awk -v k="$t" 'BEGIN {printf "%.1f", k / 1024}'; }
log "20 running containers while docker stats streams"
declare -A idle
hz=$(getconf CLK_TCK)
for engine in muelled dockerd; do
    host_var="${engine}_host"; pid_var="${engine}_pid"
    for ((i = 0; i < 20; i++)); do
        DOCKER_HOST=${!host_var} "$DOCKER" run -d --network none --label bench=20 busybox sleep 300 >/dev/null
    done
    # The daemon and its children (dockerd's containerd); the shims apart.
    daemons=("${!pid_var}" $(pgrep -P "${!pid_var}" || true))
    if [[ $engine == dockerd ]]; then
        shims=($(pgrep -f 'containerd-shim' || true))
    else
        shims=($(pgrep -f "muelle-shim .*--socket $SHORT_TMP/muelled.exec/" || true))
    fi
    DOCKER_HOST=${!host_var} timeout -s KILL 12 "$DOCKER" stats >/dev/null 2>&1 &
    stats_pid=$!
    sleep 2
    before=$(cpu_ticks "${daemons[@]}"); before_shims=$(cpu_ticks "${shims[@]}")
    sleep 10
    after=$(cpu_ticks "${daemons[@]}"); after_shims=$(cpu_ticks "${shims[@]}")
    idle[$engine]="$(awk -v a="$before" -v b="$after" -v hz="$hz" 'BEGIN {printf "%.1f", (b - a) / hz / 10 * 100}') $(rss_sum "${daemons[@]}") $(awk -v a="$before_shims" -v b="$after_shims" -v hz="$hz" 'BEGIN {printf "%.1f", (b - a) / hz / 10 * 100}') $(rss_sum "${shims[@]}") ${#shims[@]}"
    wait "$stats_pid" 2>/dev/null || true
    remove_bench "$engine"
done
printf '\n%-28s %10s %10s %12s %12s %7s\n' "20 containers + stats, 10 s" "CPU %" "RSS MiB" "shims CPU %" "shims MiB" "shims"
for engine in muelled dockerd; do
    read -r cpu rss scpu srss n <<<"${idle[$engine]}"
    printf '%-28s %10s %10s %12s %12s %7s\n' "$engine (+containerd)" "$cpu" "$rss" "$scpu" "$srss" "$n"
done | sed 's/^muelled (+containerd)/muelled             /'
